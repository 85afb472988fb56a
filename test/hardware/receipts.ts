import { lineTotal, saleTotals, type PricedLine } from '../../core/sale/sale.js';
import type { Currency } from '../../core/money.js';
import { maskPhone, type Receipt, type ReceiptLanguage } from '../../core/receipt/model.js';
import type { ReceiptHeader } from '../../electron/backend/sale/receiptForSale.js';

interface Item {
  readonly name: string;
  readonly line: Omit<PricedLine, 'voided'>;
  readonly promo?: { readonly name: string; readonly amount: number };
}

/** Catalogue names with every letter our markets print: Cyrillic incl. ё/й/ъ, Ukrainian і/ї/є/ґ, Romanian ă/â/î/ș/ț in both cases. */
const ITEMS: Readonly<Record<ReceiptLanguage, readonly Item[]>> = {
  ru: [
    { name: 'Хлеб «Бородинский» нарезка, 400 г', line: { quantity: { kind: 'unit', units: 2 }, unitPrice: 6490, fixedTotal: null, vatBasisPoints: 1000 } },
    { name: 'Ёлочная игрушка — шар; ЪЫЬЭЮЯ щука', line: { quantity: { kind: 'unit', units: 1 }, unitPrice: 29900, fixedTotal: null, vatBasisPoints: 2200 }, promo: { name: 'ВЕСНА-10', amount: 2990 } },
    { name: 'Сыр российский, весовой', line: { quantity: { kind: 'weight', grams: 354 }, unitPrice: 89900, fixedTotal: null, vatBasisPoints: 1000 } },
  ],
  uk: [
    { name: 'Хліб житній «Їжак», ґатунок І', line: { quantity: { kind: 'unit', units: 3 }, unitPrice: 2850, fixedTotal: null, vatBasisPoints: 2000 } },
    { name: 'Єгипетський чай, пакетики', line: { quantity: { kind: 'unit', units: 1 }, unitPrice: 7400, fixedTotal: null, vatBasisPoints: 2000 }, promo: { name: 'ЗИМА', amount: 500 } },
  ],
  ro: [
    { name: 'Pâine albă feliată, 500 g', line: { quantity: { kind: 'unit', units: 2 }, unitPrice: 450, fixedTotal: null, vatBasisPoints: 1100 } },
    { name: 'Șnițel de porc „Țăranesc” ÎNGHEȚAT', line: { quantity: { kind: 'unit', units: 1 }, unitPrice: 2399, fixedTotal: null, vatBasisPoints: 2100 }, promo: { name: 'PRIMĂVARĂ-15', amount: 360 } },
    { name: 'Brânză de vaci, la kilogram; ȘȚĂÂÎ șțăâî', line: { quantity: { kind: 'weight', grams: 1250 }, unitPrice: 3190, fixedTotal: null, vatBasisPoints: 1100 } },
  ],
  en: [
    { name: 'Sourdough loaf – 800 g', line: { quantity: { kind: 'unit', units: 1 }, unitPrice: 499, fixedTotal: null, vatBasisPoints: 2000 } },
    { name: "Barista's oat milk, 1 l (café édition)", line: { quantity: { kind: 'unit', units: 4 }, unitPrice: 275, fixedTotal: null, vatBasisPoints: 2000 }, promo: { name: 'OAT4LESS', amount: 100 } },
    { name: 'Loose apples', line: { quantity: { kind: 'weight', grams: 812 }, unitPrice: 249, fixedTotal: null, vatBasisPoints: 500 } },
  ],
};

const STORES: Readonly<Record<ReceiptLanguage, { currency: Currency; store: Receipt['store']; cashier: string; footer: string[] }>> = {
  ru: {
    currency: 'RUB',
    store: { name: 'Омнитилл на Тверской', legalName: 'ООО «Омнитилл Ритейл»', address: ['г. Москва, ул. Тверская, д. 12, стр. 1'], taxId: '7707083893' },
    cashier: 'Анна Щёголева',
    footer: ['Спасибо за покупку!', 'Обмен и возврат — 14 дней'],
  },
  uk: {
    currency: 'UAH',
    store: { name: 'Омнітілл Поділ', legalName: 'ТОВ «Омнітілл Україна»', address: ['м. Київ, вул. Сагайдачного, 25'], taxId: '3456789012' },
    cashier: 'Ґалина Їжакевич',
    footer: ['Дякуємо за покупку!'],
  },
  ro: {
    currency: 'RON',
    store: { name: 'Omnitill Iași', legalName: 'Omnitill Retail S.R.L.', address: ['Str. Ștefan cel Mare și Sfânt 4', 'Iași, România'], taxId: 'RO12345678' },
    cashier: 'Ioana Țîrlea',
    footer: ['Vă mulțumim! Returul în 14 zile.'],
  },
  en: {
    currency: 'EUR',
    store: { name: 'Omnitill Demo Store', legalName: 'Omnitill Retail Ltd', address: ['1 High Street, Chișinău'], taxId: 'MD1003600012345' },
    cashier: 'Sam',
    footer: ['Thank you!'],
  },
};

/** A completed sale's receipt, computed with the same core functions the sale uses. */
export function sampleReceipt(language: ReceiptLanguage, options: { cash?: boolean; saleId?: string; receiptNo?: number; lines?: number } = {}): Receipt {
  const base = ITEMS[language];
  const items = Array.from({ length: options.lines ?? base.length }, (_, i) => base[i % base.length] as Item);
  const shop = STORES[language];
  const lines = items.map((item) => {
    const amount = lineTotal(item.line);
    return {
      name: item.name,
      quantity: item.line.quantity,
      unitPrice: item.line.unitPrice,
      amount,
      vatBasisPoints: item.line.vatBasisPoints,
      discounts: item.promo ? [{ promo: item.promo.name, amount: item.promo.amount }] : [],
    };
  });
  const totals = saleTotals(
    items.map((item) => ({
      ...item.line,
      fixedTotal: lineTotal(item.line) - (item.promo?.amount ?? 0),
      voided: false,
    })),
    shop.currency,
  );
  const cash = options.cash ?? true;
  const tendered = cash ? Math.ceil(totals.total / 10_000) * 10_000 : totals.total;
  return {
    saleId: options.saleId ?? '01JQ0000000000000000000000',
    language,
    currency: shop.currency,
    store: shop.store,
    receiptNo: options.receiptNo ?? 1042,
    tillId: 'T-02',
    cashier: shop.cashier,
    issuedAt: '2026-03-14T15:09:26+03:00',
    lines,
    saleDiscounts: [],
    vat: totals.vat,
    total: totals.total,
    payments: [cash ? { method: 'cash', amount: totals.total, tendered, change: tendered - totals.total } : { method: 'card', amount: totals.total, tendered: totals.total, change: 0 }],
    customerPhone: maskPhone(language === 'ro' ? '+40721234567' : '+79161234567'),
    qr: { kind: 'e-receipt', data: `https://r.omnitill.example/e/${options.saleId ?? '01JQ0000000000000000000000'}` },
    footer: shop.footer,
  };
}

/** The header of the demo store whose sales the queue tests and the benchmark print. */
export const HEADER: ReceiptHeader = {
  storeName: 'Omnitill Chișinău',
  legalName: 'Omnitill Retail S.R.L.',
  address: ['bd. Ștefan cel Mare și Sfânt 1'],
  taxId: '1003600012345',
  footer: ['Vă mulțumim!'],
  eReceiptUrl: 'https://r.omnitill.example/e/{saleId}',
};
