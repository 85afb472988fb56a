import { describe, expect, it } from 'vitest';
import { ADMIN_KEY, usePgliteChain, type TestChain } from './support/chain.js';
import { consoleAccounts, consoleCall, type Session } from './support/console.js';

describe('console store settings', () => {
  let chain: TestChain;
  let sessions: Record<'it_admin' | 'marketer' | 'store_manager', Session>;
  usePgliteChain((c) => (chain = c));

  const POLICY = { paymentMethods: ['cash', 'card'], noReceiptReturns: { methods: ['storeCredit'], maxMinor: 50_000 }, manualDiscountLimit: 10, voucherOfflineCapMinor: 0 };
  const put = (storeId: string, body: unknown, as: Session) => consoleCall(chain, 'PUT', `/console/api/stores/${storeId}/policy`, as, body);
  const get = (storeId: string, as: Session) => consoleCall(chain, 'GET', `/console/api/stores/${storeId}/policy`, as);
  const audits = async () =>
    (await chain.db.query<{ action: string; detail: Record<string, any>; email: string }>(`SELECT a.action, a.detail, u.email FROM console_audit a JOIN console_users u ON u.id = a.user_id WHERE a.action = 'store.policy' ORDER BY a.at, a.id`)).rows;

  it('an IT admin sets every policy of any store: versioned, audited with who and what, pulled by the store’s till', async () => {
    sessions = await consoleAccounts(chain);
    const before = await get('S2', sessions.it_admin);
    expect(before.json).toMatchObject({ storeId: 'S2', currency: 'MDL', version: 1, ...POLICY, editable: ['paymentMethods', 'noReceiptReturns', 'manualDiscountLimit', 'voucherOfflineCapMinor'] });
    const next = { paymentMethods: ['card'], noReceiptReturns: { methods: ['cash', 'storeCredit'], maxMinor: 25_050 }, manualDiscountLimit: 12.5, voucherOfflineCapMinor: 100_000 };
    const r = await put('S2', next, sessions.it_admin);
    expect(r.status, r.body).toBe(200);
    expect(r.json).toMatchObject({ version: 2, ...next });
    expect(await audits()).toEqual([{ action: 'store.policy', email: 'it@chain.test', detail: expect.objectContaining({ storeId: 'S2', version: 2 }) }]);
    expect(Object.keys((await audits())[0]!.detail.changed).sort()).toEqual(['manualDiscountLimit', 'noReceiptReturns', 'paymentMethods', 'voucherOfflineCapMinor']);
    // The same again changes nothing: no new version, nothing audited.
    expect((await put('S2', next, sessions.it_admin)).json.version).toBe(2);
    expect(await audits()).toHaveLength(1);
    // The till of S2 pulls the new document.
    const { token } = await chain.pair('T2');
    const pulled = await chain.call('GET', '/v1/sync/pull?limit=5000', token);
    expect(pulled.json.changes.filter((c: { entity: string }) => c.entity === 'store').map((c: { data: unknown }) => c.data)).toEqual([expect.objectContaining({ id: 'S2', version: 2, ...next })]);
  });

  it('automation that only renames a store keeps the policies set in the console; a new store starts from the defaults', async () => {
    const renamed = await chain.call('PUT', '/v1/admin/stores/S2', ADMIN_KEY, { name: 'Renamed by automation', country: 'MD', currency: 'MDL' });
    expect(renamed.status, renamed.body).toBe(200);
    expect(renamed.json).toMatchObject({ name: 'Renamed by automation', paymentMethods: ['card'], noReceiptReturns: { methods: ['cash', 'storeCredit'], maxMinor: 25_050 }, manualDiscountLimit: 12.5, voucherOfflineCapMinor: 100_000 });
    const fresh = await chain.call('PUT', '/v1/admin/stores/S7', ADMIN_KEY, { name: 'New store', country: 'MD', currency: 'MDL' });
    expect(fresh.status, fresh.body).toBe(200);
    expect(fresh.json).toMatchObject(POLICY);
  });

  it('a store manager sets payment methods and the discount limit of their own store, nothing else and no other store', async () => {
    const manager = sessions.store_manager;
    expect((await get('S1', manager)).json.editable).toEqual(['paymentMethods', 'manualDiscountLimit']);
    const ok = await put('S1', { ...POLICY, paymentMethods: ['cash'], manualDiscountLimit: 5 }, manager);
    expect(ok.status, ok.body).toBe(200);
    expect(ok.json).toMatchObject({ paymentMethods: ['cash'], manualDiscountLimit: 5, version: 2 });
    for (const [body, field] of [
      [{ ...POLICY, paymentMethods: ['cash'], manualDiscountLimit: 5, noReceiptReturns: { methods: ['cash'], maxMinor: 50_000 } }, 'noReceiptReturns'],
      [{ ...POLICY, paymentMethods: ['cash'], manualDiscountLimit: 5, voucherOfflineCapMinor: 1 }, 'voucherOfflineCapMinor'],
    ] as const) {
      const refused = await put('S1', body, manager);
      expect(refused.status).toBe(403);
      expect(refused.json.error.code).toBe('FORBIDDEN');
      expect(refused.json.error.details.map((d: { path: string[] }) => d.path[0])).toEqual([field]);
    }
    expect((await put('S2', POLICY, manager)).status).toBe(403);
    expect((await get('S1', manager)).json).toMatchObject({ version: 2, paymentMethods: ['cash'], manualDiscountLimit: 5, noReceiptReturns: POLICY.noReceiptReturns, voucherOfflineCapMinor: 0 });
    expect((await audits()).map((a) => [a.email, a.detail.storeId])).toEqual([
      ['it@chain.test', 'S2'],
      ['manager@chain.test', 'S1'],
    ]);
  });

  it('refuses bad input with the fields named, a missing CSRF token and an unknown store, changing nothing', async () => {
    const admin = sessions.it_admin;
    const before = (await get('S1', admin)).json;
    for (const [body, field] of [
      [{ ...POLICY, paymentMethods: [] }, 'paymentMethods'],
      [{ ...POLICY, paymentMethods: ['cash', 'cheque'] }, 'paymentMethods'],
      [{ ...POLICY, noReceiptReturns: { methods: [], maxMinor: 1 } }, 'noReceiptReturns'],
      [{ ...POLICY, noReceiptReturns: { methods: ['cash'], maxMinor: -1 } }, 'noReceiptReturns'],
      [{ ...POLICY, manualDiscountLimit: 100.5 }, 'manualDiscountLimit'],
      [{ ...POLICY, manualDiscountLimit: 12.345 }, 'manualDiscountLimit'],
      [{ ...POLICY, voucherOfflineCapMinor: 12.5 }, 'voucherOfflineCapMinor'],
      [{ ...POLICY, voucherOfflineCapMinor: 100_000_001 }, 'voucherOfflineCapMinor'],
    ] as const) {
      const r = await put('S1', body, admin);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json.error.code).toBe('INPUT_INVALID');
      expect(r.json.error.details.map((d: { path: string[] }) => d.path[0])).toContain(field);
    }
    const { manualDiscountLimit: _, ...missing } = POLICY;
    expect((await put('S1', missing, admin)).status).toBe(400);
    expect((await put('S1', { ...POLICY, extra: 1 }, admin)).status).toBe(400);
    const noCsrf = await consoleCall(chain, 'PUT', '/console/api/stores/S1/policy', admin, POLICY, { 'x-csrf-token': 'forged' });
    expect([noCsrf.status, noCsrf.json.error.code]).toEqual([403, 'CSRF_INVALID']);
    expect((await put('S9', POLICY, admin)).status).toBe(404);
    expect((await get('S9', admin)).status).toBe(404);
    expect((await get('S1', admin)).json).toEqual(before);
    expect((await chain.call('GET', '/v1/admin/stores', ADMIN_KEY)).json.stores.find((st: { id: string }) => st.id === 'S1').manualDiscountLimit).toBe(5);
  });
});
