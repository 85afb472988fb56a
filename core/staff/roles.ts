/**
 * Staff roles and what each may do at the till. A cashier sells; a senior cashier also runs
 * the drawer and the X report; a manager may do everything, and approves what a cashier may
 * not do alone (manager approval, offline: a manager's PIN on the same till).
 */
export const ROLES = ['cashier', 'senior', 'manager'] as const;
export type Role = (typeof ROLES)[number];

/** Actions that need a permission; selling itself only needs someone signed in. */
export const ACTIONS = [
  'sale.voidLine',
  'sale.cancel',
  'sale.voidAfterPayment',
  'sale.cancelLarge',
  'price.override',
  'discount.manual',
  'drawer.open',
  'return.withReceipt',
  'return.withoutReceipt',
  'return.cashForCard',
  'payment.resolveInterrupted',
  'shift.open',
  'shift.cash',
  'shift.x',
  'shift.z',
] as const;
export type Action = (typeof ACTIONS)[number];

const CASHIER: readonly Action[] = ['sale.voidLine', 'sale.cancel', 'return.withReceipt', 'shift.open'];
const SENIOR: readonly Action[] = [...CASHIER, 'shift.cash', 'shift.x', 'drawer.open', 'discount.manual'];

export const PERMISSIONS: Readonly<Record<Role, ReadonlySet<Action>>> = {
  cashier: new Set(CASHIER),
  senior: new Set(SENIOR),
  manager: new Set(ACTIONS),
};

export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[role].has(action);
}

/** Five wrong PINs in a row lock that person out for five minutes. */
export const MAX_PIN_FAILURES = 5;
export const PIN_LOCK_MS = 5 * 60_000;
/** The till locks itself after this long without a keystroke or a call (a store may change it). */
export const DEFAULT_LOCK_AFTER_MS = 5 * 60_000;

/** Cancelling a sale of more than this many live lines needs a manager (a store may change it). */
export const DEFAULT_CANCEL_LINES_LIMIT = 10;
/** A manual discount deeper than this percent of what it applies to needs a manager (central sets it per store). */
export const DEFAULT_MANUAL_DISCOUNT_LIMIT = 10;
/** A manager's approval is for the next such action within this time, on this till. */
export const APPROVAL_TTL_MS = 2 * 60_000;

/** An action as a translation key: `ui.staff.actions.<key>`. */
export function actionKey(action: Action): string {
  return action.replace('.', '_');
}

/** A PIN is 4 to 8 digits. */
export const PIN_PATTERN = /^\d{4,8}$/;
