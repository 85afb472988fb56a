import { describe, expect, it } from 'vitest';
import type { TillDatabase } from '../../electron/backend/db.js';
import type { ReturnableSale, ReturnView } from '../../core/returns/contract.js';
import type { ShiftReport } from '../../core/shift/report.js';
import { SaleReturnedOp } from '../../core/sync/ops.js';
import { receiptSchema } from '../../core/receipt/model.js';
import { receiptPlainText } from '../../core/receipt/layout.js';
import { errorCode, ok, openTestTill } from '../helpers/till.js';
import { sell, unitBarcodes } from '../helpers/selling.js';

/** The QR code printed on a sale's receipt. */
function receiptQr(db: TillDatabase, saleId: string): string {
  const doc = db.prepare(`SELECT document FROM print_jobs WHERE sale_id = ? AND kind = 'receipt'`).pluck().get(saleId) as string;
  return receiptSchema.parse(JSON.parse(doc)).qr!.data;
}

function counts(db: TillDatabase) {
  const one = (sql: string) => db.prepare(sql).pluck().get() as number;
  return {
    returns: one('SELECT COUNT(*) FROM returns'),
    lines: one('SELECT COUNT(*) FROM return_lines'),
    ops: one(`SELECT COUNT(*) FROM outbox WHERE op_type = 'sale.returned'`),
    jobs: one(`SELECT COUNT(*) FROM print_jobs WHERE purpose IS NOT NULL`),
    audit: one(`SELECT COUNT(*) FROM audit_log WHERE action = 'return.committed'`),
  };
}

