import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allBackends } from './support/backends.js';
import { ADMIN_KEY, CAMPAIGN, redeemOp, setUpChain, type TestChain } from './support/chain.js';
import { consoleAccounts, consoleCall, type Session } from './support/console.js';

describe.each(allBackends())('console campaigns on $name', (backend) => {
  let chain: TestChain;
  let sessions: Record<'it_admin' | 'marketer' | 'store_manager', Session>;

  beforeAll(async () => {
    if (!backend.available) return;
    await backend.setUp();
    chain = await setUpChain(await backend.freshDb());
    sessions = await consoleAccounts(chain);
    expect((await chain.call('POST', '/v1/admin/campaigns', ADMIN_KEY, CAMPAIGN)).status).toBe(201);
    expect((await chain.call('POST', `/v1/admin/campaigns/${CAMPAIGN.id}/codes`, ADMIN_KEY, { count: 5 })).status).toBe(201);
    const csv = await chain.call('GET', `/v1/admin/campaigns/${CAMPAIGN.id}/codes.csv`, ADMIN_KEY);
    const codes = csv.body.trim().split('\r\n').slice(1).map((l) => l.split(',')[0] as string);
    const first = await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [redeemOp(codes[0]!, 'T1', 'S1')] });
    expect(first.json.results[0].result.outcome).toBe('accepted');
    const twice = await chain.call('POST', '/v1/sync/push', chain.t2, { ops: [redeemOp(codes[0]!, 'T2', 'S2')] });
    expect(twice.json.results[0].result.outcome).toBe('conflict');
    const offline = await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [redeemOp(codes[1]!, 'T1', 'S1', true)] });
    expect(offline.json.results[0].result.outcome).toBe('conflict');
  });
  afterAll(async () => {
    if (!backend.available) return;
    await chain?.app.close();
    await backend.tearDown();
  });

  describe.skipIf(!backend.available)('campaigns', () => {
    it('lists each campaign with its live counters: issued, redeemed by channel and by store, open conflicts', async () => {
      const r = await consoleCall(chain, 'GET', '/console/api/campaigns', sessions.marketer);
      expect(r.status).toBe(200);
      expect(r.json.campaigns).toEqual([
        expect.objectContaining({
          id: CAMPAIGN.id,
          name: CAMPAIGN.name,
          issued: 5,
          redeemed: 1,
          byChannel: [{ key: 'store', redeemed: 1, discountMinor: 150 }],
          byStore: [{ key: 'S1', name: 'Store one', redeemed: 1, discountMinor: 150 }],
          openConflicts: 2,
        }),
      ]);
    });

    it('lists open conflicts, of one campaign too; resolves one with a note (audited, once, idempotent) and refuses a contrary second decision', async () => {
      const open = await consoleCall(chain, 'GET', '/console/api/redemption-conflicts', sessions.marketer);
      expect(open.json.conflicts.map((c: { reason: string }) => c.reason).sort()).toEqual(['already_redeemed', 'offline_not_allowed']);
      const ofCampaign = await consoleCall(chain, 'GET', `/console/api/redemption-conflicts?campaignId=${CAMPAIGN.id}`, sessions.marketer);
      expect(ofCampaign.json.conflicts).toHaveLength(2);
      expect((await consoleCall(chain, 'GET', '/console/api/redemption-conflicts?campaignId=another', sessions.marketer)).json.conflicts).toEqual([]);
      const target = open.json.conflicts.find((c: { reason: string }) => c.reason === 'already_redeemed');
      expect(target).toMatchObject({ store: 'Store two', till: 'Till 2', campaign: CAMPAIGN.name, resolvedAt: null, note: null, resolvedBy: null });
      const url = `/console/api/redemption-conflicts/${target.id}/resolve`;
      const note = '  Cashier in Store two took the code in good faith  ';
      const noCsrf = await consoleCall(chain, 'POST', url, sessions.marketer, { resolution: 'discount_honoured', note }, { 'x-csrf-token': '' });
      expect(noCsrf.json.error.code).toBe('CSRF_INVALID');
      for (const bad of [{ resolution: 'discount_honoured' }, { resolution: 'discount_honoured', note: '   ' }, { resolution: 'discount_honoured', note: 'x'.repeat(501) }]) {
        const refused = await consoleCall(chain, 'POST', url, sessions.marketer, bad);
        expect(refused.status).toBe(400);
        expect(refused.json.error.code).toBe('INPUT_INVALID');
      }
      expect((await consoleCall(chain, 'GET', `/console/api/redemption-conflicts?campaignId=${CAMPAIGN.id}`, sessions.marketer)).json.conflicts).toHaveLength(2);
      expect((await consoleCall(chain, 'POST', url, sessions.marketer, { resolution: 'discount_honoured', note })).status).toBe(204);
      expect((await consoleCall(chain, 'POST', url, sessions.marketer, { resolution: 'discount_honoured', note: 'again' })).status).toBe(204);
      const contrary = await consoleCall(chain, 'POST', url, sessions.it_admin, { resolution: 'discount_recovered', note: 'no' });
      expect(contrary.status).toBe(409);
      expect(contrary.json.error.code).toBe('CONFLICT');
      const bad = await consoleCall(chain, 'POST', url, sessions.marketer, { resolution: 'forget_it', note });
      expect(bad.json.error.code).toBe('INPUT_INVALID');
      expect((await consoleCall(chain, 'POST', '/console/api/redemption-conflicts/nope/resolve', sessions.marketer, { resolution: 'discount_honoured', note })).status).toBe(404);
      const still = await consoleCall(chain, 'GET', '/console/api/redemption-conflicts', sessions.marketer);
      expect(still.json.conflicts.map((c: { reason: string }) => c.reason)).toEqual(['offline_not_allowed']);
      const all = await consoleCall(chain, 'GET', `/console/api/redemption-conflicts?open=false&campaignId=${CAMPAIGN.id}`, sessions.marketer);
      expect(all.json.conflicts.find((c: { id: string }) => c.id === target.id)).toMatchObject({
        resolution: 'discount_honoured',
        note: note.trim(),
        resolvedBy: expect.any(String),
        resolvedAt: expect.any(String),
      });
      const { rows } = await chain.db.query(`SELECT action, detail FROM console_audit WHERE action = 'conflict.resolve'`);
      expect(rows).toEqual([{ action: 'conflict.resolve', detail: { conflictId: target.id, resolution: 'discount_honoured', note: note.trim() } }]);
      expect((await consoleCall(chain, 'GET', '/console/api/campaigns', sessions.marketer)).json.campaigns[0].openConflicts).toBe(1);
    });

    it('creates, edits and issues from the console: unique codes as CSV, a shared code as QR PNG and SVG; audited; the counters move', async () => {
      const s2 = {
        id: 's2-email',
        name: 'S2 e-mail: 15 % off in store',
        channel: 'email',
        codeKind: 'unique',
        codePrefix: 'SS',
        discountKind: 'percent',
        discountValue: 15,
        startsAt: '2026-01-01T00:00:00+02:00',
        endsAt: '2030-01-01T00:00:00+02:00',
        offlineAllowed: true,
        offlineCapPerTill: 3,
        currency: 'RON',
        rules: { segments: ['no-purchase-30d'], minBasketMinor: 5000, priority: 5 },
      };
      const created = await consoleCall(chain, 'POST', '/console/api/campaigns', sessions.marketer, s2);
      expect(created.status, created.body).toBe(201);
      expect(created.json).toMatchObject({ id: 's2-email', startsAt: '2025-12-31T22:00:00.000Z', rules: s2.rules });
      const edited = await consoleCall(chain, 'PUT', '/console/api/campaigns/s2-email', sessions.it_admin, { ...s2, name: 'S2 e-mail', discountValue: 20 });
      expect(edited.json).toMatchObject({ name: 'S2 e-mail', discountValue: 20 });
      const prefix = await consoleCall(chain, 'PUT', '/console/api/campaigns/s2-email', sessions.marketer, { ...s2, codePrefix: 'XX' });
      expect(prefix.status).toBe(400);
      const issued = await consoleCall(chain, 'POST', '/console/api/campaigns/s2-email/codes', sessions.marketer, { count: 25 });
      expect(issued.json).toEqual({ issued: 25 });
      const csv = await consoleCall(chain, 'GET', '/console/api/campaigns/s2-email/codes.csv', sessions.marketer);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const lines = csv.body.trim().split('\r\n');
      expect(lines[0]).toBe('code,printed,state,single_use,expires_at');
      expect(lines).toHaveLength(26);
      expect(lines.slice(1).every((l) => /^SS[A-Z0-9]+,SS-[A-Z0-9-]+,issued,yes,$/.test(l))).toBe(true);
      const code = lines[1]!.split(',')[0]!;
      expect((await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [redeemOp(code, 'T1', 'S1')] })).json.results[0].result.outcome).toBe('accepted');
      const after = (await consoleCall(chain, 'GET', '/console/api/campaigns', sessions.marketer)).json;
      expect(after.timeZone).toBe('UTC');
      expect(after.campaigns.find((c: { id: string }) => c.id === 's2-email')).toMatchObject({ issued: 25, reserved: 0, redeemed: 1, byStore: [expect.objectContaining({ key: 'S1', redeemed: 1 })] });

      const stream = { ...s2, id: 's3-stream', name: 'Stream', channel: 'stream', codeKind: 'shared', codePrefix: '', rules: {} };
      expect((await consoleCall(chain, 'POST', '/console/api/campaigns', sessions.marketer, stream)).status).toBe(201);
      expect((await consoleCall(chain, 'POST', '/console/api/campaigns/s3-stream/codes', sessions.marketer, { code: 'live-15' })).json).toEqual({ issued: 1 });
      expect((await consoleCall(chain, 'GET', '/console/api/campaigns/s3-stream/shared-codes', sessions.marketer)).json.codes).toEqual([{ code: 'LIVE15', state: 'issued', expiresAt: null }]);
      const png = await chain.app.inject({ method: 'GET', url: '/console/api/campaigns/s3-stream/codes/LIVE15/qr.png?size=256', headers: { cookie: `omnitill_console=${sessions.marketer.cookie}` } });
      expect(png.headers['content-type']).toBe('image/png');
      expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
      const svg = await consoleCall(chain, 'GET', '/console/api/campaigns/s3-stream/codes/LIVE15/qr.svg', sessions.marketer);
      expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(svg.body).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect((await consoleCall(chain, 'GET', '/console/api/campaigns/s3-stream/codes/NOPE/qr.svg', sessions.marketer)).status).toBe(404);
      const { rows } = await chain.db.query(`SELECT action FROM console_audit WHERE action LIKE 'campaign.%' ORDER BY at`);
      expect(rows.map((r) => r.action)).toEqual(['campaign.create', 'campaign.update', 'campaign.codes', 'campaign.create', 'campaign.codes']);
    });

    it.each([
      ['a percent over 100', { discountValue: 150 }],
      ['an end before the start', { endsAt: '2025-01-01T00:00:00Z' }],
      ['an amount without a currency', { discountKind: 'amount', discountValue: 500, currency: null }],
      ['an unknown channel', { channel: 'pigeon' }],
      ['a time with no offset', { startsAt: '2026-01-01T00:00:00' }],
      ['an unknown rule', { rules: { astrology: true } }],
      ['no uses per customer', { rules: { perCustomer: 0 } }],
      ['uses per customer that are not whole', { rules: { perCustomer: 1.5 } }],
      ['an empty SKU', { rules: { skus: ['A1', ''] } }],
      ['a SKU of 65 characters', { rules: { skus: ['x'.repeat(65)] } }],
    ])('refuses %s with the field named, and nothing is created', async (_name, change) => {
      const r = await consoleCall(chain, 'POST', '/console/api/campaigns', sessions.marketer, { ...CAMPAIGN, id: 'bad-one', ...change });
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe('INPUT_INVALID');
      expect(r.json.error.details.length).toBeGreaterThan(0);
      expect((await chain.db.query(`SELECT 1 FROM campaigns WHERE id = 'bad-one'`)).rowCount).toBe(0);
    });

    it('keeps the rules the form offers: only these SKUs, uses per customer; an edit changes them, a refused edit changes nothing', async () => {
      const body = { ...CAMPAIGN, id: 'sku-limited', name: 'Two SKUs, twice each', rules: { skus: ['SKU-1', 'SKU-2'], perCustomer: 2 } };
      expect((await consoleCall(chain, 'POST', '/console/api/campaigns', sessions.marketer, body)).status).toBe(201);
      const rules = async () => (await consoleCall(chain, 'GET', '/console/api/campaigns', sessions.marketer)).json.campaigns.find((c: { id: string }) => c.id === 'sku-limited').rules;
      expect(await rules()).toEqual({ skus: ['SKU-1', 'SKU-2'], perCustomer: 2 });
      expect((await consoleCall(chain, 'PUT', '/console/api/campaigns/sku-limited', sessions.marketer, { ...body, rules: { skus: ['SKU-3'], perCustomer: 1 } })).status).toBe(200);
      expect(await rules()).toEqual({ skus: ['SKU-3'], perCustomer: 1 });
      const refused = await consoleCall(chain, 'PUT', '/console/api/campaigns/sku-limited', sessions.marketer, { ...body, rules: { perCustomer: 1001 } });
      expect(refused.json.error.details.map((d: { path: unknown[] }) => d.path)).toEqual([['rules', 'perCustomer']]);
      expect(await rules()).toEqual({ skus: ['SKU-3'], perCustomer: 1 });
    });

    it('keeps the names in en, ru and ro the form offers and sends them to the tills; a refused name is named by its language and changes nothing', async () => {
      const names = { en: 'Autumn −10 %', ru: 'Осень: скидка 10 %', ro: 'Toamna: 10 % reducere' };
      const body = { ...CAMPAIGN, id: 'named-three', name: 'Autumn', names };
      expect((await consoleCall(chain, 'POST', '/console/api/campaigns', sessions.marketer, body)).status).toBe(201);
      const listed = async () => (await consoleCall(chain, 'GET', '/console/api/campaigns', sessions.marketer)).json.campaigns.find((c: { id: string }) => c.id === 'named-three');
      expect(await listed()).toMatchObject({ name: 'Autumn', names });
      const pulled = async () => {
        const { rows } = await chain.db.query<{ data: { names: unknown } }>(`SELECT data FROM changes WHERE entity = 'campaign' AND key = 'named-three'`);
        return rows[0]?.data.names;
      };
      expect(await pulled()).toEqual(names);
      // One language only: the others fall back to the name at the tills.
      expect((await consoleCall(chain, 'PUT', '/console/api/campaigns/named-three', sessions.marketer, { ...body, names: { ro: ' Toamna ' } })).status).toBe(200);
      expect((await listed()).names).toEqual({ ro: 'Toamna' });
      for (const [bad, path] of [
        [{ ru: '' }, ['names', 'ru']],
        [{ en: 'x'.repeat(201) }, ['names', 'en']],
        [{ ro: 'two\nlines' }, ['names', 'ro']],
        [{ uk: 'Осінь' }, ['names']],
      ] as const) {
        const refused = await consoleCall(chain, 'PUT', '/console/api/campaigns/named-three', sessions.marketer, { ...body, names: bad });
        expect(refused.status).toBe(400);
        expect(refused.json.error.details.map((d: { path: unknown[] }) => d.path)).toEqual([path]);
      }
      expect((await listed()).names).toEqual({ ro: 'Toamna' });
      expect(await pulled()).toEqual({ ro: 'Toamna' });
      // No names at all: only the name, as before.
      expect((await consoleCall(chain, 'PUT', '/console/api/campaigns/named-three', sessions.marketer, { ...body, names: undefined })).status).toBe(200);
      expect((await listed()).names).toBeNull();
      // The conflicts list names a campaign by language too.
      expect((await consoleCall(chain, 'PUT', `/console/api/campaigns/${CAMPAIGN.id}`, sessions.marketer, { ...CAMPAIGN, names })).status).toBe(200);
      const conflicts = await consoleCall(chain, 'GET', `/console/api/redemption-conflicts?campaignId=${CAMPAIGN.id}`, sessions.marketer);
      const named = conflicts.json.conflicts.map((c: { campaignNames: unknown }) => c.campaignNames);
      expect(named.length).toBeGreaterThan(0);
      for (const n of named) expect(n).toEqual(names);
      expect((await consoleCall(chain, 'PUT', `/console/api/campaigns/${CAMPAIGN.id}`, sessions.marketer, CAMPAIGN)).status).toBe(200);
    });

    it('keeps the limits the form offers (total uses, budget, cap per sale, most and fewest units); a refused limit is named and changes nothing', async () => {
      const limits = { maxUses: 500, budgetMinor: 1_000_000, capMinor: 2500, maxQuantity: 3, minQuantity: 2 };
      const body = { ...CAMPAIGN, id: 'limited', name: 'Limited', currency: 'RON', rules: limits };
      expect((await consoleCall(chain, 'POST', '/console/api/campaigns', sessions.marketer, body)).status).toBe(201);
      const rules = async () => (await consoleCall(chain, 'GET', '/console/api/campaigns', sessions.marketer)).json.campaigns.find((c: { id: string }) => c.id === 'limited').rules;
      expect(await rules()).toEqual(limits);
      const edited = { maxUses: 10, capMinor: 100, minQuantity: 1 };
      expect((await consoleCall(chain, 'PUT', '/console/api/campaigns/limited', sessions.marketer, { ...body, rules: edited })).status).toBe(200);
      expect(await rules()).toEqual(edited);
      for (const [field, value] of [['maxUses', 0], ['budgetMinor', 0], ['capMinor', 1.5], ['maxQuantity', 100_001], ['minQuantity', null]] as const) {
        const refused = await consoleCall(chain, 'PUT', '/console/api/campaigns/limited', sessions.marketer, { ...body, rules: { ...limits, [field]: value } });
        expect(refused.status).toBe(400);
        expect(refused.json.error.details.map((d: { path: unknown[] }) => d.path)).toEqual([['rules', field]]);
      }
      expect(await rules()).toEqual(edited);
    });

    it('refuses a minimum basket, a cap or a budget without a currency, each at its own field, on create, edit and the admin API', async () => {
      const money = { minBasketMinor: 5000, capMinor: 2500, budgetMinor: 1_000_000 };
      const body = { ...CAMPAIGN, id: 'no-currency', name: 'No currency', rules: { ...money, maxUses: 5 } };
      const paths = (r: { json: { error: { details: { path: unknown[] }[] } } }) => r.json.error.details.map((d) => d.path);
      const created = await consoleCall(chain, 'POST', '/console/api/campaigns', sessions.marketer, body);
      expect(created.status).toBe(400);
      expect(paths(created)).toEqual([['rules', 'minBasketMinor'], ['rules', 'capMinor'], ['rules', 'budgetMinor']]);
      expect(created.json.error.details[0].message).toMatch(/minimum basket.*currency/);
      for (const [field, value] of Object.entries(money)) {
        const alone = { ...body, rules: { [field]: value } };
        const admin = await chain.call('POST', '/v1/admin/campaigns', ADMIN_KEY, alone);
        expect(admin.status, field).toBe(400);
        expect(paths(admin)).toEqual([['rules', field]]);
      }
      expect((await consoleCall(chain, 'POST', '/console/api/campaigns', sessions.marketer, { ...body, currency: 'MDL' })).status).toBe(201);
      const edited = await consoleCall(chain, 'PUT', '/console/api/campaigns/no-currency', sessions.marketer, { ...body, currency: null, rules: { capMinor: 100 } });
      expect(edited.status).toBe(400);
      expect(paths(edited)).toEqual([['rules', 'capMinor']]);
      const stored = (await consoleCall(chain, 'GET', '/console/api/campaigns', sessions.marketer)).json.campaigns.find((c: { id: string }) => c.id === 'no-currency');
      expect(stored).toMatchObject({ currency: 'MDL', rules: body.rules });
      expect((await consoleCall(chain, 'PUT', '/console/api/campaigns/no-currency', sessions.marketer, { ...body, currency: null, rules: { maxUses: 3 } })).status).toBe(200);
    });

    it('takes buy X get Y and a fixed price for a set without a discount: central fills the legacy columns; an edit round-trips; a bad deal is named', async () => {
      const { discountKind: _k, discountValue: _v, ...base } = CAMPAIGN;
      const doc = async (id: string) => (await consoleCall(chain, 'GET', '/console/api/campaigns', sessions.marketer)).json.campaigns.find((c: { id: string }) => c.id === id);
      const buyGet = { ...base, id: 'buy2get1', name: 'Buy 2 get 1', rules: { benefit: { kind: 'buy_x_get_y', buy: 2, get: 1, reward: { kind: 'free' } } } };
      const created = await consoleCall(chain, 'POST', '/console/api/campaigns', sessions.marketer, buyGet);
      expect(created.status, created.body).toBe(201);
      expect(await doc('buy2get1')).toMatchObject({ discountKind: 'percent', discountValue: 100, rules: buyGet.rules });
      const half = { kind: 'buy_x_get_y', buy: 3, get: 2, reward: { kind: 'percent', percent: 50 } };
      expect((await consoleCall(chain, 'PUT', '/console/api/campaigns/buy2get1', sessions.marketer, { ...buyGet, rules: { benefit: half } })).status).toBe(200);
      expect(await doc('buy2get1')).toMatchObject({ discountKind: 'percent', discountValue: 50, rules: { benefit: half } });
      const off = { kind: 'buy_x_get_y', buy: 1, get: 1, reward: { kind: 'amount', amountMinor: 300 } };
      const noCurrency = await consoleCall(chain, 'PUT', '/console/api/campaigns/buy2get1', sessions.marketer, { ...buyGet, currency: null, rules: { benefit: off } });
      expect(noCurrency.json.error.details.map((d: { path: unknown[] }) => d.path)).toEqual([['currency']]);
      expect((await consoleCall(chain, 'PUT', '/console/api/campaigns/buy2get1', sessions.marketer, { ...buyGet, currency: 'EUR', rules: { benefit: off } })).status).toBe(200);
      expect(await doc('buy2get1')).toMatchObject({ discountKind: 'amount', discountValue: 300, currency: 'EUR', rules: { benefit: off } });

      const set = { ...base, id: 'three-for', name: 'Three for 10', currency: 'EUR', rules: { benefit: { kind: 'fixed_price_set', quantity: 3, priceMinor: 1000 } } };
      expect((await consoleCall(chain, 'POST', '/console/api/campaigns', sessions.marketer, set)).status).toBe(201);
      expect(await doc('three-for')).toMatchObject({ discountKind: 'amount', discountValue: 1000, rules: set.rules });
      const setNoCurrency = await consoleCall(chain, 'POST', '/console/api/campaigns', sessions.marketer, { ...set, id: 'set-no-cur', currency: null });
      expect(setNoCurrency.json.error.details.map((d: { path: unknown[] }) => d.path)).toEqual([['currency']]);

      for (const benefit of [{ ...half, buy: 0 }, { ...half, reward: { kind: 'percent', percent: 101 } }, { kind: 'fixed_price_set', quantity: 1, priceMinor: 1000 }]) {
        const refused = await consoleCall(chain, 'PUT', '/console/api/campaigns/three-for', sessions.marketer, { ...set, rules: { benefit } });
        expect(refused.status).toBe(400);
        expect(refused.json.error.details.every((d: { path: unknown[] }) => d.path[0] === 'rules' && d.path[1] === 'benefit')).toBe(true);
      }
      const nothing = await consoleCall(chain, 'POST', '/console/api/campaigns', sessions.marketer, { ...base, id: 'no-discount' });
      expect(nothing.json.error.details.map((d: { path: unknown[] }) => d.path)).toEqual([['discountValue']]);
      expect(await doc('three-for')).toMatchObject({ discountValue: 1000, rules: set.rules });
      expect(await doc('no-discount')).toBeUndefined();
    });

    it('keeps allocation, spending channels, brands, named customers (answered with their names) and whole local days; an edit of the name keeps them; each bad one is named and changes nothing', async () => {
      const ana = (await chain.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone: '+40722123456', name: 'Ana Popescu' })).json.customer.id as string;
      const ion = (await chain.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone: '+37369123456', name: 'Ion Anatolie' })).json.customer.id as string;
      const targets = { allocation: 'once', channels: ['store', 'app'], brands: ['acme', 'zeta'], customers: [ion, ana], days: { first: '2026-12-24', last: '2026-12-26' } };
      const body = { ...CAMPAIGN, id: 'targeted', name: 'Targeted', rules: targets };
      const created = await consoleCall(chain, 'POST', '/console/api/campaigns', sessions.marketer, body);
      expect(created.status, created.body).toBe(201);
      // Central stores the instants widened to every zone's version of those days (campaignWindow).
      expect(created.json).toMatchObject({ startsAt: '2026-12-23T10:00:00.000Z', endsAt: '2026-12-27T12:00:00.000Z' });
      const summary = async () => (await consoleCall(chain, 'GET', '/console/api/campaigns', sessions.marketer)).json.campaigns.find((c: { id: string }) => c.id === 'targeted');
      expect(await summary()).toMatchObject({ rules: targets, namedCustomers: [{ id: ana, name: 'Ana Popescu' }, { id: ion, name: 'Ion Anatolie' }] });
      expect((await consoleCall(chain, 'PUT', '/console/api/campaigns/targeted', sessions.marketer, { ...body, name: 'Targeted again' })).status).toBe(200);
      expect(await summary()).toMatchObject({ name: 'Targeted again', rules: targets });
      const edited = { allocation: 'across', channels: ['web'], brands: ['acme'], customers: [ana], days: { first: '2027-01-01', last: '2027-01-01' } };
      expect((await consoleCall(chain, 'PUT', '/console/api/campaigns/targeted', sessions.marketer, { ...body, rules: edited })).status).toBe(200);
      expect(await summary()).toMatchObject({ rules: edited, namedCustomers: [{ id: ana, name: 'Ana Popescu' }] });
      const refusals: [Record<string, unknown>, (string | number)[]][] = [
        [{ allocation: 'twice' }, ['rules', 'allocation']],
        [{ channels: [] }, ['rules', 'channels']],
        [{ channels: ['pigeon'] }, ['rules', 'channels', 0]],
        [{ brands: [''] }, ['rules', 'brands', 0]],
        [{ customers: ['no-such-customer'] }, ['rules', 'customers']],
        [{ days: { first: '2027-01-02', last: '2027-01-01' } }, ['rules', 'days', 'last']],
        [{ days: { first: '2027-02-30', last: '2027-03-01' } }, ['rules', 'days', 'first']],
        [{ days: { first: '2027-01-01' } }, ['rules', 'days', 'last']],
      ];
      for (const [change, path] of refusals) {
        const refused = await consoleCall(chain, 'PUT', '/console/api/campaigns/targeted', sessions.marketer, { ...body, rules: { ...edited, ...change } });
        expect(refused.status, JSON.stringify(change)).toBe(400);
        expect(refused.json.error.details.map((d: { path: unknown[] }) => d.path)).toEqual([path]);
      }
      expect(await summary()).toMatchObject({ name: 'Targeted', rules: edited });
      const unknown = await consoleCall(chain, 'POST', '/console/api/campaigns', sessions.marketer, { ...body, id: 'targeted-2', rules: { customers: [ana, 'nobody'] } });
      expect(unknown.json.error.details.map((d: { path: unknown[] }) => d.path)).toEqual([['rules', 'customers']]);
      expect(await consoleCall(chain, 'GET', '/console/api/campaigns', sessions.marketer).then((r) => r.json.campaigns.some((c: { id: string }) => c.id === 'targeted-2'))).toBe(false);
    });

    it('offers the catalogue’s brands to choose from, each once and in order', async () => {
      expect((await consoleCall(chain, 'GET', '/console/api/campaign-brands', sessions.marketer)).json).toEqual({ brands: [] });
      const csv = 'sku,name_en,name_ru,name_ro,vat_category,sold_by,brand\r\nB-1,Milk,Молоко,Lapte,reduced,unit, Zeta \r\nB-2,Kefir,Кефир,Chefir,reduced,unit,Acme\r\nB-3,Bread,Хлеб,Pâine,reduced,unit,\r\nB-4,Cream,Сливки,Smântână,reduced,unit,Zeta\r\n';
      const imported = await chain.app.inject({ method: 'POST', url: '/v1/admin/catalogue', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'text/csv' }, payload: csv });
      expect(imported.statusCode, imported.body).toBe(200);
      expect((await consoleCall(chain, 'GET', '/console/api/campaign-brands', sessions.it_admin)).json).toEqual({ brands: ['Acme', 'Zeta'] });
    });

        it('refuses a count of codes over the limit and a shared code for a unique campaign', async () => {
      expect((await consoleCall(chain, 'POST', `/console/api/campaigns/${CAMPAIGN.id}/codes`, sessions.marketer, { count: 100_001 })).status).toBe(400);
      expect((await consoleCall(chain, 'POST', `/console/api/campaigns/${CAMPAIGN.id}/codes`, sessions.marketer, { code: 'SHARED1' })).status).toBe(400);
      expect((await consoleCall(chain, 'GET', '/console/api/campaigns', sessions.marketer)).json.campaigns.find((c: { id: string }) => c.id === CAMPAIGN.id).issued).toBe(5);
    });

    it('is not a store manager’s page', async () => {
      expect((await consoleCall(chain, 'GET', '/console/api/campaigns', sessions.store_manager)).status).toBe(403);
    });
  });
});
