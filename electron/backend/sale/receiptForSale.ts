import { TillError } from '../../../core/errors.js';
import type { Currency } from '../../../core/money.js';
import { receiptSchema, type Receipt, type ReceiptLanguage } from '../../../core/receipt/model.js';
import { lineTotal } from '../../../core/sale/sale.js';
import type { PromoView } from '../../../core/promo/view.js';
import { localName } from '../../../core/promo/names.js';
import type { Language } from '../../../core/i18n/index.js';
import type { SaleView } from '../../../core/sale/contract.js';
import { toPriced, type LineRow, type PaymentRow } from './rows.js';
import { statement, type TillDatabase } from '../db.js';
import type { TillSettings } from '../settings.js';

/** What the receipt header says about the store: legal entity, address, tax number. */
export interface ReceiptHeader {
  readonly storeName: string;
  readonly legalName: string;
  readonly address: readonly string[];
  readonly taxId: string;
  readonly footer: readonly string[];
  /** The e-receipt link, `{saleId}` replaced by the sale's id; empty for no QR code. */
  readonly eReceiptUrl: string;
}

/** The receipt header from the store's settings; the legal name defaults to the store's name. */
export function receiptHeader(settings: TillSettings): ReceiptHeader {
  return { storeName: settings.storeName, ...settings.receipt, legalName: settings.receipt.legalName || settings.storeName };
}

interface SaleRow {
  id: string;
  till_id: string;
  cashier: string;
  currency: Currency;
  status: string;
  receipt_no: number | null;
  total_minor: number | null;
  closed_at: string | null;
}

/** Building a formatter costs far more than using one, and receipts are built inside the sale's commit. */
const wallClocks = new Map<string, Intl.DateTimeFormat>();
function wallClock(timeZone: string): Intl.DateTimeFormat {
  let format = wallClocks.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    wallClocks.set(timeZone, format);
  }
  return format;
}

/**
 * "2026-03-14T12:09:26.000Z" in Europe/Moscow → "2026-03-14T15:09:26+03:00": the receipt
 * shows the store's wall clock, and keeps the offset so the moment stays unambiguous.
 */
export function storeLocalTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  const parts = Object.fromEntries(
    wallClock(timeZone)
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  ) as Record<string, string>;
  const local = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
  const offsetMinutes = Math.round((Date.parse(`${local}Z`) - Math.floor(date.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The receipt's own QR payload (core/scan/resolve.ts reads it back as kind 'receipt'). */
export function receiptCode(saleId: string, tillId: string): string {
  return `OTR1:${saleId}:${tillId}`;
}

/**
 * The receipt document of a completed sale, from what the sale committed: its live lines,
 * payments and the VAT rows frozen at completion. Line names in the receipt's language
 * (Ukrainian receipts use the Russian names until the catalogue carries Ukrainian ones).
 */
export function receiptForSale(
  db: TillDatabase,
  saleId: string,
  options: {
    readonly header: ReceiptHeader;
    readonly language: ReceiptLanguage;
    readonly timeZone: string;
    readonly customerPhone?: string | null;
    /** The promotions frozen with the sale (electron/backend/promo): each line's discounts, by promotion name. */
    readonly promo?: PromoView;
    /** The completed sale's view: the cashier's manual discounts (each line's, and the sale's) with their reasons. */
    readonly sale?: SaleView;
  },
): Receipt {
  const sale = statement(db, 'SELECT * FROM sales WHERE id = ?').get(saleId) as SaleRow | undefined;
  if (!sale || sale.status !== 'completed' || sale.receipt_no === null || sale.total_minor === null || sale.closed_at === null) {
    throw new TillError('PRINT_JOB_NOT_FOUND', { saleId });
  }
  const lines = statement(db, 'SELECT * FROM sale_lines WHERE sale_id = ? AND voided_at IS NULL ORDER BY position').all(saleId) as LineRow[];
  const payments = statement(db, 'SELECT * FROM payments WHERE sale_id = ? ORDER BY id').all(saleId) as PaymentRow[];
  const vat = statement(db, 'SELECT * FROM sale_vat WHERE sale_id = ? ORDER BY vat_basis_points DESC').all(saleId) as {
    vat_basis_points: number;
    gross_minor: number;
    net_minor: number;
    vat_minor: number;
  }[];
  const manualOf = (lineId: string): { promo: string; amount: number }[] => {
    const manual = options.sale?.lines.find((l) => l.id === lineId)?.manual;
    return manual && manual.amount > 0 ? [{ promo: manual.reason, amount: manual.amount }] : [];
  };
  // Product names exist in en, ru and ro: a receipt in another language (uk) names products, and campaigns alike, in Russian.
  const names: Language = options.language === 'en' || options.language === 'ro' ? options.language : 'ru';
  const discountsOf = (lineId: string): { promo: string; amount: number }[] => [
    ...(options.promo?.applied ?? []).flatMap((a) => a.lines.filter((l) => l.lineId === lineId).map((l) => ({ promo: localName(a, names).slice(0, 200), amount: l.discount }))),
    ...manualOf(lineId),
  ];
  const saleManual = options.sale?.manual;
  const nameOf = (l: LineRow): string => ({ en: l.name_en, ru: l.name_ru, ro: l.name_ro })[names];
  const { header } = options;
  return receiptSchema.parse({
    saleId,
    language: options.language,
    currency: sale.currency,
    store: { name: header.storeName, legalName: header.legalName, address: [...header.address], taxId: header.taxId },
    receiptNo: sale.receipt_no,
    tillId: sale.till_id,
    cashier: sale.cashier,
    issuedAt: storeLocalTime(sale.closed_at, options.timeZone),
    lines: lines.map((l) => {
      const priced = toPriced(l);
      return {
        name: nameOf(l),
        quantity: priced.quantity,
        unitPrice: priced.unitPrice,
        amount: lineTotal(priced),
        ...(l.original_unit_price_minor !== null ? { originalUnitPrice: l.original_unit_price_minor } : {}),
        vatBasisPoints: priced.vatBasisPoints,
        discounts: discountsOf(l.id),
      };
    }),
    saleDiscounts: saleManual && saleManual.amount > 0 ? [{ promo: saleManual.reason, amount: saleManual.amount }] : [],
    vat: vat.map((v) => ({ basisPoints: v.vat_basis_points, gross: v.gross_minor, net: v.net_minor, vat: v.vat_minor })),
    total: sale.total_minor,
    payments: payments.map((p) => ({
      method: p.method,
      amount: p.amount_minor,
      tendered: p.tendered_minor,
      change: p.change_minor,
      ...(p.approval_code && p.card_last4 ? { card: { last4: p.card_last4, approvalCode: p.approval_code } } : {}),
      ...(p.voucher_code ? { voucher: { code: p.voucher_code } } : {}),
    })),
    customerPhone: options.customerPhone ?? null,
    // Without an e-receipt link the receipt carries its own code, which a return scans to find the sale.
    qr: header.eReceiptUrl ? { kind: 'e-receipt', data: header.eReceiptUrl.replace('{saleId}', saleId) } : { kind: 'receipt', data: receiptCode(saleId, sale.till_id) },
    footer: [...header.footer],
  });
}
