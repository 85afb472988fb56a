import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startTill } from '../../electron/backend/till.js';
import { bundleWorker, demoTillFile, killRepeatedly } from '../helpers/killable.js';
import { silentLog } from '../helpers/till.js';
import { rawTillDatabase } from '../helpers/tillDb.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 12);
let worker: string;

beforeAll(async () => {
  worker = await bundleWorker(join(__dirname, 'giveBackWorker.ts'), 'giveBackWorker');
});

/**
 * After every kill: each give-back the cashier was told of is recorded given back; each paid sale
 * is completed; a spend given back is never a payment, and is queued for central exactly once
 * (op `voucher.returned`); no voucher of this till is taken beyond what it holds. With `settled`
 * (after a start-up): no give-back is left half done.
 */
function checkInvariants(file: string, acknowledged: ReadonlySet<string>, settled: boolean): number {
  const db = rawTillDatabase(file, { readonly: true });
  const one = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as T;
  for (const id of acknowledged) {
    const [kind, key] = id.split(':') as [string, string];
    if (kind === 'back') expect(one<string>(`SELECT state FROM voucher_spends WHERE id = ?`, key), `give-back ${key}`).toBe('returned');
    else expect(one<string>(`SELECT status FROM sales WHERE id = ?`, key), `sale ${key}`).toBe('completed');
  }
  expect(one<number>(`SELECT COUNT(*) FROM voucher_spends WHERE payment_id IS NOT NULL AND state <> 'held'`)).toBe(0);
  const returned = one<number>(`SELECT COUNT(*) FROM voucher_spends WHERE state = 'returned'`);
  expect(one<number>(`SELECT COUNT(*) FROM outbox WHERE op_type = 'voucher.returned'`)).toBe(returned);
  expect(one<number>(`SELECT COUNT(DISTINCT entity_id) FROM outbox WHERE op_type = 'voucher.returned'`)).toBe(returned);
  expect(one<number>(`SELECT COUNT(*) FROM outbox o JOIN voucher_spends s ON s.id = o.entity_id WHERE o.op_type = 'voucher.returned' AND s.state <> 'returned'`)).toBe(0);
  expect(
    one<number>(`SELECT COUNT(*) FROM vouchers v WHERE v.amount_minor < (SELECT COALESCE(SUM(amount_minor), 0) FROM voucher_spends s WHERE s.code = v.code AND s.state IN ('held', 'returning'))`),
  ).toBe(0);
  expect(one<number>(`SELECT COUNT(*) FROM voucher_spends WHERE state = 'returning'`)).toBeLessThanOrEqual(settled ? 0 : 1);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();
  return returned;
}

describe('giving vouchers back under SIGKILL', () => {
  it(`a till killed ${KILLS} times mid-give-back finishes it at start-up: nothing lost, nothing given back twice`, async () => {
    const file = await demoTillFile();
    const { acknowledged } = await killRepeatedly(worker, file, { kills: KILLS, seed: 6100, check: (ids) => checkInvariants(file, ids, false) });
    await startTill({ databaseFile: file, language: 'en', log: silentLog, printQueue: false, sync: { autoStart: false } }).close();
    checkInvariants(file, acknowledged, true);
    expect([...acknowledged].filter((id) => id.startsWith('back:')).length).toBeGreaterThan(0);
    // The kills did land mid-give-back: some were finished at a start-up.
    const db = rawTillDatabase(file, { readonly: true });
    expect(db.prepare(`SELECT COUNT(*) FROM audit_log WHERE action = 'voucher.return_settled'`).pluck().get()).toBeGreaterThan(0);
    db.close();
  }, 300_000);
});
