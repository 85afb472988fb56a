import type { SaleService } from '../sale/sale.js';
import type { PermissionRules } from './guard.js';
import type { StaffPolicy } from './policy.js';

/** The permissions the sale's own calls need: voiding a line, cancelling (a long sale needs a manager). */
export function saleRules(sales: SaleService, policy: StaffPolicy): PermissionRules {
  return {
    'sale.voidLine': () => 'sale.voidLine',
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

/**
 * A return against a receipt: a cashier may (the role says so); a store may take it away from
 * them. Cash for a card sale of another till whose approval is not known here needs a manager.
 */
export function returnRules(cashStandsForCard: (saleId: string) => boolean): PermissionRules {
  return {
    'return.commit': ({ saleId, method }) => (method === 'cash' && cashStandsForCard(saleId) ? 'return.cashForCard' : 'return.withReceipt'),
  };
}
