import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EmulatedTerminal } from '../../electron/backend/payment/emulator.js';
import { startTill } from '../../electron/backend/till.js';
import { bundleWorker, demoTillFile, runThenKill } from '../helpers/killable.js';
import { silentLog } from '../helpers/till.js';
import { rawTillDatabase } from '../helpers/tillDb.js';

const KILLS = Number(process.env.CRASH_KILLS ?? 12);
let worker: string;

beforeAll(async () => {
  worker = await bundleWorker(join(__dirname, 'cancelWithCardWorker.ts'), 'cancelWithCardWorker');
});

/** The terminal's journal: by the till's reference, true when the operation ended approved there. */
function approvedOnTerminal(file: string): Set<string> {
  const approved = new Set<string>();
  const path = `${file}.terminal.jsonl`;
  if (!existsSync(path)) return approved;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line) continue;
    let entry: { reference: string; outcome: { outcome: string } | null };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      continue; // a line cut short by a kill
    }
    if (entry.outcome?.outcome === 'approved') approved.add(entry.reference);
  }
  return approved;
}

/** The till started again after a kill, as the cashier's next start would: it settles what the kill cut off from the terminal's record. */
async function restart(file: string): Promise<void> {
  const till = startTill({ databaseFile: file, language: 'en', log: silentLog, printQueue: false, sync: { autoStart: false }, terminal: new EmulatedTerminal(`${file}.terminal.jsonl`) });
  await till.terminalSettled;
  await till.close();
}

interface Attempt {
  id: string;
  sale_id: string;
  status: string;
  state: string;
  payment_id: string | null;
}

/**
 * After a kill and a restart: every sale the worker saw cancelled is cancelled; a cancelled sale
 * has no card still charged, by the till's records (no approval left on it) and by the terminal's
 * (every charge it approved was given back there); an open sale's charge the terminal approved
 * and did not give back is held on it (or, cut off where the terminal cannot tell, shown to staff).
 */
function checkInvariants(file: string, acknowledged: ReadonlySet<string>): void {
  const terminal = approvedOnTerminal(file);
  const db = rawTillDatabase(file, { readonly: true });
  const status = new Map((db.prepare(`SELECT id, status FROM sales`).all() as { id: string; status: string }[]).map((s) => [s.id, s.status]));
  for (const id of acknowledged) expect(status.get(id), `sale ${id} acknowledged cancelled`).toBe('cancelled');
  const attempts = db.prepare(`SELECT a.id, a.sale_id, s.status, a.state, a.payment_id FROM card_attempts a JOIN sales s ON s.id = a.sale_id`).all() as Attempt[];
  const reversals = db.prepare(`SELECT id, attempt_id, state, resolution FROM card_reversals`).all() as { id: string; attempt_id: string; state: string; resolution: string | null }[];
  const givenBack = (attemptId: string) => reversals.some((r) => r.attempt_id === attemptId && terminal.has(r.id));
  const unsettled = (attemptId: string) => reversals.some((r) => r.attempt_id === attemptId && r.state === 'interrupted' && r.resolution === null);
  expect(reversals.filter((r) => r.state === 'pending')).toEqual([]);
  for (const a of attempts) {
    const charged = terminal.has(a.id) && !givenBack(a.id);
    if (a.status === 'cancelled') {
      expect(a.state, `card ${a.id} left approved on cancelled sale ${a.sale_id}`).not.toBe('approved');
      expect(charged, `card ${a.id} still charged on the terminal, its sale ${a.sale_id} cancelled`).toBe(false);
    }
    if (a.status === 'open' && charged) {
      const held = a.state === 'approved' && a.payment_id === null && !unsettled(a.id);
      expect(held || unsettled(a.id) || a.state === 'interrupted', `card ${a.id} charged on open sale ${a.sale_id} but not held`).toBe(true);
    }
    // A reversal the terminal approved: the till knows it once it has restarted.
    if (givenBack(a.id)) expect(a.state).toBe('reversed');
  }
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  db.close();
}

describe('cancelling a sale with its card under SIGKILL', () => {
  it(`a till killed ${KILLS} times while cancelling sales with a card on them: after each restart a sale is cancelled with its card given back, or open with its card held`, async () => {
    const file = await demoTillFile();
    const acknowledged = new Set<string>();
    for (let i = 0; i < KILLS; i++) {
      (await runThenKill(worker, [file, String(7100 + i)], 30 + ((i * 7919) % 300))).forEach((id) => acknowledged.add(id));
      await restart(file);
      checkInvariants(file, acknowledged);
    }
    expect(acknowledged.size).toBeGreaterThan(0);
    const db = rawTillDatabase(file, { readonly: true });
    // The kills did land mid-cancel: a reversal made to cancel a sale was cut off, and some such sale was cancelled at start-up.
    const cutOff = db.prepare(`SELECT r.state, s.status FROM card_reversals r JOIN sales s ON s.id = r.sale_id WHERE r.cancels_sale = 1 AND (r.state = 'interrupted' OR r.resolution IS NOT NULL)`).all() as { state: string; status: string }[];
    db.close();
    expect(cutOff.length).toBeGreaterThan(0);
    expect(cutOff.some((r) => r.state === 'approved' && r.status === 'cancelled')).toBe(true);
  }, 300_000);
});
