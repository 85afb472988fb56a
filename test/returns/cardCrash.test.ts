import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { rawTillDatabase } from '../helpers/tillDb.js';
import { startTill } from '../../electron/backend/till.js';
import { silentLog } from '../helpers/till.js';
import { bundleWorker, demoTillFile, killRepeatedly } from '../helpers/killable.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 12);
let worker: string;

beforeAll(async () => {
  worker = await bundleWorker(join(__dirname, 'cardRefundWorker.ts'), 'cardRefundWorker');
});

/**
 * After every kill: no acknowledged return lost; every card return is exactly one approved refund
 * of the terminal, with its amount and approval; no card refunded beyond what it paid. With
 * `settled` (after a start-up), no approval is left uncommitted.
 */
function checkInvariants(file: string, acknowledged: ReadonlySet<string>, settled: boolean): number {
  const db = rawTillDatabase(file, { readonly: true });
  const one = <T>(sql: string) => db.prepare(sql).pluck().get() as T;
  const ids = new Set(db.prepare('SELECT id FROM returns').pluck().all() as string[]);
  for (const id of acknowledged) expect(ids.has(id), `acknowledged return ${id} lost`).toBe(true);
  expect(one<number>(`SELECT COUNT(*) FROM returns WHERE card_refund_minor <> refund_minor OR method <> 'card'`)).toBe(0);
  expect(
    one<number>(
      `SELECT COUNT(*) FROM returns r LEFT JOIN refund_attempts a ON a.return_id = r.id
       WHERE a.id IS NULL OR a.state <> 'approved' OR a.amount_minor <> r.card_refund_minor OR a.approval_code <> r.approval_code`,
    ),
  ).toBe(0);
  expect(one<number>(`SELECT COUNT(*) FROM refund_attempts WHERE return_id IS NOT NULL`)).toBe(ids.size);
  expect(one<number>(`SELECT COUNT(*) FROM outbox WHERE op_type = 'sale.returned'`)).toBe(ids.size);
  expect(
    one<number>(
      `SELECT COUNT(*) FROM (SELECT r.sale_id FROM returns r GROUP BY r.sale_id
       HAVING SUM(r.card_refund_minor) > (SELECT SUM(amount_minor) FROM payments p WHERE p.sale_id = r.sale_id AND p.method = 'card'))`,
    ),
  ).toBe(0);
  expect(one<number>(`SELECT COUNT(*) FROM refund_attempts WHERE state = 'pending'`)).toBeLessThanOrEqual(settled ? 0 : 1);
  expect(one<number>(`SELECT COUNT(*) FROM refund_attempts WHERE state = 'approved' AND return_id IS NULL`)).toBeLessThanOrEqual(settled ? 0 : 1);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();
  return ids.size;
}

describe('card refunds under SIGKILL', () => {
  it(`a till killed ${KILLS} times while refunding to cards loses no approved refund and commits none twice`, async () => {
    const file = await demoTillFile();
    const { acknowledged } = await killRepeatedly(worker, file, { kills: KILLS, seed: 5000, check: (ids) => checkInvariants(file, ids, false) });
    // A start-up reconciles what the last kill left.
    await startTill({ databaseFile: file, language: 'en', log: silentLog, printQueue: false, sync: { autoStart: false } }).close();
    const recorded = checkInvariants(file, acknowledged, true);
    // How many refunds fit between kills depends on the machine's load: at least one did.
    expect(acknowledged.size).toBeGreaterThan(0);
    expect(recorded).toBeGreaterThanOrEqual(acknowledged.size);
  }, 300_000);
});
