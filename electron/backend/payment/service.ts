import { isTillError, TillError, type ErrorParams } from '../../../core/errors.js';
import { toDecimalString } from '../../../core/money.js';
import { newId } from '../../../core/ids.js';
import type { PaymentStateView } from '../../../core/payment/contract.js';
import type { PaymentErrorCode } from '../../../core/payment/errors.js';
import { planTender } from '../../../core/payment/tender.js';
import type { DeclineReason, TerminalOutcome, TerminalRecord } from '../../../core/payment/terminal.js';
import type { CompletedSaleView } from '../../../core/sale/contract.js';
import { audit, statement, type TillDatabase } from '../db.js';
import type { HeldCard, SaleService, SaleTenders } from '../sale/sale.js';
import type { TillSettings } from '../settings.js';
import type { ActorSource } from '../staff/actor.js';
import { resolveInterrupted, settledDetails, settleFromTerminal, unresolvedInterrupted } from './interrupted.js';
import { withDeadline, type PaymentTerminal } from './terminal.js';
import { heldVouchers } from '../voucher/spend.js';

/** What card payments work over. */
export interface CardPaymentDeps {
  readonly db: TillDatabase;
  readonly settings: TillSettings;
  readonly now: () => Date;
  readonly actor: ActorSource;
  /** The terminal beside this till; null: none set up (cash only). */
  readonly terminal: PaymentTerminal | null;
}

interface AttemptRow {
  id: string;
  sale_id: string;
  amount_minor: number;
  state: 'pending' | 'approved' | 'declined' | 'timeout' | 'interrupted' | 'reversed';
  approval_code: string | null;
  card_last4: string | null;
  payment_id: string | null;
}

const REFUSED: Record<DeclineReason, PaymentErrorCode> = {
  card_declined: 'PAYMENT_DECLINED',
  insufficient_funds: 'PAYMENT_DECLINED_FUNDS',
  cancelled: 'PAYMENT_CANCELLED',
  terminal_error: 'PAYMENT_TERMINAL_ERROR',
};

/** What the terminal answered instead of an approval (`refusal`). */
const TERMINAL_REFUSALS: ReadonlySet<string> = new Set([...Object.values(REFUSED), 'PAYMENT_TIMEOUT']);

function record(d: CardPaymentDeps, action: string, subject: string, details: unknown): void {
  const who = d.actor();
  audit(d.db, { at: d.now().toISOString(), tillId: d.settings.tillId, actor: who.name, actorId: who.id, action, subject, details });
}

/**
 * The approvals held on a sale: approved, not paid with yet, and not under a reversal cut off
 * that the terminal's record did not show failed (the money may be back on the card).
 */
function held(d: CardPaymentDeps, saleId: string): HeldCard[] {
  const rows = statement(
    d.db,
    `SELECT * FROM card_attempts a WHERE sale_id = ? AND state = 'approved' AND payment_id IS NULL
       AND NOT EXISTS (SELECT 1 FROM card_reversals r WHERE r.attempt_id = a.id AND r.state = 'interrupted' AND (r.resolution IS NULL OR r.resolution = 'checked'))
     ORDER BY id`,
  ).all(saleId) as AttemptRow[];
  return rows.map((r) => ({ attemptId: r.id, amount: r.amount_minor, approvalCode: r.approval_code as string, cardLast4: r.card_last4 as string }));
}

/** What the sale asks of card payments: the approvals held on it, and claiming them as it completes. */
export function saleTenders(d: CardPaymentDeps): SaleTenders {
  return {
    held: (saleId) => held(d, saleId),
    claim: (attemptId, paymentId) => {
      const changed = statement(d.db, `UPDATE card_attempts SET payment_id = ? WHERE id = ? AND state = 'approved' AND payment_id IS NULL`).run(paymentId, attemptId).changes;
      if (changed !== 1) throw new TillError('PAYMENT_ATTEMPT_NOT_FOUND');
    },
  };
}

/**
 * At start-up: a charge still pending is one the till died waiting for. It is not a payment
 * (the till never saw an approval); it is marked interrupted and audited, and its attempt
 * returned for `settleChargesFromTerminal` to ask the terminal about.
 */
export function settleInterruptedCharges(d: CardPaymentDeps): { id: string; amount: number }[] {
  return d.db.transaction(() => {
    const pending = statement(d.db, `SELECT * FROM card_attempts WHERE state = 'pending'`).all() as AttemptRow[];
    for (const a of pending) {
      statement(d.db, `UPDATE card_attempts SET state = 'interrupted', answered_at = ? WHERE id = ?`).run(d.now().toISOString(), a.id);
      record(d, 'payment.card_interrupted', a.sale_id, { attemptId: a.id, amount: a.amount_minor });
    }
    return pending.map((a) => ({ id: a.id, amount: a.amount_minor }));
  })();
}

