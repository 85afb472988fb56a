import { describe, expect, it } from 'vitest';
import { newId } from '../../core/ids.js';
import { usePgliteChain, type TestChain } from './support/chain.js';

function zOp(tillId: string, storeId: string, zNo: number) {
  return {
    opId: newId(),
    type: 'shift.closed',
    payload: {
      shiftId: newId(),
      tillId,
      storeId,
      zNo,
      currency: 'RON',
      openedAt: '2026-12-04T06:00:00.000Z',
      closedAt: '2026-12-04T18:00:00.000Z',
      openedBy: 'Ana Rusu',
      closedBy: 'Maria Popa',
      floatMinor: 10_000,
      salesCount: 2,
      salesGrossMinor: 3_000,
      returnsCount: 0,
      returnsGrossMinor: 0,
      discountsMinor: 0,
      payments: [{ method: 'cash', amountMinor: 3_000 }],
      vat: [{ vatBasisPoints: 1900, grossMinor: 3_000, netMinor: 2_521, vatMinor: 479 }],
      cashInMinor: 0,
      cashOutMinor: 0,
      expectedCashMinor: 13_000,
      countedCashMinor: 12_900,
    },
  };
}

describe('Central: Z reports pushed by the tills', () => {
  let chain: TestChain;
  usePgliteChain((c) => (chain = c));

  it('records a Z once; a retry is a duplicate; another till, a bad payload or a reused Z number is refused', async () => {
    const op = zOp('T1', 'S1', 1);
    expect((await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [op] })).json.results[0]).toMatchObject({ status: 'applied', result: { zNo: 1 } });
    expect((await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [op] })).json.results[0].status).toBe('duplicate');
    expect((await chain.call('POST', '/v1/sync/push', chain.t2, { ops: [zOp('T1', 'S1', 2)] })).json.results[0]).toMatchObject({ status: 'rejected', reason: 'wrong_store' });
    const bad = zOp('T1', 'S1', 3);
    bad.payload.payments = [{ method: 'Cash; DROP', amountMinor: 1 }];
    expect((await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [bad] })).json.results[0]).toMatchObject({ status: 'rejected', reason: 'invalid' });
    expect((await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [zOp('T1', 'S1', 1)] })).json.results[0]).toMatchObject({ status: 'rejected', reason: 'invalid' });
    const { rows } = await chain.db.query(`SELECT till_id, z_no, expected_cash::int AS expected, counted_cash::int AS counted FROM shift_closures`);
    expect(rows).toEqual([{ till_id: 'T1', z_no: 1, expected: 13_000, counted: 12_900 }]);
  });
});
