import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { InterruptedView, PaymentStateView } from '../../core/payment/contract.js';
import type { TerminalOutcome } from '../../core/payment/terminal.js';
import type { CompletedSaleView, SaleView } from '../../core/sale/contract.js';
import type { ShiftReport } from '../../core/shift/report.js';
import type { HeldVoucherView } from '../../core/voucher/contract.js';
import { EmulatedTerminal } from '../../electron/backend/payment/emulator.js';
import { writeSettings } from '../../electron/backend/settings.js';
import { errorCode, ok, openTestTill, type TestTill } from '../helpers/till.js';
import { tempDir } from '../helpers/tmp.js';
import { reopenCutOffReversal } from './cutOff.js';

/**
 * Giving back a card approval held on the open sale: the reversal is recorded before the terminal
 * is asked and its answer the moment it comes (approved, declined, timed out), and one the till
 * died waiting for is settled at start-up from the terminal's journal by the same path as charges
 * and refunds, or shown to staff. Real SQLite files, the emulated terminal with a journal file.
 */

const one = (till: TestTill, sql: string, ...args: unknown[]) => till.db.prepare(sql).pluck().get(...args) as number | string;
const emulator = (till: TestTill) => till.terminal as EmulatedTerminal;
const state = async (till: TestTill) => ok(await till.dispatch('payment.state', {})) as PaymentStateView;

function unitBarcodes(till: TestTill, n: number): string[] {
  return till.db
    .prepare(`SELECT b.code FROM barcodes b JOIN products p USING (sku) JOIN store_prices sp USING (sku) WHERE p.sold_by = 'unit' AND sp.price_minor > 100 ORDER BY b.code LIMIT ?`)
    .pluck()
    .all(n) as string[];
}

/** A till with a shift and an open sale of two products, the first paid by an approved card held on it. */
async function cardHeld(): Promise<{ till: TestTill; journal: string; sale: SaleView; card: PaymentStateView['held'][number] }> {
  const journal = join(tempDir(), 'terminal.jsonl');
  const till = openTestTill({ terminal: new EmulatedTerminal(journal) });
  ok(await till.dispatch('shift.open', { float: { '50000': 2 } }));
  const [a, b] = unitBarcodes(till, 2) as [string, string];
  const first = ok(await till.dispatch('sale.scan', { code: a })) as SaleView;
  // The card holder is at the PIN pad while a second product is scanned: the approval is held on the open sale.
  emulator(till).behaviour = { kind: 'hold' };
  const paying = till.dispatch('payment.pay', { cardMinor: first.totals.total, cashTenderedMinor: 0 });
  const sale = ok(await till.dispatch('sale.scan', { code: b })) as SaleView;
  emulator(till).release();
  expect(errorCode(await paying)).toBe('PAYMENT_INSUFFICIENT');
  emulator(till).behaviour = { kind: 'approve' };
  const [card] = (await state(till)).held;
  return { till, journal, sale, card: card! };
}

