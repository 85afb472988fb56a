import { TillError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import type { ReturnableSale, ReturnView } from '../../../core/returns/contract.js';
import type { TerminalOutcome, TerminalRecord } from '../../../core/payment/terminal.js';
import { settledDetails, settleFromTerminal } from '../payment/interrupted.js';
import { audit, statement } from '../db.js';
import { withDeadline } from '../payment/terminal.js';
import { checkLines, checkMethod, commit, type CardRefund, type ReturnRequest } from './commit.js';
import type { ReturnDeps } from './deps.js';
import { centralSale, localSale, withReturnsHere } from './find.js';

interface AttemptRow {
  id: string;
  sale_id: string;
  request: string;
  amount_minor: number;
  approval_code: string | null;
  card_last4: string | null;
}

function record(d: ReturnDeps, action: string, subject: string, details: unknown): void {
  const who = d.actor();
  audit(d.db, { at: d.now().toISOString(), tillId: d.settings.tillId, actor: who.name, actorId: who.id, action, subject, details });
}

interface CardLeft {
  readonly left: number;
  readonly approvalCode: string;
  readonly reference: string;
}

/** Approved refunds of the sale's card held on this till and not committed as a return yet. */
function heldRefunds(d: ReturnDeps, saleId: string): number {
  return statement(d.db, `SELECT COALESCE(SUM(amount_minor), 0) FROM refund_attempts WHERE sale_id = ? AND state = 'approved' AND return_id IS NULL`).pluck().get(saleId) as number;
}

/** This till's card refunds of the sale central has not recorded yet. */
function unrecordedCardRefunds(d: ReturnDeps, saleId: string): number {
  return statement(
    d.db,
    `SELECT COALESCE(SUM(r.card_refund_minor), 0) FROM returns r WHERE r.sale_id = ?
       AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.op_type = 'sale.returned' AND o.entity_id = r.id AND o.status = 'done')`,
  )
    .pluck()
    .get(saleId) as number;
}

/**
 * The sale a card refund is for, and the charge it goes back to: this till's own, or another
 * till's as central holds it (what every till refunded of it, plus this till's refunds central
 * has not recorded yet).
 */
async function refundable(d: ReturnDeps, saleId: string): Promise<{ sale: ReturnableSale; original: CardLeft | null; central?: ReturnableSale }> {
  const local = localSale(d, saleId);
  if (local) return { sale: local, original: cardLeft(d, saleId) };
  const found = await centralSale(d, saleId);
  const sale = withReturnsHere(d, found.sale);
  if (found.sale.cardApprovalUnknown) throw new TillError('RETURN_CARD_ELSEWHERE');
  const card = found.card;
  if (!card) return { sale, original: null };
  const left = card.amount - card.refunded - unrecordedCardRefunds(d, saleId) - heldRefunds(d, saleId);
  return { sale, original: { left, approvalCode: card.approvalCode, reference: card.reference }, central: found.sale };
}

/** The card charge a refund goes back to, and what of the card's payments is not refunded or being refunded yet. */
function cardLeft(d: ReturnDeps, saleId: string): CardLeft | null {
  const paid = statement(d.db, `SELECT approval_code AS approvalCode, attempt_id AS reference, amount_minor AS amount FROM payments WHERE sale_id = ? AND method = 'card' ORDER BY id`).all(saleId) as {
    approvalCode: string;
    reference: string;
    amount: number;
  }[];
  const first = paid[0];
  if (!first) return null;
  const refunded = statement(d.db, `SELECT COALESCE(SUM(card_refund_minor), 0) FROM returns WHERE sale_id = ?`).pluck().get(saleId) as number;
  return { left: paid.reduce((s, p) => s + p.amount, 0) - refunded - heldRefunds(d, saleId), approvalCode: first.approvalCode, reference: first.reference };
}

/** What an attempt holds: the return asked for and, for another till's sale, central's record of it at the time. */
type AttemptRequest = ReturnRequest & { readonly central?: ReturnableSale };

/**
 * An approved refund attempt committed with its return, in the return's own transaction: the
 * attempt is claimed (`return_id`) there, so an approval becomes at most one return. Another
 * till's sale is read from central's record the attempt holds, with what this till has
 * returned of it since.
 */
function commitApproved(d: ReturnDeps, attempt: AttemptRow): ReturnView {
  const { central, ...request } = JSON.parse(attempt.request) as AttemptRequest;
  const card: CardRefund = { amount: attempt.amount_minor, approvalCode: attempt.approval_code as string, cardLast4: attempt.card_last4 as string };
  return d.db.transaction(() => {
    const view = commit(
      d,
      () => {
        const sale = central ? withReturnsHere(d, central) : localSale(d, request.saleId);
        if (!sale) throw new TillError('RETURN_SALE_NOT_FOUND');
        return sale;
      },
      request,
      card,
    );
    const claimed = statement(d.db, `UPDATE refund_attempts SET return_id = ? WHERE id = ? AND state = 'approved' AND return_id IS NULL`).run(view.returnId, attempt.id).changes;
    if (claimed !== 1) throw new TillError('INPUT_INVALID');
    return view;
  })();
}

/**
 * A return refunded to the card it was paid with: the card's share (at most what the card paid
 * and is not refunded yet), the rest in cash. Everything is checked before the terminal is asked;
 * the attempt is committed first and the terminal's answer the moment it comes, then the return
 * with the approval. A decline or a timeout changes nothing but the attempt's own record.
 */
export async function commitCardReturn(d: ReturnDeps, request: ReturnRequest): Promise<ReturnView> {
  const { sale, original, central } = await refundable(d, request.saleId);
  const lines = checkLines(sale, request);
  const refund = lines.reduce((s, r) => s + r.refund, 0);
  if (!original || !sale.refundMethods.includes('card')) throw new TillError('RETURN_METHOD_NOT_ALLOWED', { methods: sale.refundMethods.join(', ') });
  const terminal = d.terminal;
  if (!terminal) throw new TillError('RETURN_NO_TERMINAL');
  const amount = Math.min(refund, Math.max(0, original.left));
  checkMethod(d, sale, 'card', refund - amount, true);
  // Nothing left on the card (refunded already): the whole refund is the cash part.
  if (amount === 0) throw new TillError('RETURN_METHOD_NOT_ALLOWED', { methods: sale.refundMethods.filter((m) => m !== 'card').join(', ') });

  const id = newId(d.now().getTime());
  statement(d.db, `INSERT INTO refund_attempts (id, sale_id, request, amount_minor, currency, state, started_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)`).run(
    id,
    sale.saleId,
    JSON.stringify({ saleId: request.saleId, lines: request.lines, method: 'card', ...(central ? { central } : {}) } satisfies AttemptRequest),
    amount,
    sale.currency,
    d.now().toISOString(),
  );
  let outcome: TerminalOutcome;
  try {
    outcome = await withDeadline(
      terminal,
      (t) => t.refund({ amountMinor: amount, currency: sale.currency, reference: id, original: { approvalCode: original.approvalCode, reference: original.reference } }),
      d.settings.paymentTerminal.timeoutMs,
    );
  } catch {
    outcome = { outcome: 'declined', reason: 'terminal_error' };
  }
  const attempt = d.db.transaction(() => {
    const at = d.now().toISOString();
    if (outcome.outcome === 'approved') {
      statement(d.db, `UPDATE refund_attempts SET state = 'approved', approval_code = ?, card_last4 = ?, answered_at = ? WHERE id = ?`).run(outcome.approvalCode, outcome.cardLast4, at, id);
    } else {
      statement(d.db, `UPDATE refund_attempts SET state = ?, decline_reason = ?, answered_at = ? WHERE id = ?`).run(
        outcome.outcome,
        outcome.outcome === 'declined' ? outcome.reason : null,
        at,
        id,
      );
    }
    record(d, `return.card_${outcome.outcome}`, sale.saleId, { attemptId: id, amount, ...(outcome.outcome === 'declined' ? { reason: outcome.reason } : {}) });
    return statement(d.db, `SELECT * FROM refund_attempts WHERE id = ?`).get(id) as AttemptRow;
  })();
  if (outcome.outcome === 'timeout') throw new TillError('RETURN_CARD_TIMEOUT');
  if (outcome.outcome === 'declined') throw new TillError('RETURN_CARD_DECLINED');
  return commitApproved(d, attempt);
}

/**
 * At start-up. A refund still pending is one the till died waiting for: not a refund the till
 * saw approved, marked interrupted and audited (staff check the terminal's journal). An approved
 * refund not committed yet (the till died between the terminal's answer and the return) is
 * committed now, once; should the return no longer fit, it is marked unmatched and audited.
 */
export function reconcileCardRefunds(d: ReturnDeps): { interruptedIds: { id: string; amount: number }[]; committed: number; unmatched: number } {
  const interruptedIds = d.db.transaction(() => {
    const pending = statement(d.db, `SELECT * FROM refund_attempts WHERE state = 'pending'`).all() as AttemptRow[];
    for (const a of pending) {
      statement(d.db, `UPDATE refund_attempts SET state = 'interrupted', answered_at = ? WHERE id = ?`).run(d.now().toISOString(), a.id);
      record(d, 'return.card_interrupted', a.sale_id, { attemptId: a.id, amount: a.amount_minor });
    }
    return pending.map((a) => ({ id: a.id, amount: a.amount_minor }));
  })();
  return { interruptedIds, ...commitHeldApprovals(d) };
}

/** Approved refunds not committed as returns yet: each committed once, or marked unmatched (audited) should the return no longer fit. */
function commitHeldApprovals(d: ReturnDeps): { committed: number; unmatched: number } {
  const counts = { committed: 0, unmatched: 0 };
  for (const a of statement(d.db, `SELECT * FROM refund_attempts WHERE state = 'approved' AND return_id IS NULL ORDER BY id`).all() as AttemptRow[]) {
    try {
      commitApproved(d, a);
      counts.committed += 1;
    } catch (e) {
      if (!(e instanceof TillError)) throw e;
      d.db.transaction(() => {
        statement(d.db, `UPDATE refund_attempts SET state = 'unmatched' WHERE id = ?`).run(a.id);
        record(d, 'return.card_unmatched', a.sale_id, { attemptId: a.id, amount: a.amount_minor, approvalCode: a.approval_code, reason: e.code });
      })();
      counts.unmatched += 1;
    }
  }
  if (counts.committed > 0) d.committed?.();
  return counts;
}

/**
 * Refunds interrupted at this start-up, settled from the terminal's last-transaction record:
 * approved there → the return is committed now, once (as an approval the till saw); declined
 * or never on the terminal → nothing refunded, nothing recorded. Audited; what the record cannot
 * tell stays interrupted, shown to staff.
 */
export function settleRefundsFromTerminal(d: ReturnDeps, attempts: readonly { id: string; amount: number }[], last: TerminalRecord | null | 'unreachable'): void {
  settleFromTerminal(d, 'refund', attempts, last, (saleId, attempt, verdict) => record(d, 'return.card_settled', saleId, settledDetails(attempt, verdict)));
  commitHeldApprovals(d);
}
