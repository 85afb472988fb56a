import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../core/ids.js';
import { newVoucherCode } from '../../core/voucher/code.js';
import { allBackends } from './support/backends.js';
import { setUpChain, type TestChain } from './support/chain.js';

let counter = 0;
/** Deterministic codes: the test's own random source. */
const code = () => newVoucherCode((n) => (counter = (counter * 1103515245 + 12345) % 2 ** 31) % n);

function issuedOp(voucher: string, amount: number, tillId = 'T1', storeId = 'S1', currency = 'RON') {
  return {
    opId: newId(),
    type: 'voucher.issued' as const,
    payload: { code: voucher, returnId: newId(), tillId, storeId, currency, amountMinor: amount, issuedAt: '2026-12-04T09:00:00.000Z' },
  };
}

function spentOp(voucher: string, amount: number, tillId = 'T1') {
  return {
    opId: newId(),
    type: 'voucher.spent' as const,
    payload: { spendId: newId(), code: voucher, saleId: newId(), tillId, currency: 'RON', amountMinor: amount, spentAt: '2026-12-04T10:00:00.000Z' },
  };
}

for (const backend of allBackends()) {
  describe.skipIf(!backend.available)(`Central: store-credit vouchers (${backend.name})`, () => {
    let chain: TestChain;
    beforeAll(async () => {
      await backend.setUp();
      chain = await setUpChain(await backend.freshDb());
    });
    afterAll(async () => {
      await chain?.app.close();
      await backend.tearDown();
    });

    const push = async (token: string, ops: unknown[]) => (await chain.call('POST', '/v1/sync/push', token, { ops })).json.results;
    const redeem = (token: string, body: object) => chain.call('POST', '/v1/till/vouchers/redeem', token, body);
    const spend = (voucher: string, amount: number, extra: object = {}) =>
      redeem(chain.t1, { spendId: newId(), code: voucher, saleId: newId(), currency: 'RON', amountMinor: amount, ...extra });
    const balance = async (voucher: string) => Number((await chain.db.query<{ b: string }>(`SELECT balance_minor AS b FROM vouchers WHERE code = $1`, [voucher])).rows[0]!.b);

    it('a till issues a voucher; another spends part of it, then the rest; a retry of a spend gets the first answer, never a second spend', async () => {
      const voucher = code();
      expect((await push(chain.t1, [issuedOp(voucher, 10_000)]))[0].status).toBe('applied');
      const { t2 } = { t2: (await chain.pair('T1')).token };
      const first = { spendId: newId(), code: voucher, saleId: newId(), currency: 'RON', amountMinor: 3_000 };
      expect((await redeem(t2, first)).json).toEqual({ taken: true, spendId: first.spendId, amountMinor: 3_000, balanceMinor: 7_000 });
      expect((await redeem(t2, first)).json).toEqual({ taken: true, spendId: first.spendId, amountMinor: 3_000, balanceMinor: 7_000 });
      expect(await balance(voucher)).toBe(7_000);
      expect((await spend(voucher, 7_001)).json).toEqual({ taken: false, reason: 'insufficient', balanceMinor: 7_000 });
      expect((await spend(voucher, 7_000)).json).toMatchObject({ taken: true, balanceMinor: 0 });
      expect((await spend(voucher, 1)).json).toEqual({ taken: false, reason: 'spent', balanceMinor: 0 });
    });

    it('refuses unknown, another currency, malformed and mistyped codes, and callers that are not tills; nothing changes', async () => {
      const voucher = code();
      await push(chain.t1, [issuedOp(voucher, 5_000)]);
      expect((await spend(code(), 100)).json).toEqual({ taken: false, reason: 'unknown', balanceMinor: null });
      expect((await spend(voucher, 100, { currency: 'MDL' })).json).toEqual({ taken: false, reason: 'currency', balanceMinor: null });
      expect((await spend('SC1234', 100)).status).toBe(400);
      expect((await spend(voucher, 0)).status).toBe(400);
      expect((await spend(voucher, -5)).status).toBe(400);
      expect((await redeem(chain.channel, { spendId: newId(), code: voucher, saleId: newId(), currency: 'RON', amountMinor: 1 })).status).toBe(401);
      expect(await balance(voucher)).toBe(5_000);
      // Issued by a till of another store, or in another currency than the store's: refused.
      expect((await push(chain.t1, [issuedOp(code(), 100, 'T2', 'S2', 'MDL')]))[0]).toMatchObject({ status: 'rejected', reason: 'wrong_store' });
      expect((await push(chain.t1, [issuedOp(code(), 100, 'T1', 'S1', 'MDL')]))[0]).toMatchObject({ status: 'rejected', reason: 'currency_mismatch' });
      expect((await push(chain.t1, [spentOp(code(), 100)]))[0]).toMatchObject({ status: 'rejected', reason: 'unknown_code' });
    });

    it('50 concurrent spends of one voucher: the balance never goes below zero and exactly what it held is taken', async () => {
      const voucher = code();
      await push(chain.t1, [issuedOp(voucher, 10_000)]);
      const answers = await Promise.all(Array.from({ length: 50 }, () => spend(voucher, 700)));
      const taken = answers.filter((a) => a.json.taken === true);
      expect(answers.every((a) => a.status === 200)).toBe(true);
      expect(taken.length).toBe(14);
      expect(answers.filter((a) => a.json.taken === false).every((a) => a.json.reason === 'insufficient')).toBe(true);
      expect(await balance(voucher)).toBe(10_000 - 14 * 700);
      const { rows } = await chain.db.query<{ n: number; sum: string }>(`SELECT count(*)::int AS n, sum(amount_minor) AS sum FROM voucher_spends WHERE code = $1`, [voucher]);
      expect(rows[0]).toEqual({ n: 14, sum: String(14 * 700) });
    });

    it('a spend taken offline takes what is left; beyond the balance it is recorded as a conflict; the op applies once', async () => {
      const voucher = code();
      await push(chain.t1, [issuedOp(voucher, 1_000)]);
      expect((await spend(voucher, 600)).json.taken).toBe(true);
      const offline = spentOp(voucher, 700);
      expect((await push(chain.t1, [offline]))[0]).toMatchObject({ status: 'applied', result: { overspentMinor: 300 } });
      expect((await push(chain.t1, [offline]))[0]).toMatchObject({ status: 'duplicate' });
      expect(await balance(voucher)).toBe(0);
      const { rows } = await chain.db.query<{ over: string }>(`SELECT overspent_minor AS over FROM voucher_spends WHERE id = $1`, [offline.payload.spendId]);
      expect(Number(rows[0]!.over)).toBe(300);
    });
  });
}
