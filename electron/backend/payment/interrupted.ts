import { TillError } from '../../../core/errors.js';
import type { InterruptedView } from '../../../core/payment/contract.js';
import type { TerminalOutcome, TerminalRecord } from '../../../core/payment/terminal.js';
import { audit, statement, type TillDatabase } from '../db.js';
import type { ActorSource } from '../staff/actor.js';
import type { PaymentTerminal } from './terminal.js';

/** How long start-up waits for the terminal's last-transaction record. */
const LAST_TRANSACTION_MS = 5_000;

/** What the terminal's record says of an operation the till died waiting for. */
export type Verdict = TerminalOutcome | 'notOnTerminal' | 'unknown';

/** The terminal's last-transaction record; 'unreachable' when there is no terminal or it does not answer in time. */
export async function lastTransaction(terminal: PaymentTerminal | null): Promise<TerminalRecord | null | 'unreachable'> {
  if (!terminal) return 'unreachable';
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      terminal.lastTransaction(),
      new Promise<'unreachable'>((resolve) => {
        timer = setTimeout(() => resolve('unreachable'), LAST_TRANSACTION_MS);
      }),
    ]);
  } catch {
    return 'unreachable';
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The attempt's fate from the terminal's last-transaction record. The references are ULIDs in
 * time order: a record of an earlier operation means the terminal never had this one. Only
 * an attempt interrupted at this start-up is asked about (nothing reached the terminal since).
 */
export function verdictFor(last: TerminalRecord | null | 'unreachable', reference: string, amount: number): Verdict {
  if (last === 'unreachable') return 'unknown';
  if (last === null || last.reference < reference) return 'notOnTerminal';
  if (last.reference !== reference || last.amountMinor !== amount || last.outcome === null) return 'unknown';
  return last.outcome;
}

const KINDS = { charge: 'card_attempts', refund: 'refund_attempts', reversal: 'card_reversals' } as const;

/**
 * Operations of one kind interrupted at this start-up, each settled from the terminal's record
 * in its own transaction: approved there → approved here (with the terminal's approval);
 * declined or timed out → so; never on the terminal → marked so, nothing taken. `settled` is
 * told of each (the caller audits it, in the same transaction). What the record cannot tell
 * stays interrupted, shown to staff.
 */
export function settleFromTerminal(
  d: { db: TillDatabase; now: () => Date },
  kind: keyof typeof KINDS,
  attempts: readonly { id: string; amount: number }[],
  last: TerminalRecord | null | 'unreachable',
  settled: (saleId: string, attempt: { id: string; amount: number }, verdict: Exclude<Verdict, 'unknown'>) => void,
): void {
  const table = KINDS[kind];
  for (const a of attempts) {
    const verdict = verdictFor(last, a.id, a.amount);
    if (verdict === 'unknown') continue;
    d.db.transaction(() => {
      const at = d.now().toISOString();
      const saleId = statement(d.db, `SELECT sale_id FROM ${table} WHERE id = ? AND state = 'interrupted' AND resolved_at IS NULL`).pluck().get(a.id) as string | undefined;
      if (saleId === undefined) return;
      if (verdict === 'notOnTerminal') statement(d.db, `UPDATE ${table} SET resolution = 'notOnTerminal', resolved_at = ? WHERE id = ?`).run(at, a.id);
      else if (verdict.outcome === 'approved') {
        statement(d.db, `UPDATE ${table} SET state = 'approved', approval_code = ?, card_last4 = ?, resolution = 'terminal', resolved_at = ? WHERE id = ?`).run(
          verdict.approvalCode,
          verdict.cardLast4,
          at,
          a.id,
        );
      } else {
        statement(d.db, `UPDATE ${table} SET state = ?, decline_reason = ?, resolution = 'terminal', resolved_at = ? WHERE id = ?`).run(
          verdict.outcome,
          verdict.outcome === 'declined' ? verdict.reason : null,
          at,
          a.id,
        );
      }
      settled(saleId, a, verdict);
    })();
  }
}

/** What an audit row says of a settled operation. */
export function settledDetails(attempt: { id: string; amount: number }, verdict: Exclude<Verdict, 'unknown'>): Record<string, unknown> {
  if (verdict === 'notOnTerminal') return { attemptId: attempt.id, amount: attempt.amount, outcome: verdict };
  return { attemptId: attempt.id, amount: attempt.amount, outcome: verdict.outcome, ...(verdict.outcome === 'approved' ? { approvalCode: verdict.approvalCode } : {}) };
}

interface Row {
  id: string;
  sale_id: string;
  amount_minor: number;
  currency: string;
  started_at: string;
}

/** Interrupted card operations nobody has settled yet: what staff are shown, oldest first. */
export function unresolvedInterrupted(db: TillDatabase): InterruptedView[] {
  const rows = (kind: keyof typeof KINDS) =>
    (statement(db, `SELECT id, sale_id, amount_minor, currency, started_at FROM ${KINDS[kind]} WHERE state = 'interrupted' AND resolved_at IS NULL`).all() as Row[]).map(
      (r): InterruptedView => ({ kind, attemptId: r.id, saleId: r.sale_id, amount: r.amount_minor, currency: r.currency as InterruptedView['currency'], startedAt: r.started_at }),
    );
  return [...rows('charge'), ...rows('refund'), ...rows('reversal')].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
}

/** Interrupted card operations started in [from, to]: how many, for how much, how many still unsettled (the X and Z reports). */
export function interruptedBetween(db: TillDatabase, from: string, to: string): { count: number; amount: number; open: number } {
  const totals = { count: 0, amount: 0, open: 0 };
  for (const table of Object.values(KINDS)) {
    const row = statement(
      db,
      `SELECT COUNT(*) AS count, COALESCE(SUM(amount_minor), 0) AS amount, COALESCE(SUM(state = 'interrupted' AND resolved_at IS NULL), 0) AS open
       FROM ${table} WHERE (state = 'interrupted' OR resolution IS NOT NULL) AND started_at BETWEEN ? AND ?`,
    ).get(from, to) as { count: number; amount: number; open: number };
    totals.count += row.count;
    totals.amount += row.amount;
    totals.open += row.open;
  }
  return totals;
}

/**
 * A manager checked the terminal's journal for an interrupted operation (and did what it said:
 * refunded a charge that went through on the terminal, or returned again a refund that did not):
 * it is marked checked, by whom, and audited. The till records no payment or refund for it.
 */
export function resolveInterrupted(d: { db: TillDatabase; tillId: string; now: () => Date; actor: ActorSource }, attemptId: string): InterruptedView[] {
  const shown = unresolvedInterrupted(d.db).find((v) => v.attemptId === attemptId);
  if (!shown) throw new TillError('PAYMENT_ATTEMPT_NOT_FOUND');
  const at = d.now().toISOString();
  const who = d.actor();
  d.db.transaction(() => {
    statement(d.db, `UPDATE ${KINDS[shown.kind]} SET resolution = 'checked', resolved_at = ?, resolved_by = ? WHERE id = ? AND state = 'interrupted' AND resolved_at IS NULL`).run(
      at,
      who.name,
      attemptId,
    );
    audit(d.db, { at, tillId: d.tillId, actor: who.name, actorId: who.id, action: 'payment.interrupted_checked', subject: shown.saleId, details: { kind: shown.kind, attemptId, amount: shown.amount } });
  })();
  return unresolvedInterrupted(d.db);
}
