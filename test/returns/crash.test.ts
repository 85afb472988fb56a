import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { rawTillDatabase } from '../helpers/tillDb.js';
import { bundleWorker, demoTillFile, killRepeatedly } from '../helpers/killable.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 12);
let worker: string;

beforeAll(async () => {
  worker = await bundleWorker(join(__dirname, 'returnWorker.ts'), 'returnWorker');
});

/** After every kill: no acknowledged return lost, none half written or doubled, the shift's totals match the returns. */
function checkInvariants(file: string, acknowledged: ReadonlySet<string>): number {
  const db = rawTillDatabase(file, { readonly: true });
  const one = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as T;
  const ids = new Set(db.prepare('SELECT id FROM returns').pluck().all() as string[]);
  for (const id of acknowledged) expect(ids.has(id), `acknowledged return ${id} lost`).toBe(true);
  const n = ids.size;
  // Each return has its line, its op, its print job and its audit row, exactly once.
  expect(one<number>('SELECT COUNT(DISTINCT return_id) FROM return_lines')).toBe(n);
  expect(one<number>(`SELECT COUNT(*) FROM outbox WHERE op_type = 'sale.returned'`)).toBe(n);
  expect(one<number>(`SELECT COUNT(*) FROM print_jobs WHERE purpose = 'return_cash'`)).toBe(n);
  expect(one<number>(`SELECT COUNT(*) FROM audit_log WHERE action = 'return.committed'`)).toBe(n);
  expect(one<number>('SELECT COUNT(DISTINCT return_no) FROM returns')).toBe(n);
  // No line returned beyond what was sold, and the refunds are what the lines say.
  expect(one<number>(`SELECT COUNT(*) FROM (SELECT l.id FROM sale_lines l JOIN return_lines r ON r.line_id = l.id GROUP BY l.id HAVING SUM(r.quantity) > MAX(l.quantity))`)).toBe(0);
  expect(one<number>('SELECT COALESCE(SUM(refund_minor), 0) FROM returns')).toBe(one<number>('SELECT COALESCE(SUM(refund_minor), 0) FROM return_lines'));
  expect(one<number>(`SELECT COALESCE(SUM(value), 0) FROM shift_totals WHERE key = 'returns.count'`)).toBe(n);
  expect(one<number>(`SELECT COALESCE(SUM(value), 0) FROM shift_totals WHERE key = 'refund.cash'`)).toBe(one<number>('SELECT COALESCE(SUM(refund_minor), 0) FROM returns'));
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();
  return n;
}

describe('returns under SIGKILL', () => {
  it(`a till killed ${KILLS} times while selling and refunding loses no return and doubles none`, async () => {
    const file = await demoTillFile();
    const { acknowledged, counted: recorded } = await killRepeatedly(worker, file, { kills: KILLS, seed: 3000, check: (ids) => checkInvariants(file, ids) });
    // How many fit between kills depends on the machine's load: at least one did.
    expect(acknowledged.size).toBeGreaterThan(0);
    expect(recorded).toBeGreaterThanOrEqual(acknowledged.size);
  }, 300_000);
});
