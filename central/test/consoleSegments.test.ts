import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullPage } from '../../core/sync/pull.js';
import { allBackends } from './support/backends.js';
import { setUpChain, type TestChain } from './support/chain.js';
import { consoleAccounts, consoleCall, type Session } from './support/console.js';

/**
 * Segments on the console: rules over profile and behaviour, membership computed in the
 * database, written to customers.segments and the change log, so a till's pull carries it.
 */
const NO_PURCHASE_30 = { id: 'no-purchase-30d', name: 'No purchase in 30 days', rules: { all: [{ kind: 'no_purchase_days', days: 30 }] } };

async function seed(chain: TestChain): Promise<void> {
  await chain.db.exec(`
    INSERT INTO customers (id, name) VALUES ('ana', 'Ana'), ('bob', 'Bob'), ('cid', 'Cid'), ('dan', 'Dan'), ('eva', 'Eva'), ('fay', 'Fay');
    INSERT INTO products (sku, name_en, name_ru, name_ro, vat_category, category, sold_by) VALUES
      ('SHOE-1', 'Shoe', 'Туфля', 'Pantof', 'standard', 'footwear', 'unit'), ('MILK-1', 'Milk', 'Молоко', 'Lapte', 'reduced', 'dairy', 'unit');
    -- Ana bought shoes 40 days ago; Bob bought milk yesterday; Cid never bought; Dan ordered online 5 days ago; Eva bought 10 days ago for 500.00.
    INSERT INTO sales (id, till_id, store_id, customer_id, cashier, receipt_no, country, currency, opened_at, completed_at, total_minor, vat) VALUES
      ('s-ana', 'T1', 'S1', 'ana', 'x', 1, 'RO', 'RON', now() - interval '40 days', now() - interval '40 days', 30000, '[]'),
      ('s-bob', 'T1', 'S1', 'bob', 'x', 2, 'RO', 'RON', now() - interval '1 day', now() - interval '1 day', 1000, '[]'),
      ('s-eva', 'T1', 'S1', 'eva', 'x', 3, 'RO', 'RON', now() - interval '10 days', now() - interval '10 days', 50000, '[]');
    INSERT INTO sale_lines (id, sale_id, position, sku, name, qty_kind, quantity, unit_price_minor, line_total_minor, vat_basis_points) VALUES
      ('l-ana', 's-ana', 1, 'SHOE-1', 'Shoe', 'unit', 1, 30000, 30000, 2100), ('l-bob', 's-bob', 1, 'MILK-1', 'Milk', 'unit', 1, 1000, 1000, 1100),
      ('l-eva', 's-eva', 1, 'SHOE-1', 'Shoe', 'unit', 1, 50000, 50000, 2100);
    INSERT INTO touchpoints (id, channel, kind, customer_id, occurred_at) VALUES
      ('t-dan1', 'web', 'visit', 'dan', now() - interval '60 days'), ('t-dan2', 'web', 'order', 'dan', now() - interval '5 days'),
      ('t-cid1', 'stream', 'qr_scanned', 'cid', now() - interval '20 days'), ('t-cid2', 'web', 'visit', 'cid', now() - interval '2 days');
    INSERT INTO cart_lines (customer_id, channel, sku, quantity, price_seen_minor, currency, added_at) VALUES
      ('cid', 'web', 'SHOE-1', 1, 30000, 'RON', now() - interval '30 hours'), ('ana', 'app', 'MILK-1', 1, 1000, 'RON', now() - interval '2 hours');
    -- Fay only ever ordered on the web shop: shoes for 450.00, 3 days ago. Eva also ordered milk in the app for 250.00.
    INSERT INTO online_orders (id, client_id, order_ref, customer_id, channel, currency, total_minor, placed_at, lines) VALUES
      ('o-fay', 'web-shop', 'W-1', 'fay', 'web', 'RON', 45000, now() - interval '3 days', '[{"sku": "SHOE-1", "quantity": 1, "priceMinor": 45000}]'),
      ('o-eva', 'app', 'A-1', 'eva', 'app', 'RON', 25000, now() - interval '12 days', '[{"sku": "MILK-1", "quantity": 1, "priceMinor": 25000}]');
    INSERT INTO customer_consents (customer_id, channel, granted, changed_at, source) VALUES
      ('ana', 'email', true, now(), 'web'), ('cid', 'email', false, now(), 'web'), ('cid', 'sms', true, now(), 'web');`);
}