describe('returns', () => {
  it('finds a sale by its receipt QR or number, returns part of a line, refunds cash from the drawer, prints RETURN, pushes the op, counts in the shift', async () => {
    const till = openTestTill();
    ok(await till.dispatch('shift.open', { float: { '50000': 2 } }));
    const [a, b] = unitBarcodes(till.db, 2) as [string, string];
    const sold = await sell(till, [a, a, a, b]);
    const qr = receiptQr(till.db, sold.sale.id);
    expect(qr).toBe(`OTR1:${sold.sale.id}:${sold.tillId}`);

    const found = ok(await till.dispatch('return.find', { query: qr })) as ReturnableSale;
    expect(found).toMatchObject({ saleId: sold.sale.id, source: 'till', receiptNo: sold.sale.receiptNo, refundMethods: ['cash', 'storeCredit'] });
    expect(ok(await till.dispatch('return.find', { query: ` ${sold.sale.receiptNo} ` }))).toEqual(found);
    const lineA = found.lines.find((l) => l.quantity === 3)!;
    expect(lineA).toMatchObject({ returned: 0, paid: lineA.unitPrice * 3 });

    const done = ok(await till.dispatch('return.commit', { saleId: sold.sale.id, lines: [{ lineId: lineA.lineId, quantity: 1 }], method: 'cash' })) as ReturnView;
    expect(done).toMatchObject({ returnNo: 1, method: 'cash', refund: Math.floor(lineA.paid / 3), complete: false });
    expect(counts(till.db)).toEqual({ returns: 1, lines: 1, ops: 1, jobs: 1, audit: 1 });

    const again = ok(await till.dispatch('return.find', { query: qr })) as ReturnableSale;
    expect(again.lines.find((l) => l.lineId === lineA.lineId)!.returned).toBe(1);

    const row = till.db.prepare(`SELECT op_id, op_type, payload FROM outbox WHERE op_type = 'sale.returned'`).get() as { op_id: string; op_type: string; payload: string };
    const op = SaleReturnedOp.parse({ opId: row.op_id, type: row.op_type, payload: JSON.parse(row.payload) });
    expect(op.payload).toMatchObject({ saleId: sold.sale.id, refundMinor: done.refund, method: 'cash', lines: [{ lineId: lineA.lineId, quantity: 1 }] });

    const job = till.db.prepare(`SELECT kind, purpose, document FROM print_jobs WHERE purpose IS NOT NULL`).get() as { kind: string; purpose: string; document: string };
    expect(job.purpose).toBe('return_cash');
    const text = receiptPlainText(receiptSchema.parse(JSON.parse(job.document)), { columns: 42 });
    expect(text).toContain('*** RETURN ***');
    expect(text).toContain(`For receipt ${sold.sale.receiptNo}`);

    const x = ok(await till.dispatch('shift.x', {})) as ShiftReport;
    expect(x.returns).toEqual({ count: 1, gross: done.refund });
    expect(x.expectedCash).toBe(100_000 + sold.sale.totals.total - done.refund);
    expect(x.payments).toEqual([{ method: 'cash', amount: sold.sale.totals.total - done.refund }]);
    expect(x.vat.reduce((s, v) => s + v.gross, 0)).toBe(sold.sale.totals.total - done.refund);
    await till.close();
  });

  it('gives back exactly what was paid for a line returned in parts, then refuses it; a full return says so', async () => {
    const till = openTestTill();
    const [a, b] = unitBarcodes(till.db, 2) as [string, string];
    const sold = await sell(till, [a, a, a, b]);
    const found = ok(await till.dispatch('return.find', { query: String(sold.sale.receiptNo) })) as ReturnableSale;
    const lineA = found.lines.find((l) => l.quantity === 3)!;
    const lineB = found.lines.find((l) => l.quantity === 1)!;
    const commit = (lineId: string, quantity: number) => till.dispatch('return.commit', { saleId: sold.sale.id, lines: [{ lineId, quantity }], method: 'storeCredit' });

    const first = ok(await commit(lineA.lineId, 2)) as ReturnView;
    const before = counts(till.db);
    expect(errorCode(await commit(lineA.lineId, 2))).toBe('RETURN_TOO_MANY');
    expect(counts(till.db)).toEqual(before);
    const second = ok(await commit(lineA.lineId, 1)) as ReturnView;
    expect(first.refund + second.refund).toBe(lineA.paid);
    expect(errorCode(await commit(lineA.lineId, 1))).toBe('RETURN_LINE_RETURNED');
    const last = ok(await commit(lineB.lineId, 1)) as ReturnView;
    expect(last.complete).toBe(true);
    expect(counts(till.db)).toEqual({ returns: 3, lines: 3, ops: 3, jobs: 3, audit: 3 });
    await till.close();
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const till = openTestTill();
    const [a] = unitBarcodes(till.db, 1) as [string];
    const sold = await sell(till, [a]);
    const line = (ok(await till.dispatch('return.find', { query: String(sold.sale.receiptNo) })) as ReturnableSale).lines[0]!;
    expect((ok(await till.dispatch('return.find', { query: `${sold.tillId.toLowerCase()}/${sold.sale.receiptNo}` })) as ReturnableSale).saleId).toBe(sold.sale.id);
    const before = counts(till.db);
    const find = async (query: string) => errorCode(await till.dispatch('return.find', { query }));
    expect(await find('garbage \u0007 text')).toBe('RETURN_NOT_A_RECEIPT');
    expect(await find(a)).toBe('RETURN_NOT_A_RECEIPT');
    expect(await find('')).toBe('RETURN_NOT_A_RECEIPT');
    expect(await find('999999')).toBe('RETURN_NUMBER_NOT_FOUND');
    expect(await find(`${sold.tillId.toLowerCase()}/999999`)).toBe('RETURN_NUMBER_NOT_FOUND');
    // Another till's number needs central; this till is not paired: said plainly, in the till's language.
    const offline = await till.dispatch('return.find', { query: 'TILL-OTHER/5' });
    expect(offline.ok ? '' : offline.error.message).toBe('That receipt is from another till (TILL-OTHER): connect to central to find it, or scan its QR code once the till is online.');
    expect(await find(`OTR1:01J9ZX5Q0000000000000000AB:${sold.tillId}`)).toBe('RETURN_SALE_NOT_FOUND');
    // Another till's receipt needs central; this till is not paired: said plainly.
    expect(await find('OTR1:01J9ZX5Q0000000000000000AB:TILL-OTHER')).toBe('RETURN_OFFLINE');
    expect(await find('OTR1:not-a-ulid:TILL-1')).toBe('RETURN_NOT_A_RECEIPT');

    const commit = (input: object) => till.dispatch('return.commit', { saleId: sold.sale.id, lines: [{ lineId: line.lineId, quantity: 1 }], method: 'cash', ...input });
    expect(errorCode(await commit({ lines: [{ lineId: line.lineId, quantity: 2 }] }))).toBe('RETURN_TOO_MANY');
    expect(errorCode(await commit({ lines: [{ lineId: 'nope', quantity: 1 }] }))).toBe('RETURN_UNKNOWN_LINE');
    expect(errorCode(await commit({ lines: [] }))).toBe('INPUT_INVALID');
    expect(errorCode(await commit({ lines: [{ lineId: line.lineId, quantity: 0 }] }))).toBe('INPUT_INVALID');
    expect(errorCode(await commit({ lines: [{ lineId: line.lineId, quantity: 1 }, { lineId: line.lineId, quantity: 1 }] }))).toBe('INPUT_INVALID');
    expect(errorCode(await commit({ method: 'card' }))).toBe('RETURN_METHOD_NOT_ALLOWED');
    expect(errorCode(await commit({ method: 'cheque' }))).toBe('INPUT_INVALID');
    // A cash refund larger than the drawer holds: refused; store credit is still possible.
    ok(await till.dispatch('shift.open', { float: {} }));
    expect(errorCode(await commit({}))).toBe('RETURN_CASH_SHORT');
    expect(counts(till.db)).toEqual(before);
    ok(await commit({ method: 'storeCredit' }));
    expect(errorCode(await commit({ method: 'storeCredit' }))).toBe('RETURN_LINE_RETURNED');
    await till.close();
  });
});
