import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { rawTillDatabase } from '../helpers/tillDb.js';
import { bundleWorker, demoTillFile, killRepeatedly } from '../helpers/killable.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 15);
let worker: string;

beforeAll(async () => {
  worker = await bundleWorker(join(__dirname, 'shiftWorker.ts'), 'shiftWorker');
});

/** After every kill: no acknowledged Z lost, none half closed or doubled, the running totals match the sales. */
function checkInvariants(file: string, acknowledged: ReadonlySet<string>): number {
  const db = rawTillDatabase(file, { readonly: true });
  const one = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as T;
  const closed = db.prepare(`SELECT id, z_no, report FROM shifts WHERE status = 'closed' ORDER BY z_no`).all() as { id: string; z_no: number; report: string }[];
  const ids = new Set(closed.map((s) => s.id));
  for (const id of acknowledged) expect(ids.has(id), `acknowledged Z of shift ${id} lost`).toBe(true);
  expect(closed.map((s) => s.z_no)).toEqual(closed.map((_, i) => i + 1));
  for (const s of closed) {
    expect(one<number>(`SELECT COUNT(*) FROM outbox WHERE op_type = 'shift.closed' AND entity_id = ?`, s.id)).toBe(1);
    expect(JSON.parse(s.report)).toMatchObject({ kind: 'Z', zNo: s.z_no, shiftId: s.id });
  }
  expect(one<number>(`SELECT COUNT(*) FROM outbox WHERE op_type = 'shift.closed'`)).toBe(closed.length);
  expect(one<number>(`SELECT COUNT(*) FROM shifts WHERE status = 'open'`)).toBeLessThanOrEqual(1);
  // Every completed sale is in exactly one shift's running totals: they commit with the sale.
  expect(one<number>(`SELECT COALESCE(SUM(value), 0) FROM shift_totals WHERE key = 'sales.count'`)).toBe(one<number>(`SELECT COUNT(*) FROM sales WHERE status = 'completed'`));
  expect(one<number>(`SELECT COALESCE(SUM(value), 0) FROM shift_totals WHERE key = 'sales.gross'`)).toBe(
    one<number>(`SELECT COALESCE(SUM(total_minor), 0) FROM sales WHERE status = 'completed'`),
  );
  expect(one<number>(`SELECT COALESCE(SUM(value), 0) FROM shift_totals WHERE key = 'cash.in'`)).toBe(one<number>(`SELECT COALESCE(SUM(amount), 0) FROM shift_cash_moves`));
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();
  return closed.length;
}

describe('shift close under SIGKILL', () => {
  it(`a till killed ${KILLS} times while opening, selling into and closing shifts loses no Z and doubles none`, async () => {
    const file = await demoTillFile();
    const { acknowledged, counted: closed } = await killRepeatedly(worker, file, { kills: KILLS, seed: 2000, check: (ids) => checkInvariants(file, ids) });
    // How many fit between kills depends on the machine's load: at least one did.
    expect(acknowledged.size).toBeGreaterThan(0);
    expect(closed).toBeGreaterThanOrEqual(acknowledged.size);
  }, 300_000);
});
