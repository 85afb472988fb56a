import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { ReturnableSale } from '../core/returns/contract.js';
import type { CompletedSaleView } from '../core/sale/contract.js';
import { startTill } from '../electron/backend/till.js';
import { percentile, round, type Figure } from './figures.js';

export const figures = ['refund_commit_p99'];

const RETURNS = 2_000;
const silent = { error: () => undefined };

/**
 * 2,000 returns of one line each against this till's own sales, in an open shift, through the
 * RPC: each is the durable commit (synchronous=FULL) of the return, its lines, the op, the
 * shift's totals, the audit row and the return receipt's print job.
 */
export default async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'omnitill-bench-returns-'));
  const till = startTill({ databaseFile: join(dir, 'till.sqlite'), language: 'en', demo: { products: 2_000, customers: 10 }, log: silent, printQueue: false, sync: { autoStart: false } });
  try {
    const codes = till.db.prepare(`SELECT b.code FROM barcodes b JOIN products p USING (sku) WHERE p.sold_by = 'unit' ORDER BY b.code LIMIT 500`).pluck().all() as string[];
    const must = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
      if (!r.ok) throw new Error(r.error.code);
      return r.value;
    };
    must(await till.dispatch('shift.open', { float: { '10000': 10 } }));
    const sales: ReturnableSale[] = [];
    for (let i = 0; i < RETURNS; i++) {
      for (let j = 0; j < 3; j++) must(await till.dispatch('sale.scan', { code: codes[(i * 7 + j) % codes.length] as string }));
      const sold = must(await till.dispatch('sale.payCash', { tenderedMinor: 1_000_000_00 })) as CompletedSaleView;
      sales.push(must(await till.dispatch('return.find', { query: String(sold.sale.receiptNo) })) as ReturnableSale);
    }
    const samples: number[] = [];
    for (const sale of sales) {
      const line = sale.lines[1]!;
      const t = performance.now();
      must(await till.dispatch('return.commit', { saleId: sale.saleId, lines: [{ lineId: line.lineId, quantity: 1 }], method: 'cash' }));
      samples.push(performance.now() - t);
    }
    return [
      {
        name: 'refund_commit_p99',
        value: round(percentile(samples, 99), 3),
        unit: 'ms',
        target: 10,
        better: 'lower',
        note: `${RETURNS} one-line cash returns through the RPC, durable commit with op, shift totals and print job; median ${round(percentile(samples, 50), 3)} ms`,
      },
    ];
  } finally {
    await till.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
