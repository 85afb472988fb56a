import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newId } from '../../core/ids.js';
import type { InterruptedView, PaymentStateView } from '../../core/payment/contract.js';
import type { TerminalRecord } from '../../core/payment/terminal.js';
import type { ReturnableSale } from '../../core/returns/contract.js';
import type { CompletedSaleView, SaleView } from '../../core/sale/contract.js';
import type { ShiftReport } from '../../core/shift/report.js';
import { layoutShiftReport } from '../../core/shift/printed.js';
import { EmulatedTerminal } from '../../electron/backend/payment/emulator.js';
import { verdictFor } from '../../electron/backend/payment/interrupted.js';
import { errorCode, ok, openTestTill, type TestTill } from '../helpers/till.js';
import { tempDir } from '../helpers/tmp.js';

/**
 * A card operation the till died waiting for, settled at the next start-up from the terminal's
 * last-transaction record (the emulator keeps its journal in a file, as a terminal beside the
 * till outlives the till's process): approved there → recorded once; declined or never on the
 * terminal → nothing; what the record cannot tell → shown to staff until a manager checks it,
 * audited and counted in the X and Z reports. Real SQLite files throughout.
 */

const one = (till: TestTill, sql: string, ...args: unknown[]) => till.db.prepare(sql).pluck().get(...args) as number | string;

function firstBarcode(till: TestTill): string {
  return till.db
    .prepare(`SELECT b.code FROM barcodes b JOIN products p USING (sku) JOIN store_prices sp USING (sku) WHERE p.sold_by = 'unit' AND sp.price_minor > 100 ORDER BY b.code LIMIT 1`)
    .pluck()
    .get() as string;
}

/** A till killed mid-charge, as its files show it after: the attempt pending on the open sale, and the terminal's journal as `terminal` left it. */
async function cutOffCharge(record: (reference: string, amount: number) => TerminalRecord | null): Promise<{ till: TestTill; journal: string; attemptId: string; amount: number }> {
  const journal = join(tempDir(), 'terminal.jsonl');
  const first = openTestTill({ terminal: new EmulatedTerminal(journal) });
  ok(await first.dispatch('shift.open', { float: { '50000': 2 } }));
  const sale = ok(await first.dispatch('sale.scan', { code: firstBarcode(first) })) as SaleView;
  const attemptId = newId();
  const amount = sale.totals.total;
  first.db
    .prepare(`INSERT INTO card_attempts (id, sale_id, amount_minor, currency, state, started_at) VALUES (?, ?, ?, ?, 'pending', ?)`)
    .run(attemptId, sale.id, amount, sale.currency, new Date().toISOString());
  const entry = record(attemptId, amount);
  if (entry) appendFileSync(journal, `${JSON.stringify({ ...entry, outcome: null })}\n${JSON.stringify(entry)}\n`);
  await first.close();
  const till = openTestTill({ file: first.file, terminal: new EmulatedTerminal(journal) });
  await till.terminalSettled;
  return { till, journal, attemptId, amount };
}

const approved = (reference: string, amountMinor: number): TerminalRecord => ({
  reference,
  type: 'charge',
  amountMinor,
  outcome: { outcome: 'approved', approvalCode: 'A77777', cardLast4: '1881' },
});

