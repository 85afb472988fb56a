import type { Method, ParsedInput } from '../../../core/rpc/contract.js';
import type { Action } from '../../../core/staff/roles.js';
import type { Handlers } from '../rpc.js';
import { requireAllowed } from './approval.js';
import { requireActive, type StaffSessionState } from './session.js';

/** Which permission a call needs, if any, decided from its input and the till's state. */
export type PermissionRules = { readonly [M in Method]?: (input: ParsedInput<M>) => Action | null };

/**
 * What a person does at the till needs someone signed in and the till not locked: every method
 * of these features. Reading the open sale and the last receipt stays open (the screens restore
 * them at start-up, behind the sign-in screen); the till's info, events, sync and hardware
 * status are the till's, not a person's.
 */
const GUARDED_PREFIXES = ['sale.', 'catalog.', 'customer.', 'promo.', 'shift.', 'return.', 'payment.', 'approval.', 'drawer.'];
const OPEN_METHODS: ReadonlySet<string> = new Set(['sale.current', 'sale.lastCompleted']);

export function isGuarded(method: string): boolean {
  return !OPEN_METHODS.has(method) && GUARDED_PREFIXES.some((p) => method.startsWith(p));
}

/**
 * The handlers with the sign-in check in front of every guarded one, and the permission check
 * (the role, or a manager's approval on this till) in front of those the rules name. The approval
 * used is on the session while the handler runs (`approvedBy`).
 */
export function guardHandlers(handlers: Handlers, session: StaffSessionState, rules: PermissionRules = {}): Handlers {
  const guarded = { ...handlers } as unknown as Record<string, (input: unknown) => unknown>;
  for (const method of Object.keys(handlers) as Method[]) {
    if (!isGuarded(method)) continue;
    const handler = handlers[method] as (input: unknown) => unknown;
    const rule = rules[method] as ((input: unknown) => Action | null) | undefined;
    guarded[method] = (input) => {
      requireActive(session);
      const action = rule?.(input) ?? null;
      session.approvedBy = action !== null ? requireAllowed(session, action) : null;
      try {
        return handler(input);
      } finally {
        // Only the call it was used for may name it: what runs after (or after an await) sees none.
        session.approvedBy = null;
      }
    };
  }
  return guarded as unknown as Handlers;
}
