import { describe, expect, it } from 'vitest';
import { receiptPlainText } from '../../core/receipt/layout.js';
import { receiptSchema } from '../../core/receipt/model.js';
import type { PaymentStateView } from '../../core/payment/contract.js';
import type { CompletedSaleView, SaleView } from '../../core/sale/contract.js';
import type { ShiftReport } from '../../core/shift/report.js';
import { SaleCompletedPayload } from '../../core/sync/ops.js';
import type { TillDatabase } from '../../electron/backend/db.js';
import type { EmulatedTerminal } from '../../electron/backend/payment/emulator.js';
import { writeSettings, type TillSettings } from '../../electron/backend/settings.js';
import { errorCode, ok, openTestTill } from '../helpers/till.js';

type Till = ReturnType<typeof openTestTill>;

function unitBarcodes(db: TillDatabase, n: number): string[] {
  return db
    .prepare(`SELECT b.code FROM barcodes b JOIN products p USING (sku) JOIN store_prices sp USING (sku) WHERE p.sold_by = 'unit' AND sp.price_minor > 0 ORDER BY b.code LIMIT ?`)
    .pluck()
    .all(n) as string[];
}

async function openSaleWith(till: Till, count = 2): Promise<SaleView> {
  let sale: SaleView | null = null;
  for (const code of unitBarcodes(till.db, count)) sale = ok(await till.dispatch('sale.scan', { code })) as SaleView;
  return sale as SaleView;
}

const emulator = (till: Till) => till.terminal as EmulatedTerminal;
const count = (db: TillDatabase, sql: string): number => db.prepare(sql).pluck().get() as number;

/** The till reopened on the same file with the settings changed (read once at start-up). */
async function withSettings(till: Till, patch: Partial<TillSettings>): Promise<Till> {
  writeSettings(till.db, patch);
  await till.close();
  return openTestTill({ file: till.file });
}

/** Nothing was paid: the sale is open, no payment rows, no sale op, no receipt. */
function nothingPaid(till: Till): void {
  expect(count(till.db, `SELECT COUNT(*) FROM sales WHERE status = 'open'`)).toBe(1);
  expect(count(till.db, 'SELECT COUNT(*) FROM payments')).toBe(0);
  expect(count(till.db, `SELECT COUNT(*) FROM outbox WHERE op_type = 'sale.completed'`)).toBe(0);
  expect(count(till.db, 'SELECT COUNT(*) FROM print_jobs')).toBe(0);
}

