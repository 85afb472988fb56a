import { z } from 'zod';
import { text } from '../text.js';
import { SaleView } from '../sale/contract.js';

/**
 * What the cashier changes by hand, each allowed for the role or with a manager's PIN on this
 * till: a line's price, a manual discount on a line or on the sale (free up to the store's
 * limit), and opening the drawer without a sale ("No sale").
 */

const LineId = text({ min: 1, max: 64 });
/** Why: on the audit row, the receipt and the pushed sale. An empty reason is refused with its own message. */
const Reason = text({ max: 100, trim: true });

/** A percent in basis points (1250 = 12.5 %) or an amount in minor units; null takes the discount off. */
export const ManualDiscountInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('percent'), value: z.number().int() }).strict(),
  z.object({ kind: z.literal('amount'), value: z.number().int() }).strict(),
]);
export type ManualDiscountInput = z.infer<typeof ManualDiscountInput>;

/** `count`: the shift's openings so far; with no shift open (`beforeShift`), the openings waiting for the next shift to count them. */
export const NoSaleView = z.object({ at: z.string(), jobId: z.string(), count: z.number().int(), beforeShift: z.boolean() });
export type NoSaleView = z.infer<typeof NoSaleView>;

export const adjustContract = {
  /** A new unit price for a line (VAT-inclusive minor units), with a reason; the catalogue's price is kept beside it. */
  'sale.overridePrice': {
    input: z.object({ lineId: LineId, unitPrice: z.number().int(), reason: Reason }).strict(),
    output: SaleView,
  },
  'sale.discountLine': {
    input: z.object({ lineId: LineId, discount: ManualDiscountInput.nullable(), reason: Reason }).strict(),
    output: SaleView,
  },
  'sale.discountSale': {
    input: z.object({ discount: ManualDiscountInput.nullable(), reason: Reason }).strict(),
    output: SaleView,
  },
  /** Opens the cash drawer with no sale: a slip and the printer's drawer pulse, counted in the shift. */
  'drawer.noSale': { input: z.object({ reason: Reason }).strict(), output: NoSaleView },
} as const;