/**
 * Charges interrupted at this start-up, settled from the terminal's last-transaction record:
 * approved there → approved here, held on its sale (paid with it once, or reversed); declined
 * or never on the terminal → nothing taken. Each settled one is audited; what the record
 * cannot tell stays interrupted, shown to staff.
 */
export function settleChargesFromTerminal(d: CardPaymentDeps, attempts: readonly { id: string; amount: number }[], last: TerminalRecord | null | 'unreachable'): void {
  settleFromTerminal(d, 'charge', attempts, last, (saleId, attempt, verdict) => record(d, 'payment.card_settled', saleId, settledDetails(attempt, verdict)));
}

/**
 * At start-up: a reversal still pending is one the till died waiting for. Its card approval is
 * no longer held on the sale (the money may be back on the card); it is marked interrupted and
 * audited, and returned for `settleReversalsFromTerminal` to ask the terminal about.
 */
export function settleInterruptedReversals(d: CardPaymentDeps): { id: string; amount: number }[] {
  return d.db.transaction(() => {
    const pending = statement(d.db, `SELECT id, sale_id, attempt_id, amount_minor FROM card_reversals WHERE state = 'pending'`).all() as ReversalRow[];
    for (const r of pending) {
      statement(d.db, `UPDATE card_reversals SET state = 'interrupted', answered_at = ? WHERE id = ?`).run(d.now().toISOString(), r.id);
      record(d, 'payment.reversal_interrupted', r.sale_id, { reversalId: r.id, attemptId: r.attempt_id, amount: r.amount_minor });
    }
    return pending.map((r) => ({ id: r.id, amount: r.amount_minor }));
  })();
}

/**
 * Reversals interrupted at this start-up, settled from the terminal's last-transaction record:
 * approved there → the card approval is reversed (no longer held); declined, timed out or never
 * on the terminal → the approval is held on its sale again. Audited; what the record cannot
 * tell stays interrupted, shown to staff, and the approval stays off the sale. A reversal made
 * to cancel its sale, approved there, cancels it (`cancelSale`) when nothing else is held on it:
 * the ids of the sales so cancelled.
 */
export function settleReversalsFromTerminal(
  d: CardPaymentDeps,
  reversals: readonly { id: string; amount: number }[],
  last: TerminalRecord | null | 'unreachable',
  cancelSale: (saleId: string) => boolean,
): string[] {
  const cancelled: string[] = [];
  settleFromTerminal(d, 'reversal', reversals, last, (saleId, reversal, verdict) => {
    const approved = verdict !== 'notOnTerminal' && verdict.outcome === 'approved';
    if (approved) markReversed(d, reversal.id);
    record(d, 'payment.reversal_settled', saleId, settledDetails(reversal, verdict));
    // The cancel this reversal was part of, finished in the same transaction (when nothing else is held on the sale).
    const forCancel = statement(d.db, `SELECT cancels_sale FROM card_reversals WHERE id = ?`).pluck().get(reversal.id) === 1;
    if (approved && forCancel && cancelSale(saleId)) cancelled.push(saleId);
  });
  return cancelled;
}

interface ReversalRow {
  id: string;
  sale_id: string;
  attempt_id: string;
  amount_minor: number;
}

function markReversed(d: CardPaymentDeps, reversalId: string): void {
  statement(
    d.db,
    `UPDATE card_attempts SET state = 'reversed', answered_at = ? WHERE id = (SELECT attempt_id FROM card_reversals WHERE id = ?) AND state = 'approved' AND payment_id IS NULL`,
  ).run(d.now().toISOString(), reversalId);
}

/**
 * Gives a card approval held on the open sale back to the card. The reversal is committed before
 * the terminal is asked and its answer the moment it comes (a till that dies in between settles
 * it at start-up): approved → the approval is reversed; declined or timed out → it stays held.
 * `cancelSale`: the reversal is part of cancelling the sale (marked so, for start-up), and runs
 * in the transaction that records the approval; its answer (whether it cancelled) is returned.
 */
