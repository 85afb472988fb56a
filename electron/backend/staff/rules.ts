import type { ManualLimit, SaleService } from '../sale/sale.js';
import type { TillSettings } from '../settings.js';
import { requireAllowed } from './approval.js';
import type { PermissionRules } from './guard.js';
import type { StaffPolicy } from './policy.js';
import type { StaffSessionState } from './session.js';

/**
 * The permissions the sale's own calls need: voiding a line (after payment started, a manager's),
 * cancelling (a long sale needs a manager) and a price override. How deep manual discounts go is
 * checked by the sale itself on what each change leaves (`manualLimit`).
 */
export function saleRules(sales: SaleService, policy: StaffPolicy): PermissionRules {
  return {
    'sale.voidLine': () => (sales.paymentStarted() ? 'sale.voidAfterPayment' : 'sale.voidLine'),
    'sale.overridePrice': () => 'price.override',
    'sale.cancel': () => {
      const live = sales.current()?.lines.filter((l) => !l.voided).length ?? 0;
      return live > policy.cancelLinesOver ? 'sale.cancelLarge' : 'sale.cancel';
    },
  };
}

/**
 * The store's manual-discount limit (a percent: free up to it, a manager beyond it), held by the
 * sale (electron/backend/sale/adjust.ts `withinManualLimit`) on what the customer gets on each
 * line, the line's own discount and its share of the sale's together (core/sale/manual.ts
 * `deepestManual`), after whatever changes it: a line or sale discount in either order, a quantity
 * changed or a line voided after them (an amount then weighs more), and a scan whose promotion
 * takes from a line an amount off works on. A change that makes the sale deeper than it was,
 * beyond the limit, needs a manager (one the manager approved stays, and what does not deepen it
 * needs nobody again; taking a discount off never does).
 */
export function manualLimit(session: StaffSessionState, settings: Pick<TillSettings, 'manualDiscountLimit'>): ManualLimit {
  return {
    // The store's limit as the till knows it now (pairing brings it from central).
    over: (depth) => depth > Math.round(settings.manualDiscountLimit * 100),
    allow: () => requireAllowed(session, 'discount.manual'),
  };
}

/** The shift's calls: cash in and out and the X report for a senior cashier, the Z close for a manager. */
export const shiftRules: PermissionRules = {
  'shift.open': () => 'shift.open',
  'shift.cash': () => 'shift.cash',
  'shift.x': () => 'shift.x',
  'shift.close': () => 'shift.z',
};

/** An interrupted card operation is marked checked by a manager (who checked the terminal's journal). */
export const paymentRules: PermissionRules = {
  'payment.resolveInterrupted': () => 'payment.resolveInterrupted',
};

/**
 * A return against a receipt: a cashier may (the role says so); a store may take it away from
 * them. Cash for a card sale of another till whose approval is not known here needs a manager.
 */
export function returnRules(cashStandsForCard: (saleId: string) => boolean): PermissionRules {
  return {
    'return.commit': ({ saleId, method }) => (method === 'cash' && cashStandsForCard(saleId) ? 'return.cashForCard' : 'return.withReceipt'),
    /** Without a receipt: a manager, or a manager's PIN approving it on this till. */
    'return.noReceipt': () => 'return.withoutReceipt',
  };
}

/** Opening the drawer without a sale: a senior cashier's or a manager's. */
export const drawerRules: PermissionRules = {
  'drawer.noSale': () => 'drawer.open',
};
