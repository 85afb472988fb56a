import type { SaleService } from '../sale/sale.js';
import type { PermissionRules } from './guard.js';
import type { StaffPolicy } from './policy.js';
import type { TillSettings } from '../settings.js';
import type { Action } from '../../../core/staff/roles.js';
import type { ManualDiscount } from '../../../core/sale/manual.js';

/**
 * The permissions the sale's own calls need: voiding a line (after payment started, a manager's),
 * cancelling (a long sale needs a manager), a price override, and manual discounts deeper than
 * the store's limit. The limit is checked on what the customer gets on each line, the line's own
 * discount and its share of the sale's together (core/sale/manual.ts `deepestManual`), after
 * whatever changes it: a line or sale discount in either order, and a quantity changed or a line
 * voided after them (an amount then weighs more). Up to the limit anyone selling may; beyond it,
 * a change that makes the sale deeper than it was needs a manager (one the manager approved
 * stays, and what does not deepen it needs nobody again; taking a discount off never does).
 */
export function saleRules(sales: SaleService, policy: StaffPolicy, settings: Pick<TillSettings, 'manualDiscountLimit'>): PermissionRules {
  // The store's limit as the till knows it now (pairing brings it from central).
  const deeper = (change: () => unknown): boolean => {
    const { before, after } = sales.manualDepthIf(change);
    return after > Math.round(settings.manualDiscountLimit * 100) && after > before;
  };
  const discount = (lineId: string | null, given: ManualDiscount | null, reason: string): Action | null =>
    given !== null && deeper(() => sales.giveDiscount(lineId, given, reason)) ? 'discount.manual' : null;
  return {
    'sale.voidLine': ({ lineId }) => {
      if (sales.paymentStarted()) return 'sale.voidAfterPayment';
      return deeper(() => sales.voidLine(lineId)) ? 'discount.manual' : 'sale.voidLine';
    },
    'sale.setQuantity': ({ lineId, quantity }) => (deeper(() => sales.setQuantity(lineId, quantity)) ? 'discount.manual' : null),
    'sale.overridePrice': () => 'price.override',
    'sale.discountLine': ({ lineId, discount: given, reason }) => discount(lineId, given, reason),
    'sale.discountSale': ({ discount: given, reason }) => discount(null, given, reason),
    'sale.cancel': () => {
      const live = sales.current()?.lines.filter((l) => !l.voided).length ?? 0;
      return live > policy.cancelLinesOver ? 'sale.cancelLarge' : 'sale.cancel';
    },
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
