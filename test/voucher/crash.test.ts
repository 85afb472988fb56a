import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { rawTillDatabase } from '../helpers/tillDb.js';
import { bundleWorker, demoTillFile, killRepeatedly } from '../helpers/killable.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 12);
let worker: string;

beforeAll(async () => {
  worker = await bundleWorker(join(__dirname, 'voucherWorker.ts'), 'voucherWorker');
});

/** After every kill: no acknowledged sale lost; every voucher payment is one held spend, claimed once; no voucher spent beyond what it holds. */
function checkInvariants(file: string, acknowledged: ReadonlySet<string>): number {
  const db = rawTillDatabase(file, { readonly: true });
  const one = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as T;
  for (const id of acknowledged) expect(one<string>(`SELECT status FROM sales WHERE id = ?`, id), `acknowledged sale ${id}`).toBe('completed');
  const payments = one<number>(`SELECT COUNT(*) FROM payments WHERE method = 'voucher'`);
  expect(one<number>(`SELECT COUNT(*) FROM voucher_spends s JOIN payments p ON p.id = s.payment_id AND p.method = 'voucher' AND p.amount_minor = s.amount_minor AND p.voucher_code = s.code WHERE s.state = 'held'`)).toBe(payments);
  expect(one<number>(`SELECT COUNT(*) FROM voucher_spends WHERE payment_id IS NOT NULL AND state <> 'held'`)).toBe(0);
  // Each voucher payment of a completed sale, queued for central once (taken offline).
  expect(one<number>(`SELECT COUNT(*) FROM outbox WHERE op_type = 'voucher.spent'`)).toBe(payments);
  expect(
    one<number>(
      `SELECT COUNT(*) FROM vouchers v WHERE v.amount_minor < (SELECT COALESCE(SUM(amount_minor), 0) FROM voucher_spends s WHERE s.code = v.code AND s.state = 'held')`,
    ),
  ).toBe(0);
  // A voucher for every store-credit return, queued once.
  expect(one<number>(`SELECT COUNT(*) FROM vouchers`)).toBe(one<number>(`SELECT COUNT(*) FROM receiptless_returns WHERE method = 'storeCredit'`));
  expect(one<number>(`SELECT COUNT(*) FROM outbox WHERE op_type = 'voucher.issued'`)).toBe(one<number>(`SELECT COUNT(*) FROM vouchers`));
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();
  return payments;
}

describe('voucher payments under SIGKILL', () => {
  it(`a till killed ${KILLS} times while paying with vouchers loses no payment and spends none twice`, async () => {
    const file = await demoTillFile();
    const { acknowledged, counted } = await killRepeatedly(worker, file, { kills: KILLS, seed: 5000, check: (ids) => checkInvariants(file, ids) });
    expect(acknowledged.size).toBeGreaterThan(0);
    expect(counted).toBeGreaterThanOrEqual(acknowledged.size);
  }, 300_000);
});