async function reverseCard(d: CardPaymentDeps, saleId: string, card: HeldCard, cancelSale?: () => boolean): Promise<boolean> {
  // Before anything is recorded: a reversal no terminal can be asked about would wait for a restart.
  if (!d.terminal) throw new TillError('PAYMENT_NO_TERMINAL');
  const id = newId(d.now().getTime());
  d.db.transaction(() => {
    statement(d.db, `INSERT INTO card_reversals (id, attempt_id, sale_id, amount_minor, currency, state, started_at, cancels_sale) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`).run(
      id,
      card.attemptId,
      saleId,
      card.amount,
      d.settings.currency,
      d.now().toISOString(),
      cancelSale ? 1 : 0,
    );
    record(d, 'payment.reversal_started', saleId, { reversalId: id, attemptId: card.attemptId, amount: card.amount, ...(cancelSale ? { cancelsSale: true } : {}) });
  })();
  const outcome = await ask(d, (t) =>
    t.refund({ amountMinor: card.amount, currency: d.settings.currency, reference: id, original: { approvalCode: card.approvalCode, reference: card.attemptId } }),
  );
  const cancelled = d.db.transaction(() => {
    const at = d.now().toISOString();
    if (outcome.outcome === 'approved') {
      statement(d.db, `UPDATE card_reversals SET state = 'approved', approval_code = ?, card_last4 = ?, answered_at = ? WHERE id = ?`).run(outcome.approvalCode, outcome.cardLast4, at, id);
      markReversed(d, id);
      record(d, 'payment.card_reversed', saleId, { reversalId: id, attemptId: card.attemptId, amount: card.amount, refundApproval: outcome.approvalCode });
      return cancelSale?.() ?? false;
    }
    const reason = outcome.outcome === 'declined' ? outcome.reason : null;
    statement(d.db, `UPDATE card_reversals SET state = ?, decline_reason = ?, answered_at = ? WHERE id = ?`).run(outcome.outcome, reason, at, id);
    record(d, `payment.reversal_${outcome.outcome}`, saleId, { reversalId: id, attemptId: card.attemptId, amount: card.amount, ...(reason ? { reason } : {}) });
    return false;
  })();
  if (outcome.outcome !== 'approved') throw refusal(outcome);
  return cancelled;
}

/** Asks the terminal, within the till's deadline; a driver that cannot reach it is a terminal fault. */
async function ask(d: CardPaymentDeps, operation: (t: PaymentTerminal) => Promise<TerminalOutcome>): Promise<TerminalOutcome> {
  const terminal = d.terminal;
  if (!terminal) throw new TillError('PAYMENT_NO_TERMINAL');
  try {
    return await withDeadline(terminal, operation, d.settings.paymentTerminal.timeoutMs);
  } catch {
    return { outcome: 'declined', reason: 'terminal_error' };
  }
}

/** A card total in an error: as a decimal for the backend's own message, in minor units and currency for the screen to format. */
function onCard(d: CardPaymentDeps, amount: number): ErrorParams {
  return { amount: `${toDecimalString({ amount, currency: d.settings.currency })} ${d.settings.currency}`, amountMinor: amount, currency: d.settings.currency };
}

function refusal(outcome: Exclude<TerminalOutcome, { outcome: 'approved' }>): TillError {
  return new TillError(outcome.outcome === 'timeout' ? 'PAYMENT_TIMEOUT' : REFUSED[outcome.reason]);
}

/**
 * One card charge on the open sale. The attempt is committed before the terminal is asked and
 * its answer committed the moment it comes: an approval survives whatever happens to the sale
 * next; a decline or a timeout records nothing as paid.
 */
async function chargeCard(d: CardPaymentDeps, saleId: string, amount: number): Promise<void> {
  const id = newId(d.now().getTime());
  statement(d.db, `INSERT INTO card_attempts (id, sale_id, amount_minor, currency, state, started_at) VALUES (?, ?, ?, ?, 'pending', ?)`).run(
    id,
    saleId,
    amount,
    d.settings.currency,
    d.now().toISOString(),
  );
  const outcome = await ask(d, (t) => t.charge({ amountMinor: amount, currency: d.settings.currency, reference: id }));
  d.db.transaction(() => {
    const at = d.now().toISOString();
    if (outcome.outcome === 'approved') {
      statement(d.db, `UPDATE card_attempts SET state = 'approved', approval_code = ?, card_last4 = ?, answered_at = ? WHERE id = ?`).run(
        outcome.approvalCode,
        outcome.cardLast4,
        at,
        id,
      );
    } else {
      const reason = outcome.outcome === 'declined' ? outcome.reason : null;
      statement(d.db, `UPDATE card_attempts SET state = ?, decline_reason = ?, answered_at = ? WHERE id = ?`).run(
        outcome.outcome === 'declined' ? 'declined' : 'timeout',
        reason,
        at,
        id,
      );
    }
    record(d, `payment.card_${outcome.outcome}`, saleId, { attemptId: id, amount, ...(outcome.outcome === 'declined' ? { reason: outcome.reason } : {}) });
  })();
  if (outcome.outcome !== 'approved') throw refusal(outcome);
}

/**
 * Card and split payments over the sale service. One terminal operation at a time; the split
 * is checked before the terminal is asked, so bad input charges nothing.
 */
