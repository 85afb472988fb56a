import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EmulatedTerminal } from '../../electron/backend/payment/emulator.js';
import { startTill } from '../../electron/backend/till.js';
import { bundleWorker, demoTillFile, killRepeatedly } from '../helpers/killable.js';
import { silentLog } from '../helpers/till.js';
import { rawTillDatabase } from '../helpers/tillDb.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 12);
let worker: string;

beforeAll(async () => {
  worker = await bundleWorker(join(__dirname, 'interruptedChargeWorker.ts'), 'interruptedChargeWorker');
});

/** The terminal's journal: how each charge it had ended (by the till's reference), approved ones with their approval code. */
function journal(file: string): Map<string, string> {
  const ended = new Map<string, string>();
  const path = `${file}.terminal.jsonl`;
  if (!existsSync(path)) return ended;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line) continue;
    const entry = JSON.parse(line) as { reference: string; outcome: { outcome: string; approvalCode?: string } | null };
    if (entry.outcome) ended.set(entry.reference, entry.outcome.approvalCode ?? entry.outcome.outcome);
  }
  return ended;
}

/**
 * After every kill: every charge the terminal approved and the till recorded carries the
 * terminal's approval; no card payment without an approved attempt, none twice. With `settled`
 * (after a start-up that asked the terminal): every approval on the terminal is recorded on the
 * till (held on its sale or paid with it), nothing is pending, and only a charge the terminal never
 * finished is left for staff.
 */
function checkInvariants(file: string, acknowledged: ReadonlySet<string>, settled: boolean): number {
  const terminal = journal(file);
  const db = rawTillDatabase(file, { readonly: true });
  const one = <T>(sql: string) => db.prepare(sql).pluck().get() as T;
  const completed = new Set(db.prepare(`SELECT id FROM sales WHERE status = 'completed'`).pluck().all() as string[]);
  for (const id of acknowledged) expect(completed.has(id), `acknowledged sale ${id} lost`).toBe(true);
  const attempts = db.prepare(`SELECT id, state, approval_code AS code, resolution FROM card_attempts`).all() as { id: string; state: string; code: string | null; resolution: string | null }[];
  for (const a of attempts) {
    if (a.state === 'approved') expect(terminal.get(a.id), `attempt ${a.id} approved on the till, not on the terminal`).toBe(a.code);
  }
  const byId = new Map(attempts.map((a) => [a.id, a]));
  for (const [reference, ended] of terminal) {
    if (!/^A\d+$/.test(ended)) continue;
    const state = byId.get(reference)?.state;
    // Before a start-up, the one charge the last kill cut off may still be pending or interrupted.
    if (settled) expect(state, `terminal approval ${reference} not recorded`).toBe('approved');
    else expect(['approved', 'pending', 'interrupted']).toContain(state);
  }
  expect(one<number>(`SELECT COUNT(*) FROM payments p LEFT JOIN card_attempts a ON a.payment_id = p.id WHERE p.method = 'card' AND (a.id IS NULL OR a.state <> 'approved')`)).toBe(0);
  expect(one<number>(`SELECT COUNT(*) FROM (SELECT attempt_id FROM payments WHERE method = 'card' GROUP BY attempt_id HAVING COUNT(*) > 1)`)).toBe(0);
  expect(one<number>(`SELECT COUNT(*) FROM card_attempts WHERE state = 'pending'`)).toBeLessThanOrEqual(settled ? 0 : 1);
  // Left for staff only what the terminal itself cannot tell: a charge it never finished (killed with it).
  if (settled) {
    const unsettled = db.prepare(`SELECT id FROM card_attempts WHERE state = 'interrupted' AND resolved_at IS NULL`).pluck().all() as string[];
    expect(unsettled.filter((id) => terminal.has(id))).toEqual([]);
  }
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();
  return completed.size;
}

describe('interrupted card charges under SIGKILL', () => {
  it(`a till killed ${KILLS} times mid-charge asks the terminal at start-up: no approval lost, none recorded twice`, async () => {
    const file = await demoTillFile();
    const { acknowledged } = await killRepeatedly(worker, file, { kills: KILLS, seed: 7100, check: (ids) => checkInvariants(file, ids, false) });
    const till = startTill({ databaseFile: file, language: 'en', log: silentLog, printQueue: false, sync: { autoStart: false }, terminal: new EmulatedTerminal(`${file}.terminal.jsonl`) });
    await till.terminalSettled;
    await till.close();
    checkInvariants(file, acknowledged, true);
    expect(acknowledged.size).toBeGreaterThan(0);
    // The kills did land mid-charge: some attempt was cut off and settled from the terminal's journal.
    const db = rawTillDatabase(file, { readonly: true });
    expect(db.prepare(`SELECT COUNT(*) FROM card_attempts WHERE resolution IS NOT NULL`).pluck().get()).toBeGreaterThan(0);
    db.close();
  }, 300_000);
});
