import type { CompletedSaleView, SaleView } from '../../core/sale/contract.js';
import type { TillDatabase } from '../../electron/backend/db.js';
import { ok, type openTestTill } from './till.js';

type Till = ReturnType<typeof openTestTill>;

export function unitBarcodes(db: TillDatabase, n: number): string[] {
  return db
    .prepare(`SELECT b.code FROM barcodes b JOIN products p USING (sku) JOIN store_prices sp USING (sku) WHERE p.sold_by = 'unit' AND sp.price_minor > 0 ORDER BY b.code LIMIT ?`)
    .pluck()
    .all(n) as string[];
}

export async function sell(till: Till, codes: string[]): Promise<CompletedSaleView> {
  let sale: SaleView | null = null;
  for (const code of codes) sale = ok(await till.dispatch('sale.scan', { code })) as SaleView;
  return ok(await till.dispatch('sale.payCash', { tenderedMinor: sale!.totals.total })) as CompletedSaleView;
}
