import { describe, expect, it } from 'vitest';
import { PullPage } from '../../core/sync/pull.js';
import { ADMIN_KEY, usePgliteChain, type TestChain } from './support/chain.js';

describe('Central: a store’s policies travel in the pull as one versioned document', () => {
  let chain: TestChain;
  usePgliteChain((c) => (chain = c));

  const storeDocs = async (token: string, cursor?: string) => {
    const r = await chain.call('GET', `/v1/sync/pull?limit=5000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
    const page = PullPage.parse(r.json);
    return { cursor: page.cursor, stores: page.changes.filter((c) => c.entity === 'store').map((c) => c.data as Record<string, unknown>) };
  };

  it('each till gets its own store’s document, again only when a policy changes, with the version one up', async () => {
    const first = await storeDocs(chain.t1);
    expect(first.stores).toEqual([
      expect.objectContaining({ id: 'S1', name: 'Store one', version: 1, paymentMethods: ['cash', 'card'], noReceiptReturns: { methods: ['storeCredit'], maxMinor: 50_000 }, manualDiscountLimit: 10, voucherOfflineCapMinor: 0 }),
    ]);
    expect((await storeDocs(chain.t2)).stores.map((s) => s.id)).toEqual(['S2']);

    // The same values again: no new version, nothing to pull.
    const put = (body: object) => chain.call('PUT', '/v1/admin/stores/S1', ADMIN_KEY, { name: 'Store one', country: 'RO', currency: 'RON', ...body });
    expect((await put({})).status).toBe(200);
    expect((await storeDocs(chain.t1, first.cursor)).stores).toEqual([]);

    const set = await put({ paymentMethods: ['cash'], noReceiptReturns: { methods: ['cash'], maxMinor: 2_000 }, manualDiscountLimit: 7.25, voucherOfflineCapMinor: 15_000 });
    expect(set.json).toMatchObject({ voucherOfflineCapMinor: 15_000, manualDiscountLimit: 7.25 });
    const next = await storeDocs(chain.t1, first.cursor);
    expect(next.stores).toEqual([
      expect.objectContaining({ id: 'S1', version: 2, paymentMethods: ['cash'], noReceiptReturns: { methods: ['cash'], maxMinor: 2_000 }, manualDiscountLimit: 7.25, voucherOfflineCapMinor: 15_000 }),
    ]);
    expect(Date.parse(next.stores[0]!.changedAt as string)).toBeGreaterThanOrEqual(Date.parse(first.stores[0]!.changedAt as string));
    // S2's till hears nothing of it.
    expect((await storeDocs(chain.t2)).stores).toEqual([expect.objectContaining({ id: 'S2', version: 1 })]);
  });

  it('is strict on its input: an unknown field, method or a value out of range changes nothing', async () => {
    const before = (await chain.call('GET', '/v1/admin/stores', ADMIN_KEY)).json.stores;
    const put = (body: object) => chain.call('PUT', '/v1/admin/stores/S1', ADMIN_KEY, { name: 'Store one', country: 'RO', currency: 'RON', ...body });
    for (const bad of [
      { voucherOfflineCapMinor: -1 },
      { voucherOfflineCapMinor: 1.5 },
      { voucherOfflineCapMinor: 100_000_001 },
      { paymentMethods: ['cash', 'sbp'] },
      { paymentMethods: [] },
      { noReceiptReturns: { methods: ['cash'], maxMinor: 100, perDay: 2 } },
      { noReceiptReturns: { methods: ['giftCard'], maxMinor: 100 } },
      { loyalty: true },
    ]) {
      const r = await put(bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.json.error.code).toBe('INPUT_INVALID');
    }
    expect((await chain.call('GET', '/v1/admin/stores', ADMIN_KEY)).json.stores).toEqual(before);
  });
});
