import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSettings } from '../electron/backend/settings.js';
import { startTill, type Till } from '../electron/backend/till.js';
import { percentile, round, type Figure } from './figures.js';

/**
 * What holding scans, quantities and voids to the store's manual-discount limit costs
 * (electron/backend/sale/adjust.ts `withinManualLimit`), backend only: a scan dispatched to the
 * line on the sale's view. Within the limit the depth is read off the view the scan returns
 * (nothing more is built); beyond it (a sale a manager let go deeper) the scan is rolled back, the
 * sale before it measured, and the scan made again. Beside them, one sale view built: what each
 * extra view would add (the check used to build two or three per quantity change or void).
 */
export const figures = ['scan_limit_within_p95', 'scan_limit_beyond_p95', 'quantity_limit_within_p95', 'sale_view_p95'];

const PRODUCTS = 20_000;
const LINES = 40;
const SALES = 20;
const PROMOTIONS = 50;
const silent = { error: () => undefined };

/** 50 automatic percent promotions on the catalogue's categories, as sync leaves them: every view prices them. */
function addPromotions(till: Till): void {
  const categories = till.db.prepare(`SELECT DISTINCT category FROM products WHERE category IS NOT NULL LIMIT ?`).pluck().all(PROMOTIONS) as string[];
  const from = new Date(Date.now() - 86_400_000).toISOString();
  const to = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const insert = till.db.prepare(
    `INSERT INTO campaigns (id, name, channel, code_kind, discount_kind, discount_value, currency, starts_at, ends_at, offline_allowed,
       offline_cap_per_till, rules, sync_gen) VALUES (?, ?, 'email', 'shared', 'percent', ?, NULL, ?, ?, 1, 100000, ?, ?)`,
  );
  till.db.transaction(() => {
    categories.forEach((category, i) => insert.run(`bench-${i}`, `Bench ${i}`, 1 + (i % 15), from, to, JSON.stringify({ automatic: true, categories: [category] }), i + 1));
  })();
}

const must = <T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T => {
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
};

/** Sales of 40 scans each with a manual discount of `salePercent` on the whole sale; each scan and a quantity change per sale timed. */
async function sales(till: Till, codes: readonly string[], salePercent: number): Promise<{ scans: number[]; quantities: number[]; views: number[] }> {
  const scans: number[] = [];
  const quantities: number[] = [];
  const views: number[] = [];
  for (let sale = 0; sale < SALES; sale++) {
    must(await till.dispatch('sale.scan', { code: codes[(sale * LINES) % codes.length] as string }));
    must(await till.dispatch('sale.discountSale', { discount: { kind: 'percent', value: salePercent }, reason: 'Bench' }));
    for (let i = 1; i < LINES; i++) {
      const t = performance.now();
      must(await till.dispatch('sale.scan', { code: codes[(sale * LINES + i) % codes.length] as string }));
      scans.push(performance.now() - t);
    }
    const view = must(await till.dispatch('sale.current', {})) as { lines: { id: string }[]; totals: { total: number } };
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      must(await till.dispatch('sale.setQuantity', { lineId: view.lines[i]!.id, quantity: 2 }));
      quantities.push(performance.now() - t);
      const v = performance.now();
      must(await till.dispatch('sale.current', {}));
      views.push(performance.now() - v);
    }
    must(await till.dispatch('sale.cancel', {}));
  }
  return { scans, quantities, views };
}

export default async function run(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'omnitill-bench-limit-'));
  const file = join(dir, 'till.sqlite');
  try {
    const seeded = startTill({ databaseFile: file, language: 'en', demo: { products: PRODUCTS, customers: 1000 }, log: silent, printQueue: false, sync: { autoStart: false } });
    addPromotions(seeded);
    writeSettings(seeded.db, { manualDiscountLimit: 10 });
    const codes = seeded.db
      .prepare(`SELECT MIN(b.code) FROM barcodes b JOIN products p USING (sku) JOIN store_prices sp USING (sku) WHERE p.sold_by = 'unit' GROUP BY p.sku ORDER BY random() LIMIT ?`)
      .pluck()
      .all(LINES * SALES) as string[];
    seeded.db.pragma('wal_checkpoint(TRUNCATE)');
    await seeded.close();
    // No staff on this till: what is beyond the limit is allowed, and measured in full all the same.
    const till = startTill({ databaseFile: file, language: 'en', log: silent, printQueue: false, sync: { autoStart: false } });
    try {
      await sales(till, codes, 500); // warm-up
      const within = await sales(till, codes, 500);
      const beyond = await sales(till, codes, 2000);
      const note = (samples: number[]) => `${samples.length} samples, ${LINES}-line sales, ${PROMOTIONS} automatic promotions, ${PRODUCTS / 1000}k SKUs; median ${round(percentile(samples, 50), 2)} ms`;
      return [
        { name: 'scan_limit_within_p95', value: round(percentile(within.scans, 95), 2), unit: 'ms', target: 10, better: 'lower', note: `5 % off the sale, limit 10 %: ${note(within.scans)}` },
        { name: 'scan_limit_beyond_p95', value: round(percentile(beyond.scans, 95), 2), unit: 'ms', target: 20, better: 'lower', note: `20 % off the sale, limit 10 % (rolled back, measured, made again): ${note(beyond.scans)}` },
        { name: 'quantity_limit_within_p95', value: round(percentile(within.quantities, 95), 2), unit: 'ms', target: 10, better: 'lower', note: `5 % off the sale, limit 10 %: ${note(within.quantities)}` },
        { name: 'sale_view_p95', value: round(percentile(within.views, 95), 2), unit: 'ms', target: 5, better: 'lower', note: `sale.current, one view built: ${note(within.views)}` },
      ];
    } finally {
      await till.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
