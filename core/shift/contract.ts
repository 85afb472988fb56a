import { z } from 'zod';
import { text } from '../text.js';
import { MAX_PIECES } from './denominations.js';
import { ShiftReport } from './report.js';

/** Shifts: open with the counted float, cash in and out, X report, Z close. */

const Empty = z.object({}).strict();
/** A drawer count: denomination in minor units → pieces. Checked against the store's currency by the backend. */
export const Counts = z.record(z.string().regex(/^\d{1,7}$/), z.number().int().min(0).max(MAX_PIECES)).refine((c) => Object.keys(c).length <= 40);

export const ShiftView = z.object({
  id: z.string(),
  status: z.enum(['open', 'closed']),
  openedAt: z.string(),
  openedBy: z.string(),
  float: z.number().int(),
  expectedCash: z.number().int(),
  salesCount: z.number().int(),
});
export type ShiftView = z.infer<typeof ShiftView>;

export const shiftContract = {
  'shift.current': { input: Empty, output: ShiftView.nullable() },
  'shift.open': { input: z.object({ float: Counts }).strict(), output: ShiftView },
  'shift.cash': {
    input: z.object({ kind: z.enum(['in', 'out']), amountMinor: z.number().int().min(1).max(1_000_000_000), reason: text({ min: 1, max: 200 }) }).strict(),
    output: ShiftView,
  },
  'shift.x': { input: Empty, output: ShiftReport },
  'shift.close': { input: z.object({ counted: Counts }).strict(), output: ShiftReport },
} as const;
