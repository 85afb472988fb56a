import { z } from 'zod';
import { CURRENCIES } from '../money.js';

const Minor = z.number().int();

/**
 * An X or Z report: the shift's running totals at one moment. The Z report is the same, frozen
 * at close with the counted cash; both come from totals kept as the shift goes, never a scan
 * of its sales.
 */
export const ShiftReport = z.object({
  kind: z.enum(['X', 'Z']),
  shiftId: z.string(),
  zNo: z.number().int().nullable(),
  tillId: z.string(),
  storeId: z.string(),
  currency: z.enum(CURRENCIES),
  openedAt: z.string(),
  openedBy: z.string(),
  at: z.string(),
  by: z.string(),
  float: Minor,
  sales: z.object({ count: z.number().int(), gross: Minor }),
  returns: z.object({ count: z.number().int(), gross: Minor }),
  discounts: Minor,
  /** Times the drawer was opened without a sale ("No sale"); absent from reports frozen before it was counted. */
  noSales: z.number().int().default(0),
  /** "No sale" while no shift was open, counted by the shift opened next; absent from reports frozen before it was counted. */
  noSalesBeforeShift: z.number().int().default(0),
  /** Store-credit vouchers: given by returns, and taken as payment; absent from reports frozen before vouchers. */
  storeCredit: z.object({ issued: Minor, taken: Minor }).default({ issued: 0, taken: 0 }),
  /** Takings per payment method (cash net of change). */
  payments: z.array(z.object({ method: z.string(), amount: Minor })),
  vat: z.array(z.object({ basisPoints: z.number().int(), gross: Minor, net: Minor, vat: Minor })),
  cashIn: Minor,
  cashOut: Minor,
  expectedCash: Minor,
  /** Z only: what was counted in the drawer, and counted minus expected. */
  countedCash: Minor.nullable(),
  difference: Minor.nullable(),
  /**
   * Card charges and refunds the till was cut off in during the shift (a crash mid-terminal):
   * how many, for how much, and how many nobody has settled yet. Absent from older reports.
   */
  interrupted: z.object({ count: z.number().int(), amount: Minor, open: z.number().int() }).default({ count: 0, amount: 0, open: 0 }),
});
export type ShiftReport = z.infer<typeof ShiftReport>;
