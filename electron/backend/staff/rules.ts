import type { SaleService } from '../sale/sale.js';
import type { PermissionRules } from './guard.js';
import type { StaffPolicy } from './policy.js';
import type { TillSettings } from '../settings.js';
import type { Action } from '../../../core/staff/roles.js';
import type { ManualDiscount } from '../../../core/sale/manual.js';

/**
 * The permissions the sale's own calls need: voiding a line (after payment started, a manager's),
 * cancelling (a long sale needs a manager), a price override, a manual discount deeper than the
 * store's limit (up to it, anyone selling may give one; taking one off needs nobody).
 */
export function saleRules(sales: SaleService, policy: StaffPolicy, settings: Pick<TillSettings, 'manualDiscountLimit'>): PermissionRules {
  // The store's limit as the till knows it now (pairing brings it from central).
  const discount = (lineId: string | null, given: ManualDiscount | null): Action | null =>
    given !== null && sales.discountDepth(lineId, given) > Math.round(settings.manualDiscountLimit * 100) ? 'discount.manual' : null;
  return {
    'sale.voidLine': () => (sales.paymentStarted() ? 'sale.voidAfterPayment' : 'sale.voidLine'),
    'sale.overridePrice': () => 'price.override',
    'sale.discountLine': ({ lineId, discount: given }) => discount(lineId, given),
    'sale.discountSale': ({ discount: given }) => discount(null, given),
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
