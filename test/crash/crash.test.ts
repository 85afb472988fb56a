import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { rawTillDatabase } from '../helpers/tillDb.js';
import { startTill } from '../../electron/backend/till.js';
import { silentLog } from '../helpers/till.js';
import { bundleWorker, runThenKill } from '../helpers/killable.js';
import { tempDir } from '../helpers/tmp.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 40);
let worker: string;

beforeAll(async () => {
  worker = await bundleWorker(join(__dirname, 'saleWorker.ts'), 'saleWorker');
});

function checkInvariants(file: string, acknowledged: Set<string>): number {
  const db = rawTillDatabase(file, { readonly: true });
  const one = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).get(...args) as T;
  const completed = db.prepare(`SELECT id, receipt_no, total_minor FROM sales WHERE status = 'completed' ORDER BY receipt_no`).all() as { id: string; receipt_no: number; total_minor: number }[];
  const ids = new Set(completed.map((s) => s.id));
  for (const id of acknowledged) expect(ids.has(id), `acknowledged sale ${id} lost`).toBe(true);
  expect(completed.map((s) => s.receipt_no)).toEqual(completed.map((_, i) => i + 1));
  for (const sale of completed) {
    expect(one<{ n: number }>(`SELECT COUNT(*) AS n FROM outbox WHERE entity_id = ? AND op_type = 'sale.completed'`, sale.id).n).toBe(1);
    expect(one<{ n: number }>(`SELECT COUNT(*) AS n FROM payments WHERE sale_id = ?`, sale.id).n).toBe(1);
    expect(one<{ n: number }>(`SELECT COUNT(*) AS n FROM print_jobs WHERE sale_id = ? AND kind = 'receipt'`, sale.id).n).toBe(1);
    const lines = one<{ n: number; total: number }>(
      `SELECT COUNT(*) AS n, SUM(quantity * unit_price_minor) AS total FROM sale_lines WHERE sale_id = ? AND voided_at IS NULL`,
      sale.id,
    );
    expect(lines.n).toBeGreaterThan(0);
    expect(lines.total).toBe(sale.total_minor);
    expect(one<{ g: number }>(`SELECT SUM(gross_minor) AS g FROM sale_vat WHERE sale_id = ?`, sale.id).g).toBe(sale.total_minor);
  }
  expect(one<{ n: number }>(`SELECT COUNT(*) AS n FROM outbox`).n).toBe(completed.length);
  expect(one<{ n: number }>(`SELECT COUNT(*) AS n FROM print_jobs`).n).toBe(completed.length);
  expect(one<{ n: number }>(`SELECT COUNT(*) AS n FROM sales WHERE status = 'open'`).n).toBeLessThanOrEqual(1);
  expect(one<{ n: number }>(`SELECT COUNT(*) AS n FROM payments p JOIN sales s ON s.id = p.sale_id WHERE s.status != 'completed'`).n).toBe(0);
  expect(one<{ n: number }>(`SELECT COUNT(*) AS n FROM sale_vat v JOIN sales s ON s.id = v.sale_id WHERE s.status != 'completed'`).n).toBe(0);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();
  return completed.length;
}

describe('crash safety', () => {
  it(`a till SIGKILLed ${KILLS} times mid-sale loses no acknowledged sale, doubles none, leaves none partial`, async () => {
    const file = join(tempDir(), 'till.sqlite');
    startTill({ databaseFile: file, language: 'en', demo: { products: 300, customers: 10 }, log: silentLog }).close();
    const acknowledged = new Set<string>();
    let completed = 0;
    for (let i = 0; i < KILLS; i++) {
      const done = await runThenKill(worker, [file, String(1000 + i)], 20 + ((i * 7919) % 400));
      done.forEach((id) => acknowledged.add(id));
      completed = checkInvariants(file, acknowledged);
    }
    // How many fit between kills depends on the machine's load: at least one did.
    expect(acknowledged.size).toBeGreaterThan(0);
    expect(completed).toBeGreaterThanOrEqual(acknowledged.size);
  }, 300_000);
});
