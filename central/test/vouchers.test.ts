import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../core/ids.js';
import { allBackends } from './support/backends.js';
import { setUpChain, type TestChain } from './support/chain.js';
import { issuedOp, spentOp, voucherCode as code } from './support/storeOps.js';

function returnedOp(voucher: string, spendId: string, amount: number, tillId = 'T1') {
  return {
    opId: newId(),
    type: 'voucher.returned' as const,
    payload: { spendId, code: voucher, saleId: newId(), tillId, currency: 'RON', amountMinor: amount, returnedAt: '2026-12-04T10:05:00.000Z' },
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

    const giveBack = (token: string, { spendId, code: voucher, amountMinor, saleId = newId() }: { spendId: string; code: string; amountMinor: number; saleId?: string }) =>
      chain.call('POST', '/v1/till/vouchers/return', token, { spendId, code: voucher, saleId, amountMinor });
    /** The ledger agrees with the balance: what was issued less what the spends not given back took. */
    const ledgerBalance = async (voucher: string) =>
      Number(
        (
          await chain.db.query<{ b: string }>(
            `SELECT v.amount_minor - COALESCE(SUM(s.amount_minor - s.overspent_minor) FILTER (WHERE s.returned_at IS NULL), 0) AS b
             FROM vouchers v LEFT JOIN voucher_spends s USING (code) WHERE v.code = $1 GROUP BY v.amount_minor`,
            [voucher],
          )
        ).rows[0]!.b,
      );

    it('a spend given back puts its amount back once: a duplicate or retry gets the first answer; another till, voucher or amount is refused', async () => {
      const voucher = code();
      await push(chain.t1, [issuedOp(voucher, 5_000)]);
      const spendId = newId();
      expect((await redeem(chain.t1, { spendId, code: voucher, saleId: newId(), currency: 'RON', amountMinor: 1_200 })).json.taken).toBe(true);
      const first = await giveBack(chain.t1, { spendId, code: voucher, amountMinor: 1_200 });
      expect(first.json).toEqual({ returned: true, spendId, givenBackMinor: 1_200, balanceMinor: 5_000 });
      expect((await giveBack(chain.t1, { spendId, code: voucher, amountMinor: 1_200 })).json).toEqual(first.json);
      expect(await balance(voucher)).toBe(5_000);
      // The spend request retried after its give-back takes nothing.
      expect((await redeem(chain.t1, { spendId, code: voucher, saleId: newId(), currency: 'RON', amountMinor: 1_200 })).json).toEqual({ taken: false, reason: 'spent', balanceMinor: 5_000 });
      const other = newId();
      await redeem(chain.t1, { spendId: other, code: voucher, saleId: newId(), currency: 'RON', amountMinor: 300 });
      expect((await giveBack(chain.t2, { spendId: other, code: voucher, amountMinor: 300 })).json).toEqual({ returned: false, reason: 'mismatch' });
      expect((await giveBack(chain.t1, { spendId: other, code: voucher, amountMinor: 301 })).json).toEqual({ returned: false, reason: 'mismatch' });
      expect((await giveBack(chain.t1, { spendId: other, code: code(), amountMinor: 300 })).json).toEqual({ returned: false, reason: 'unknown' });
      expect((await giveBack(chain.t1, { spendId: other, code: voucher, amountMinor: 0 })).status).toBe(400);
      expect((await giveBack(chain.t1, { spendId: 'nope', code: voucher, amountMinor: 300 })).status).toBe(400);
      expect((await chain.call('POST', '/v1/till/vouchers/return', chain.channel, { spendId: other, code: voucher, saleId: newId(), amountMinor: 300 })).status).toBe(401);
      expect(await balance(voucher)).toBe(4_700);
    });

    it('a give-back of a spend central never had takes nothing back and stops the late spend request', async () => {
      const voucher = code();
      await push(chain.t1, [issuedOp(voucher, 2_000)]);
      const spendId = newId();
      expect((await giveBack(chain.t1, { spendId, code: voucher, amountMinor: 900 })).json).toEqual({ returned: true, spendId, givenBackMinor: 0, balanceMinor: 2_000 });
      expect((await redeem(chain.t1, { spendId, code: voucher, saleId: newId(), currency: 'RON', amountMinor: 900 })).json).toMatchObject({ taken: false });
      expect(await balance(voucher)).toBe(2_000);
      expect(await ledgerBalance(voucher)).toBe(2_000);
    });

    it('op voucher.returned applies once; an overspent offline spend gives back only what it took', async () => {
      const voucher = code();
      await push(chain.t1, [issuedOp(voucher, 1_000)]);
      const online = newId();
      await redeem(chain.t1, { spendId: online, code: voucher, saleId: newId(), currency: 'RON', amountMinor: 600 });
      const offline = spentOp(voucher, 700);
      await push(chain.t1, [offline]);
      expect(await balance(voucher)).toBe(0);
      const back = returnedOp(voucher, offline.payload.spendId, 700);
      expect((await push(chain.t1, [back]))[0]).toMatchObject({ status: 'applied', result: { returned: true, givenBackMinor: 400, balanceMinor: 400 } });
      expect((await push(chain.t1, [back]))[0]).toMatchObject({ status: 'duplicate' });
      // The same give-back under another op id (the till queued it twice): given back once.
      expect((await push(chain.t1, [{ ...back, opId: newId() }]))[0]).toMatchObject({ status: 'applied', result: { givenBackMinor: 400, balanceMinor: 400 } });
      expect(await balance(voucher)).toBe(400);
      expect((await push(chain.t1, [returnedOp(voucher, online, 600, 'T2')]))[0]).toMatchObject({ status: 'rejected', reason: 'wrong_store' });
      expect((await push(chain.t1, [returnedOp(code(), online, 600)]))[0]).toMatchObject({ status: 'rejected', reason: 'unknown_code' });
      expect((await push(chain.t1, [returnedOp(voucher, online, 601)]))[0]).toMatchObject({ status: 'rejected', reason: 'invalid' });
      expect(await ledgerBalance(voucher)).toBe(400);
    });

    it('concurrent spends and give-backs of one voucher, each give-back sent three times: never below zero or above the issued amount, each given back once', async () => {
      const voucher = code();
      await push(chain.t1, [issuedOp(voucher, 5_000)]);
      const spends = Array.from({ length: 20 }, () => ({ spendId: newId(), code: voucher, saleId: newId(), currency: 'RON', amountMinor: 700 }));
      // Every spend is asked for while the give-backs of the even ones race with them (one sent before its own spend).
      const answers = await Promise.all([
        ...spends.map((s) => redeem(chain.t1, s)),
        ...spends.filter((_, i) => i % 2 === 0).flatMap((s) => [0, 1, 2].map(() => giveBack(chain.t1, s))),
      ]);
      expect(answers.filter((a) => a.status !== 200).map((a) => a.body)).toEqual([]);
      const now = await balance(voucher);
      expect(now).toBeGreaterThanOrEqual(0);
      expect(now).toBeLessThanOrEqual(5_000);
      expect(await ledgerBalance(voucher)).toBe(now);
      // Each give-back counted once: its three answers agree.
      for (const s of spends.filter((_, i) => i % 2 === 0)) {
        const mine = answers.filter((a) => a.json.spendId === s.spendId && 'returned' in a.json).map((a) => a.json.givenBackMinor);
        expect(new Set(mine).size).toBe(1);
      }
      // Given back after all spends settled: the balance is the issued amount less the odd spends that were taken.
      await Promise.all(spends.filter((_, i) => i % 2 === 0).map((s) => giveBack(chain.t1, s)));
      const { rows } = await chain.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM voucher_spends WHERE code = $1 AND returned_at IS NULL`, [voucher]);
      expect(await balance(voucher)).toBe(5_000 - rows[0]!.n * 700);
      expect(await ledgerBalance(voucher)).toBe(await balance(voucher));
    });
  });
}
