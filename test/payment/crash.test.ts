import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { rawTillDatabase } from '../helpers/tillDb.js';
import { bundleWorker, demoTillFile, killRepeatedly } from '../helpers/killable.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 15);
let worker: string;

beforeAll(async () => {
  worker = await bundleWorker(join(__dirname, 'paymentWorker.ts'), 'paymentWorker');
});

/** After every kill: no acknowledged sale lost, every completed sale paid exactly, no approval lost or used twice. */
function checkInvariants(file: string, acknowledged: ReadonlySet<string>): number {
  const db = rawTillDatabase(file, { readonly: true });
  const one = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as T;
  const completed = new Set(db.prepare(`SELECT id FROM sales WHERE status = 'completed'`).pluck().all() as string[]);
  for (const id of acknowledged) expect(completed.has(id), `acknowledged sale ${id} lost`).toBe(true);
  // Paid exactly: the payments of each completed sale sum to its total (change beside it), none elsewhere.
  expect(
    one<number>(`SELECT COUNT(*) FROM sales s WHERE s.status = 'completed' AND s.total_minor <> (SELECT SUM(amount_minor) FROM payments p WHERE p.sale_id = s.id)`),
  ).toBe(0);
  expect(one<number>(`SELECT COUNT(*) FROM payments p JOIN sales s ON s.id = p.sale_id WHERE s.status <> 'completed'`)).toBe(0);
  expect(one<number>(`SELECT COUNT(*) FROM outbox WHERE op_type = 'sale.completed'`)).toBe(completed.size);
  // Every card payment is one approval, every approval is a card payment or held on the open sale.
  expect(
    one<number>(`SELECT COUNT(*) FROM payments p LEFT JOIN card_attempts a ON a.payment_id = p.id WHERE p.method = 'card' AND (a.id IS NULL OR a.amount_minor <> p.amount_minor OR a.approval_code <> p.approval_code)`),
  ).toBe(0);
  expect(
    one<number>(`SELECT COUNT(*) FROM card_attempts a JOIN sales s ON s.id = a.sale_id WHERE a.state = 'approved' AND a.payment_id IS NULL AND s.status <> 'open'`),
  ).toBe(0);
  expect(one<number>(`SELECT COUNT(*) FROM card_attempts WHERE state = 'pending'`)).toBeLessThanOrEqual(1);
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();
  return completed.size;
}

describe('card payment under SIGKILL', () => {
  it(`a till killed ${KILLS} times while charging cards and completing split sales loses no sale and no approval, doubles neither`, async () => {
    const file = await demoTillFile();
    const { acknowledged, counted: completed } = await killRepeatedly(worker, file, { kills: KILLS, seed: 3000, check: (ids) => checkInvariants(file, ids) });
    expect(acknowledged.size).toBeGreaterThan(0);
    expect(completed).toBeGreaterThanOrEqual(acknowledged.size);
    const db = rawTillDatabase(file, { readonly: true });
    try {
      expect(db.prepare(`SELECT COUNT(*) FROM payments WHERE method = 'card'`).pluck().get()).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  }, 300_000);
});
