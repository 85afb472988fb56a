import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allBackends } from './support/backends.js';
import type { Db } from '../src/db.js';
import { buildApp } from '../src/app.js';
import { seedDemo, type SeedProgress } from '../src/demo.js';
import { DEMO_STORES } from '../../core/demo/stores.js';

const root = join(import.meta.dirname, '..', '..');
const SIZE = { products: 400, customers: 3_000, emailCodes: 50, historySales: 60 };
/** Any day: the demo's campaigns must be running on the day it is seeded, whichever it is. */
const NOW = new Date('2031-05-05T12:00:00.000Z');

/** The document each entity's change must carry: what recordChanges() builds with the doc functions. */
const DOCUMENT = {
  customer: 'customer_doc(key)',
  product: 'product_doc(key)',
  cart: `cart_doc(split_part(key, '/', 1), substr(key, strpos(key, '/') + 1))`,
  favourite: `(SELECT jsonb_build_object('customerId', f.customer_id, 'sku', f.sku, 'channel', f.channel, 'addedAt', iso(f.added_at))
               FROM favourites f WHERE f.customer_id = split_part(key, '/', 1) AND f.sku = substr(key, strpos(key, '/') + 1))`,
  price: `(SELECT jsonb_build_object('sku', p.sku, 'storeId', p.store_id, 'priceMinor', p.price_minor)
           FROM store_prices p WHERE p.store_id = scope AND p.sku = key)`,
  campaign: 'campaign_doc(key)',
  promo_code: 'promo_code_doc(key)',
} as const;

