import { useEffect, useState } from 'react';
import type { NoReceiptMethod, NoReceiptPolicy } from '../../../core/noreceipt/contract.js';
import { noReceiptLineRefund } from '../../../core/noreceipt/contract.js';
import type { Currency } from '../../../core/money.js';
import type { ReturnView } from '../../../core/returns/contract.js';
import type { ProductHit } from '../../../core/sale/contract.js';
import type { TillApi } from '../../../core/rpc/contract.js';
import type { Run } from '../shell/actions.js';

/** A product chosen for the return: how much came back and, when the manager says so, a lower price (minor units). */
export interface ChosenLine {
  readonly product: ProductHit & { price: number };
  readonly quantity: number;
  /** What the cashier typed for the price; empty: the store's price. */
  readonly priceText: string;
  /** The typed price parsed, or null when empty or not an amount. */
  readonly price: number | null;
}

export function lineRefund(l: ChosenLine): number {
  return noReceiptLineRefund(l.product.soldBy, l.quantity, l.price ?? l.product.price);
}

/** The no-receipt return's state: the store's policy, the products found and chosen, the method, the return done. */
export function useNoReceipt(api: TillApi, run: Run) {
  const [policy, setPolicy] = useState<(NoReceiptPolicy & { currency: Currency }) | null>(null);
  const [hits, setHits] = useState<ProductHit[] | null>(null);
  const [lines, setLines] = useState<ChosenLine[]>([]);
  const [method, setMethod] = useState<NoReceiptMethod>('storeCredit');
  const [done, setDone] = useState<ReturnView | null>(null);

  useEffect(() => {
    void run(() => api['return.noReceiptPolicy']({}), (p) => {
      setPolicy(p);
      setMethod(p.methods[0] ?? 'storeCredit');
    });
  }, [api, run]);

  const add = (hit: ProductHit) => {
    if (hit.price === null) return;
    const product = { ...hit, price: hit.price };
    setHits(null);
    setDone(null);
    setLines((ls) =>
      ls.some((l) => l.product.sku === hit.sku)
        ? ls.map((l) => (l.product.sku === hit.sku && hit.soldBy === 'unit' ? { ...l, quantity: l.quantity + 1 } : l))
        : [...ls, { product, quantity: hit.soldBy === 'unit' ? 1 : 1000, priceText: '', price: null }],
    );
  };
  const change = (sku: string, patch: Partial<ChosenLine>) => setLines((ls) => ls.map((l) => (l.product.sku === sku ? { ...l, ...patch } : l)));

  return {
    policy,
    hits,
    lines,
    method,
    done,
    setMethod,
    add,
    change,
    remove: (sku: string) => setLines((ls) => ls.filter((l) => l.product.sku !== sku)),
    /** A barcode or SKU that matches exactly is added at once; a name lists what matches to pick from. */
    find: (query: string) =>
      run(() => api['catalog.search']({ query, limit: 8 }), (found) => {
        const exact = found.find((h) => h.barcode === query.trim() || h.sku === query.trim());
        if (exact) add(exact);
        else setHits(found);
      }),
    commit: () =>
      run(
        () =>
          api['return.noReceipt']({
            lines: lines.map((l) => ({ sku: l.product.sku, quantity: l.quantity, ...(l.price !== null ? { unitPriceMinor: l.price } : {}) })),
            method,
          }),
        (view) => {
          setDone(view);
          setLines([]);
        },
      ),
  };
}
