import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newId } from '../../core/ids.js';
import type { PaymentStateView } from '../../core/payment/contract.js';
import type { RpcError } from '../../core/rpc/contract.js';
import type { TerminalOutcome } from '../../core/payment/terminal.js';
import type { SaleView } from '../../core/sale/contract.js';
import type { HeldVoucherView } from '../../core/voucher/contract.js';
import { EmulatedTerminal } from '../../electron/backend/payment/emulator.js';
import { writeSettings } from '../../electron/backend/settings.js';
import { errorCode, ok, openTestTill, type TestTill } from '../helpers/till.js';
import { tempDir } from '../helpers/tmp.js';
import { reopenCutOffReversal } from './cutOff.js';

/**
 * Cancelling a sale with card payments held on it in one step: the cashier confirms the card
 * total, each card is given back through the terminal (recorded before it is asked, as "Refund
 * to card" does), and the sale is cancelled with the last one. The terminal refusing or not
 * answering leaves the sale open with the card held; a till killed mid-way finishes the cancel
 * at start-up only when the terminal's record shows the card given back.
 */

const one = (till: TestTill, sql: string, ...args: unknown[]) => till.db.prepare(sql).pluck().get(...args) as number | string;
const emulator = (till: TestTill) => till.terminal as EmulatedTerminal;
const state = async (till: TestTill) => ok(await till.dispatch('payment.state', {})) as PaymentStateView;
const failure = (result: { ok: boolean; error?: RpcError }) => result.error as RpcError;
const saleStatus = (till: TestTill, saleId: string) => one(till, `SELECT status FROM sales WHERE id = ?`, saleId);

function unitBarcodes(till: TestTill, n: number): string[] {
  return till.db
    .prepare(`SELECT b.code FROM barcodes b JOIN products p USING (sku) JOIN store_prices sp USING (sku) WHERE p.sold_by = 'unit' AND sp.price_minor > 100 ORDER BY b.code LIMIT ?`)
    .pluck()
    .all(n) as string[];
}

/** Pays what is left by card while one more product is scanned: the approval stays held on the open sale. */
async function holdACard(till: TestTill, code: string): Promise<SaleView> {
  const before = (ok(await till.dispatch('sale.current', {})) as SaleView).totals.total - (await state(till)).held.reduce((s, c) => s + c.amount, 0);
  emulator(till).behaviour = { kind: 'hold' };
  const paying = till.dispatch('payment.pay', { cardMinor: before, cashTenderedMinor: 0 });
  const sale = ok(await till.dispatch('sale.scan', { code })) as SaleView;
  emulator(till).release();
  expect(errorCode(await paying)).toBe('PAYMENT_INSUFFICIENT');
  emulator(till).behaviour = { kind: 'approve' };
  return sale;
}

/** A till with a shift and an open sale with `cards` card approvals held on it (one more product scanned than cards). */
async function cardsHeld(cards = 1): Promise<{ till: TestTill; journal: string; sale: SaleView; held: PaymentStateView['held']; total: number }> {
  const journal = join(tempDir(), 'terminal.jsonl');
  const till = openTestTill({ terminal: new EmulatedTerminal(journal) });
  ok(await till.dispatch('shift.open', { float: { '50000': 2 } }));
  const codes = unitBarcodes(till, cards + 1);
  let sale = ok(await till.dispatch('sale.scan', { code: codes[0]! })) as SaleView;
  for (let i = 1; i <= cards; i++) sale = await holdACard(till, codes[i]!);
  const { held } = await state(till);
  expect(held).toHaveLength(cards);
  return { till, journal, sale, held, total: held.reduce((s, c) => s + c.amount, 0) };
}

async function untilBusy(terminal: EmulatedTerminal): Promise<void> {
  while (!terminal.busy) await new Promise((r) => setImmediate(r));
}

