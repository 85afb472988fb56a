import { z } from 'zod';

/** Paying with a store-credit voucher: part or all of the open sale; the rest of the voucher stays on it. */

export const HeldVoucherView = z.object({
  spendId: z.string(),
  code: z.string(),
  amount: z.number().int(),
  /** What is left on it after this spend, as central said; null when taken offline. */
  balance: z.number().int().nullable(),
  offline: z.boolean(),
});
export type HeldVoucherView = z.infer<typeof HeldVoucherView>;

export const voucherContract = {
  /** `amountMinor` absent: as much of what is left to pay as the voucher holds (online), or all of it. */
  'voucher.apply': {
    input: z.object({ code: z.string().max(64), amountMinor: z.number().int().min(1).max(1_000_000_000).optional() }).strict(),
    output: HeldVoucherView,
  },
  /**
   * Takes a voucher off the open sale: its amount goes back on the voucher (through central, or
   * here for this till's own or one taken offline, central told later). The vouchers still held.
   */
  'voucher.remove': {
    input: z.object({ spendId: z.string().min(1).max(64) }).strict(),
    output: z.array(HeldVoucherView),
  },
} as const;