async function count(db: Db, sql: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT (${sql})::int AS n`);
  return rows[0]?.n ?? -1;
}

describe.each(allBackends())('demo chain seed on $name', (backend) => {
  let db: Db;
  const progress: SeedProgress[] = [];
  let walBytes = 0;

  beforeAll(async () => {
    if (!backend.available) return;
    await backend.setUp();
    db = await backend.freshDb();
    const { rows } = await db.query<{ lsn: string }>(`SELECT pg_current_wal_insert_lsn()::text AS lsn`);
    expect(await seedDemo(db, SIZE, (p) => progress.push(p), NOW)).toBe(true);
    walBytes = await count(db, `SELECT pg_current_wal_insert_lsn() - '${rows[0]?.lsn}'::pg_lsn`);
  }, 120_000);
  afterAll(async () => {
    if (backend.available) await backend.tearDown();
  });

  it.skipIf(!backend.available)('writes every table and one change per row, each change carrying the document the doc functions build', async () => {
    expect(await count(db, 'SELECT count(*) FROM stores')).toBe(DEMO_STORES.length);
    expect(await count(db, 'SELECT count(*) FROM products')).toBe(SIZE.products);
    expect(await count(db, 'SELECT count(*) FROM customers')).toBe(SIZE.customers);
    expect(await count(db, 'SELECT count(*) FROM store_prices')).toBe(SIZE.products * DEMO_STORES.length);
    expect(await count(db, 'SELECT count(*) FROM cart_lines')).toBeGreaterThan(0);
    expect(await count(db, 'SELECT count(*) FROM favourites')).toBeGreaterThan(0);
    // Her web shop showed prices of her own country's store: Doina's cart in Chișinău is in lei of Moldova, at its shelf price.
    const { rows: carts } = await db.query<{ currency: string; shelf: boolean }>(
      `SELECT DISTINCT l.currency, l.price_seen_minor = sp.price_minor AS shelf
       FROM cart_lines l JOIN customer_phones p ON p.customer_id = l.customer_id
       JOIN store_prices sp ON sp.sku = l.sku AND sp.store_id = 'MD-CHI-01'
       WHERE p.phone_e164 LIKE '+373%'`,
    );
    expect(carts).toEqual([{ currency: 'MDL', shelf: true }]);
    const expected = {
      customer: 'SELECT count(*) FROM customers',
      product: 'SELECT count(*) FROM products',
      price: 'SELECT count(*) FROM store_prices',
      cart: 'SELECT count(*) FROM (SELECT DISTINCT customer_id, channel FROM cart_lines) c',
      favourite: 'SELECT count(*) FROM favourites',
      campaign: 'SELECT count(*) FROM campaigns',
      promo_code: 'SELECT count(*) FROM promo_codes',
    };
    for (const [entity, sql] of Object.entries(expected)) {
      expect(await count(db, `SELECT count(*) FROM changes WHERE entity = '${entity}'`), entity).toBe(await count(db, sql));
    }
    // A till applies a customer's change before her cart's and favourites' (one chunk of customers here).
    const { rows: order } = await db.query<{ entity: string }>(
      `SELECT entity FROM changes WHERE entity IN ('customer', 'cart', 'favourite') GROUP BY entity ORDER BY min(seq)`,
    );
    expect(order.map((r) => r.entity)).toEqual(['customer', 'cart', 'favourite']);
    expect(await count(db, `SELECT count(*) FROM changes c WHERE c.entity = 'customer' AND c.seq > (SELECT min(seq) FROM changes WHERE entity = 'cart')`)).toBe(0);
    for (const [entity, doc] of Object.entries(DOCUMENT)) {
      const differing = await count(db, `SELECT count(*) FROM changes WHERE entity = '${entity}' AND (op <> 'upsert' OR data IS DISTINCT FROM ${doc})`);
      expect(differing, `${entity} changes that differ from the document`).toBe(0);
    }
  });

  it.skipIf(!backend.available)('leaves no row pointing at nothing (the bulk load may run without its foreign-key triggers)', async () => {
    const orphans = [
      'SELECT count(*) FROM tills t WHERE NOT EXISTS (SELECT 1 FROM stores s WHERE s.id = t.store_id)',
      'SELECT count(*) FROM customer_phones p WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = p.customer_id)',
      'SELECT count(*) FROM cart_lines l WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = l.customer_id)',
      'SELECT count(*) FROM cart_lines l WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.sku = l.sku)',
      'SELECT count(*) FROM favourites f WHERE NOT EXISTS (SELECT 1 FROM customers c WHERE c.id = f.customer_id)',
      'SELECT count(*) FROM favourites f WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.sku = f.sku)',
      'SELECT count(*) FROM product_barcodes b WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.sku = b.sku)',
      'SELECT count(*) FROM store_prices sp WHERE NOT EXISTS (SELECT 1 FROM products p WHERE p.sku = sp.sku) OR NOT EXISTS (SELECT 1 FROM stores s WHERE s.id = sp.store_id)',
      'SELECT count(*) FROM promo_codes k WHERE NOT EXISTS (SELECT 1 FROM campaigns c WHERE c.id = k.campaign_id)',
    ];
    for (const sql of orphans) expect(await count(db, sql), sql).toBe(0);
    // The triggers were off for the seed's transaction only: a dangling row is refused again.
    await expect(db.query(`INSERT INTO customer_phones (phone_e164, customer_id) VALUES ('+37369000001', 'no-such-customer')`)).rejects.toThrow(/foreign key/);
  });

  it.skipIf(!backend.available)('runs its campaigns on the day it is seeded, an amount off in each store currency, the named customers’ codes among them', async () => {
    const { rows: campaigns } = await db.query<{ id: string; starts_at: Date; ends_at: Date; discount_kind: string; currency: string | null }>(
      `SELECT id, starts_at, ends_at, discount_kind, currency FROM campaigns ORDER BY id`,
    );
    expect(campaigns.length).toBeGreaterThanOrEqual(4);
    for (const c of campaigns) {
      expect(c.starts_at.getTime(), c.id).toBeLessThan(NOW.getTime());
      expect(c.ends_at.getTime(), c.id).toBeGreaterThan(NOW.getTime());
    }
    expect(await count(db, `SELECT count(*) FROM promo_codes WHERE expires_at <= '${NOW.toISOString()}'`)).toBe(0);
    const storeCurrencies = [...new Set(DEMO_STORES.map((s) => s.currency))].sort();
    const amountCurrencies = campaigns.filter((c) => c.discount_kind === 'amount').map((c) => c.currency);
    expect([...new Set(amountCurrencies)].sort()).toEqual(storeCurrencies);
    const codes = await db.query<{ code: string; campaign_id: string; expires_at: Date | null; customer_id: string | null }>(
      `SELECT code, campaign_id, expires_at, customer_id FROM promo_codes WHERE code IN ('HELLO3C2WEW5MXH', 'STREAMMDL', 'CARTH3Q62MNWJQ') ORDER BY code`,
    );
    // Kostya's and Doina's codes are theirs: they apply at the till as soon as they are attached.
    expect(codes.rows.map((r) => [r.code, r.campaign_id, r.customer_id])).toEqual([
      ['CARTH3Q62MNWJQ', 'cart-reminder', 'C-00000004'],
      ['HELLO3C2WEW5MXH', 'welcome-email', 'C-00000002'],
      ['STREAMMDL', 'stream-qr-mdl', null],
    ]);
    // Victor's offer is his segment's: automatic, no code.
    const { rows: winBack } = await db.query<{ rules: object }>(`SELECT rules FROM campaigns WHERE id = 'win-back-30d'`);
    expect(winBack).toEqual([{ rules: { automatic: true, segments: ['no-purchase-30d'] } }]);
    expect((await db.query(`SELECT value FROM central_meta WHERE key = 'cart_reminder'`)).rows).toHaveLength(1);
    // Kostya's welcome code lasts three days from today.
    expect(codes.rows.find((r) => r.code === 'HELLO3C2WEW5MXH')?.expires_at?.getTime()).toBe(NOW.getTime() + 3 * 86_400_000);
    // The stream has a total budget central counts: 500 discounts of 50 MDL.
    const { rows: stream } = await db.query<{ currency: string; budget: number }>(`SELECT currency, (rules->>'budgetMinor')::int AS budget FROM campaigns WHERE id = 'stream-qr-mdl'`);
    expect(stream).toEqual([{ currency: 'MDL', budget: 2_500_000 }]);
  });

  it.skipIf(!backend.available)('gives the named customers their stories and every product a category', async () => {
    const named = await db.query<{ id: string; name: string; phone: string; segments: string[] }>(
      `SELECT c.id, c.name, p.phone_e164 AS phone, c.segments FROM customers c JOIN customer_phones p ON p.customer_id = c.id
       WHERE c.id <= 'C-00000005' ORDER BY c.id`,
    );
    expect(named.rows.map((r) => [r.name, r.phone])).toEqual([
      ['Ulyana Morari', '+37362123456'],
      ['Kostya Lungu', '+37362234567'],
      ['Timur Sârbu', '+37362345678'],
      ['Doina Rusu', '+37362456789'],
      ['Victor Ceban', '+37362567890'],
    ]);
    expect(named.rows.find((r) => r.name === 'Victor Ceban')?.segments).toEqual(['no-purchase-30d']);
    // Ulyana: sneakers in her favourites and in her app cart; Doina: a web cart left 30 hours ago.
    expect(await count(db, `SELECT count(*) FROM favourites f JOIN products p USING (sku) WHERE f.customer_id = 'C-00000001' AND p.category = 'footwear'`)).toBe(2);
    expect(await count(db, `SELECT count(*) FROM cart_lines l JOIN products p USING (sku) WHERE l.customer_id = 'C-00000001' AND l.channel = 'app' AND p.category = 'footwear'`)).toBe(1);
    const { rows: cart } = await db.query<{ added_at: Date }>(`SELECT added_at FROM cart_lines WHERE customer_id = 'C-00000004' AND channel = 'web' ORDER BY added_at`);
    expect(cart.length).toBeGreaterThan(0);
    expect(NOW.getTime() - (cart[0] as { added_at: Date }).added_at.getTime()).toBeGreaterThan(24 * 3_600_000);
    expect(await count(db, `SELECT count(*) FROM products WHERE category = ''`)).toBe(0);
  });

  it.skipIf(!backend.available)('reports its progress, rising to every row', () => {
    expect(progress.length).toBeGreaterThan(2);
    expect(progress[0]).toMatchObject({ step: 'catalogue', done: 0 });
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ step: 'campaigns', done: SIZE.products + SIZE.customers, total: SIZE.products + SIZE.customers });
  });

  it.skipIf(!backend.available)('seeds a month of history whose analytics rollups are built (what a rebuild gives)', async () => {
    expect(await count(db, `SELECT count(*) FROM sales`)).toBe(SIZE.historySales);
    expect(await count(db, `SELECT count(*) FROM sales WHERE completed_at > '${NOW.toISOString()}' OR completed_at < '${new Date(NOW.getTime() - 30 * 86_400_000).toISOString()}'`)).toBe(0);
    expect(await count(db, `SELECT count(*) FROM touchpoints WHERE channel <> 'store'`)).toBeGreaterThan(SIZE.customers / 5);
    const rollups = async () =>
      (
        await db.query(
          `SELECT (SELECT sum(sales) FROM analytics_sales WHERE channel = '*')::int AS sales, (SELECT sum(orders) FROM analytics_orders)::int AS orders,
                  (SELECT count(*) FROM analytics_paths)::int AS paths, (SELECT sum(touches) FROM analytics_touches)::int AS touches`,
        )
      ).rows[0];
    const seeded = await rollups();
    expect(seeded).toEqual({ sales: SIZE.historySales, orders: SIZE.historySales / 5, paths: expect.any(Number), touches: await count(db, `SELECT count(*) FROM touchpoints`) });
    expect(seeded!.paths).toBeGreaterThan(0);
    await db.query(`SELECT analytics_rebuild()`);
    expect(await rollups()).toEqual(seeded);
  });

  it.skipIf(backend.name !== 'pglite')('loads its tables on PGlite without WAL-logging the rows: far less WAL than the data it writes', async () => {
    const bytes = await count(db, `SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c WHERE c.relname IN ('customers', 'customer_phones', 'changes', 'products', 'store_prices')`);
    expect(walBytes).toBeLessThan(bytes / 4);
  });

  it.skipIf(!backend.available)('truncates nothing that holds data: rows already in a table it loads are kept', async () => {
    const other = await backend.freshDb();
    await other.query(`INSERT INTO changes (entity, key, op, data) VALUES ('campaign', 'from-before-the-seed', 'delete', NULL)`);
    expect(await seedDemo(other, { products: 20, customers: 30, emailCodes: 5, historySales: 0 }, undefined, NOW)).toBe(true);
    expect(await count(other, `SELECT count(*) FROM changes WHERE key = 'from-before-the-seed'`)).toBe(1);
    expect(await count(other, 'SELECT count(*) FROM customers')).toBe(30);
  });

  it.skipIf(!backend.available)('never touches a database that already holds data', async () => {
    expect(await seedDemo(db, SIZE)).toBe(false);
    const other = await backend.freshDb();
    await other.query(`INSERT INTO customers (id, name) VALUES ('web-1', 'From the web shop')`);
    expect(await seedDemo(other, SIZE)).toBe(false);
    expect(await count(other, 'SELECT count(*) FROM stores')).toBe(0);
    expect(await count(other, 'SELECT count(*) FROM customers')).toBe(1);
  });
});

describe('central while the demo chain is seeded', () => {
  it('answers /healthz from memory with the progress (503) and every other route 503 SEEDING, without touching the database', async () => {
    const untouchable = new Proxy({ kind: 'pglite' }, { get: (t, p) => (p === 'kind' ? t.kind : () => { throw new Error('database touched'); }) }) as Db;
    const app = await buildApp({ db: untouchable, adminKey: 'a'.repeat(32), logger: false, readiness: () => ({ status: 'seeding', step: 'customers', percent: 42 }) });
    try {
      const health = await app.inject({ method: 'GET', url: '/healthz' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toEqual({ status: 'seeding', step: 'customers', percent: 42, database: 'pglite' });
      const admin = await app.inject({ method: 'GET', url: '/v1/admin/stores', headers: { authorization: `Bearer ${'a'.repeat(32)}` } });
      expect(admin.statusCode).toBe(503);
      expect(admin.json().error.code).toBe('SEEDING');
      const pull = await app.inject({ method: 'GET', url: '/v1/sync/pull?limit=10', headers: { authorization: `Bearer ${'t'.repeat(40)}` } });
      expect(pull.json().error.code).toBe('SEEDING');
      expect((await app.inject({ method: 'GET', url: '/openapi.json' })).statusCode).toBe(200);
      expect((await app.inject({ method: 'GET', url: '/console/api/session' })).json().error.code).toBe('SEEDING');
    } finally {
      await app.close();
    }
  });

  it('`central --demo` listens before it seeds, prints how to reach its admin side, and the printed key works once ready', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'central', 'src', 'main.ts'), '--demo', '--demo-products', '300', '--demo-customers', '2000'], {
      cwd: root,
      env: { ...process.env, PORT: '0', DATABASE_URL: '', ADMIN_API_KEY: '', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      for (let i = 0; i < 1200 && !/ready at/.test(err) && child.exitCode === null; i++) await new Promise((r) => setTimeout(r, 100));
      const listening = err.indexOf('is listening at');
      const seeded = err.indexOf('seeded in');
      expect(listening, err).toBeGreaterThanOrEqual(0);
      expect(seeded, err).toBeGreaterThan(listening);
      const url = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(err)?.[1] as string;
      const key = /Authorization: Bearer (\S+)/.exec(err)?.[1] as string;
      expect(err).toContain(`${url}/openapi.json`);
      expect(err).toMatch(/Demo console: http:\/\/127\.0\.0\.1:\d+\/console\/ +sign in as/);
      expect(await fetch(`${url}/healthz`).then((r) => r.json())).toEqual({ status: 'ok', database: 'pglite' });
      const stores = await fetch(`${url}/v1/admin/stores`, { headers: { authorization: `Bearer ${key}` } });
      expect(stores.status).toBe(200);
      expect(((await stores.json()) as { stores: unknown[] }).stores).toHaveLength(DEMO_STORES.length);
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }, 150_000);

  it('refuses a demo size that is not a whole number, before it listens', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'central', 'src', 'main.ts'), '--demo', '--demo-customers', 'lots'], {
      cwd: root,
      env: { ...process.env, PORT: '0', DATABASE_URL: '', ADMIN_API_KEY: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(out).toContain('--demo-customers must be a whole number');
    expect(out).not.toContain('listening');
  }, 60_000);
});