describe('cancelling a sale with the card payments held on it', () => {
  it('asks first: without the card total the cashier confirmed, or with another, nothing is given back and the answer names the total', async () => {
    const { till, sale, total } = await cardsHeld();
    for (const input of [{}, { cardsMinor: total + 1 }]) {
      const refused = failure(await till.dispatch('sale.cancel', input));
      expect(refused).toMatchObject({ code: 'PAYMENT_CARD_HELD', params: { amountMinor: total, currency: sale.currency } });
    }
    expect(failure(await till.dispatch('sale.cancel', { cardsMinor: -5 })).code).toBe('INPUT_INVALID');
    expect(emulator(till).operations.filter((o) => o.type === 'refund')).toEqual([]);
    expect(saleStatus(till, sale.id)).toBe('open');
    expect((await state(till)).held).toHaveLength(1);
    await till.close();
  });

  it('approved: the card is given back (recorded before the terminal is asked) and the sale cancelled with it, in one transaction', async () => {
    const { till, sale, held, total } = await cardsHeld();
    expect(ok(await till.dispatch('sale.cancel', { cardsMinor: total }))).toBeNull();
    expect(saleStatus(till, sale.id)).toBe('cancelled');
    expect(ok(await till.dispatch('sale.current', {}))).toBeNull();
    const reversal = till.db.prepare(`SELECT * FROM card_reversals`).get() as { id: string; state: string; cancels_sale: number; amount_minor: number };
    expect(reversal).toMatchObject({ state: 'approved', cancels_sale: 1, amount_minor: total });
    expect(emulator(till).operations.at(-1)).toMatchObject({ type: 'refund', reference: reversal.id, amountMinor: total, originalApproval: held[0]!.approvalCode });
    expect(one(till, `SELECT state FROM card_attempts WHERE id = ?`, held[0]!.attemptId)).toBe('reversed');
    expect(till.db.prepare(`SELECT action FROM audit_log WHERE action LIKE 'payment.%revers%' OR action = 'sale.cancelled' ORDER BY at, rowid`).pluck().all()).toEqual([
      'payment.reversal_started',
      'payment.card_reversed',
      'sale.cancelled',
    ]);
    expect(one(till, `SELECT details FROM audit_log WHERE action = 'sale.cancelled'`)).toContain('"cardsReversed":true');
    expect(one(till, `SELECT COUNT(*) FROM payments`)).toBe(0);
    // A new sale starts clean.
    const next = ok(await till.dispatch('sale.scan', { code: unitBarcodes(till, 1)[0]! })) as SaleView;
    expect(next.id).not.toBe(sale.id);
    expect((await state(till)).held).toEqual([]);
    await till.close();
  });

  it('declined: the sale stays open with the card held, the reversal recorded declined, and the message names what is still on card', async () => {
    const { till, sale, held, total } = await cardsHeld();
    emulator(till).behaviour = { kind: 'decline', reason: 'card_declined' };
    const refused = failure(await till.dispatch('sale.cancel', { cardsMinor: total }));
    expect(refused).toMatchObject({ code: 'PAYMENT_CANCEL_CARD_KEPT', params: { amountMinor: total } });
    expect(refused.message).toContain(`${(total / 100).toFixed(2)} ${sale.currency}`);
    expect(saleStatus(till, sale.id)).toBe('open');
    expect((await state(till)).held).toEqual(held);
    expect(one(till, `SELECT state || '/' || decline_reason || '/' || cancels_sale FROM card_reversals`)).toBe('declined/card_declined/1');
    // Asked again, the terminal approves: cancelled.
    emulator(till).behaviour = { kind: 'approve' };
    ok(await till.dispatch('sale.cancel', { cardsMinor: total }));
    expect(saleStatus(till, sale.id)).toBe('cancelled');
    await till.close();
  });

  it('timed out: the sale stays open with the card held, and says the terminal did not answer', async () => {
    const { till, sale, held, total } = await cardsHeld();
    writeSettings(till.db, { paymentTerminal: { kind: 'emulator', timeoutMs: 100 } });
    await till.close();
    const slow = openTestTill({ file: till.file, terminal: new EmulatedTerminal() });
    (slow.terminal as EmulatedTerminal).behaviour = { kind: 'silent' };
    const refused = failure(await slow.dispatch('sale.cancel', { cardsMinor: total }));
    expect(refused).toMatchObject({ code: 'PAYMENT_CANCEL_CARD_TIMEOUT', params: { amountMinor: total } });
    expect(saleStatus(slow, sale.id)).toBe('open');
    expect((await state(slow)).held).toEqual(held);
    expect(one(slow, `SELECT state FROM card_reversals`)).toBe('timeout');
    await slow.close();
  });

  it('two cards: the first given back, the second declined: the sale stays open with the second card held, then cancels once it goes back', async () => {
    const { till, sale, held, total } = await cardsHeld(2);
    emulator(till).behaviour = { kind: 'hold' };
    const cancelling = till.dispatch('sale.cancel', { cardsMinor: total });
    await untilBusy(emulator(till));
    // While the terminal works on it, nothing else reaches the sale's cards.
    expect(errorCode(await till.dispatch('payment.pay', { cardMinor: 0, cashTenderedMinor: sale.totals.total }))).toBe('PAYMENT_IN_PROGRESS');
    emulator(till).behaviour = { kind: 'decline', reason: 'terminal_error' };
    emulator(till).release();
    const refused = failure(await cancelling);
    expect(refused).toMatchObject({ code: 'PAYMENT_CANCEL_CARD_KEPT', params: { amountMinor: held[1]!.amount } });
    expect(saleStatus(till, sale.id)).toBe('open');
    expect((await state(till)).held).toEqual([held[1]]);
    // The screen asks again with what is left on card; the old total is refused.
    expect(failure(await till.dispatch('sale.cancel', { cardsMinor: total }))).toMatchObject({ code: 'PAYMENT_CARD_HELD', params: { amountMinor: held[1]!.amount } });
    emulator(till).behaviour = { kind: 'approve' };
    ok(await till.dispatch('sale.cancel', { cardsMinor: held[1]!.amount }));
    expect(saleStatus(till, sale.id)).toBe('cancelled');
    expect(till.db.prepare(`SELECT state FROM card_attempts ORDER BY id`).pluck().all()).toEqual(['reversed', 'reversed']);
    await till.close();
  });

  it('a card and a voucher: the card is given back, then the voucher, then the sale is cancelled', async () => {
    const { till, sale, total } = await cardsHeld();
    const credit = ok(await till.dispatch('return.noReceipt', { lines: [{ sku: sale.lines[0]!.sku, quantity: 1 }], method: 'storeCredit' })) as { voucherCode: string };
    const voucher = ok(await till.dispatch('voucher.apply', { code: credit.voucherCode, amountMinor: 1 })) as HeldVoucherView;
    ok(await till.dispatch('sale.cancel', { cardsMinor: total }));
    expect(saleStatus(till, sale.id)).toBe('cancelled');
    expect(one(till, `SELECT state FROM card_reversals`)).toBe('approved');
    expect(one(till, `SELECT state FROM voucher_spends WHERE id = ?`, voucher.spendId)).toBe('returned');
    await till.close();
  });

  it('no terminal at the till now: refused before anything is recorded, the card stays held', async () => {
    const { till, sale, held, total } = await cardsHeld();
    await till.close();
    const bare = openTestTill({ file: till.file, terminal: null });
    expect(errorCode(await bare.dispatch('sale.cancel', { cardsMinor: total }))).toBe('PAYMENT_NO_TERMINAL');
    expect(one(bare, `SELECT COUNT(*) FROM card_reversals`)).toBe(0);
    expect(saleStatus(bare, sale.id)).toBe('open');
    expect((await state(bare)).held).toEqual(held);
    await bare.close();
  });

  describe('cut off mid-reversal (the till died waiting for the terminal)', () => {
    /** The files a kill mid-cancel leaves: the cancel's reversal pending, the terminal's journal as `outcome` left it (undefined: never had it). */
    async function cutOff(outcome: TerminalOutcome | null | undefined, terminal?: (journal: string) => EmulatedTerminal) {
      const { till, journal, held, sale } = await cardsHeld();
      const card = held[0]!;
      return { ...(await reopenCutOffReversal({ till, journal, card, sale }, outcome, terminal, true)), card, sale };
    }

    it('given back on the terminal: start-up finishes the cancel, the card reversed, the screens told', async () => {
      const { till, card, sale } = await cutOff({ outcome: 'approved', approvalCode: 'R00009', cardLast4: '4242' });
      expect(saleStatus(till, sale.id)).toBe('cancelled');
      expect(one(till, `SELECT state FROM card_attempts WHERE id = ?`, card.attemptId)).toBe('reversed');
      expect(ok(await till.dispatch('sale.current', {}))).toBeNull();
      expect(till.events.since(0).events.some(({ event }) => event.type === 'sale.changed' && event.saleId === null)).toBe(true);
      await till.close();
    });

    it('declined, timed out or never on the terminal: the sale stays open with the card held', async () => {
      for (const outcome of [{ outcome: 'declined', reason: 'card_declined' }, { outcome: 'timeout' }, undefined] as const) {
        const { till, card, sale } = await cutOff(outcome);
        expect(saleStatus(till, sale.id)).toBe('open');
        expect((await state(till)).held).toEqual([card]);
        await till.close();
      }
    });

    it('what the terminal cannot tell: the sale stays open, the card off it and shown to staff (never cancelled on a guess)', async () => {
      const { till, sale, reversalId } = await cutOff(null, (journal) => Object.assign(new EmulatedTerminal(journal), { unreachable: true }));
      expect(saleStatus(till, sale.id)).toBe('open');
      expect((ok(await till.dispatch('payment.interrupted', {})) as { attemptId: string }[]).map((v) => v.attemptId)).toEqual([reversalId]);
      await till.close();
    });

    it('a reversal the cashier made alone (not to cancel), given back on the terminal: the sale stays open', async () => {
      const { till, journal, held, sale } = await cardsHeld();
      const card = held[0]!;
      const reversalId = newId();
      till.db
        .prepare(`INSERT INTO card_reversals (id, attempt_id, sale_id, amount_minor, currency, state, started_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)`)
        .run(reversalId, card.attemptId, sale.id, card.amount, sale.currency, new Date().toISOString());
      appendFileSync(journal, `${JSON.stringify({ reference: reversalId, type: 'refund', amountMinor: card.amount, outcome: { outcome: 'approved', approvalCode: 'R00009', cardLast4: '4242' } })}\n`);
      await till.close();
      const again = openTestTill({ file: till.file, terminal: new EmulatedTerminal(journal) });
      await again.terminalSettled;
      expect(saleStatus(again, sale.id)).toBe('open');
      expect((await state(again)).held).toEqual([]);
      await again.close();
    });
  });
});