describe('card reversals recorded as attempts', () => {
  it('approved: recorded with the terminal’s approval, the card no longer held, audited; the sale can then be cancelled', async () => {
    const { till, card } = await cardHeld();
    const after = ok(await till.dispatch('payment.reverse', { attemptId: card.attemptId })) as PaymentStateView;
    expect(after.held).toEqual([]);
    const reversal = till.db.prepare(`SELECT * FROM card_reversals`).get() as { id: string; attempt_id: string; state: string; approval_code: string; amount_minor: number };
    expect(reversal).toMatchObject({ attempt_id: card.attemptId, state: 'approved', approval_code: 'A00002', amount_minor: card.amount });
    // The terminal had the reversal under the reference the till recorded first.
    expect(emulator(till).operations[1]).toMatchObject({ type: 'refund', reference: reversal.id, amountMinor: card.amount, originalApproval: card.approvalCode });
    expect(one(till, `SELECT state FROM card_attempts WHERE id = ?`, card.attemptId)).toBe('reversed');
    expect(till.db.prepare(`SELECT action FROM audit_log WHERE action LIKE 'payment.%revers%' ORDER BY at, rowid`).pluck().all()).toEqual(['payment.reversal_started', 'payment.card_reversed']);
    ok(await till.dispatch('sale.cancel', {}));
    expect(one(till, `SELECT COUNT(*) FROM payments`)).toBe(0);
    await till.close();
  });

  it('declined or timed out: recorded so, the card stays held on the sale and pays with it once', async () => {
    const { till, card, sale } = await cardHeld();
    emulator(till).behaviour = { kind: 'decline', reason: 'card_declined' };
    expect(errorCode(await till.dispatch('payment.reverse', { attemptId: card.attemptId }))).toBe('PAYMENT_DECLINED');
    expect((await state(till)).held).toEqual([card]);
    expect(one(till, `SELECT state || '/' || decline_reason FROM card_reversals`)).toBe('declined/card_declined');
    writeSettings(till.db, { paymentTerminal: { kind: 'emulator', timeoutMs: 100 } });
    await till.close();

    const slow = openTestTill({ file: till.file, terminal: new EmulatedTerminal() });
    (slow.terminal as EmulatedTerminal).behaviour = { kind: 'silent' };
    expect(errorCode(await slow.dispatch('payment.reverse', { attemptId: card.attemptId }))).toBe('PAYMENT_TIMEOUT');
    expect(slow.db.prepare(`SELECT state FROM card_reversals ORDER BY id`).pluck().all()).toEqual(['declined', 'timeout']);
    expect((await state(slow)).held).toEqual([card]);
    (slow.terminal as EmulatedTerminal).behaviour = null;
    const paid = ok(await slow.dispatch('payment.pay', { cardMinor: 0, cashTenderedMinor: sale.totals.total })) as CompletedSaleView;
    expect(paid.payments.filter((p) => p.method === 'card').map((p) => p.amount)).toEqual([card.amount]);
    expect(one(slow, `SELECT COUNT(*) FROM audit_log WHERE action IN ('payment.reversal_declined', 'payment.reversal_timeout')`)).toBe(2);
    await slow.close();
  });

  it('a sale is not paid while a card on it is being reversed', async () => {
    const { till, card, sale } = await cardHeld();
    emulator(till).behaviour = { kind: 'hold' };
    const reversing = till.dispatch('payment.reverse', { attemptId: card.attemptId });
    expect(errorCode(await till.dispatch('payment.pay', { cardMinor: 0, cashTenderedMinor: sale.totals.total }))).toBe('PAYMENT_IN_PROGRESS');
    expect(errorCode(await till.dispatch('sale.cancel', {}))).toBe('PAYMENT_CARD_HELD');
    emulator(till).release();
    expect((ok(await reversing) as PaymentStateView).held).toEqual([]);
    await till.close();
  });

  it('cancelling a sale with a card and a voucher on it: refused while the card is held, the voucher stays; once the card is given back, the cancel gives the voucher back too', async () => {
    const { till, card, sale } = await cardHeld();
    const credit = ok(await till.dispatch('return.noReceipt', { lines: [{ sku: sale.lines[0]!.sku, quantity: 1 }], method: 'storeCredit' })) as { voucherCode: string };
    const voucher = ok(await till.dispatch('voucher.apply', { code: credit.voucherCode, amountMinor: 1 })) as HeldVoucherView;
    expect(errorCode(await till.dispatch('sale.cancel', {}))).toBe('PAYMENT_CARD_HELD');
    expect((await state(till)).vouchers.map((v) => v.spendId)).toEqual([voucher.spendId]);
    ok(await till.dispatch('payment.reverse', { attemptId: card.attemptId }));
    ok(await till.dispatch('sale.cancel', {}));
    expect(one(till, `SELECT state FROM voucher_spends WHERE id = ?`, voucher.spendId)).toBe('returned');
    expect(one(till, `SELECT COUNT(*) FROM outbox WHERE op_type = 'voucher.returned'`)).toBe(1);
    await till.close();
  });

  describe('interrupted (the till died waiting for the terminal)', () => {
    /** The till killed mid-reversal, as its files show it: the reversal pending, the terminal's journal as `outcome` left it (undefined: never had it). */
    async function cutOff(outcome: TerminalOutcome | null | undefined, terminal?: (journal: string) => EmulatedTerminal) {
      const { till, journal, card, sale } = await cardHeld();
      return { ...(await reopenCutOffReversal({ till, journal, card, sale }, outcome, terminal, false)), card, sale };
    }

    it('approved on the terminal: reversed once, the card not held, audited as settled', async () => {
      const { till, card, reversalId } = await cutOff({ outcome: 'approved', approvalCode: 'R00009', cardLast4: '4242' });
      expect(one(till, `SELECT state || '/' || resolution || '/' || approval_code FROM card_reversals WHERE id = ?`, reversalId)).toBe('approved/terminal/R00009');
      expect(one(till, `SELECT state FROM card_attempts WHERE id = ?`, card.attemptId)).toBe('reversed');
      expect((await state(till)).held).toEqual([]);
      expect(ok(await till.dispatch('payment.interrupted', {}))).toEqual([]);
      expect(one(till, `SELECT COUNT(*) FROM audit_log WHERE action = 'payment.reversal_interrupted'`)).toBe(1);
      expect(one(till, `SELECT COUNT(*) FROM audit_log WHERE action = 'payment.reversal_settled' AND details LIKE '%approved%'`)).toBe(1);
      await till.close();
      // Started again: nothing settled twice.
      const again = openTestTill({ file: till.file, terminal: new EmulatedTerminal() });
      await again.terminalSettled;
      expect(one(again, `SELECT COUNT(*) FROM audit_log WHERE action = 'payment.reversal_settled'`)).toBe(1);
      await again.close();
    });

    it('declined or timed out on the terminal, or never on it: the card is held on the sale again', async () => {
      for (const outcome of [{ outcome: 'declined', reason: 'cancelled' }, { outcome: 'timeout' }, undefined] as const) {
        const { till, card, reversalId } = await cutOff(outcome);
        expect((await state(till)).held).toEqual([card]);
        expect(one(till, `SELECT state || '/' || resolution FROM card_reversals WHERE id = ?`, reversalId)).toBe(outcome ? `${outcome.outcome}/terminal` : 'interrupted/notOnTerminal');
        expect(ok(await till.dispatch('payment.interrupted', {}))).toEqual([]);
        await till.close();
      }
    });

    it('what the terminal cannot tell: shown to staff and in the X report, the card off the sale, until a manager marks it checked', async () => {
      const unreachable = (journal: string) => Object.assign(new EmulatedTerminal(journal), { unreachable: true });
      const { till, card, sale, reversalId } = await cutOff(null, unreachable);
      const shown = ok(await till.dispatch('payment.interrupted', {})) as InterruptedView[];
      expect(shown).toEqual([{ kind: 'reversal', attemptId: reversalId, saleId: sale.id, amount: card.amount, currency: sale.currency, startedAt: expect.any(String) }]);
      // The money may be back on the card: the sale does not count it, and can be cancelled.
      expect((await state(till)).held).toEqual([]);
      expect((ok(await till.dispatch('shift.x', {})) as ShiftReport).interrupted).toEqual({ count: 1, amount: card.amount, open: 1 });
      expect(ok(await till.dispatch('payment.resolveInterrupted', { attemptId: reversalId }))).toEqual([]);
      expect(one(till, `SELECT resolution FROM card_reversals WHERE id = ?`, reversalId)).toBe('checked');
      expect((await state(till)).held).toEqual([]);
      expect(one(till, `SELECT COUNT(*) FROM audit_log WHERE action = 'payment.interrupted_checked' AND details LIKE '%reversal%'`)).toBe(1);
      ok(await till.dispatch('sale.cancel', {}));
      await till.close();
    });
  });
});
