import { describe, expect, it } from 'vitest';
import { ADMIN_KEY, usePgliteChain, type TestChain } from './support/chain.js';
import { noReceiptOp } from './support/storeOps.js';

describe('Central: returns without a receipt', () => {
  let chain: TestChain;
  usePgliteChain((c) => (chain = c));
  const push = async (token: string, ops: unknown[]) => (await chain.call('POST', '/v1/sync/push', token, { ops })).json.results;

  it("each store's policy: store credit up to 500.00 unless set; set by the admin API; its tills learn it when they pair", async () => {
    const stores = (await chain.call('GET', '/v1/admin/stores', ADMIN_KEY)).json.stores;
    expect(stores.find((s: { id: string }) => s.id === 'S2').noReceiptReturns).toEqual({ methods: ['storeCredit'], maxMinor: 50_000 });
    const put = (body: object) => chain.call('PUT', '/v1/admin/stores/S1', ADMIN_KEY, { name: 'Store one', country: 'RO', currency: 'RON', ...body });
    const set = await put({ noReceiptReturns: { methods: ['cash', 'storeCredit'], maxMinor: 20_000 } });
    expect(set.status).toBe(200);
    expect(set.json.noReceiptReturns).toEqual({ methods: ['cash', 'storeCredit'], maxMinor: 20_000 });
    for (const bad of [{ methods: ['card'], maxMinor: 1 }, { methods: [], maxMinor: 1 }, { methods: ['cash'], maxMinor: -1 }, { methods: ['cash'], maxMinor: 1.5 }, { methods: ['cash'] }]) {
      expect((await put({ noReceiptReturns: bad })).status).toBe(400);
    }
    const { code } = (await chain.call('POST', '/v1/admin/tills/T1/pairing-codes', ADMIN_KEY, {})).json;
    const paired = await chain.call('POST', '/v1/devices/pair', null, { pairingCode: code, deviceName: 'second device' });
    expect(paired.json.store.noReceiptReturns).toEqual({ methods: ['cash', 'storeCredit'], maxMinor: 20_000 });
  });

  it('records a till’s return without a receipt once, with its lines; refuses another store’s or another currency', async () => {
    const op = noReceiptOp('T1', 'S1', 'RON');
    expect((await push(chain.t1, [op]))[0]).toMatchObject({ status: 'applied', result: { returnId: op.payload.returnId } });
    expect((await push(chain.t1, [op]))[0].status).toBe('duplicate');
    const { rows } = await chain.db.query<{ refund_minor: string; method: string; store_id: string }>(`SELECT refund_minor, method, store_id FROM receiptless_returns WHERE id = $1`, [
      op.payload.returnId,
    ]);
    expect(rows).toEqual([{ refund_minor: expect.anything(), method: 'storeCredit', store_id: 'S1' }]);
    expect(Number(rows[0]!.refund_minor)).toBe(2_400);
    const { rows: lines } = await chain.db.query(`SELECT position, sku, unit_price_minor::int AS price FROM receiptless_return_lines WHERE return_id = $1 ORDER BY position`, [
      op.payload.returnId,
    ]);
    expect(lines).toEqual([
      { position: 1, sku: 'SKU-1', price: 1_000 },
      { position: 2, sku: 'SKU-2', price: 800 },
    ]);

    expect((await push(chain.t1, [noReceiptOp('T2', 'S2', 'MDL')]))[0]).toMatchObject({ status: 'rejected', reason: 'wrong_store' });
    expect((await push(chain.t1, [noReceiptOp('T1', 'S1', 'MDL', 2)]))[0]).toMatchObject({ status: 'rejected', reason: 'currency_mismatch' });
    const above = noReceiptOp('T1', 'S1', 'RON', 3);
    above.payload.lines[0]!.unitPriceMinor = 2_000;
    expect((await push(chain.t1, [above]))[0]).toMatchObject({ status: 'rejected', reason: 'invalid' });
    const { rows: count } = await chain.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM receiptless_returns`);
    expect(count[0]!.n).toBe(1);
  });
});
