import { describe, expect, it } from 'vitest';
import type { ShiftView } from '../../core/shift/contract.js';
import type { ShiftReport } from '../../core/shift/report.js';
import { ShiftClosedOp } from '../../core/sync/ops.js';
import { errorCode, ok, openTestTill } from '../helpers/till.js';
import { sell, unitBarcodes } from '../helpers/selling.js';

/** 2 × 500 lei + 3 × 10 lei + 4 × 50 bani = 1,032.00 MDL. */
const FLOAT = { '50000': 2, '1000': 3, '50': 4 };
const FLOAT_MINOR = 2 * 50_000 + 3 * 1_000 + 4 * 50;

describe('shifts', () => {
  it('opens with a counted float, keeps running totals, X at any time, Z with expected vs counted cash; pushed; never twice', async () => {
    const till = openTestTill();
    expect(ok(await till.dispatch('shift.current', {}))).toBeNull();
    expect(errorCode(await till.dispatch('shift.x', {}))).toBe('SHIFT_NOT_OPEN');
    const opened = ok(await till.dispatch('shift.open', { float: FLOAT })) as ShiftView;
    expect(opened).toMatchObject({ status: 'open', float: FLOAT_MINOR, expectedCash: FLOAT_MINOR, salesCount: 0 });
    expect(errorCode(await till.dispatch('shift.open', { float: {} }))).toBe('SHIFT_ALREADY_OPEN');

    const [a, b, c] = unitBarcodes(till.db, 3) as [string, string, string];
    const first = await sell(till, [a, b], 1_000);
    const second = await sell(till, [c]);
    const takings = first.sale.totals.total + second.sale.totals.total;
    ok(await till.dispatch('shift.cash', { kind: 'in', amountMinor: 5_000, reason: 'change from the bank' }));
    const afterOut = ok(await till.dispatch('shift.cash', { kind: 'out', amountMinor: 20_000, reason: 'to the safe' })) as ShiftView;
    const expected = FLOAT_MINOR + takings + 5_000 - 20_000;
    expect(afterOut).toMatchObject({ salesCount: 2, expectedCash: expected });

    const x = ok(await till.dispatch('shift.x', {})) as ShiftReport;
    expect(x).toMatchObject({ kind: 'X', zNo: null, sales: { count: 2, gross: takings }, cashIn: 5_000, cashOut: 20_000, expectedCash: expected, countedCash: null });
    expect(x.payments).toEqual([{ method: 'cash', amount: takings }]);
    const vatGross = x.vat.reduce((s, v) => s + v.gross, 0);
    expect(vatGross).toBe(takings);
    for (const v of x.vat) expect(v.net + v.vat).toBe(v.gross);

    // Z refuses while a sale is open, and changes nothing.
    ok(await till.dispatch('sale.scan', { code: a }));
    expect(errorCode(await till.dispatch('shift.close', { counted: {} }))).toBe('SHIFT_SALE_OPEN');
    expect((ok(await till.dispatch('shift.current', {})) as ShiftView).status).toBe('open');
    ok(await till.dispatch('sale.cancel', {}));

    const counted = { '50000': 2, '1000': 3, '50': 4, '1': expected - FLOAT_MINOR };
    const z = ok(await till.dispatch('shift.close', { counted: { ...counted, '1': counted['1'] - 100 } })) as ShiftReport;
    expect(z).toMatchObject({ kind: 'Z', zNo: 1, expectedCash: expected, countedCash: expected - 100, difference: -100, sales: { count: 2, gross: takings } });
    expect(ok(await till.dispatch('shift.current', {}))).toBeNull();
    expect(errorCode(await till.dispatch('shift.close', { counted }))).toBe('SHIFT_NOT_OPEN');

    const row = till.db.prepare(`SELECT op_id, op_type, payload FROM outbox WHERE op_type = 'shift.closed'`).get() as { op_id: string; op_type: string; payload: string };
    const op = ShiftClosedOp.parse({ opId: row.op_id, type: row.op_type, payload: JSON.parse(row.payload) });
    expect(op.payload).toMatchObject({ zNo: 1, salesCount: 2, salesGrossMinor: takings, expectedCashMinor: expected, countedCashMinor: expected - 100 });
    expect(JSON.parse(till.db.prepare(`SELECT report FROM shifts WHERE id = ?`).pluck().get(z.shiftId) as string)).toEqual(z);

    // A sale after the close belongs to no shift; the next shift starts from zero with Z no. 2.
    await sell(till, [a]);
    ok(await till.dispatch('shift.open', { float: {} }));
    const z2 = ok(await till.dispatch('shift.close', { counted: {} })) as ShiftReport;
    expect(z2).toMatchObject({ zNo: 2, sales: { count: 0, gross: 0 }, expectedCash: 0, difference: 0 });
    await till.close();
  });

  it('refuses bad counts and amounts, and cash out beyond what the drawer holds, changing nothing', async () => {
    const till = openTestTill();
    expect(errorCode(await till.dispatch('shift.open', { float: { '3': 1 } }))).toBe('SHIFT_BAD_COUNT');
    expect(errorCode(await till.dispatch('shift.open', { float: { '1000': -1 } }))).toBe('INPUT_INVALID');
    expect(errorCode(await till.dispatch('shift.open', { float: { abc: 1 } }))).toBe('INPUT_INVALID');
    expect(ok(await till.dispatch('shift.current', {}))).toBeNull();
    ok(await till.dispatch('shift.open', { float: { '1000': 1 } }));
    expect(errorCode(await till.dispatch('shift.cash', { kind: 'out', amountMinor: 1_001, reason: 'too much' }))).toBe('SHIFT_CASH_SHORT');
    expect(errorCode(await till.dispatch('shift.cash', { kind: 'in', amountMinor: 0, reason: 'nothing' }))).toBe('INPUT_INVALID');
    expect(errorCode(await till.dispatch('shift.cash', { kind: 'in', amountMinor: 100, reason: '' }))).toBe('INPUT_INVALID');
    expect(errorCode(await till.dispatch('shift.close', { counted: { '7': 1 } }))).toBe('SHIFT_BAD_COUNT');
    expect(till.db.prepare('SELECT COUNT(*) FROM shift_cash_moves').pluck().get()).toBe(0);
    expect((ok(await till.dispatch('shift.current', {})) as ShiftView).expectedCash).toBe(1_000);
    await till.close();
  });

  it('a cashier needs a manager for cash moves and the Z; the shift rows name who did it', async () => {
    const till = openTestTill({ staff: true });
    ok(await till.dispatch('staff.signIn', { staffId: 'ana', pin: '1111' }));
    const opened = ok(await till.dispatch('shift.open', { float: { '1000': 1 } })) as ShiftView;
    expect(opened.openedBy).toBe('Ana Rusu');
    expect(errorCode(await till.dispatch('shift.cash', { kind: 'in', amountMinor: 100, reason: 'coins' }))).toBe('APPROVAL_REQUIRED');
    expect(errorCode(await till.dispatch('shift.close', { counted: {} }))).toBe('APPROVAL_REQUIRED');
    ok(await till.dispatch('approval.grant', { action: 'shift.z', staffId: 'maria', pin: '9999' }));
    const z = ok(await till.dispatch('shift.close', { counted: { '1000': 1 } })) as ShiftReport;
    expect(z.by).toBe('Ana Rusu');
    expect(till.db.prepare(`SELECT opened_by_id, closed_by_id FROM shifts`).get()).toEqual({ opened_by_id: 'ana', closed_by_id: 'ana' });
    await till.close();
  });
});
