import { describe, expect, it } from 'vitest';
import { Validator } from '@seriousme/openapi-schema-validator';
import { PushResponse } from '../../core/sync/ops.js';
import { newId } from '../../core/ids.js';
import { allBackends } from './support/backends.js';
import { ADMIN_KEY, CAMPAIGN, campaign, pullAll, redeemOp, RawJson, saleOp, setUpChain, sharedCode, useChain, type TestChain } from './support/chain.js';
import { startNewEpoch } from '../src/pull.js';
import { MAX_FAILED_PAIRINGS } from '../src/api/till.js';

describe.each(allBackends())('Central API on $name', (backend) => {
  let chain: TestChain;
  useChain(backend, (c) => (chain = c));

  describe.skipIf(!backend.available)('service', () => {
    it('answers /healthz with the database kind', async () => {
      const r = await chain.call('GET', '/healthz');
      expect(r.json).toEqual({ status: 'ok', database: backend.name });
    });

    it('serves an OpenAPI document that validates', async () => {
      const r = await chain.call('GET', '/openapi.json');
      const result = await new Validator().validate(r.json);
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
      expect(Object.keys(r.json.paths)).toEqual(expect.arrayContaining(['/v1/sync/pull', '/v1/sync/push', '/v1/customers/lookup']));
    });

    it('answers unknown routes, malformed JSON and oversized bodies with coded errors', async () => {
      expect((await chain.call('GET', '/nope')).json.error.code).toBe('NOT_FOUND');
      const bad = await chain.app.inject({
        method: 'POST',
        url: '/v1/sync/push',
        headers: { authorization: `Bearer ${chain.t1}`, 'content-type': 'application/json' },
        payload: '{"ops": [',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('MALFORMED_JSON');
      const big = await chain.app.inject({
        method: 'POST',
        url: '/v1/customers/upsert-by-phone',
        headers: { authorization: `Bearer ${chain.channel}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ phone: '+40722123456', name: 'x'.repeat(300_000) }),
      });
      expect(big.statusCode).toBe(413);
      expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    });
  });

  describe.skipIf(!backend.available)('authentication', () => {
    it('gives every unauthenticated caller the same generic answer', async () => {
      for (const [url, token] of [
        ['/v1/sync/pull', null],
        ['/v1/sync/pull', 'otd_not-a-real-token-at-all'],
        ['/v1/sync/pull', chain.channel],
        ['/v1/customers/C-1', chain.t1],
        ['/v1/admin/stores', chain.t1],
        ['/v1/admin/stores', 'wrong-admin-key-0123456789'],
      ] as const) {
        const r = await chain.call('GET', url, token);
        expect(r.status, `${url} with ${token}`).toBe(401);
        expect(r.json.error).toEqual({ code: 'UNAUTHENTICATED', message: 'missing or invalid credentials' });
      }
    });

    it('refuses a revoked device token', async () => {
      const { token, deviceId } = await chain.pair('T1');
      expect((await chain.call('GET', '/v1/sync/pull?limit=1', token)).status).toBe(200);
      expect((await chain.call('POST', `/v1/admin/devices/${deviceId}/revoke`, ADMIN_KEY)).status).toBe(204);
      expect((await chain.call('GET', '/v1/sync/pull?limit=1', token)).status).toBe(401);
      const devices = await chain.call('GET', '/v1/admin/tills/T1/devices', ADMIN_KEY);
      expect(devices.json.devices.find((d: { id: string }) => d.id === deviceId).revokedAt).not.toBeNull();
    });

    it('accepts a pairing code once and never after it expires', async () => {
      const { code } = (await chain.call('POST', '/v1/admin/tills/T2/pairing-codes', ADMIN_KEY, { ttlMinutes: 5 })).json;
      const first = await chain.call('POST', '/v1/devices/pair', null, { pairingCode: code.toLowerCase(), deviceName: 'till pc' });
      expect(first.status).toBe(201);
      expect(first.json).toMatchObject({ tillId: 'T2', storeId: 'S2' });
      const again = await chain.call('POST', '/v1/devices/pair', null, { pairingCode: code, deviceName: 'till pc' });
      expect(again.json.error.code).toBe('PAIRING_CODE_INVALID');
      const { code: expiring } = (await chain.call('POST', '/v1/admin/tills/T2/pairing-codes', ADMIN_KEY, {})).json;
      await chain.db.query(`UPDATE pairing_codes SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`);
      const expired = await chain.call('POST', '/v1/devices/pair', null, { pairingCode: expiring, deviceName: 'till pc' });
      expect(expired.status).toBe(400);
      expect(expired.json.error.code).toBe('PAIRING_CODE_INVALID');
      const { rows } = await chain.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM device_tokens WHERE token_hash LIKE 'otd%'`);
      expect(rows[0]?.n).toBe(0);
    });

    it('limits failed pairings per code (so per till), whatever addresses the guesses come from', async () => {
      const { code } = (await chain.call('POST', '/v1/admin/tills/T2/pairing-codes', ADMIN_KEY, {})).json;
      expect(code).toMatch(/^[A-Z0-9]{12}$/);
      const handle = code.slice(0, 4);
      const wrong = (i: number) => handle + (code.slice(4) === 'ABCDEFGH' ? 'ABCDEFGJ' : 'ABCDEFGH').slice(0, 7) + String(i % 10);
      for (let i = 0; i < MAX_FAILED_PAIRINGS; i++) {
        const r = await chain.app.inject({
          method: 'POST',
          url: '/v1/devices/pair',
          remoteAddress: `10.0.${i}.${i + 1}`,
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ pairingCode: wrong(i), deviceName: 'guesser' }),
        });
        expect(r.json().error.code).toBe('PAIRING_CODE_INVALID');
      }
      // The right code, typed after the guesses, no longer pairs: a manager issues a new one.
      const late = await chain.call('POST', '/v1/devices/pair', null, { pairingCode: code, deviceName: 'till pc' });
      expect(late.json.error.code).toBe('PAIRING_CODE_INVALID');
      const { code: fresh } = (await chain.call('POST', '/v1/admin/tills/T2/pairing-codes', ADMIN_KEY, {})).json;
      expect((await chain.call('POST', '/v1/devices/pair', null, { pairingCode: fresh, deviceName: 'till pc' })).status).toBe(201);
    });

    it('rate-limits pairing attempts per address', async () => {
      const limited = await setUpChain(chain.db, { pairing: 3 });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        statuses.push((await limited.call('POST', '/v1/devices/pair', null, { pairingCode: 'WRONG234', deviceName: 'x' })).status);
      }
      await limited.app.close();
      // setUpChain paired twice already in this window: the limit is reached at once.
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(4);
    });

    it('keeps the pairing limit however the Authorization header rotates', async () => {
      const limited = await setUpChain(chain.db, { pairing: 3 });
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await limited.app.inject({
          method: 'POST',
          url: '/v1/devices/pair',
          headers: { authorization: `Bearer random-${i}-${newId()}`, 'content-type': 'application/json' },
          payload: JSON.stringify({ pairingCode: 'WRONG234', deviceName: 'x' }),
        });
        statuses.push(r.statusCode);
      }
      await limited.app.close();
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5);
    });

    it('authenticates before reading a body; large bodies only on the import route, for an admin', async () => {
      const big = 'sku,name_en\n' + 'x,y\n'.repeat(2 * 1024 * 1024);
      // No credentials: refused before the 8 MB body is read, on the import route too.
      for (const [url, type] of [['/v1/admin/catalogue', 'text/csv'], ['/v1/sync/push', 'application/json'], ['/v1/admin/stores/S9', 'text/csv']] as const) {
        const r = await chain.app.inject({ method: url.includes('stores') ? 'PUT' : 'POST', url, headers: { 'content-type': type, authorization: 'Bearer forged-credential-0123456789' }, payload: big });
        expect(r.statusCode, url).toBe(401);
      }
      // An admin's CSV on a route that is not the import is held to the small default.
      const r = await chain.app.inject({ method: 'PUT', url: '/v1/admin/stores/S9', headers: { 'content-type': 'text/csv', authorization: `Bearer ${ADMIN_KEY}` }, payload: big });
      expect(r.statusCode).toBe(413);
      expect(JSON.parse(r.body).error.code).toBe('PAYLOAD_TOO_LARGE');
    });
  });

  describe.skipIf(!backend.available)('channel endpoints', () => {
    let customerId: string;

    it('creates a customer by phone and finds her again however the number is written', async () => {
      const created = await chain.call('POST', '/v1/customers/upsert-by-phone', chain.channel, {
        phone: '0722 123 456',
        country: 'RO',
        name: 'Ioana Popescu',
        email: 'ioana@example.com',
        segments: ['newsletter'],
        consents: [{ channel: 'email', granted: true, changedAt: '2026-11-01T10:00:00.000Z' }],
      });
      expect(created.status, created.body).toBe(200);
      expect(created.json.created).toBe(true);
      expect(created.json.customer.phones).toEqual(['+40722123456']);
      customerId = created.json.customer.id;
      const again = await chain.call('POST', '/v1/customers/upsert-by-phone', chain.channel, {
        phone: '+40 722-123-456',
        consents: [
          { channel: 'email', granted: false, changedAt: '2026-10-01T10:00:00.000Z' },
          { channel: 'sms', granted: true, changedAt: '2026-11-02T10:00:00.000Z' },
        ],
        otherPhones: ['+37369123456'],
      });
      expect(again.json.created).toBe(false);
      expect(again.json.customer.id).toBe(customerId);
      expect(again.json.customer.name).toBe('Ioana Popescu');
      expect(again.json.customer.phones.sort()).toEqual(['+37369123456', '+40722123456']);
      // The older e-mail decision arrived late and does not undo the newer one.
      expect(again.json.customer.consents).toEqual([
        { channel: 'email', granted: true, changedAt: '2026-11-01T10:00:00.000Z' },
        { channel: 'sms', granted: true, changedAt: '2026-11-02T10:00:00.000Z' },
      ]);
    });

    it('refuses malformed phones and a phone that belongs to someone else', async () => {
      const bad = await chain.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone: '12345' });
      expect(bad.json.error.code).toBe('PHONE_INVALID');
      const other = await chain.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone: '+79031112233' });
      const taken = await chain.call('POST', '/v1/customers/upsert-by-phone', chain.channel, {
        phone: '+79031112233',
        otherPhones: ['+40722123456'],
      });
      expect(other.status).toBe(200);
      expect(taken.status).toBe(409);
      expect(taken.json.error.code).toBe('PHONE_TAKEN');
    });

    it('keeps one online cart per channel, replaced whole', async () => {
      const line = (sku: string, quantity: number) => ({ sku, quantity, priceSeenMinor: 1290, currency: 'RON', addedAt: '2026-11-10T08:00:00.000Z' });
      const put = await chain.call('PUT', `/v1/customers/${customerId}/carts/web`, chain.channel, { lines: [line('SKU-1', 2), line('SKU-2', 1)] });
      expect(put.status, put.body).toBe(200);
      expect(put.json.lines).toHaveLength(2);
      await chain.call('PUT', `/v1/customers/${customerId}/carts/app`, chain.channel, { lines: [line('SKU-3', 1)] });
      await chain.call('PUT', `/v1/customers/${customerId}/carts/web`, chain.channel, { lines: [line('SKU-2', 3)] });
      const web = await chain.call('GET', `/v1/customers/${customerId}/carts/web`, chain.channel);
      expect(web.json).toEqual({ customerId, channel: 'web', lines: [line('SKU-2', 3)] });
      const twice = await chain.call('PUT', `/v1/customers/${customerId}/carts/web`, chain.channel, { lines: [line('SKU-2', 1), line('SKU-2', 1)] });
      expect(twice.status).toBe(400);
      expect((await chain.call('PUT', '/v1/customers/nobody/carts/web', chain.channel, { lines: [] })).status).toBe(404);
      expect((await chain.call('PUT', `/v1/customers/${customerId}/carts/shop`, chain.channel, { lines: [] })).status).toBe(400);
    });

    it('adds and removes favourites; the profile shows carts and favourites', async () => {
      expect((await chain.call('PUT', `/v1/customers/${customerId}/favourites/SKU-9`, chain.channel, { channel: 'app' })).status).toBe(200);
      expect((await chain.call('PUT', `/v1/customers/${customerId}/favourites/SKU-8`, chain.channel, { channel: 'web' })).status).toBe(200);
      expect((await chain.call('DELETE', `/v1/customers/${customerId}/favourites/SKU-8`, chain.channel)).status).toBe(204);
      const profile = await chain.call('GET', `/v1/customers/${customerId}`, chain.channel);
      expect(profile.json.favourites.map((f: { sku: string }) => f.sku)).toEqual(['SKU-9']);
      expect(profile.json.carts.map((c: { channel: string }) => c.channel)).toEqual(['app', 'web']);
    });

    it('records a touchpoint once however often it is sent', async () => {
      const tp = { touchpointId: newId(), channel: 'stream', kind: 'qr_scanned', customerId, campaignId: null, saleId: null, occurredAt: '2026-11-20T19:00:00.000Z' };
      expect((await chain.call('POST', '/v1/touchpoints', chain.channel, tp)).json.recorded).toBe(true);
      expect((await chain.call('POST', '/v1/touchpoints', chain.channel, tp)).json.recorded).toBe(false);
      const { rows } = await chain.db.query<{ customer_id: string }>(`SELECT customer_id FROM touchpoints WHERE id = $1`, [tp.touchpointId]);
      expect(rows).toEqual([{ customer_id: customerId }]);
    });

    it('refuses NUL and lone surrogates in text fields with a 400, never a 500', async () => {
      for (const storeId of ['a\u0000b', 'x\uD800', 'k'.repeat(65)]) {
        const body = { touchpointId: newId(), channel: 'web', kind: 'visit', storeId, customerId: null, campaignId: null, saleId: null, occurredAt: '2026-11-20T19:00:00.000Z' };
        const r = await chain.call('POST', '/v1/touchpoints', chain.channel, body);
        expect(r.status, r.body).toBe(400);
        expect(r.json.error.code).toBe('INPUT_INVALID');
        expect(r.body).toContain('TEXT_INVALID');
      }
      const sku = await chain.call('PUT', `/v1/customers/${customerId}/favourites/${encodeURIComponent('A\u0000B')}`, chain.channel, { channel: 'web' });
      expect(sku.status, sku.body).toBe(400);
    });

    it('lets a client record touchpoints of its own channels only; never a store purchase', async () => {
      const tp = (channel: string) => ({ touchpointId: newId(), channel, kind: 'purchase', customerId: null, campaignId: null, saleId: null, occurredAt: '2026-11-20T19:00:00.000Z', storeId: 'S1' });
      for (const channel of ['store', 'sms']) {
        const body = tp(channel);
        const r = await chain.call('POST', '/v1/touchpoints', chain.channel, body);
        expect(r.status, r.body).toBe(403);
        expect(r.json.error.code).toBe('FORBIDDEN');
        const { rows } = await chain.db.query(`SELECT id FROM touchpoints WHERE id = $1`, [body.touchpointId]);
        expect(rows).toEqual([]);
      }
      // A client must declare its channels, and cannot declare the store's.
      for (const body of [{ name: 'bot' }, { name: 'bot', channels: [] }, { name: 'bot', channels: ['store'] }, { name: 'bot', channels: ['sms'], admin: true }]) {
        const r = await chain.call('POST', '/v1/admin/channel-clients', ADMIN_KEY, body);
        expect(r.status, JSON.stringify(body)).toBe(400);
        expect(r.json.error.code).toBe('INPUT_INVALID');
      }
      const bot = await chain.call('POST', '/v1/admin/channel-clients', ADMIN_KEY, { name: 'sms bot', channels: ['sms'] });
      expect(bot.status, bot.body).toBe(201);
      expect(bot.json.channels).toEqual(['sms']);
      expect((await chain.call('POST', '/v1/touchpoints', bot.json.key, tp('sms'))).status).toBe(200);
      expect((await chain.call('POST', '/v1/touchpoints', bot.json.key, tp('web'))).status).toBe(403);
    });

    it('sends all of it, tombstones included, to every till through pull', async () => {
      const { changes } = await pullAll(chain, chain.t2);
      const keys = changes.map((c) => `${c.entity}:${c.key}:${c.op}`);
      expect(keys).toEqual(
        expect.arrayContaining([`customer:${customerId}:upsert`, `cart:${customerId}/web:upsert`, `favourite:${customerId}/SKU-9:upsert`, `favourite:${customerId}/SKU-8:delete`]),
      );
      expect(new Set(keys).size).toBe(keys.length);
      const cart = changes.find((c) => c.key === `${customerId}/web`);
      expect(cart?.data.lines).toEqual([expect.objectContaining({ sku: 'SKU-2', quantity: 3 })]);
    });
  });

  describe.skipIf(!backend.available)('till lookup', () => {
    it('finds a customer by the phone as the cashier typed it, and audits every lookup', async () => {
      const found = await chain.call('GET', `/v1/customers/lookup?phone=${encodeURIComponent('0722123456')}&cashier=Ana`, chain.t1);
      expect(found.status, found.body).toBe(200);
      expect(found.json.customer.name).toBe('Ioana Popescu');
      expect(found.json.carts.length).toBe(2);
      // Central holds her e-mail (the channels see it); a till is never sent it, online or by pull.
      expect((await chain.call('GET', `/v1/customers/${found.json.customer.id}`, chain.channel)).json.customer.email).toBe('ioana@example.com');
      expect(found.json.customer.email).toBeNull();
      const pulled = (await chain.call('GET', '/v1/sync/pull?limit=1000', chain.t1)).json.changes.filter((c: any) => c.entity === 'customer' && c.op === 'upsert');
      expect(pulled.length).toBeGreaterThan(0);
      for (const c of pulled) expect(c.data.email).toBeNull();
      const missing = await chain.call('GET', `/v1/customers/lookup?phone=${encodeURIComponent('+40755000111')}&cashier=Ana`, chain.t1);
      expect(missing.status).toBe(404);
      const bad = await chain.call('GET', `/v1/customers/lookup?phone=abc&cashier=Ana`, chain.t1);
      expect(bad.json.error.code).toBe('PHONE_INVALID');
      const { rows } = await chain.db.query<{ till_id: string; cashier: string; phone_masked: string; customer_id: string | null }>(
        `SELECT till_id, cashier, phone_masked, customer_id FROM lookup_audit ORDER BY id`,
      );
      expect(rows).toEqual([
        { till_id: 'T1', cashier: 'Ana', phone_masked: '+40 ••• ••• 56', customer_id: found.json.customer.id },
        { till_id: 'T1', cashier: 'Ana', phone_masked: '+40 ••• ••• 11', customer_id: null },
      ]);
    });

    it('rate-limits lookups per till', async () => {
      const limited = await setUpChain(chain.db, { lookup: 2 });
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await limited.call('GET', '/v1/customers/lookup?phone=%2B40722123456&cashier=A', limited.t1)).status);
      await limited.app.close();
      expect(statuses).toEqual([200, 200, 429]);
    });
  });

  describe.skipIf(!backend.available)('catalogue and pull scope', () => {
    it('imports products and store prices from CSV, all or nothing', async () => {
      const csv =
        'sku,name_en,name_ru,name_ro,vat_category,sold_by,category,brand,barcodes,price.S1,price.S2\r\n' +
        'SKU-1,Milk,Молоко,Lapte,reduced,unit,dairy, Codru ,4600000000015|5940000000004,12.90,19.50\r\n' +
        '"SKU-2","Bread, white",Хлеб,Pâine,reduced,unit,bakery,,,"4,99",\r\n';
      const r = await chain.app.inject({
        method: 'POST',
        url: '/v1/admin/catalogue',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'text/csv' },
        payload: csv,
      });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toEqual({ products: 2, prices: 3 });
      const broken = await chain.app.inject({
        method: 'POST',
        url: '/v1/admin/catalogue',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'text/csv' },
        payload: `sku,name_en,name_ru,name_ro,vat_category,sold_by,barcodes,brand\nSKU-3,A,A,A,reduced,unit,4600000000016,\nSKU-4,B,B,B,luxury,unit,,\nSKU-5,C,C,C,reduced,unit,,${'b'.repeat(65)}\n`,
      });
      expect(broken.statusCode).toBe(400);
      expect(broken.json().error.details.map((d: { line: number }) => d.line)).toEqual([2, 3, 4]);
      expect(broken.json().error.details[2].message).toContain('brand');
      const { rows } = await chain.db.query(`SELECT sku FROM products WHERE sku = 'SKU-3'`);
      expect(rows).toEqual([]);
    });

    it("sends each till its own store's prices and the shared catalogue", async () => {
      const s1 = (await pullAll(chain, chain.t1)).changes;
      const s2 = (await pullAll(chain, chain.t2)).changes;
      const prices = (changes: typeof s1) => changes.filter((c) => c.entity === 'price').map((c) => c.data);
      expect(prices(s1)).toEqual([
        { sku: 'SKU-1', storeId: 'S1', priceMinor: 1290 },
        { sku: 'SKU-2', storeId: 'S1', priceMinor: 499 },
      ]);
      expect(prices(s2)).toEqual([{ sku: 'SKU-1', storeId: 'S2', priceMinor: 1950 }]);
      const milk = s2.find((c) => c.entity === 'product' && c.key === 'SKU-1');
      expect(milk?.data).toMatchObject({ barcodes: ['4600000000015', '5940000000004'], names: { ro: 'Lapte' }, category: 'dairy', brand: 'Codru' });
      expect(s1.find((c) => c.entity === 'product' && c.key === 'SKU-2')?.data).toMatchObject({ brand: null });
    });

    it('resumes from a cursor, refuses garbage, and forces a resync after a new epoch', async () => {
      const { cursor } = await pullAll(chain, chain.t1);
      const empty = await chain.call('GET', `/v1/sync/pull?cursor=${cursor}`, chain.t1);
      expect(empty.json.changes).toEqual([]);
      expect(empty.json.cursor).toBe(cursor);
      await chain.call('PUT', '/v1/admin/stores/S1', ADMIN_KEY, { name: 'Store one', country: 'RO', currency: 'RON' });
      await chain.app.inject({
        method: 'POST',
        url: '/v1/admin/catalogue',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'text/csv' },
        payload: 'sku,name_en,name_ru,name_ro,vat_category,sold_by,price.S1\nSKU-1,Milk 2,Молоко,Lapte,reduced,unit,13.90\n',
      });
      const next = await chain.call('GET', `/v1/sync/pull?cursor=${cursor}`, chain.t1);
      expect(next.json.changes.map((c: { entity: string; key: string }) => `${c.entity}:${c.key}`)).toEqual(['product:SKU-1', 'price:SKU-1']);
      expect((await chain.call('GET', '/v1/sync/pull?cursor=bm90LWEtY3Vyc29y', chain.t1)).json.error.code).toBe('INPUT_INVALID');
      const epoch = next.json.epoch;
      const future = Buffer.from(`${epoch}|99999999999|1`).toString('base64url');
      const restored = await chain.call('GET', `/v1/sync/pull?cursor=${future}`, chain.t1);
      expect(restored.status).toBe(409);
      expect(restored.json.error.code).toBe('SYNC_RESYNC_REQUIRED');
      const newEpoch = await startNewEpoch(chain.db);
      const stale = await chain.call('GET', `/v1/sync/pull?cursor=${next.json.cursor}`, chain.t1);
      expect(stale.status).toBe(409);
      expect(stale.json).toMatchObject({ error: { code: 'SYNC_RESYNC_REQUIRED' }, epoch: newEpoch });
      const fresh = await pullAll(chain, chain.t1);
      expect(fresh.changes.length).toBeGreaterThan(5);
    });
  });

  describe.skipIf(!backend.available)('push', () => {
    const push = (token: string, ops: unknown[]) => chain.call('POST', '/v1/sync/push', token, { ops });

    it('applies a sale once; the same batch again answers duplicate with the first result', async () => {
      const ops = [saleOp('T1', 'S1'), saleOp('T1', 'S1')];
      const first = await push(chain.t1, ops);
      expect(first.status, first.body).toBe(200);
      const parsed = PushResponse.parse(first.json);
      expect(parsed.results.map((r) => r.status)).toEqual(['applied', 'applied']);
      const second = await push(chain.t1, ops);
      expect(second.json.results.map((r: { status: string }) => r.status)).toEqual(['duplicate', 'duplicate']);
      expect(second.json.results.map((r: { result: unknown }) => r.result)).toEqual(first.json.results.map((r: { result: unknown }) => r.result));
      const { rows } = await chain.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sales WHERE id = ANY($1)`, [ops.map((o) => o.payload.saleId)]);
      expect(rows[0]?.n).toBe(2);
    });

    it('attributes a store purchase to the online carts it came from and takes the bought SKUs out of them, once', async () => {
      const created = await chain.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone: '0733 555 111', country: 'RO', name: 'Doina Rusu' });
      const doina = created.json.customer.id as string;
      const line = (sku: string) => ({ sku, quantity: 1, priceSeenMinor: 1290, currency: 'RON', addedAt: '2026-11-10T08:00:00.000Z' });
      await chain.call('PUT', `/v1/customers/${doina}/carts/web`, chain.channel, { lines: [line('SKU-1'), line('SKU-2')] });
      await chain.call('PUT', `/v1/customers/${doina}/carts/app`, chain.channel, { lines: [line('SKU-1')] });
      const { cursor } = await pullAll(chain, chain.t1);

      const op = saleOp('T1', 'S1', { customerId: doina });
      const first = op.payload.lines[0]!;
      op.payload.lines = [
        { ...first, origin: 'cart:web' } as typeof first,
        { ...first, lineId: newId(), position: 2, sku: 'SKU-7', unitPriceMinor: 0, lineTotalMinor: 0, origin: 'favourite' } as typeof first,
      ];
      const applied = await push(chain.t1, [op]);
      expect(applied.json.results[0]).toMatchObject({ status: 'applied', result: { customerLinked: true } });

      const web = await chain.call('GET', `/v1/customers/${doina}/carts/web`, chain.channel);
      expect(web.json.lines.map((l: { sku: string }) => l.sku)).toEqual(['SKU-2']);
      // The app cart was not where she took it from: it keeps SKU-1.
      const app = await chain.call('GET', `/v1/customers/${doina}/carts/app`, chain.channel);
      expect(app.json.lines.map((l: { sku: string }) => l.sku)).toEqual(['SKU-1']);
      const { rows: touch } = await chain.db.query<{ channel: string; attributed_channels: string[] | null }>(
        `SELECT channel, attributed_channels FROM touchpoints WHERE sale_id = $1`,
        [op.payload.saleId],
      );
      expect(touch).toEqual([{ channel: 'store', attributed_channels: ['web'] }]);
      const { rows: origins } = await chain.db.query<{ sku: string; origin: string | null }>(`SELECT sku, origin FROM sale_lines WHERE sale_id = $1 ORDER BY position`, [op.payload.saleId]);
      expect(origins).toEqual([{ sku: 'SKU-1', origin: 'cart:web' }, { sku: 'SKU-7', origin: 'favourite' }]);
      // Tills learn the smaller cart through pull.
      const { changes } = await pullAll(chain, chain.t1, cursor);
      expect(changes.find((c) => c.entity === 'cart' && c.key === `${doina}/web`)?.data.lines.map((l: { sku: string }) => l.sku)).toEqual(['SKU-2']);

      // She puts it back in her web cart; the till's retry of the same op leaves it there.
      await chain.call('PUT', `/v1/customers/${doina}/carts/web`, chain.channel, { lines: [line('SKU-1'), line('SKU-2')] });
      expect((await push(chain.t1, [op])).json.results[0].status).toBe('duplicate');
      const after = await chain.call('GET', `/v1/customers/${doina}/carts/web`, chain.channel);
      expect(after.json.lines.map((l: { sku: string }) => l.sku)).toEqual(['SKU-1', 'SKU-2']);
    });

    it("takes a customer created at a till under the till's id, or merges her by phone and links the till's sales to her", async () => {
      const created = (tillId: string, phone: string, name: string, email: string | null = null) => ({
        opId: newId(),
        type: 'customer.created',
        payload: { customerId: newId(), phone, name, email, consents: ['sms'], tillId, cashier: 'Ana', createdAt: '2026-12-04T09:00:00.000Z' },
      });
      const fresh = created('T1', '+40733555333', 'Mihai Ursu', 'mihai@example.com');
      const first = await push(chain.t1, [fresh, fresh]);
      expect(first.json.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'duplicate']);
      expect(first.json.results[0].result).toEqual({ customerId: fresh.payload.customerId, created: true });
      const profile = await chain.call('GET', `/v1/customers/${fresh.payload.customerId}`, chain.channel);
      expect(profile.json.customer).toMatchObject({ name: 'Mihai Ursu', email: 'mihai@example.com', phones: ['+40733555333'] });
      expect(profile.json.customer.consents).toEqual([{ channel: 'sms', granted: true, changedAt: '2026-12-04T09:00:00.000Z' }]);

      // She already shops online: the till's id becomes hers, her name stays as she gave it.
      const online = await chain.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone: '+40733555444', name: 'Elena Munteanu' });
      const known = created('T1', '+40733555444', 'Elena M');
      const merged = await push(chain.t1, [known]);
      expect(merged.json.results[0].result).toEqual({ customerId: online.json.customer.id, created: false });
      expect((await chain.call('GET', `/v1/customers/${online.json.customer.id}`, chain.channel)).json.customer.name).toBe('Elena Munteanu');
      const sale = saleOp('T1', 'S1', { customerId: known.payload.customerId });
      expect((await push(chain.t1, [sale])).json.results[0].result).toMatchObject({ customerLinked: true });
      const { rows } = await chain.db.query<{ customer_id: string }>(`SELECT customer_id FROM sales WHERE id = $1`, [sale.payload.saleId]);
      expect(rows).toEqual([{ customer_id: online.json.customer.id }]);

      // Another till cannot speak for this one; a malformed phone is refused alone.
      expect((await push(chain.t1, [created('T2', '+40733555555', 'Ion')])).json.results[0]).toMatchObject({ status: 'rejected', reason: 'wrong_store' });
      expect((await push(chain.t1, [created('T1', '0733 555 666', 'Ion')])).json.results[0]).toMatchObject({ status: 'rejected', reason: 'invalid' });
    });

    it('keeps online carts after a store purchase when the chain says so', async () => {
      const created = await chain.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone: '0733 555 222', country: 'RO', name: 'Victor Ceban' });
      const victor = created.json.customer.id as string;
      await chain.call('PUT', `/v1/customers/${victor}/carts/web`, chain.channel, {
        lines: [{ sku: 'SKU-1', quantity: 1, priceSeenMinor: 1290, currency: 'RON', addedAt: '2026-11-10T08:00:00.000Z' }],
      });
      await chain.db.query(`UPDATE central_meta SET value = 'true' WHERE key = 'keep_carts_after_store_purchase'`);
      try {
        const op = saleOp('T1', 'S1', { customerId: victor });
        op.payload.lines = [{ ...op.payload.lines[0]!, origin: 'cart:web' } as (typeof op.payload.lines)[0]];
        expect((await push(chain.t1, [op])).json.results[0].status).toBe('applied');
        const web = await chain.call('GET', `/v1/customers/${victor}/carts/web`, chain.channel);
        expect(web.json.lines.map((l: { sku: string }) => l.sku)).toEqual(['SKU-1']);
      } finally {
        await chain.db.query(`UPDATE central_meta SET value = 'false' WHERE key = 'keep_carts_after_store_purchase'`);
      }
    });

    it('applies the same batch sent twice at once exactly once', async () => {
      const ops = Array.from({ length: 10 }, () => saleOp('T1', 'S1'));
      const [a, b] = await Promise.all([push(chain.t1, ops), push(chain.t1, ops)]);
      const statuses = [...a.json.results, ...b.json.results].map((r: { status: string }) => r.status);
      expect(statuses.filter((s) => s === 'applied')).toHaveLength(10);
      expect(statuses.filter((s) => s === 'duplicate')).toHaveLength(10);
      const { rows } = await chain.db.query<{ n: number; lines: number }>(
        `SELECT count(*)::int AS n, (SELECT count(*)::int FROM sale_lines WHERE sale_id = ANY($1)) AS lines FROM sales WHERE id = ANY($1)`,
        [ops.map((o) => o.payload.saleId)],
      );
      expect(rows[0]).toEqual({ n: 10, lines: 10 });
    });

    it('rejects a reused key with a different payload and keeps the first', async () => {
      const op = saleOp('T1', 'S1', { total: 500 });
      await push(chain.t1, [op]);
      const reused = { ...op, payload: { ...op.payload, totalMinor: 999 } };
      const r = await push(chain.t1, [reused]);
      expect(r.json.results[0]).toMatchObject({ opId: op.opId, status: 'rejected', reason: 'key_reused' });
      const { rows } = await chain.db.query<{ total: number }>(`SELECT total_minor::int AS total FROM sales WHERE id = $1`, [op.payload.saleId]);
      expect(rows).toEqual([{ total: 500 }]);
    });

    it('rejects a poisoned op alone, applies the rest, and answers its retry the same', async () => {
      const good1 = saleOp('T1', 'S1');
      const poisoned = { ...saleOp('T1', 'S1'), payload: { ...saleOp('T1', 'S1').payload, lines: [] } };
      const noKey = { type: 'sale.completed', payload: {} };
      const unknownType = { opId: newId(), type: 'sale.teleported', payload: {} };
      const otherStore = saleOp('T2', 'S2');
      const good2 = saleOp('T1', 'S1');
      const batch = [good1, poisoned, noKey, unknownType, otherStore, good2];
      const r = await push(chain.t1, batch);
      expect(r.json.results.map((x: { status: string; reason?: string }) => x.reason ?? x.status)).toEqual([
        'applied',
        'invalid',
        'invalid',
        'invalid',
        'wrong_store',
        'applied',
      ]);
      expect(r.json.results[2].opId).toBeNull();
      const retry = await push(chain.t1, batch);
      expect(retry.json.results.map((x: { status: string; reason?: string }) => x.reason ?? x.status)).toEqual([
        'duplicate',
        'invalid',
        'invalid',
        'invalid',
        'wrong_store',
        'duplicate',
      ]);
      expect(retry.json.results[1].detail).toBe(r.json.results[1].detail);
    });

    it('refuses alone a sale the database cannot hold (a repeated line, a line id of another sale, a number out of range)', async () => {
      const good1 = saleOp('T1', 'S1');
      const base = saleOp('T1', 'S1');
      const line = base.payload.lines[0]!;
      const repeatedPosition = { ...base, payload: { ...base.payload, lines: [line, { ...line, lineId: newId() }] } };
      const other = saleOp('T1', 'S1');
      // Only the database knows this line id is taken: the batch cannot commit whole, so each op is applied alone.
      const takenLineId = { ...other, payload: { ...other.payload, lines: [{ ...other.payload.lines[0]!, lineId: good1.payload.lines[0]!.lineId }] } };
      const huge = saleOp('T1', 'S1');
      const outOfRange = { ...huge, payload: { ...huge.payload, receiptNo: 2 ** 40 } };
      const good2 = saleOp('T1', 'S1');
      const batch = [good1, repeatedPosition, takenLineId, outOfRange, good2, good1];
      const reasons = (r: { json: { results: { status: string; reason?: string }[] } }) => r.json.results.map((x) => x.reason ?? x.status);
      const first = await push(chain.t1, batch);
      expect(first.status, first.body).toBe(200);
      expect(reasons(first)).toEqual(['applied', 'invalid', 'invalid', 'invalid', 'applied', 'duplicate']);
      expect(first.json.results[1].detail).toMatch(/repeats a line position/);
      // The database's own words stay in central's log: the till gets a stable detail with a reference.
      for (const r of first.json.results.slice(2, 4)) expect(r.detail).toMatch(/^the database refused the op \(reference [0-9A-Z]{26}\)$/);
      const retry = await push(chain.t1, batch);
      expect(reasons(retry)).toEqual(['duplicate', 'invalid', 'invalid', 'invalid', 'duplicate', 'duplicate']);
      expect(retry.json.results.slice(1, 4)).toEqual(first.json.results.slice(1, 4));
      const ids = batch.map((o) => o.payload.saleId);
      const { rows } = await chain.db.query<{ id: string }>(`SELECT id FROM sales WHERE id = ANY($1) ORDER BY id`, [ids]);
      expect(rows.map((r) => r.id)).toEqual([good1.payload.saleId, good2.payload.saleId].sort());
    });

    it('answers a 5,000-deep op as invalid without failing the rest of the batch', async () => {
      const deep = '{"d":'.repeat(5000) + '"x"' + '}'.repeat(5000);
      const bad = saleOp('T1', 'S1');
      const good = saleOp('T1', 'S1');
      const text = `{"ops":[${JSON.stringify(bad).replace(/}$/, `,"extra":${deep}}`)},${JSON.stringify(good)}]}`;
      const r = await chain.call('POST', '/v1/sync/push', chain.t1, new RawJson(text));
      expect(r.status, r.body).toBe(200);
      expect(r.json.results[0]).toMatchObject({ opId: bad.opId, status: 'rejected', reason: 'invalid', detail: expect.stringMatching(/nested deeper than 16/) });
      expect(r.json.results[1]).toMatchObject({ status: 'applied' });
      const { rows } = await chain.db.query<{ id: string }>(`SELECT id FROM sales WHERE id = ANY($1)`, [[bad.payload.saleId, good.payload.saleId]]);
      expect(rows.map((x) => x.id)).toEqual([good.payload.saleId]);
    });

    it('keeps the order of a batch mixing sales with other ops, the same op twice and a reused sale id', async () => {
      const customerId = newId();
      await chain.db.query(`INSERT INTO customers (id, name) VALUES ($1, 'Mixed batch')`, [customerId]);
      const s1 = saleOp('T1', 'S1', { customerId });
      const s2 = saleOp('T1', 'S1');
      const sameSale = { ...saleOp('T1', 'S1'), payload: { ...s2.payload } };
      const touch = {
        opId: newId(),
        type: 'touchpoint',
        payload: { touchpointId: newId(), channel: 'store', kind: 'visit', customerId, campaignId: null, saleId: null, occurredAt: '2026-11-20T09:59:00.000Z' },
      };
      const r = await push(chain.t1, [s1, touch, s1, s2, sameSale, { ...s1, payload: { ...s1.payload, totalMinor: 1 } }]);
      expect(r.json.results.map((x: { status: string; reason?: string }) => x.reason ?? x.status)).toEqual([
        'applied',
        'applied',
        'duplicate',
        'applied',
        'sale_already_recorded',
        'key_reused',
      ]);
      expect(r.json.results[0].result).toEqual({ saleId: s1.payload.saleId, customerLinked: true });
      expect(r.json.results[2].result).toEqual(r.json.results[0].result);
      const again = await push(chain.t1, [sameSale]);
      expect(again.json.results[0]).toEqual(r.json.results[4]);
    });

    it("refuses another till's sale even through its own store's key", async () => {
      const r = await push(chain.t2, [saleOp('T1', 'S1')]);
      expect(r.json.results[0].reason).toBe('wrong_store');
    });

    it('links a sale to its customer and records consent changes, newest first', async () => {
      const { rows } = await chain.db.query<{ customer_id: string }>(`SELECT customer_id FROM customer_phones WHERE phone_e164 = '+40722123456'`);
      const customerId = (rows[0] as { customer_id: string }).customer_id;
      const sale = saleOp('T1', 'S1', { customerId });
      const consent = (granted: boolean, changedAt: string) => ({
        opId: newId(),
        type: 'customer.consent_changed',
        payload: { customerId, channel: 'sms', granted, changedAt, tillId: 'T1', cashier: 'Ana' },
      });
      const r = await push(chain.t1, [sale, consent(false, '2026-11-21T10:00:00.000Z'), consent(true, '2026-11-03T10:00:00.000Z'), { ...consent(true, '2026-11-22T10:00:00.000Z'), payload: { ...consent(true, '2026-11-22T10:00:00.000Z').payload, customerId: 'nobody' } }]);
      expect(r.json.results.map((x: { status: string; reason?: string }) => x.reason ?? x.status)).toEqual(['applied', 'applied', 'applied', 'unknown_customer']);
      expect(r.json.results[0].result).toEqual({ saleId: sale.payload.saleId, customerLinked: true });
      expect(r.json.results[2].result).toEqual({ customerId, current: false });
      const profile = await chain.call('GET', `/v1/customers/${customerId}`, chain.channel);
      expect(profile.json.customer.consents).toContainEqual({ channel: 'sms', granted: false, changedAt: '2026-11-21T10:00:00.000Z' });
      const { rows: path } = await chain.db.query<{ kind: string }>(`SELECT kind FROM touchpoints WHERE customer_id = $1 ORDER BY occurred_at`, [customerId]);
      expect(path.map((p) => p.kind)).toEqual(['purchase', 'qr_scanned']);
    });
  });

  describe.skipIf(!backend.available)('promo campaigns and the redemption ledger', () => {
    let codes: string[];

    it('creates a campaign, issues unique codes and exports them as CSV and QR', async () => {
      const created = await chain.call('POST', '/v1/admin/campaigns', ADMIN_KEY, CAMPAIGN);
      expect(created.status, created.body).toBe(201);
      expect((await chain.call('POST', '/v1/admin/campaigns', ADMIN_KEY, CAMPAIGN)).status).toBe(409);
      const issued = await chain.call('POST', `/v1/admin/campaigns/${CAMPAIGN.id}/codes`, ADMIN_KEY, { count: 500, expiresAt: '2029-12-31T00:00:00.000Z' });
      expect(issued.json).toEqual({ issued: 500 });
      const csv = await chain.call('GET', `/v1/admin/campaigns/${CAMPAIGN.id}/codes.csv`, ADMIN_KEY);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const lines = csv.body.trim().split('\r\n');
      expect(lines[0]).toBe('code,printed,state,single_use,expires_at');
      codes = lines.slice(1).map((l) => l.split(',')[0] as string);
      expect(codes).toHaveLength(500);
      expect(new Set(codes).size).toBe(500);
      for (const c of codes) expect(c).toMatch(/^SPR[2-9A-HJKMNP-TV-Z]{10}$/);
      expect(lines[1]?.split(',')[1]).toMatch(/^SPR-[2-9A-Z]{5}-[2-9A-Z]{5}$/);
      const qr = await chain.app.inject({ method: 'GET', url: `/v1/admin/campaigns/${CAMPAIGN.id}/codes/${codes[0]}/qr.png?size=256`, headers: { authorization: `Bearer ${ADMIN_KEY}` } });
      expect(qr.headers['content-type']).toBe('image/png');
      expect(qr.rawPayload.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect((await chain.call('GET', `/v1/admin/campaigns/${CAMPAIGN.id}/codes/NOPE/qr.png`, ADMIN_KEY)).status).toBe(404);
      const pulled = (await pullAll(chain, chain.t1, undefined, 1000)).changes;
      expect(pulled.filter((c) => c.entity === 'promo_code')).toHaveLength(500);
      expect(pulled.find((c) => c.entity === 'campaign')?.data).toMatchObject({ id: CAMPAIGN.id, offlineAllowed: false });
    });

    it('accepts the first redemption of a single-use code and keeps a second as a conflict; the sale stands', async () => {
      const code = codes[0] as string;
      const first = await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [redeemOp(code.toLowerCase(), 'T1', 'S1')] });
      expect(first.json.results[0].result.outcome).toBe('accepted');
      const second = await chain.call('POST', '/v1/sync/push', chain.t2, { ops: [redeemOp(code, 'T2', 'S2')] });
      expect(second.json.results[0]).toMatchObject({ status: 'applied', result: { outcome: 'conflict', reason: 'already_redeemed' } });
      const offline = await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [redeemOp(codes[1] as string, 'T1', 'S1', true)] });
      expect(offline.json.results[0].result).toMatchObject({ outcome: 'conflict', reason: 'offline_not_allowed' });
      const unknown = await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [redeemOp('SPRAAAAAAAAAA', 'T1', 'S1')] });
      expect(unknown.json.results[0]).toMatchObject({ status: 'rejected', reason: 'unknown_code' });
      const conflicts = await chain.call('GET', '/v1/admin/redemption-conflicts?storeId=S2', ADMIN_KEY);
      expect(conflicts.json.conflicts).toEqual([expect.objectContaining({ code, tillId: 'T2', reason: 'already_redeemed' })]);
      const { rows } = await chain.db.query<{ state: string }>(`SELECT state FROM promo_codes WHERE code = $1`, [code]);
      expect(rows).toEqual([{ state: 'redeemed' }]);
    });

    it('refuses a redemption in another currency than its campaign’s amount or its store’s', async () => {
      await campaign(chain, { ...CAMPAIGN, id: 'lei-off', codeKind: 'shared', codePrefix: '', discountKind: 'amount', discountValue: 1000, currency: 'RON' });
      await sharedCode(chain, 'lei-off', 'LEIOFF');
      // 10 lei off taken in a Moldovan store: the till would give 10 MDL, the campaign promised lei.
      const moldova = await chain.call('POST', '/v1/sync/push', chain.t2, { ops: [redeemOp('LEIOFF', 'T2', 'S2')] });
      expect(moldova.json.results[0]).toMatchObject({ status: 'rejected', reason: 'currency_mismatch' });
      expect(moldova.json.results[0].detail).toContain('RON');
      // A Moldovan till claiming its redemption is in lei: its store sells in MDL.
      const claimed = await chain.call('POST', '/v1/sync/push', chain.t2, { ops: [redeemOp('LEIOFF', 'T2', 'S2', false, 'RON')] });
      expect(claimed.json.results[0]).toMatchObject({ status: 'rejected', reason: 'currency_mismatch' });
      const { rows } = await chain.db.query(`SELECT 1 FROM redemptions WHERE code = 'LEIOFF'`);
      expect(rows).toHaveLength(0);
      // In its own currency it is taken.
      const romania = await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [redeemOp('LEIOFF', 'T1', 'S1')] });
      expect(romania.json.results[0]).toMatchObject({ status: 'applied', result: { outcome: 'accepted' } });
    });

    it('lets a shared offline code be redeemed up to the cap per till', async () => {
      await campaign(chain, {
        ...CAMPAIGN,
        id: 'stream-qr',
        channel: 'stream',
        codeKind: 'shared',
        codePrefix: '',
        offlineAllowed: true,
        offlineCapPerTill: 2,
      });
      expect((await chain.call('POST', '/v1/admin/campaigns/stream-qr/codes', ADMIN_KEY, { count: 3 })).status).toBe(400);
      expect((await chain.call('POST', '/v1/admin/campaigns/stream-qr/codes', ADMIN_KEY, { code: 'stream-25' })).status).toBe(201);
      const ops = [1, 2, 3].map(() => redeemOp('STREAM25', 'T1', 'S1', true));
      const r = await chain.call('POST', '/v1/sync/push', chain.t1, { ops });
      expect(r.json.results.map((x: { result: { outcome: string; reason?: string } }) => x.result.reason ?? x.result.outcome)).toEqual([
        'accepted',
        'accepted',
        'offline_cap_exceeded',
      ]);
    });
  });
});