describe('interrupted card operations', () => {
  it('a charge the terminal approved is held on the sale once and paid with it once; audited', async () => {
    const { till, attemptId, amount } = await cutOffCharge(approved);
    expect(one(till, `SELECT state || '/' || resolution FROM card_attempts WHERE id = ?`, attemptId)).toBe('approved/terminal');
    const state = ok(await till.dispatch('payment.state', {})) as PaymentStateView;
    expect(state.held).toEqual([{ attemptId, amount, cardLast4: '1881', approvalCode: 'A77777' }]);
    expect(ok(await till.dispatch('payment.interrupted', {}))).toEqual([]);
    const paid = ok(await till.dispatch('payment.pay', { cardMinor: 0, cashTenderedMinor: 0 })) as CompletedSaleView;
    expect(paid.payments.map((p) => [p.method, p.amount, p.approvalCode])).toEqual([['card', amount, 'A77777']]);
    expect(one(till, `SELECT COUNT(*) FROM payments WHERE attempt_id = ?`, attemptId)).toBe(1);
    expect(one(till, `SELECT COUNT(*) FROM audit_log WHERE action = 'payment.card_settled' AND details LIKE '%approved%'`)).toBe(1);
    await till.close();
  });

  it('a charge the terminal declined, or never had, takes nothing and is not shown', async () => {
    const declined = await cutOffCharge((reference, amountMinor) => ({ reference, type: 'charge', amountMinor, outcome: { outcome: 'declined', reason: 'insufficient_funds' } }));
    expect(one(declined.till, `SELECT state || '/' || decline_reason FROM card_attempts WHERE id = ?`, declined.attemptId)).toBe('declined/insufficient_funds');
    expect((ok(await declined.till.dispatch('payment.state', {})) as PaymentStateView).held).toEqual([]);
    await declined.till.close();

    // The terminal's last operation is an older one (its reference sorts before the attempt's): it never had this charge.
    const never = await cutOffCharge((_, amountMinor) => approved('01A00000000000000000000000', amountMinor));
    expect(one(never.till, `SELECT state || '/' || resolution FROM card_attempts WHERE id = ?`, never.attemptId)).toBe('interrupted/notOnTerminal');
    expect(ok(await never.till.dispatch('payment.interrupted', {}))).toEqual([]);
    expect((ok(await never.till.dispatch('payment.state', {})) as PaymentStateView).held).toEqual([]);
    await never.till.close();
  });

  it('what the terminal cannot tell is shown to staff with amount and time, counted in the X report, until a manager marks it checked (audited)', async () => {
    // The terminal cannot be reached at start-up: the till cannot tell how the charge ended.
    const journal = join(tempDir(), 'terminal.jsonl');
    const first = openTestTill({ terminal: new EmulatedTerminal(journal) });
    ok(await first.dispatch('shift.open', { float: { '50000': 2 } }));
    const sale = ok(await first.dispatch('sale.scan', { code: firstBarcode(first) })) as SaleView;
    const attemptId = newId();
    const startedAt = new Date().toISOString();
    first.db
      .prepare(`INSERT INTO card_attempts (id, sale_id, amount_minor, currency, state, started_at) VALUES (?, ?, ?, ?, 'pending', ?)`)
      .run(attemptId, sale.id, 1234, sale.currency, startedAt);
    await first.close();
    const terminal = new EmulatedTerminal(journal);
    terminal.unreachable = true;
    const till = openTestTill({ file: first.file, terminal });
    await till.terminalSettled;

    const shown = ok(await till.dispatch('payment.interrupted', {})) as InterruptedView[];
    expect(shown).toEqual([{ kind: 'charge', attemptId, saleId: sale.id, amount: 1234, currency: sale.currency, startedAt }]);
    const x = ok(await till.dispatch('shift.x', {})) as ShiftReport;
    expect(x.interrupted).toEqual({ count: 1, amount: 1234, open: 1 });
    const printed = layoutShiftReport({ language: 'ro', storeName: 'S', openedAt: x.openedAt, at: x.at, report: x }, { columns: 42 })
      .map((b) => (b.kind === 'text' ? b.text : ''))
      .join('\n');
    expect(printed).toContain('Operațiuni cu cardul întrerupte (1)');
    expect(printed).toContain('Încă neverificate');

    expect(errorCode(await till.dispatch('payment.resolveInterrupted', { attemptId: 'nope' }))).toBe('PAYMENT_ATTEMPT_NOT_FOUND');
    expect(ok(await till.dispatch('payment.resolveInterrupted', { attemptId }))).toEqual([]);
    expect(errorCode(await till.dispatch('payment.resolveInterrupted', { attemptId }))).toBe('PAYMENT_ATTEMPT_NOT_FOUND');
    expect(one(till, `SELECT resolution FROM card_attempts WHERE id = ?`, attemptId)).toBe('checked');
    expect(one(till, `SELECT COUNT(*) FROM audit_log WHERE action = 'payment.interrupted_checked' AND details LIKE ?`, `%${attemptId}%`)).toBe(1);
    expect((ok(await till.dispatch('shift.x', {})) as ShiftReport).interrupted).toEqual({ count: 1, amount: 1234, open: 0 });
    await till.close();
  });

  it('a refund the terminal approved before the till died is committed as the return once', async () => {
    const journal = join(tempDir(), 'terminal.jsonl');
    const terminal = new EmulatedTerminal(journal);
    terminal.behaviour = { kind: 'approve' };
    const first = openTestTill({ terminal });
    ok(await first.dispatch('shift.open', { float: { '50000': 2 } }));
    const sale = ok(await first.dispatch('sale.scan', { code: firstBarcode(first) })) as SaleView;
    const sold = ok(await first.dispatch('payment.pay', { cardMinor: sale.totals.total, cashTenderedMinor: 0 })) as CompletedSaleView;
    const found = ok(await first.dispatch('return.find', { query: String(sold.sale.receiptNo) })) as ReturnableSale;
    const line = found.lines[0]!;
    const attemptId = newId();
    first.db
      .prepare(`INSERT INTO refund_attempts (id, sale_id, request, amount_minor, currency, state, started_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)`)
      .run(attemptId, sold.sale.id, JSON.stringify({ saleId: sold.sale.id, lines: [{ lineId: line.lineId, quantity: 1 }], method: 'card' }), line.paid, sold.sale.currency, new Date().toISOString());
    appendFileSync(journal, `${JSON.stringify({ reference: attemptId, type: 'refund', amountMinor: line.paid, outcome: { outcome: 'approved', approvalCode: 'R00042', cardLast4: '4242' } })}\n`);
    await first.close();

    const till = openTestTill({ file: first.file, terminal: new EmulatedTerminal(journal) });
    await till.terminalSettled;
    expect(one(till, `SELECT COUNT(*) FROM returns WHERE approval_code = 'R00042' AND card_refund_minor = ?`, line.paid)).toBe(1);
    expect(one(till, `SELECT COUNT(*) FROM outbox WHERE op_type = 'sale.returned'`)).toBe(1);
    expect(one(till, `SELECT resolution FROM refund_attempts WHERE id = ?`, attemptId)).toBe('terminal');
    await till.close();
    // Started again: nothing committed twice.
    const again = openTestTill({ file: first.file, terminal: new EmulatedTerminal(journal) });
    await again.terminalSettled;
    expect(one(again, `SELECT COUNT(*) FROM returns`)).toBe(1);
    await again.close();
  });

  it('reads the last-transaction record: its own reference, an earlier one, one still running, none', () => {
    const record = approved('01J9ZX5Q0000000000000000AB', 500);
    expect(verdictFor(record, '01J9ZX5Q0000000000000000AB', 500)).toMatchObject({ outcome: 'approved' });
    expect(verdictFor(record, '01J9ZX5Q0000000000000000AB', 499)).toBe('unknown');
    expect(verdictFor(record, '01J9ZX5Q0000000000000000AC', 500)).toBe('notOnTerminal');
    expect(verdictFor(record, '01J9ZX5Q0000000000000000AA', 500)).toBe('unknown');
    expect(verdictFor({ ...record, outcome: null }, '01J9ZX5Q0000000000000000AB', 500)).toBe('unknown');
    expect(verdictFor(null, '01J9ZX5Q0000000000000000AB', 500)).toBe('notOnTerminal');
    expect(verdictFor('unreachable', '01J9ZX5Q0000000000000000AB', 500)).toBe('unknown');
  });
});
