import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { startTill } from '../electron/backend/till.js';
import { percentile, round, type Figure } from './figures.js';

export const figures = ['z_report_ms', 'x_report_p99'];

const SALES = 10_000;
const silent = { error: () => undefined };

/**
 * A shift of 10,000 cash sales (1–4 lines each) on a real till database, then X reports and
 * the Z close: both read the shift's running totals, never its sales.
 */
export default async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'omnitill-bench-shift-'));
  const till = startTill({ databaseFile: join(dir, 'till.sqlite'), language: 'en', demo: { products: 2_000, customers: 10 }, log: silent, printQueue: false, sync: { autoStart: false } });
  try {
    const codes = till.db.prepare(`SELECT b.code FROM barcodes b JOIN products p USING (sku) WHERE p.sold_by = 'unit' ORDER BY b.code LIMIT 500`).pluck().all() as string[];
    const must = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
      if (!r.ok) throw new Error(r.error.code);
      return r.value;
    };
    must(await till.dispatch('shift.open', { float: { '10000': 10 } }));
    for (let i = 0; i < SALES; i++) {
      for (let j = 0; j <= i % 4; j++) must(await till.dispatch('sale.scan', { code: codes[(i * 7 + j) % codes.length] as string }));
      must(await till.dispatch('sale.payCash', { tenderedMinor: 1_000_000_00 }));
    }
    const xs: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      must(await till.dispatch('shift.x', {}));
      xs.push(performance.now() - t);
    }
    const t = performance.now();
    const z = must(await till.dispatch('shift.close', { counted: { '10000': 10 } })) as { sales: { count: number } };
    const zMs = performance.now() - t;
    if (z.sales.count !== SALES) throw new Error(`the Z counted ${z.sales.count} sales, not ${SALES}`);
    return [
      { name: 'z_report_ms', value: round(zMs, 2), unit: 'ms', target: 200, better: 'lower', note: `Z close of a shift of ${SALES} sales, durable commit` },
      { name: 'x_report_p99', value: round(percentile(xs, 99), 3), unit: 'ms', target: 200, better: 'lower', note: `200 X reports, same shift, median ${round(percentile(xs, 50), 3)} ms` },
    ];
  } finally {
    await till.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