describe('card and split payments', () => {
  it('splits a sale between card and cash, change only from the cash; recorded, pushed, printed and in the shift', async () => {
    const till = openTestTill();
    ok(await till.dispatch('shift.open', { float: { '10000': 1 } }));
    const sale = await openSaleWith(till, 3);
    const total = sale.totals.total;
    const card = Math.floor(total / 3);
    const done = ok(await till.dispatch('payment.pay', { cardMinor: card, cashTenderedMinor: total - card + 1_000 })) as CompletedSaleView;

    expect(done.sale.status).toBe('completed');
    expect(done.payments).toEqual([
      { id: expect.any(String), method: 'card', amount: card, tendered: card, change: 0, cardLast4: '4242', approvalCode: 'A00001' },
      { id: expect.any(String), method: 'cash', amount: total - card, tendered: total - card + 1_000, change: 1_000, cardLast4: null, approvalCode: null },
    ]);
    expect(emulator(till).operations).toMatchObject([{ type: 'charge', amountMinor: card }]);

    const op = till.db.prepare(`SELECT payload FROM outbox WHERE op_type = 'sale.completed'`).pluck().get() as string;
    const payload = SaleCompletedPayload.parse(JSON.parse(op));
    expect(payload.payments.map((p) => [p.method, p.amountMinor, p.changeMinor, p.approvalCode, p.cardLast4])).toEqual([
      ['card', card, 0, 'A00001', '4242'],
      ['cash', total - card, 1_000, undefined, undefined],
    ]);

    const job = till.db.prepare(`SELECT document, open_drawer FROM print_jobs WHERE sale_id = ?`).get(sale.id) as { document: string; open_drawer: number };
    expect(job.open_drawer).toBe(1);
    const receipt = receiptSchema.parse(JSON.parse(job.document));
    expect(receipt.payments[0]).toMatchObject({ method: 'card', amount: card, card: { last4: '4242', approvalCode: 'A00001' } });
    const printed = receiptPlainText(receipt, { columns: 42, canPrint: () => true });
    expect(printed).toMatch(/Card \*\*\*\* 4242 +\S+/);
    expect(printed).toMatch(/Approval code +A00001/);
    expect(printed).toMatch(/Change +10[.,]00/);

    const x = ok(await till.dispatch('shift.x', {})) as ShiftReport;
    expect(x.payments).toEqual([
      { method: 'card', amount: card },
      { method: 'cash', amount: total - card },
    ]);
    expect(x.expectedCash).toBe(10_000 + total - card);
    expect(count(till.db, `SELECT COUNT(*) FROM card_attempts WHERE state = 'approved' AND payment_id IS NOT NULL`)).toBe(1);
    await till.close();
  });

  it('pays all by card: one card payment, no cash, the drawer stays shut', async () => {
    const till = openTestTill();
    const sale = await openSaleWith(till);
    const done = ok(await till.dispatch('payment.pay', { cardMinor: sale.totals.total, cashTenderedMinor: 0 })) as CompletedSaleView;
    expect(done.payments.map((p) => p.method)).toEqual(['card']);
    expect(till.db.prepare(`SELECT open_drawer FROM print_jobs WHERE sale_id = ?`).pluck().get(sale.id)).toBe(0);
    await till.close();
  });

  it('refuses bad splits before the terminal is asked, and changes nothing', async () => {
    const till = openTestTill();
    const sale = await openSaleWith(till);
    const total = sale.totals.total;
    const cases: [number, number, string][] = [
      [-100, total + 100, 'PAYMENT_OUT_OF_RANGE'],
      [0, -1, 'PAYMENT_OUT_OF_RANGE'],
      [total + 1, 0, 'PAYMENT_CARD_OVER_REMAINDER'],
      [100, total - 101, 'PAYMENT_INSUFFICIENT'],
      [0, 0, 'PAYMENT_INSUFFICIENT'],
      [1.5, total, 'INPUT_INVALID'],
    ];
    for (const [cardMinor, cashTenderedMinor, code] of cases) {
      const result = await till.dispatch('payment.pay', { cardMinor, cashTenderedMinor });
      expect(errorCode(result), `${cardMinor} + ${cashTenderedMinor}`).toBe(code);
      if (!result.ok) expect(result.error.message.length).toBeGreaterThan(10);
    }
    expect(emulator(till).operations).toEqual([]);
    expect(count(till.db, 'SELECT COUNT(*) FROM card_attempts')).toBe(0);
    nothingPaid(till);
    await till.close();
  });

  it('a declined card leaves the sale open with nothing paid, each reason its own translated message', async () => {
    const till = openTestTill({ language: 'ru' });
    const sale = await openSaleWith(till);
    const t = emulator(till);
    t.behaviour = { kind: 'decline', reason: 'insufficient_funds' };
    const funds = await till.dispatch('payment.pay', { cardMinor: sale.totals.total, cashTenderedMinor: 0 });
    expect(errorCode(funds)).toBe('PAYMENT_DECLINED_FUNDS');
    if (!funds.ok) expect(funds.error.message).toContain('недостаточно средств');
    t.behaviour = { kind: 'decline', reason: 'card_declined' };
    expect(errorCode(await till.dispatch('payment.pay', { cardMinor: 100, cashTenderedMinor: sale.totals.total }))).toBe('PAYMENT_DECLINED');
    nothingPaid(till);
    expect(till.db.prepare('SELECT state, decline_reason FROM card_attempts ORDER BY id').all()).toEqual([
      { state: 'declined', decline_reason: 'insufficient_funds' },
      { state: 'declined', decline_reason: 'card_declined' },
    ]);
    expect((ok(await till.dispatch('payment.state', {})) as PaymentStateView).held).toEqual([]);
    // The cashier takes cash instead: one sale, one cash payment.
    const done = ok(await till.dispatch('payment.pay', { cardMinor: 0, cashTenderedMinor: sale.totals.total })) as CompletedSaleView;
    expect(done.payments.map((p) => p.method)).toEqual(['cash']);
    await till.close();
  });

  it('a terminal that does not answer in time is a timeout: cancelled on the terminal, nothing paid', async () => {
    const till = await withSettings(openTestTill(), { paymentTerminal: { kind: 'emulator', timeoutMs: 100 } });
    const sale = await openSaleWith(till);
    emulator(till).behaviour = { kind: 'silent' };
    expect(errorCode(await till.dispatch('payment.pay', { cardMinor: sale.totals.total, cashTenderedMinor: 0 }))).toBe('PAYMENT_TIMEOUT');
    expect(emulator(till).busy).toBe(false);
    expect(till.db.prepare('SELECT state FROM card_attempts').pluck().all()).toEqual(['timeout']);
    nothingPaid(till);
    await till.close();
  });

  it('an approval whose sale then fails to commit is held on the open sale, survives a restart, and pays once', async () => {
    let till = openTestTill();
    const [a, b] = unitBarcodes(till.db, 2) as [string, string];
    const first = ok(await till.dispatch('sale.scan', { code: a })) as SaleView;
    const t = emulator(till);
    t.behaviour = { kind: 'hold' };
    const paying = till.dispatch('payment.pay', { cardMinor: first.totals.total, cashTenderedMinor: 0 });
    // While the customer is at the PIN pad the scanner adds a line: the card no longer covers the sale.
    expect(errorCode(await till.dispatch('payment.pay', { cardMinor: 1, cashTenderedMinor: first.totals.total }))).toBe('PAYMENT_IN_PROGRESS');
    const grown = ok(await till.dispatch('sale.scan', { code: b })) as SaleView;
    t.release();
    expect(errorCode(await paying)).toBe('PAYMENT_INSUFFICIENT');
    expect(count(till.db, 'SELECT COUNT(*) FROM payments')).toBe(0);

    till = await withSettings(till, {});
    const state = ok(await till.dispatch('payment.state', {})) as PaymentStateView;
    expect(state.held).toEqual([{ attemptId: expect.any(String), amount: first.totals.total, cardLast4: '4242', approvalCode: 'A00001' }]);
    expect(errorCode(await till.dispatch('sale.cancel', {}))).toBe('PAYMENT_CARD_HELD');
    // The card above what is now left is refused; the rest in cash completes the sale with both payments.
    const rest = grown.totals.total - first.totals.total;
    expect(errorCode(await till.dispatch('payment.pay', { cardMinor: rest + 1, cashTenderedMinor: 0 }))).toBe('PAYMENT_CARD_OVER_REMAINDER');
    const done = ok(await till.dispatch('payment.pay', { cardMinor: 0, cashTenderedMinor: rest })) as CompletedSaleView;
    expect(done.payments.map((p) => [p.method, p.amount, p.approvalCode])).toEqual([
      ['card', first.totals.total, 'A00001'],
      ['cash', rest, null],
    ]);
    expect(emulator(till).operations).toEqual([]);
    expect((ok(await till.dispatch('payment.state', {})) as PaymentStateView).held).toEqual([]);
    expect(count(till.db, `SELECT COUNT(*) FROM card_attempts WHERE payment_id IS NOT NULL`)).toBe(1);
    await till.close();
  });

  it('a held approval can be refunded to the card against its approval, then the sale cancelled', async () => {
    const till = openTestTill();
    const [a, b] = unitBarcodes(till.db, 2) as [string, string];
    const first = ok(await till.dispatch('sale.scan', { code: a })) as SaleView;
    emulator(till).behaviour = { kind: 'hold' };
    const paying = till.dispatch('payment.pay', { cardMinor: first.totals.total, cashTenderedMinor: 0 });
    ok(await till.dispatch('sale.scan', { code: b }));
    emulator(till).release();
    expect(errorCode(await paying)).toBe('PAYMENT_INSUFFICIENT');
    emulator(till).behaviour = null;
    const [held] = (ok(await till.dispatch('payment.state', {})) as PaymentStateView).held;
    expect(errorCode(await till.dispatch('payment.reverse', { attemptId: 'NOPE' }))).toBe('PAYMENT_ATTEMPT_NOT_FOUND');
    const after = ok(await till.dispatch('payment.reverse', { attemptId: held!.attemptId })) as PaymentStateView;
    expect(after.held).toEqual([]);
    expect(emulator(till).operations[1]).toMatchObject({ type: 'refund', amountMinor: first.totals.total, originalApproval: held!.approvalCode });
    ok(await till.dispatch('sale.cancel', {}));
    expect(count(till.db, 'SELECT COUNT(*) FROM payments')).toBe(0);
    await till.close();
  });

  it('the cashier cancels a card in the terminal: cancelled, nothing paid', async () => {
    const till = openTestTill();
    const sale = await openSaleWith(till);
    emulator(till).behaviour = { kind: 'hold' };
    const paying = till.dispatch('payment.pay', { cardMinor: sale.totals.total, cashTenderedMinor: 0 });
    ok(await till.dispatch('payment.cancel', {}));
    expect(errorCode(await paying)).toBe('PAYMENT_CANCELLED');
    nothingPaid(till);
    await till.close();
  });

  it('follows the store’s payment methods and the till’s terminal', async () => {
    let till = openTestTill();
    const sale = await openSaleWith(till);
    till = await withSettings(till, { paymentMethods: ['cash'] });
    expect((ok(await till.dispatch('payment.state', {})) as PaymentStateView).methods).toEqual(['cash']);
    expect(errorCode(await till.dispatch('payment.pay', { cardMinor: 100, cashTenderedMinor: sale.totals.total }))).toBe('PAYMENT_METHOD_NOT_ALLOWED');
    till = await withSettings(till, { paymentMethods: ['card'] });
    expect(errorCode(await till.dispatch('payment.pay', { cardMinor: 0, cashTenderedMinor: sale.totals.total }))).toBe('PAYMENT_METHOD_NOT_ALLOWED');
    till = await withSettings(till, { paymentMethods: ['cash', 'card'], paymentTerminal: { kind: 'none', timeoutMs: 1_000 } });
    expect(till.terminal).toBeNull();
    expect(errorCode(await till.dispatch('payment.pay', { cardMinor: 100, cashTenderedMinor: sale.totals.total }))).toBe('PAYMENT_NO_TERMINAL');
    nothingPaid(till);
    await till.close();
  });

  it('a charge the till died waiting for is marked interrupted at start-up, never counted as paid', async () => {
    let till = openTestTill();
    const sale = await openSaleWith(till);
    till.db
      .prepare(`INSERT INTO card_attempts (id, sale_id, amount_minor, currency, state, started_at) VALUES ('01J0000000000000000000000A', ?, 500, 'MDL', 'pending', ?)`)
      .run(sale.id, new Date().toISOString());
    till = await withSettings(till, {});
    expect(till.db.prepare('SELECT state FROM card_attempts').pluck().all()).toEqual(['interrupted']);
    expect(count(till.db, `SELECT COUNT(*) FROM audit_log WHERE action = 'payment.card_interrupted'`)).toBe(1);
    expect((ok(await till.dispatch('payment.state', {})) as PaymentStateView).held).toEqual([]);
    await till.close();
  });
});
