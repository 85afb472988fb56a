import type { CompletedSaleView, SaleView } from '../../core/sale/contract.js';
import type { TillDatabase } from '../../electron/backend/db.js';
import { ok, type openTestTill } from './till.js';

type Till = ReturnType<typeof openTestTill>;

/** Barcodes of unit-priced products with a store price, in code order. */
export function unitBarcodes(db: TillDatabase, n: number): string[] {
  return db
    .prepare(`SELECT b.code FROM barcodes b JOIN products p USING (sku) JOIN store_prices sp USING (sku) WHERE p.sold_by = 'unit' AND sp.price_minor > 0 ORDER BY b.code LIMIT ?`)
    .pluck()
    .all(n) as string[];
}

/** A sale of `codes` scanned and paid in cash: the total, plus `extra` given over it (change back). */
export async function sell(till: Till, codes: string[], extra = 0): Promise<CompletedSaleView> {
  let sale: SaleView | null = null;
  for (const code of codes) sale = ok(await till.dispatch('sale.scan', { code })) as SaleView;
  return ok(await till.dispatch('sale.payCash', { tenderedMinor: sale!.totals.total + extra })) as CompletedSaleView;
}
