import type { Currency } from '../money.js';
import type { ReceiptLanguage } from './model.js';

/**
 * Receipt wording per language. It lives beside the receipt rather than in the UI
 * catalogues: a receipt is printed in the store's language whatever the cashier's screen says.
 */
export interface ReceiptLabels {
  readonly receiptNo: string;
  readonly till: string;
  readonly cashier: string;
  readonly taxId: string;
  readonly pieces: string;
  readonly kilograms: string;
  readonly discount: string;
  /** Under a line whose price the cashier changed: the catalogue's price it had. */
  readonly priceWas: string;
  /** Under the total, when promotions took something off: what the customer saved. */
  readonly saved: string;
  readonly total: string;
  readonly vat: string;
  readonly vatOf: string;
  readonly cash: string;
  readonly card: string;
  /** The card terminal's approval code. */
  readonly approval: string;
  readonly change: string;
  readonly customer: string;
  readonly copy: string;
  /** A return receipt: the banner, its own number, the sale it is against, the refund and where it went. */
  readonly returnBanner: string;
  readonly returnNo: string;
  readonly forReceipt: string;
  /** A return with no receipt to name (a manager approved it). */
  readonly noReceipt: string;
  /** A store-credit voucher printed on a return receipt: its title and how to spend it. */
  readonly voucher: string;
  readonly voucherHint: string;
  /** A payment by voucher. */
  readonly voucherPaid: string;
  readonly refund: string;
  readonly storeCredit: string;
  /** The ESC/POS code pages have no ₽ (and not every printer has €): currencies print as text. */
  readonly currency: Readonly<Record<Currency, string>>;
}

export const RECEIPT_LABELS: Readonly<Record<ReceiptLanguage, ReceiptLabels>> = {
  en: {
    receiptNo: 'Receipt',
    till: 'Till',
    cashier: 'Cashier',
    taxId: 'Tax ID',
    pieces: 'pcs',
    kilograms: 'kg',
    discount: 'Discount',
    priceWas: 'Price was',
    saved: 'You saved',
    total: 'TOTAL',
    vat: 'VAT',
    vatOf: 'of',
    cash: 'Cash',
    card: 'Card',
    approval: 'Approval code',
    change: 'Change',
    customer: 'Customer',
    copy: 'COPY',
    returnBanner: 'RETURN',
    returnNo: 'Return',
    forReceipt: 'For receipt',
    noReceipt: 'Without a receipt (manager approved)',
    voucher: 'STORE CREDIT VOUCHER',
    voucherHint: 'Pay with it at any of our stores',
    voucherPaid: 'Voucher',
    refund: 'REFUND',
    storeCredit: 'Store credit',
    currency: { RUB: 'RUB', UAH: 'UAH', RON: 'RON', MDL: 'MDL', EUR: 'EUR' },
  },
  ru: {
    receiptNo: 'Чек №',
    till: 'Касса',
    cashier: 'Кассир',
    taxId: 'ИНН',
    pieces: 'шт',
    kilograms: 'кг',
    discount: 'Скидка',
    priceWas: 'Цена была',
    saved: 'Ваша экономия',
    total: 'ИТОГО',
    vat: 'НДС',
    vatOf: 'с',
    cash: 'Наличные',
    card: 'Карта',
    approval: 'Код авторизации',
    change: 'Сдача',
    customer: 'Покупатель',
    copy: 'КОПИЯ',
    returnBanner: 'ВОЗВРАТ',
    returnNo: 'Возврат №',
    forReceipt: 'По чеку №',
    noReceipt: 'Без чека (одобрено менеджером)',
    voucher: 'ВАУЧЕР КРЕДИТА МАГАЗИНА',
    voucherHint: 'Оплачивайте им в любом нашем магазине',
    voucherPaid: 'Ваучер',
    refund: 'ВОЗВРАТ СРЕДСТВ',
    storeCredit: 'Кредит магазина',
    currency: { RUB: 'руб.', UAH: 'грн', RON: 'лей', MDL: 'лей', EUR: 'EUR' },
  },
  ro: {
    receiptNo: 'Bon nr.',
    till: 'Casa',
    cashier: 'Casier',
    taxId: 'CIF',
    pieces: 'buc',
    kilograms: 'kg',
    discount: 'Reducere',
    priceWas: 'Preț inițial',
    saved: 'Ați economisit',
    total: 'TOTAL',
    vat: 'TVA',
    vatOf: 'din',
    cash: 'Numerar',
    card: 'Card',
    approval: 'Cod autorizare',
    change: 'Rest',
    customer: 'Client',
    copy: 'COPIE',
    returnBanner: 'RETUR',
    returnNo: 'Retur nr.',
    forReceipt: 'La bonul nr.',
    noReceipt: 'Fără bon (aprobat de manager)',
    voucher: 'VOUCHER CREDIT MAGAZIN',
    voucherHint: 'Plătiți cu el în oricare magazin al nostru',
    voucherPaid: 'Voucher',
    refund: 'RAMBURSARE',
    storeCredit: 'Credit la magazin',
    currency: { RUB: 'RUB', UAH: 'UAH', RON: 'lei', MDL: 'lei', EUR: 'EUR' },
  },
  uk: {
    receiptNo: 'Чек №',
    till: 'Каса',
    cashier: 'Касир',
    taxId: 'ІПН',
    pieces: 'шт',
    kilograms: 'кг',
    discount: 'Знижка',
    priceWas: 'Ціна була',
    saved: 'Ваша економія',
    total: 'СУМА',
    vat: 'ПДВ',
    vatOf: 'з',
    cash: 'Готівка',
    card: 'Картка',
    approval: 'Код авторизації',
    change: 'Решта',
    customer: 'Покупець',
    copy: 'КОПІЯ',
    returnBanner: 'ПОВЕРНЕННЯ',
    returnNo: 'Повернення №',
    forReceipt: 'За чеком №',
    noReceipt: 'Без чека (схвалено менеджером)',
    voucher: 'ВАУЧЕР КРЕДИТУ МАГАЗИНУ',
    voucherHint: 'Сплачуйте ним у будь-якому нашому магазині',
    voucherPaid: 'Ваучер',
    refund: 'ПОВЕРНЕННЯ КОШТІВ',
    storeCredit: 'Кредит магазину',
    currency: { RUB: 'руб.', UAH: 'грн', RON: 'RON', MDL: 'MDL', EUR: 'EUR' },
  },
};
