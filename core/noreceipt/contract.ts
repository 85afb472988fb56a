import { z } from 'zod';
import { CURRENCIES } from '../money.js';
import { ReturnView } from '../returns/contract.js';
import { lineTotal } from '../sale/sale.js';
import { text } from '../text.js';

/**
 * A return without a receipt: the cashier picks what came back, a manager approves
 * (`return.withoutReceipt`), it is priced at the store's price of the day (or lower, as the
 * manager typed) and refunded the ways the store allows, up to the store's limit.
 */

export const NO_RECEIPT_METHODS = ['cash', 'storeCredit'] as const;
export type NoReceiptMethod = (typeof NO_RECEIPT_METHODS)[number];

/** The store's policy, set on central per store: how such a refund may be given, and at most how much. */
export const NoReceiptPolicy = z.object({
  methods: z.array(z.enum(NO_RECEIPT_METHODS)).min(1).max(NO_RECEIPT_METHODS.length),
  /** The most one return without a receipt may refund, in the store's minor units. */
  maxMinor: z.number().int().min(0).max(100_000_000),
});
export type NoReceiptPolicy = z.infer<typeof NoReceiptPolicy>;

/** Until central says otherwise: store credit only, up to 500.00. */
export const DEFAULT_NO_RECEIPT_POLICY: NoReceiptPolicy = { methods: ['storeCredit'], maxMinor: 50_000 };

export const NoReceiptLine = z
  .object({
    sku: text({ min: 1, max: 64 }),
    /** Units, or grams of a product sold by weight. */
    quantity: z.number().int().min(1).max(100_000),
    /** Per unit (or per kg): lower than the store's price when the manager says so; absent: the store's price. */
    unitPriceMinor: z.number().int().min(0).max(100_000_000).optional(),
  })
  .strict();
export type NoReceiptLine = z.infer<typeof NoReceiptLine>;

export const noReceiptContract = {
  /** What the store allows (the screen offers only these methods and shows the limit). */
  'return.noReceiptPolicy': { input: z.object({}).strict(), output: NoReceiptPolicy.extend({ currency: z.enum(CURRENCIES) }) },
  'return.noReceipt': {
    input: z.object({ lines: z.array(NoReceiptLine).min(1).max(100), method: z.enum(NO_RECEIPT_METHODS) }).strict(),
    output: ReturnView,
  },
} as const;

/** What a line without a receipt refunds: what the same line would cost in a sale today, at `unitPrice`. */
export function noReceiptLineRefund(qtyKind: 'unit' | 'weight', quantity: number, unitPrice: number): number {
  return lineTotal({ quantity: qtyKind === 'unit' ? { kind: 'unit', units: quantity } : { kind: 'weight', grams: quantity }, unitPrice, fixedTotal: null });
}
