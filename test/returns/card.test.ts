import { describe, expect, it } from 'vitest';
import { receiptPlainText } from '../../core/receipt/layout.js';
import { receiptSchema } from '../../core/receipt/model.js';
import type { ReturnableSale, ReturnView } from '../../core/returns/contract.js';
import type { CompletedSaleView, SaleView } from '../../core/sale/contract.js';
import type { ShiftReport } from '../../core/shift/report.js';
import { SaleReturnedOp } from '../../core/sync/ops.js';
import type { TillDatabase } from '../../electron/backend/db.js';
import type { EmulatedTerminal } from '../../electron/backend/payment/emulator.js';
import { writeSettings, type TillSettings } from '../../electron/backend/settings.js';
import { errorCode, ok, openTestTill } from '../helpers/till.js';

type Till = ReturnType<typeof openTestTill>;

const emulator = (till: Till) => till.terminal as EmulatedTerminal;
const one = (db: TillDatabase, sql: string, ...args: unknown[]) => db.prepare(sql).pluck().get(...args) as number;

function unitBarcodes(db: TillDatabase, n: number): string[] {
  return db
    .prepare(`SELECT b.code FROM barcodes b JOIN products p USING (sku) JOIN store_prices sp USING (sku) WHERE p.sold_by = 'unit' AND sp.price_minor > 100 ORDER BY b.code LIMIT ?`)
    .pluck()
    .all(n) as string[];
}

/** A sale of `codes`, `card` of it paid by card (all of it when null), the rest in cash. */
async function sell(till: Till, codes: string[], card: number | null): Promise<CompletedSaleView> {
  let sale: SaleView | null = null;
  for (const code of codes) sale = ok(await till.dispatch('sale.scan', { code })) as SaleView;
  const cardMinor = card ?? sale!.totals.total;
  return ok(await till.dispatch('payment.pay', { cardMinor, cashTenderedMinor: sale!.totals.total - cardMinor })) as CompletedSaleView;
}

function written(db: TillDatabase) {
  return {
    returns: one(db, 'SELECT COUNT(*) FROM returns'),
    ops: one(db, `SELECT COUNT(*) FROM outbox WHERE op_type = 'sale.returned'`),
    jobs: one(db, `SELECT COUNT(*) FROM print_jobs WHERE purpose IS NOT NULL`),
    totals: one(db, `SELECT COUNT(*) FROM shift_totals WHERE key LIKE 'refund.%' OR key LIKE 'returns.%'`),
  };
}

async function withSettings(till: Till, patch: Partial<TillSettings>): Promise<Till> {
  writeSettings(till.db, patch);
  await till.close();
  return openTestTill({ file: till.file });
}

