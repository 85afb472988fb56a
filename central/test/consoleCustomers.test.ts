import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../core/ids.js';
import { issueCodes } from '../src/campaigns.js';
import { allBackends } from './support/backends.js';
import { ADMIN_KEY, CAMPAIGN, saleOp, setUpChain, type TestChain } from './support/chain.js';
import { consoleAccounts, consoleCall, type Method, type Session } from './support/console.js';

/** A change a store manager may make: the discount limit, the other policies as they are by default. */
const STORE_POLICY = { paymentMethods: ['cash', 'card'], noReceiptReturns: { methods: ['storeCredit'], maxMinor: 50_000 }, manualDiscountLimit: 8, voucherOfflineCapMinor: 0 };

describe.each(allBackends())('console customers on $name', (backend) => {
  let chain: TestChain;
  let sessions: Record<'it_admin' | 'marketer' | 'store_manager', Session>;
  let ana: string;
  let s1Sale: string;
  let s2Sale: string;
  let anaCode: string;

  beforeAll(async () => {
    if (!backend.available) return;
    await backend.setUp();
    chain = await setUpChain(await backend.freshDb());
    sessions = await consoleAccounts(chain);
    await chain.call('POST', '/v1/admin/catalogue', null);
    const up = await chain.call('POST', '/v1/customers/upsert-by-phone', chain.channel, {
      phone: '+40722123456',
      name: 'Ana Popescu',
      email: 'ana@example.com',
      segments: ['vip'],
      consents: [{ channel: 'email', granted: true, changedAt: '2026-11-01T08:00:00.000Z' }],
    });
    ana = up.json.customer.id;
    await chain.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone: '+37369123456', name: 'Ion Anatolie' });
    await chain.call('PUT', `/v1/customers/${ana}/carts/web`, chain.channel, {
      lines: [{ sku: 'SKU-1', quantity: 2, priceSeenMinor: 1290, currency: 'RON', addedAt: '2026-11-02T08:00:00.000Z' }],
    });
    await chain.call('PUT', `/v1/customers/${ana}/favourites/SKU-2`, chain.channel, { channel: 'app', addedAt: '2026-11-03T08:00:00.000Z' });
    const visit = await chain.call('POST', '/v1/touchpoints', chain.channel, {
      touchpointId: newId(),
      channel: 'web',
      kind: 'visit',
      customerId: ana,
      campaignId: null,
      saleId: null,
      occurredAt: '2026-11-01T09:00:00.000Z',
    });
    expect(visit.status, visit.body).toBeLessThan(300);
    const a = saleOp('T1', 'S1', { customerId: ana, total: 2580 });
    const b = saleOp('T2', 'S2', { customerId: ana, total: 990 });
    s1Sale = a.payload.saleId;
    s2Sale = b.payload.saleId;
    expect((await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [a] })).json.results[0].status).toBe('applied');
    expect((await chain.call('POST', '/v1/sync/push', chain.t2, { ops: [{ ...b, payload: { ...b.payload, country: 'MD', currency: 'MDL' } }] })).json.results[0].status).toBe('applied');
    // Part of the store-one sale comes back at the till of store two.
    const returned = {
      opId: newId(),
      type: 'sale.returned',
      payload: {
        returnId: newId(),
        returnNo: 1,
        saleId: s1Sale,
        tillId: 'T2',
        storeId: 'S2',
        cashier: 'Ion',
        currency: 'RON',
        returnedAt: '2026-11-21T09:00:00.000Z',
        method: 'cash',
        refundMinor: 1000,
        lines: [{ lineId: a.payload.lines[0]!.lineId, sku: 'SKU-1', quantity: 1, refundMinor: 1000, vatBasisPoints: 1100 }],
        vat: [{ vatBasisPoints: 1100, grossMinor: 1000, netMinor: 901, vatMinor: 99 }],
      },
    };
    expect((await chain.call('POST', '/v1/sync/push', chain.t2, { ops: [returned] })).json.results[0].status).toBe('applied');
    // Her web order, and an app order she collects in store two.
    const order = (o: Record<string, unknown>) => chain.call('POST', `/v1/customers/${ana}/orders`, chain.channel, { currency: 'RON', ...o });
    expect((await order({ orderId: 'W-77', channel: 'web', placedAt: '2026-11-04T08:00:00.000Z', totalMinor: 4590, lines: [{ sku: 'SKU-1', quantity: 2, priceMinor: 2295 }] })).status).toBe(200);
    expect((await order({ orderId: 'A-9', channel: 'app', placedAt: '2026-11-05T08:00:00.000Z', totalMinor: 990, lines: [{ sku: 'SKU-2', quantity: 1, priceMinor: 990 }], storeId: 'S2' })).status).toBe(200);
    // A code of the e-mail campaign issued to her.
    expect((await chain.call('POST', '/v1/admin/campaigns', ADMIN_KEY, CAMPAIGN)).status).toBe(201);
    anaCode = (await issueCodes(chain.db, CAMPAIGN.id, { count: 1, expiresAt: null, customerId: ana })).codes[0]!;
  });
  afterAll(async () => {
    if (!backend.available) return;
    await chain?.app.close();
    await backend.tearDown();
  });

  const search = (q: string, as: Session = sessions.marketer) => consoleCall(chain, 'GET', `/console/api/customers?q=${encodeURIComponent(q)}`, as);

  describe.skipIf(!backend.available)('search', () => {
    it('finds her by a phone written any way, read as any of the chain’s countries', async () => {
      for (const q of ['0722 123 456', '+40 (722) 123-456', '0040722123456', '40722123456', '0722.123.456']) {
        const r = await search(q);
        expect(r.status, q).toBe(200);
        expect(r.json.kind, q).toBe('phone');
        expect(r.json.customers.map((c: { id: string }) => c.id), q).toEqual([ana]);
        expect(r.json.customers[0].phones, q).toEqual(['+40 ••• ••• 56']);
      }
      // A Moldovan number typed as dialled in Moldova.
      expect((await search('069 123 456')).json.customers.map((c: { name: string }) => c.name)).toEqual(['Ion Anatolie']);
    });

    it('finds by e-mail in any case and by the start of any word of the name', async () => {
      expect((await search('ANA@example.COM')).json).toMatchObject({ kind: 'email', customers: [{ id: ana, email: 'ana@example.com' }] });
      expect((await search('popes')).json.customers.map((c: { id: string }) => c.id)).toEqual([ana]);
      expect((await search('ana')).json.customers.map((c: { name: string }) => c.name)).toEqual(['Ana Popescu', 'Ion Anatolie']);
      expect((await search('ana pop')).json.customers.map((c: { name: string }) => c.name)).toEqual(['Ana Popescu']);
      // Query syntax is only ever words.
      expect((await search("ana:* | !ion & '")).json.customers.map((c: { name: string }) => c.name)).toEqual(['Ion Anatolie']);
      expect((await search('nobody')).json.customers).toEqual([]);
    });

    it('refuses what cannot be a phone, a name or an e-mail with a coded error', async () => {
      const phone = await search('0000 000');
      expect(phone.status).toBe(400);
      expect(phone.json.error.code).toBe('PHONE_INVALID');
      const nothing = await search('!!! ???');
      expect(nothing.json.error.code).toBe('INPUT_INVALID');
      expect((await consoleCall(chain, 'GET', '/console/api/customers?q=', sessions.marketer)).json.error.code).toBe('INPUT_INVALID');
      expect((await search('a\u0000b')).json.error.code).toBe('INPUT_INVALID');
    });
  });

  describe.skipIf(!backend.available)('profile', () => {
    it('shows contact, consents, segments, carts, favourites, purchases in store with store and till, and one timeline', async () => {
      const r = await consoleCall(chain, 'GET', `/console/api/customers/${ana}`, sessions.marketer);
      expect(r.status, r.body).toBe(200);
      const p = r.json;
      expect(p.customer).toMatchObject({ name: 'Ana Popescu', email: 'ana@example.com', phones: ['+40722123456'], segments: ['vip'] });
      expect(p.consents).toEqual([expect.objectContaining({ channel: 'email', granted: true })]);
      expect(p.carts).toEqual([{ channel: 'web', lines: [expect.objectContaining({ sku: 'SKU-1', quantity: 2, priceSeenMinor: 1290 })] }]);
      expect(p.favourites).toEqual([expect.objectContaining({ sku: 'SKU-2', channel: 'app' })]);
      expect(p.storePurchases.map((s: { saleId: string; store: string; till: string }) => [s.saleId, s.store, s.till]).sort()).toEqual(
        [
          [s1Sale, 'Store one', 'Till 1'],
          [s2Sale, 'Store two', 'Till 2'],
        ].sort(),
      );
      const kinds = p.timeline.map((e: { kind: string; channel: string }) => `${e.channel}:${e.kind}`);
      expect(kinds).toEqual(expect.arrayContaining(['web:visit', 'web:cart_add', 'app:favourite_add', 'email:consent_granted', 'store:purchase']));
      const purchase = p.timeline.find((e: { kind: string; store: string }) => e.kind === 'purchase' && e.store === 'Store one');
      expect(purchase).toMatchObject({ till: 'Till 1', amountMinor: 2580, currency: 'RON' });
      const times = p.timeline.map((e: { at: string }) => e.at);
      expect([...times].sort().reverse()).toEqual(times);
    });

    it('shows her online orders with their totals, her return with the refund and the till that took it, and the codes issued to her', async () => {
      const p = (await consoleCall(chain, 'GET', `/console/api/customers/${ana}`, sessions.marketer)).json;
      expect(p.onlinePurchases).toEqual([
        { at: '2026-11-05T08:00:00.000Z', channel: 'app', campaign: null, orderRef: 'A-9', store: 'Store two', totalMinor: 990, currency: 'RON', items: 1 },
        { at: '2026-11-04T08:00:00.000Z', channel: 'web', campaign: null, orderRef: 'W-77', store: null, totalMinor: 4590, currency: 'RON', items: 2 },
      ]);
      const entry = (kind: string) => p.timeline.filter((e: { kind: string }) => e.kind === kind);
      expect(entry('order')).toEqual([
        expect.objectContaining({ at: '2026-11-05T08:00:00.000Z', channel: 'app', store: 'Store two', amountMinor: 990, currency: 'RON' }),
        expect.objectContaining({ at: '2026-11-04T08:00:00.000Z', channel: 'web', store: null, amountMinor: 4590, currency: 'RON' }),
      ]);
      // What was refunded (not the sale's total), at the till of store two that took it back.
      expect(entry('return')).toEqual([expect.objectContaining({ channel: 'store', store: 'Store two', till: 'Till 2', amountMinor: 1000, currency: 'RON' })]);
      expect(entry('code_issued')).toEqual([expect.objectContaining({ channel: 'email', campaign: CAMPAIGN.name, code: anaCode })]);
    });

    it('writes who viewed which profile to the audit log, each time', async () => {
      const count = async () =>
        (await chain.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM console_audit a JOIN console_users u ON u.id = a.user_id
           WHERE a.action = 'customer.view' AND a.customer_id = $1 AND u.email = 'it@chain.test'`, [ana])).rows[0]!.n;
      const before = await count();
      await consoleCall(chain, 'GET', `/console/api/customers/${ana}`, sessions.it_admin);
      await consoleCall(chain, 'GET', `/console/api/customers/${ana}`, sessions.it_admin);
      expect(await count()).toBe(before + 2);
      const unknown = await consoleCall(chain, 'GET', '/console/api/customers/nobody', sessions.it_admin);
      expect(unknown.json.error.code).toBe('NOT_FOUND');
    });

    it('shows a store manager her purchases in their own stores only', async () => {
      const r = await consoleCall(chain, 'GET', `/console/api/customers/${ana}`, sessions.store_manager);
      expect(r.status).toBe(200);
      expect(r.json.storePurchases.map((s: { saleId: string }) => s.saleId)).toEqual([s1Sale]);
      const stores = r.json.timeline.map((e: { store: string | null }) => e.store).filter(Boolean);
      expect(stores).toEqual(['Store one']);
      // The online side of her path stays visible: not the order collected in store two, nor the return taken there.
      expect(r.json.timeline.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['visit', 'cart_add', 'order', 'code_issued']));
      expect(r.json.timeline.map((e: { kind: string }) => e.kind)).not.toContain('return');
      expect(r.json.onlinePurchases.map((o: { orderRef: string }) => o.orderRef)).toEqual(['W-77']);
    });
  });

  describe.skipIf(!backend.available)('authorization matrix', () => {
    it('every console route × every role, and no session at all', async () => {
      const routes: [Method, string, unknown?][] = [
        ['GET', '/console/api/session'],
        ['GET', '/console/api/users'],
        ['POST', '/console/api/users', { email: `x${Date.now()}@chain.test`, name: 'x', role: 'marketer', password: 'a long password 1' }],
        ['GET', '/console/api/customers?q=ana'],
        ['GET', `/console/api/customers/${ana}`],
        ['GET', '/console/api/fleet'],
        ['GET', '/console/api/campaigns'],
        ['GET', '/console/api/campaign-brands'],
        ['GET', '/console/api/redemption-conflicts'],
        ['GET', '/console/api/redemption-conflicts?open=false&campaignId=none'],
        ['POST', '/console/api/redemption-conflicts/none/resolve', { resolution: 'discount_honoured', note: 'checked' }],
        ...['channels', 'campaigns', 'path', 'daily', 'export/channels'].map((r): [Method, string] => ['GET', `/console/api/analytics/${r}`]),
        ['POST', '/console/api/campaigns', { ...CAMPAIGN, id: `c-${Date.now()}` }],
        ['PUT', '/console/api/campaigns/none', { ...CAMPAIGN, id: 'none' }],
        ['POST', '/console/api/campaigns/none/codes', { count: 1 }],
        ['POST', '/console/api/campaigns/none/signed-offers', { count: 1 }],
        ['GET', '/console/api/campaigns/none/codes.csv'],
        ['GET', '/console/api/campaigns/none/shared-codes'],
        ['GET', '/console/api/campaigns/none/codes/NOCODE/qr.png'],
        ['GET', '/console/api/campaigns/none/codes/NOCODE/qr.svg'],
        ['GET', '/console/api/segments'],
        ['POST', '/console/api/segments', { id: `seg-${Date.now()}`, name: 'x', rules: { all: [{ kind: 'consent', channel: 'sms' }] } }],
        ['GET', '/console/api/segments/none'],
        ['PUT', '/console/api/segments/none', { name: 'x', rules: { all: [{ kind: 'consent', channel: 'sms' }] } }],
        ['POST', '/console/api/segments/none/refresh'],
        ['GET', '/console/api/stores/S1/policy'],
        ['GET', '/console/api/stores/S2/policy'],
        ['PUT', '/console/api/stores/S1/policy', STORE_POLICY],
        ['PUT', '/console/api/stores/S2/policy', STORE_POLICY],
        ['GET', '/console/api/operations/no-receipt-returns'],
        ['GET', '/console/api/operations/no-receipt-returns?storeId=S2'],
        ['GET', '/console/api/operations/voucher-conflicts?open=false'],
        ['GET', '/console/api/operations/voucher-conflicts?storeId=S2'],
        ['POST', '/console/api/operations/voucher-conflicts/none/resolve', { note: 'checked' }],
      ];
      const expected: Record<string, Record<string, number>> = {
        'GET /console/api/session': { none: 401, marketer: 200, store_manager: 200, it_admin: 200 },
        'GET /console/api/users': { none: 401, marketer: 403, store_manager: 403, it_admin: 200 },
        'POST /console/api/users': { none: 401, marketer: 403, store_manager: 403, it_admin: 201 },
        'GET /console/api/customers?q=ana': { none: 401, marketer: 200, store_manager: 200, it_admin: 200 },
        [`GET /console/api/customers/${ana}`]: { none: 401, marketer: 200, store_manager: 200, it_admin: 200 },
        'GET /console/api/fleet': { none: 401, marketer: 403, store_manager: 200, it_admin: 200 },
        'GET /console/api/campaigns': { none: 401, marketer: 200, store_manager: 403, it_admin: 200 },
        'GET /console/api/campaign-brands': { none: 401, marketer: 200, store_manager: 403, it_admin: 200 },
        'GET /console/api/redemption-conflicts': { none: 401, marketer: 200, store_manager: 403, it_admin: 200 },
        'GET /console/api/redemption-conflicts?open=false&campaignId=none': { none: 401, marketer: 200, store_manager: 403, it_admin: 200 },
        // No such conflict: the roles that may resolve get 404, the others never reach the lookup.
        'POST /console/api/redemption-conflicts/none/resolve': { none: 401, marketer: 404, store_manager: 403, it_admin: 404 },
        // A store manager reads analytics of their own stores (consoleAnalytics.test.ts holds the scope).
        ...Object.fromEntries(['channels', 'campaigns', 'path', 'daily', 'export/channels'].map((r) => [`GET /console/api/analytics/${r}`, { none: 401, marketer: 200, store_manager: 200, it_admin: 200 }])),
        // The same new id for both roles that may create: the second is a conflict. No campaign "none": 404 past the role check.
        'POST /console/api/campaigns': { none: 401, marketer: 201, store_manager: 403, it_admin: 409 },
        'PUT /console/api/campaigns/none': { none: 401, marketer: 404, store_manager: 403, it_admin: 404 },
        'POST /console/api/campaigns/none/codes': { none: 401, marketer: 404, store_manager: 403, it_admin: 404 },
        'POST /console/api/campaigns/none/signed-offers': { none: 401, marketer: 404, store_manager: 403, it_admin: 404 },
        'GET /console/api/campaigns/none/codes.csv': { none: 401, marketer: 404, store_manager: 403, it_admin: 404 },
        'GET /console/api/campaigns/none/shared-codes': { none: 401, marketer: 200, store_manager: 403, it_admin: 200 },
        'GET /console/api/campaigns/none/codes/NOCODE/qr.png': { none: 401, marketer: 404, store_manager: 403, it_admin: 404 },
        'GET /console/api/campaigns/none/codes/NOCODE/qr.svg': { none: 401, marketer: 404, store_manager: 403, it_admin: 404 },
        'GET /console/api/segments': { none: 401, marketer: 200, store_manager: 403, it_admin: 200 },
        // The same new id for both roles that may create: the second is a conflict.
        'POST /console/api/segments': { none: 401, marketer: 201, store_manager: 403, it_admin: 409 },
        'GET /console/api/segments/none': { none: 401, marketer: 404, store_manager: 403, it_admin: 404 },
        'PUT /console/api/segments/none': { none: 401, marketer: 404, store_manager: 403, it_admin: 404 },
        'POST /console/api/segments/none/refresh': { none: 401, marketer: 404, store_manager: 403, it_admin: 404 },
        // A store manager reads and sets (payment methods, discount limit) the settings of their own store (S1) only.
        'GET /console/api/stores/S1/policy': { none: 401, marketer: 403, store_manager: 200, it_admin: 200 },
        'GET /console/api/stores/S2/policy': { none: 401, marketer: 403, store_manager: 403, it_admin: 200 },
        'PUT /console/api/stores/S1/policy': { none: 401, marketer: 403, store_manager: 200, it_admin: 200 },
        'PUT /console/api/stores/S2/policy': { none: 401, marketer: 403, store_manager: 403, it_admin: 200 },
        // Store operations: store managers (their own stores: S2 is not theirs) and IT admins; never marketers.
        'GET /console/api/operations/no-receipt-returns': { none: 401, marketer: 403, store_manager: 200, it_admin: 200 },
        'GET /console/api/operations/no-receipt-returns?storeId=S2': { none: 401, marketer: 403, store_manager: 403, it_admin: 200 },
        'GET /console/api/operations/voucher-conflicts?open=false': { none: 401, marketer: 403, store_manager: 200, it_admin: 200 },
        'GET /console/api/operations/voucher-conflicts?storeId=S2': { none: 401, marketer: 403, store_manager: 403, it_admin: 200 },
        // No such conflict: 404 past the role check.
        'POST /console/api/operations/voucher-conflicts/none/resolve': { none: 401, marketer: 403, store_manager: 404, it_admin: 404 },
      };
      const seen: Record<string, Record<string, number>> = {};
      for (const [method, url, body] of routes) {
        const key = `${method} ${url}`;
        seen[key] = {};
        for (const role of ['none', 'marketer', 'store_manager', 'it_admin'] as const) {
          const session = role === 'none' ? null : sessions[role];
          const r = await consoleCall(chain, method, url, session, body);
          seen[key][role] = r.status;
        }
      }
      expect(seen).toEqual(expected);
      // Every console route of the API is in this matrix.
      const doc = (await chain.call('GET', '/openapi.json')).json;
      const consolePaths = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
        .filter(([path]) => path.startsWith('/console/api/'))
        .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
        .filter((r) => r !== 'POST /console/api/session' && r !== 'DELETE /console/api/session');
      const covered = routes.map(([m, url]) => `${m} ${url.split('?')[0]!.replace(ana, '{customerId}').replace('/redemption-conflicts/none/', '/redemption-conflicts/{conflictId}/').replace('/voucher-conflicts/none/', '/voucher-conflicts/{spendId}/').replace(/\/segments\/none/, '/segments/{segmentId}').replace('/campaigns/none', '/campaigns/{campaignId}').replace('/NOCODE/', '/{code}/').replace('/export/channels', '/export/{report}').replace(/\/stores\/S[12]\//, '/stores/{storeId}/')}`);
      expect([...new Set(covered)].sort()).toEqual(consolePaths.sort());
    });
  });
});
