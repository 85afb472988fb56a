import type { CustomerProfile } from './contract.js';

/** One line of her purchase history, whichever channel it was bought in. */
export interface HistoryEntry {
  readonly key: string;
  readonly channel: 'store' | 'web' | 'app';
  /** The store: of a store sale, where it was sold; of an online order, where she collects it (null: delivered). */
  readonly store: string | null;
  /** A store sale's receipt number, an online order's number in the shop. */
  readonly receiptNo: number | null;
  readonly orderRef: string | null;
  readonly at: string;
  readonly total: number;
  readonly currency: CustomerProfile['currency'];
  readonly items: number;
}

/** Store sales and online orders together, newest first (ties: the store sale first), at most `limit`. */
export function purchaseHistory(profile: Pick<CustomerProfile, 'purchases' | 'onlineOrders'>, limit = 10): HistoryEntry[] {
  const store: HistoryEntry[] = profile.purchases.map((p) => ({
    key: `sale:${p.saleId}`,
    channel: 'store',
    store: p.store,
    receiptNo: p.receiptNo,
    orderRef: null,
    at: p.closedAt,
    total: p.total,
    currency: p.currency,
    items: p.items,
  }));
  const online: HistoryEntry[] = profile.onlineOrders.map((o) => ({
    key: `order:${o.orderId}`,
    channel: o.channel,
    store: o.store,
    receiptNo: null,
    orderRef: o.orderRef,
    at: o.placedAt,
    total: o.total,
    currency: o.currency,
    items: o.items,
  }));
  return [...store, ...online].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).slice(0, limit);
}
