import { z } from 'zod';
import { CURRENCIES } from '../money.js';
import { MAX_SCAN_CHARS } from '../scan/resolve.js';
import { text } from '../text.js';

/** Returns and refunds: find a sale by its receipt, return lines of it, refund to the method it was paid with. */

const Minor = z.number().int();
const Names = z.object({ en: z.string(), ru: z.string(), ro: z.string() });

export const REFUND_METHODS = ['cash', 'card', 'storeCredit'] as const;
export type RefundMethod = (typeof REFUND_METHODS)[number];

export const ReturnableLine = z.object({
  lineId: z.string(),
  position: z.number().int(),
  sku: z.string(),
  names: Names,
  qtyKind: z.enum(['unit', 'weight']),
  /** Units, or grams of a weighed line. */
  quantity: z.number().int(),
  /** Per unit, or per kilogram of a weighed line, before discounts. */
  unitPrice: Minor,
  /** Already returned, in the same unit. */
  returned: z.number().int(),
  /** What the customer paid for the whole line: its total less its share of the discounts. */
  paid: Minor,
  vatBasisPoints: z.number().int(),
});
export type ReturnableLine = z.infer<typeof ReturnableLine>;

/** A completed sale as a return sees it: what was sold, what is already back, how it was paid. */
export const ReturnableSale = z.object({
  saleId: z.string(),
  tillId: z.string(),
  storeId: z.string(),
  receiptNo: z.number().int(),
  completedAt: z.string(),
  currency: z.enum(CURRENCIES),
  /** Where it was found: this till's own records, or central (another till or store of the chain). */
  source: z.enum(['till', 'central']),
  customerId: z.string().nullable(),
  total: Minor,
  /** The methods a refund of this sale may go to: the ones it was paid with (store credit always). */
  refundMethods: z.array(z.enum(REFUND_METHODS)),
  /**
   * Paid by card at another till, and central does not hold the card's approval: no card refund
   * (the screen says why); cash is offered instead, with a manager's approval.
   */
  cardApprovalUnknown: z.boolean(),
  lines: z.array(ReturnableLine),
});
export type ReturnableSale = z.infer<typeof ReturnableSale>;

export const ReturnView = z.object({
  returnId: z.string(),
  returnNo: z.number().int(),
  saleId: z.string().nullable(),
  method: z.enum(REFUND_METHODS),
  refund: Minor,
  currency: z.enum(CURRENCIES),
  lines: z.array(z.object({ lineId: z.string().nullable(), sku: z.string(), names: Names, quantity: z.number().int(), refund: Minor })),
  /** Everything on the receipt is back now: central rolls back the sale's single-use codes when the op arrives. */
  complete: z.boolean(),
  /** A card refund: the card's share (the rest of `refund` went in cash), its last four and the terminal's approval. */
  card: z.object({ amount: Minor, cardLast4: z.string(), approvalCode: z.string() }).nullable(),
  /** Store credit: the voucher's code (core/voucher), printed on the return receipt. */
  voucherCode: z.string().nullable().optional(),
});
export type ReturnView = z.infer<typeof ReturnView>;

const LineQuantity = z.object({ lineId: text({ min: 1, max: 64 }), quantity: z.number().int().min(1).max(100_000) }).strict();

export const returnContract = {
  /** A receipt's QR (any input path) or a receipt number typed: this till first, then central when online. */
  'return.find': { input: z.object({ query: z.string().max(MAX_SCAN_CHARS) }).strict(), output: ReturnableSale },
  'return.commit': {
    input: z
      .object({ saleId: text({ min: 1, max: 64 }), lines: z.array(LineQuantity).min(1).max(500), method: z.enum(REFUND_METHODS) })
      .strict(),
    output: ReturnView,
  },
} as const;