describe('card refunds', () => {
  it('refunds a card-paid sale to the card through the terminal: approval recorded on the return, op, receipt and shift', async () => {
    const till = openTestTill();
    emulator(till).behaviour = { kind: 'approve' };
    ok(await till.dispatch('shift.open', { float: { '50000': 2 } }));
    const [a, b] = unitBarcodes(till.db, 2) as [string, string];
    const sold = await sell(till, [a, b], null);
    const charge = sold.payments[0]!;
    const found = ok(await till.dispatch('return.find', { query: String(sold.sale.receiptNo) })) as ReturnableSale;
    expect(found.refundMethods).toEqual(['card', 'storeCredit']);
    const line = found.lines[0]!;

    const done = ok(await till.dispatch('return.commit', { saleId: sold.sale.id, lines: [{ lineId: line.lineId, quantity: 1 }], method: 'card' })) as ReturnView;
    expect(done.method).toBe('card');
    expect(done.card).toEqual({ amount: line.paid, cardLast4: '4242', approvalCode: expect.stringMatching(/^[A-Z0-9]+$/) });
    const refundOp = emulator(till).operations.find((o) => o.type === 'refund')!;
    expect(refundOp).toMatchObject({ amountMinor: line.paid, originalApproval: charge.approvalCode });

    expect(till.db.prepare(`SELECT method, card_refund_minor AS card, approval_code AS code, card_last4 AS last4 FROM returns`).get()).toEqual({
      method: 'card',
      card: line.paid,
      code: done.card!.approvalCode,
      last4: '4242',
    });
    expect(till.db.prepare(`SELECT state, return_id AS returnId FROM refund_attempts`).get()).toEqual({ state: 'approved', returnId: done.returnId });
    const row = till.db.prepare(`SELECT op_id, op_type, payload FROM outbox WHERE op_type = 'sale.returned'`).get() as { op_id: string; op_type: string; payload: string };
    const op = SaleReturnedOp.parse({ opId: row.op_id, type: row.op_type, payload: JSON.parse(row.payload) });
    expect(op.payload.card).toEqual({ amountMinor: line.paid, approvalCode: done.card!.approvalCode, cardLast4: '4242' });

    const job = till.db.prepare(`SELECT purpose, document FROM print_jobs WHERE purpose IS NOT NULL`).get() as { purpose: string; document: string };
    expect(job.purpose).toBe('return');
    const text = receiptPlainText(receiptSchema.parse(JSON.parse(job.document)), { columns: 42 });
    expect(text).toContain('Card **** 4242');
    expect(text).toContain(done.card!.approvalCode);

    const x = ok(await till.dispatch('shift.x', {})) as ShiftReport;
    expect(x.payments).toEqual([{ method: 'card', amount: sold.sale.totals.total - line.paid }]);
    expect(x.expectedCash).toBe(100_000);
    await till.close();
  });

  it('a split-paid sale refunds the card up to what the card paid, the rest in cash from the drawer', async () => {
    const till = openTestTill();
    emulator(till).behaviour = { kind: 'approve' };
    ok(await till.dispatch('shift.open', { float: { '50000': 2 } }));
    const [a, b] = unitBarcodes(till.db, 2) as [string, string];
    const sold = await sell(till, [a, b], 100);
    const found = ok(await till.dispatch('return.find', { query: String(sold.sale.receiptNo) })) as ReturnableSale;
    expect(found.refundMethods).toEqual(['cash', 'card', 'storeCredit']);
    const all = found.lines.map((l) => ({ lineId: l.lineId, quantity: l.quantity }));

    const done = ok(await till.dispatch('return.commit', { saleId: sold.sale.id, lines: all, method: 'card' })) as ReturnView;
    expect(done.refund).toBe(sold.sale.totals.total);
    expect(done.card!.amount).toBe(100);
    expect(emulator(till).operations.filter((o) => o.type === 'refund').map((o) => o.amountMinor)).toEqual([100]);
    const job = till.db.prepare(`SELECT purpose, document FROM print_jobs WHERE purpose IS NOT NULL`).get() as { purpose: string; document: string };
    expect(job.purpose).toBe('return_cash');
    const text = receiptPlainText(receiptSchema.parse(JSON.parse(job.document)), { columns: 42 });
    expect(text).toMatch(/REFUND Card \*\*\*\* 4242\s+1\.00/);
    expect(text).toContain('REFUND Cash');

    const x = ok(await till.dispatch('shift.x', {})) as ShiftReport;
    expect(x.payments.every((p) => p.amount === 0)).toBe(true);
    expect(x.expectedCash).toBe(100_000);
    await till.close();
  });

  it('a decline or a timeout refunds nothing and records nothing but the attempt; translated errors', async () => {
    let till = openTestTill({ language: 'ru' });
    emulator(till).behaviour = { kind: 'approve' };
    const [a] = unitBarcodes(till.db, 1) as [string];
    const sold = await sell(till, [a], null);
    const line = (ok(await till.dispatch('return.find', { query: String(sold.sale.receiptNo) })) as ReturnableSale).lines[0]!;
    const request = { saleId: sold.sale.id, lines: [{ lineId: line.lineId, quantity: 1 }], method: 'card' as const };
    const before = written(till.db);

    emulator(till).behaviour = { kind: 'decline', reason: 'card_declined' };
    const declined = await till.dispatch('return.commit', request);
    expect(errorCode(declined)).toBe('RETURN_CARD_DECLINED');
    expect(declined.ok ? '' : declined.error.message).toMatch(/Терминал отказал/);
    expect(written(till.db)).toEqual(before);

    till = await withSettings(till, { paymentTerminal: { kind: 'emulator', timeoutMs: 100 } });
    emulator(till).behaviour = { kind: 'silent' };
    expect(errorCode(await till.dispatch('return.commit', request))).toBe('RETURN_CARD_TIMEOUT');
    expect(written(till.db)).toEqual(before);
    expect(till.db.prepare(`SELECT state FROM refund_attempts ORDER BY id`).pluck().all()).toEqual(['declined', 'timeout']);

    emulator(till).behaviour = { kind: 'approve' };
    ok(await till.dispatch('return.commit', request));
    expect(errorCode(await till.dispatch('return.commit', request))).toBe('RETURN_LINE_RETURNED');
    expect(emulator(till).operations.filter((o) => o.type === 'refund' && o.outcome?.outcome === 'approved')).toHaveLength(1);
    await till.close();
  });

  it('refuses a card refund of a cash sale, and without a terminal, before asking the terminal', async () => {
    let till = openTestTill();
    const [a] = unitBarcodes(till.db, 1) as [string];
    let sale = ok(await till.dispatch('sale.scan', { code: a })) as SaleView;
    const cash = ok(await till.dispatch('sale.payCash', { tenderedMinor: sale.totals.total })) as CompletedSaleView;
    const cashLine = cash.sale.lines[0]!;
    expect(errorCode(await till.dispatch('return.commit', { saleId: cash.sale.id, lines: [{ lineId: cashLine.id, quantity: 1 }], method: 'card' }))).toBe('RETURN_METHOD_NOT_ALLOWED');

    emulator(till).behaviour = { kind: 'approve' };
    sale = ok(await till.dispatch('sale.scan', { code: a })) as SaleView;
    const card = ok(await till.dispatch('payment.pay', { cardMinor: sale.totals.total, cashTenderedMinor: 0 })) as CompletedSaleView;
    till = await withSettings(till, { paymentTerminal: { kind: 'none', timeoutMs: 1_000 } });
    expect(errorCode(await till.dispatch('return.commit', { saleId: card.sale.id, lines: [{ lineId: card.sale.lines[0]!.id, quantity: 1 }], method: 'card' }))).toBe('RETURN_NO_TERMINAL');
    expect(one(till.db, 'SELECT COUNT(*) FROM refund_attempts')).toBe(0);
    expect(one(till.db, 'SELECT COUNT(*) FROM returns')).toBe(0);
    await till.close();
  });

  it('at start-up: an approved refund not yet committed is committed once; a pending one is marked interrupted', async () => {
    let till = openTestTill();
    emulator(till).behaviour = { kind: 'approve' };
    const [a] = unitBarcodes(till.db, 1) as [string];
    const sold = await sell(till, [a], null);
    const line = sold.sale.lines[0]!;
    const request = JSON.stringify({ saleId: sold.sale.id, lines: [{ lineId: line.id, quantity: 1 }], method: 'card' });
    // What a till killed between the terminal's answers and the commit leaves behind.
    const insert = till.db.prepare(
      `INSERT INTO refund_attempts (id, sale_id, request, amount_minor, currency, state, approval_code, card_last4, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    insert.run('01JAAAAAAAAAAAAAAAAAAAAAA1', sold.sale.id, request, 100, sold.sale.currency, 'pending', null, null, sold.sale.closedAt);
    insert.run('01JAAAAAAAAAAAAAAAAAAAAAA2', sold.sale.id, request, line.lineTotal - line.discount, sold.sale.currency, 'approved', 'R00042', '4242', sold.sale.closedAt);
    await till.close();

    till = openTestTill({ file: till.file });
    expect(till.db.prepare(`SELECT state FROM refund_attempts ORDER BY id`).pluck().all()).toEqual(['interrupted', 'approved']);
    expect(till.db.prepare(`SELECT card_refund_minor AS card, approval_code AS code FROM returns`).all()).toEqual([{ card: line.lineTotal - line.discount, code: 'R00042' }]);
    expect(one(till.db, `SELECT COUNT(*) FROM audit_log WHERE action = 'return.card_interrupted'`)).toBe(1);
    await till.close();

    till = openTestTill({ file: till.file });
    expect(one(till.db, 'SELECT COUNT(*) FROM returns')).toBe(1);
    expect(one(till.db, `SELECT COUNT(*) FROM outbox WHERE op_type = 'sale.returned'`)).toBe(1);
    await till.close();
  });
});
