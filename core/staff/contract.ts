import { z } from 'zod';
import { text } from '../text.js';
import { ACTIONS, ROLES } from './roles.js';

/** Staff at the till: who is signed in, sign-in by PIN or staff card, lock, sign-out. */

const Empty = z.object({}).strict();
/** A PIN as typed: digits only is checked by the backend, so a wrong format gets its own message. */
const Pin = z.string().max(32);

export const StaffMember = z.object({ id: z.string(), name: z.string(), role: z.enum(ROLES) });
export type StaffMember = z.infer<typeof StaffMember>;

export const SessionView = z.object({
  /** 'open': someone is signed in; 'locked': they were, the screen waits for their PIN; 'signedOut': nobody. */
  state: z.enum(['open', 'locked', 'signedOut']),
  person: StaffMember.nullable(),
  /** False on a till whose cache holds no staff yet (before its first sync): it sells as the configured cashier. */
  required: z.boolean(),
  /** Who may sign in at this till, for the sign-in screen. */
  staff: z.array(StaffMember),
  /** The till locks after this long without activity. */
  lockAfterMs: z.number().int(),
  /** A manual discount up to this percent needs no manager (the store's, from central). */
  discountLimit: z.number(),
});
export type SessionView = z.infer<typeof SessionView>;

export const ApprovalView = z.object({
  approvalId: z.string(),
  action: z.enum(ACTIONS),
  approver: StaffMember,
  expiresAt: z.string(),
});
export type ApprovalView = z.infer<typeof ApprovalView>;

export const staffContract = {
  /**
   * A manager's PIN on this till, checked against the cache (offline): approves the next
   * `action` of the signed-in cashier. Audited and pushed to central.
   */
  'approval.grant': {
    input: z.object({ action: z.enum(ACTIONS), staffId: text({ min: 1, max: 64 }), pin: Pin }).strict(),
    output: ApprovalView,
  },
  'staff.session': { input: Empty, output: SessionView },
  'staff.signIn': {
    input: z.union([z.object({ staffId: text({ min: 1, max: 64 }), pin: Pin }).strict(), z.object({ card: text({ min: 1, max: 128 }) }).strict()]),
    output: SessionView,
  },
  'staff.lock': { input: Empty, output: SessionView },
  'staff.signOut': { input: Empty, output: SessionView },
} as const;