describe.each(allBackends())('console segments on $name', (backend) => {
  let chain: TestChain;
  let sessions: Record<'it_admin' | 'marketer' | 'store_manager', Session>;
  const members = async (id: string) =>
    (await chain.db.query<{ customer_id: string }>(`SELECT customer_id FROM segment_members WHERE segment_id = $1 ORDER BY customer_id`, [id])).rows.map((r) => r.customer_id);
  const tagged = async (id: string) =>
    (await chain.db.query<{ id: string }>(`SELECT id FROM customers WHERE $1 = ANY (segments) ORDER BY id`, [id])).rows.map((r) => r.id);
  const create = (body: unknown, session = sessions.marketer) => consoleCall(chain, 'POST', '/console/api/segments', session, body);

  beforeAll(async () => {
    if (!backend.available) return;
    await backend.setUp();
    chain = await setUpChain(await backend.freshDb());
    sessions = await consoleAccounts(chain);
    await seed(chain);
  });
  afterAll(async () => {
    if (!backend.available) return;
    await chain?.app.close();
    await backend.tearDown();
  });

  describe.skipIf(!backend.available)('segments', () => {
    it('builds the 30-day segment: never bought and bought long ago are in, a store or online purchase since keeps her out; the tills pull it', async () => {
      const pulledBefore = PullPage.parse((await chain.call('GET', '/v1/sync/pull?limit=1000', chain.t1)).json).cursor;
      const r = await create(NO_PURCHASE_30);
      expect(r.status, r.body).toBe(201);
      expect(r.json).toMatchObject({ id: NO_PURCHASE_30.id, name: NO_PURCHASE_30.name, size: 2, rules: NO_PURCHASE_30.rules });
      expect(r.json.refreshedAt).not.toBeNull();
      expect(await members(NO_PURCHASE_30.id)).toEqual(['ana', 'cid']);
      expect(await tagged(NO_PURCHASE_30.id)).toEqual(['ana', 'cid']);
      const page = PullPage.parse((await chain.call('GET', `/v1/sync/pull?limit=1000&cursor=${pulledBefore}`, chain.t1)).json);
      const customers = page.changes.filter((c) => c.entity === 'customer');
      expect(customers.map((c) => c.key).sort()).toEqual(['ana', 'cid']);
      expect(customers.every((c) => c.op === 'upsert' && (c.data as { segments: string[] }).segments.includes(NO_PURCHASE_30.id))).toBe(true);
      const shown = await consoleCall(chain, 'GET', `/console/api/segments/${NO_PURCHASE_30.id}`, sessions.marketer);
      expect(shown.json.sample).toEqual([
        { id: 'ana', name: 'Ana' },
        { id: 'cid', name: 'Cid' },
      ]);
      const { rows } = await chain.db.query(`SELECT action, detail FROM console_audit WHERE action = 'segment.create'`);
      expect(rows).toEqual([{ action: 'segment.create', detail: { segmentId: NO_PURCHASE_30.id, size: 2 } }]);
    });

    it('refreshes on a purchase: she leaves, her tag goes and the tills learn it; a refresh with nothing new writes nothing', async () => {
      const cursor = PullPage.parse((await chain.call('GET', '/v1/sync/pull?limit=1000', chain.t1)).json).cursor;
      await chain.db.exec(`INSERT INTO sales (id, till_id, store_id, customer_id, cashier, receipt_no, country, currency, opened_at, completed_at, total_minor, vat)
                           VALUES ('s-cid', 'T2', 'S2', 'cid', 'x', 9, 'MD', 'MDL', now(), now(), 100, '[]')`);
      const r = await consoleCall(chain, 'POST', `/console/api/segments/${NO_PURCHASE_30.id}/refresh`, sessions.marketer);
      expect(r.json).toEqual({ size: 1, added: 0, removed: 1 });
      expect(await tagged(NO_PURCHASE_30.id)).toEqual(['ana']);
      const page = PullPage.parse((await chain.call('GET', `/v1/sync/pull?limit=1000&cursor=${cursor}`, chain.t1)).json);
      expect(page.changes.map((c) => [c.key, (c.data as { segments: string[] }).segments])).toEqual([['cid', []]]);
      expect((await consoleCall(chain, 'POST', `/console/api/segments/${NO_PURCHASE_30.id}/refresh`, sessions.marketer)).json).toEqual({ size: 1, added: 0, removed: 0 });
      expect(PullPage.parse((await chain.call('GET', `/v1/sync/pull?limit=1000&cursor=${page.cursor}`, chain.t1)).json).changes).toEqual([]);
    });

    it.each([
      ['bought in a category (in store or online)', [{ kind: 'bought_category', category: 'footwear' }], ['ana', 'eva', 'fay']],
      ['an open cart older than 24 hours', [{ kind: 'open_cart_hours', hours: 24 }], ['cid']],
      ['first came from a stream', [{ kind: 'first_channel', channel: 'stream' }], ['cid']],
      ['spent at least 400 RON (in store or online)', [{ kind: 'total_spend', atLeastMinor: 40000, currency: 'RON' }], ['eva', 'fay']],
      ['spent at least 700 RON, store and online added up', [{ kind: 'total_spend', atLeastMinor: 70000, currency: 'RON' }], ['eva']],
      ['agreed to e-mail', [{ kind: 'consent', channel: 'email' }], ['ana']],
      ['footwear and no purchase in 30 days', [{ kind: 'bought_category', category: 'footwear' }, { kind: 'no_purchase_days', days: 30 }], ['ana']],
    ])('selects by %s', async (_name, all, expected) => {
      const id = `rule-${Math.random().toString(36).slice(2, 10)}`;
      const r = await create({ id, name: id, rules: { all } });
      expect(r.status, r.body).toBe(201);
      expect(await members(id)).toEqual(expected);
    });

    it('edits the rules: members are computed again, leavers lose the tag', async () => {
      const id = 'edit-me';
      expect((await create({ id, name: 'Email', rules: { all: [{ kind: 'consent', channel: 'email' }] } })).json.size).toBe(1);
      const r = await consoleCall(chain, 'PUT', `/console/api/segments/${id}`, sessions.it_admin, { name: 'SMS', rules: { all: [{ kind: 'consent', channel: 'sms' }] } });
      expect(r.status, r.body).toBe(200);
      expect(r.json).toMatchObject({ name: 'SMS', size: 1 });
      expect(await tagged(id)).toEqual(['cid']);
      expect((await consoleCall(chain, 'PUT', '/console/api/segments/nope', sessions.it_admin, { name: 'x', rules: { all: [{ kind: 'consent', channel: 'sms' }] } })).status).toBe(404);
    });

    it.each([
      ['no conditions', { id: 'bad-a', name: 'x', rules: { all: [] } }],
      ['an unknown condition', { id: 'bad-b', name: 'x', rules: { all: [{ kind: 'astrology', sign: 'leo' }] } }],
      ['zero days', { id: 'bad-c', name: 'x', rules: { all: [{ kind: 'no_purchase_days', days: 0 }] } }],
      ['a NUL in a category', { id: 'bad-d', name: 'x', rules: { all: [{ kind: 'bought_category', category: 'a\u0000b' }] } }],
      ['an id with capitals', { id: 'Bad', name: 'x', rules: { all: [{ kind: 'consent', channel: 'sms' }] } }],
      ['an empty name', { id: 'bad-e', name: '  ', rules: { all: [{ kind: 'consent', channel: 'sms' }] } }],
      ['an unknown currency', { id: 'bad-f', name: 'x', rules: { all: [{ kind: 'total_spend', atLeastMinor: 1, currency: 'XXX' }] } }],
    ])('refuses %s, and nothing is created', async (_name, body) => {
      const r = await create(body);
      expect(r.status).toBe(400);
      expect(r.json.error.code).toBe('INPUT_INVALID');
      expect(r.json.error.details.length).toBeGreaterThan(0);
      expect((await chain.db.query(`SELECT 1 FROM segments WHERE id = $1`, [(body as { id: string }).id])).rowCount).toBe(0);
    });

    it('refuses a second segment with the same id and keeps the first', async () => {
      const r = await create({ ...NO_PURCHASE_30, name: 'Other', rules: { all: [{ kind: 'consent', channel: 'sms' }] } });
      expect(r.status).toBe(409);
      expect((await consoleCall(chain, 'GET', `/console/api/segments/${NO_PURCHASE_30.id}`, sessions.marketer)).json).toMatchObject({ name: NO_PURCHASE_30.name, size: 1 });
    });

    it('is not a store manager’s', async () => {
      expect((await consoleCall(chain, 'GET', '/console/api/segments', sessions.store_manager)).status).toBe(403);
      expect((await create({ id: 'sm', name: 'x', rules: { all: [{ kind: 'consent', channel: 'sms' }] } }, sessions.store_manager)).status).toBe(403);
    });
  });
});
