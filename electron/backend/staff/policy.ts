import { z } from 'zod';
import { DEFAULT_CANCEL_LINES_LIMIT, DEFAULT_LOCK_AFTER_MS } from '../../../core/staff/roles.js';
import type { TillDatabase } from '../db.js';

/** The store's staff policy, the `staff` settings key: idle lock and the manager-approval limits. */
export const StaffPolicy = z.object({
  lockAfterMs: z.number().int().min(10_000).max(24 * 60 * 60_000).default(DEFAULT_LOCK_AFTER_MS),
  /** A sale with more live lines than this is cancelled only with a manager. */
  cancelLinesOver: z.number().int().min(0).max(500).default(DEFAULT_CANCEL_LINES_LIMIT),
});
export type StaffPolicy = z.infer<typeof StaffPolicy>;

export function readStaffPolicy(db: TillDatabase): StaffPolicy {
  const raw = db.prepare(`SELECT value FROM settings WHERE key = 'staff'`).pluck().get() as string | undefined;
  const parsed = StaffPolicy.safeParse(raw === undefined ? {} : JSON.parse(raw));
  // A policy the till cannot read falls back to the defaults, never to no policy.
  return parsed.success ? parsed.data : StaffPolicy.parse({});
}
