import { z } from 'zod';
import { CURRENCIES, MAX_AMOUNT } from '../money.js';

/**
 * The receipt as a document: everything printed, nothing about how. The same document
 * becomes printer bytes (native/printer), the on-screen preview and the e-mail text, and is
 * what the print queue stores, so a reprint years later shows exactly what was sold.
 */
export const RECEIPT_LANGUAGES = ['en', 'ru', 'ro', 'uk'] as const;
export type ReceiptLanguage = (typeof RECEIPT_LANGUAGES)[number];

const minor = z.number().int().min(-MAX_AMOUNT).max(MAX_AMOUNT);
const text = z.string().max(200);

/**
 * A phone already masked for print: the receipt is kept in the print queue and leaves the
 * till on paper, so the schema refuses anything showing more than four of its digits.
 */
const maskedPhone = z
  .string()
  .max(24)
  .regex(/^\+?[0-9*\s-]+$/)
  .refine((s) => (s.match(/\d/g) ?? []).length <= 4, 'a receipt shows at most four digits of a phone');

const quantity = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unit'), units: z.number().int().min(1).max(9_999) }),
  z.object({ kind: z.literal('weight'), grams: z.number().int().min(1).max(100_000) }),
]);

export const receiptSchema = z.object({
  saleId: z.string().min(1).max(40),
  language: z.enum(RECEIPT_LANGUAGES),
  currency: z.enum(CURRENCIES),
  store: z.object({
    name: text,
    legalName: text,
    address: z.array(text).max(4),
    taxId: z.string().max(40),
  }),
  receiptNo: z.number().int().min(1),
  tillId: z.string().max(40),
  cashier: text,
  /** Store-local wall-clock time with its offset, e.g. 2026-03-14T15:09:26+03:00; printed as recorded. */
  issuedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/),
  lines: z
    .array(
      z.object({
        name: text,
        quantity,
        /** Per unit, or per kilogram for weighed items; VAT-inclusive minor units. */
        unitPrice: minor,
        /** What the line costs before its discounts (core/sale/sale.ts lineTotal). */
        amount: minor,
        /** Set when the cashier changed the price: the catalogue's unit price (`unitPrice` is the one sold at). */
        originalUnitPrice: minor.optional(),
        vatBasisPoints: z.number().int().min(0).max(10_000),
        discounts: z.array(z.object({ promo: text, amount: minor.refine((n) => n > 0) })).max(10),
      }),
    )
    .min(1)
    .max(500),
  /** Discounts on the whole sale (a basket promo, the cashier's manual discount), each with what gave it. */
  saleDiscounts: z.array(z.object({ promo: text, amount: minor.refine((n) => n > 0) })).max(10),
  vat: z.array(
    z.object({ basisPoints: z.number().int().min(0).max(10_000), gross: minor, net: minor, vat: minor }),
  ),
  total: minor,
  payments: z
    .array(
      z.object({
        method: z.enum(['cash', 'card', 'voucher']),
        amount: minor,
        tendered: minor,
        change: minor,
        /** A card payment: the card's last four (printed masked) and the terminal's approval code. */
        card: z.object({ last4: z.string().regex(/^\d{4}$/), approvalCode: z.string().regex(/^[A-Z0-9]{1,12}$/) }).optional(),
        /** A store-credit voucher: its code. */
        voucher: z.object({ code: z.string().regex(/^SC[A-Z0-9]{10}$/) }).optional(),
      }),
    )
    .max(20),
  customerPhone: maskedPhone.nullable(),
  /**
   * Set on a return receipt: the sale it is against and the refund (its lines are what came
   * back, `total` what was refunded); printed under RETURN / ВОЗВРАТ / RETUR, never as a sale.
   */
  refund: z
    .object({
      method: z.enum(['cash', 'card', 'storeCredit']),
      amount: minor.refine((n) => n >= 0),
      /** The receipt it is against; null for a return without a receipt (a manager approved it). */
      saleReceiptNo: z.number().int().min(1).nullable(),
      saleTillId: z.string().max(64).nullable(),
      /** A card refund: the card's share (the rest of `amount` in cash), printed masked with the approval. */
      card: z.object({ amount: minor, last4: z.string().regex(/^\d{4}$/), approvalCode: z.string().regex(/^[A-Z0-9]{1,12}$/) }).optional(),
      /** Store credit given as a voucher (core/voucher): its code, printed readable and as the receipt's QR code. */
      voucher: z.object({ code: z.string().regex(/^SC[A-Z0-9]{10}$/) }).optional(),
    })
    .optional(),
  /** `receipt`: the receipt's own QR code (OTR1:<sale>:<till>), scanned to find the sale for a return. */
  qr: z.object({ kind: z.enum(['e-receipt', 'loyalty', 'receipt', 'voucher']), data: z.string().min(1).max(300) }).nullable(),
  footer: z.array(text).max(6),
}).refine((r) => r.refund !== undefined || r.payments.length > 0, 'a sale receipt lists its payments');

export type Receipt = z.infer<typeof receiptSchema>;
export type ReceiptLine = Receipt['lines'][number];
export type ReceiptPayment = Receipt['payments'][number];

/** A cash sale opens the drawer; a card-only sale does not. */
export function isCashSale(receipt: Pick<Receipt, 'payments'>): boolean {
  return receipt.payments.some((p) => p.method === 'cash');
}

/**
 * "+79161234567" → "+7*******67": the country code and the last two digits, enough for the
 * customer to recognise her number and for nobody else to use it.
 */
export function maskPhone(e164: string): string {
  const digits = e164.replace(/\D/g, '');
  if (digits.length <= 4) return '*'.repeat(digits.length);
  const head = digits.slice(0, digits.startsWith('7') || digits.startsWith('1') ? 1 : 2);
  const tail = digits.slice(-2);
  return `+${head}${'*'.repeat(digits.length - head.length - tail.length)}${tail}`;
}