export function createCardPayments(d: CardPaymentDeps, sales: SaleService) {
  let busy = false;

  const exclusive = async <T>(work: () => Promise<T>): Promise<T> => {
    if (busy) throw new TillError('PAYMENT_IN_PROGRESS');
    busy = true;
    try {
      return await work();
    } finally {
      busy = false;
    }
  };

  const state = (): PaymentStateView => {
    const sale = sales.current();
    return {
      methods: [...d.settings.paymentMethods],
      terminal: d.terminal !== null,
      held: sale ? held(d, sale.id).map(({ attemptId, amount, cardLast4, approvalCode }) => ({ attemptId, amount, cardLast4, approvalCode })) : [],
      vouchers: sale ? heldVouchers(d.db, sale.id) : [],
    };
  };

  async function pay(cardMinor: number, cashTenderedMinor: number): Promise<CompletedSaleView> {
    const sale = sales.current();
    if (!sale) throw new TillError('SALE_NO_OPEN_SALE');
    if (sale.totals.itemCount === 0) throw new TillError('SALE_EMPTY');
    const prepaid = held(d, sale.id).reduce((s, c) => s + c.amount, 0) + heldVouchers(d.db, sale.id).reduce((s, v) => s + v.amount, 0);
    const plan = planTender(sale.totals.total, prepaid, cardMinor, cashTenderedMinor);
    if (plan.card > 0 && !d.settings.paymentMethods.includes('card')) throw new TillError('PAYMENT_METHOD_NOT_ALLOWED', { method: 'card' });
    if (plan.cash && plan.cash.tendered > 0 && !d.settings.paymentMethods.includes('cash')) throw new TillError('PAYMENT_METHOD_NOT_ALLOWED', { method: 'cash' });
    if (plan.card > 0 && !d.terminal) throw new TillError('PAYMENT_NO_TERMINAL');
    // Under the terminal's lock: a sale is never paid while a card on it is being reversed.
    return exclusive(async () => {
      if (plan.card > 0) await chargeCard(d, sale.id, plan.card);
      // Should this fail (the sale changed while the card was in the terminal), the approval stays held on the sale.
      return sales.pay(cashTenderedMinor);
    });
  }

  async function reverse(attemptId: string): Promise<PaymentStateView> {
    const sale = sales.current();
    const card = sale ? held(d, sale.id).find((c) => c.attemptId === attemptId) : undefined;
    if (!sale || !card) throw new TillError('PAYMENT_ATTEMPT_NOT_FOUND');
    await exclusive(() => reverseCard(d, sale.id, card));
    return state();
  }

  /**
   * Before the open sale is cancelled: the card approvals held on it given back to their cards,
   * each as `reverse` does; the transaction recording the last one also cancels the sale when
   * nothing else is held on it (true; false: no card was held, or a voucher still is, and the
   * caller gives it back and cancels). `agreed` is the card total the cashier was shown and
   * confirmed: none, or another (a card taken since), is asked about again (PAYMENT_CARD_HELD
   * with the total). A card the terminal does not give back stops it there: the sale stays open
   * with that card held, and the error says so.
   */
  async function reverseToCancel(agreed: number | undefined): Promise<boolean> {
    const sale = sales.current();
    if (!sale) return false;
    const onSale = () => {
      const cards = held(d, sale.id);
      const total = cards.reduce((sum, c) => sum + c.amount, 0);
      if (total > 0 && agreed !== total) throw new TillError('PAYMENT_CARD_HELD', onCard(d, total));
      return cards;
    };
    if (onSale().length === 0) return false;
    return exclusive(async () => {
      // Again under the terminal's lock: what the cashier agreed to is what is given back.
      const cards = onSale();
      if (!d.terminal) throw new TillError('PAYMENT_NO_TERMINAL');
      for (const card of cards) {
        try {
          if (await reverseCard(d, sale.id, card, () => sales.cancelIfClear(sale.id))) return true;
        } catch (e) {
          if (!isTillError(e) || !TERMINAL_REFUSALS.has(e.code)) throw e;
          const left = held(d, sale.id).reduce((sum, c) => sum + c.amount, 0);
          throw new TillError(e.code === 'PAYMENT_TIMEOUT' ? 'PAYMENT_CANCEL_CARD_TIMEOUT' : 'PAYMENT_CANCEL_CARD_KEPT', onCard(d, left));
        }
      }
      return false;
    });
  }

  return {
    state,
    pay,
    reverse,
    reverseToCancel,
    /** Card operations the till died waiting for and the terminal could not settle: for staff to check. */
    interrupted: () => unresolvedInterrupted(d.db),
    /** A manager checked one on the terminal's journal. */
    resolveInterrupted: (attemptId: string) => resolveInterrupted({ db: d.db, tillId: d.settings.tillId, now: d.now, actor: d.actor }, attemptId),
    /** The cashier gives up on the card: the terminal abandons what it is doing. */
    cancel: async (): Promise<null> => {
      await d.terminal?.cancel();
      return null;
    },
  };
}

export type CardPayments = ReturnType<typeof createCardPayments>;
