import { describe, expect, it } from 'vitest';
import { ADMIN_KEY, usePgliteChain, type TestChain } from './support/chain.js';

describe('Central: the manual discount limit of each store', () => {
  let chain: TestChain;
  usePgliteChain((c) => (chain = c));

  it('10 % unless set; set by the admin API to two decimals at most; its tills learn it when they pair', async () => {
    const stores = (await chain.call('GET', '/v1/admin/stores', ADMIN_KEY)).json.stores;
    expect(stores.find((s: { id: string }) => s.id === 'S2').manualDiscountLimit).toBe(10);
    const put = (body: object) => chain.call('PUT', '/v1/admin/stores/S1', ADMIN_KEY, { name: 'Store one', country: 'RO', currency: 'RON', ...body });
    const set = await put({ manualDiscountLimit: 12.5 });
    expect(set.status).toBe(200);
    expect(set.json.manualDiscountLimit).toBe(12.5);
    for (const bad of [-1, 100.5, 12.345, '10', null]) expect((await put({ manualDiscountLimit: bad })).status).toBe(400);
    expect((await chain.call('GET', '/v1/admin/stores', ADMIN_KEY)).json.stores.find((s: { id: string }) => s.id === 'S1').manualDiscountLimit).toBe(12.5);
    // A store saved without it keeps what was set (automation renaming a store must not wipe it).
    expect((await put({})).json.manualDiscountLimit).toBe(12.5);
    expect((await put({ manualDiscountLimit: 0 })).json.manualDiscountLimit).toBe(0);

    const { code } = (await chain.call('POST', '/v1/admin/tills/T1/pairing-codes', ADMIN_KEY, {})).json;
    const paired = await chain.call('POST', '/v1/devices/pair', null, { pairingCode: code, deviceName: 'second device' });
    expect(paired.json.store.manualDiscountLimit).toBe(0);
  });
});
