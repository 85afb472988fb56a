import { demoCustomers, demoOnlineActivity, demoProducts, NAMED_CUSTOMERS, priceIn, prng } from '../../core/demo/generator.js';
import { DEMO_STORES } from '../../core/demo/stores.js';
import { PROMO_CODE_ALPHABET, PROMO_CODE_RANDOM_CHARS, promoCodeCheckCharacter } from '../../core/scan/promoCode.js';
import { recordChanges } from './changes.js';
import type { Db, Queryable } from './db.js';
import { createCampaign } from './campaigns.js';
import { DEMO_STAFF } from '../../core/demo/staff.js';
import { CART_REMINDER_CAMPAIGN, demoCampaigns } from '../../core/demo/campaigns.js';
import { setCartReminderPolicy } from './promo/cartReminders.js';
import { hashPin } from './staff/pin.js';
import { cardHash } from './staff/routes.js';
import { historySql } from './analytics/history.js';

export interface DemoSize {
  readonly products: number;
  readonly customers: number;
  readonly emailCodes: number;
  /** Store sales of the month of history the analytics page charts (with touchpoints for 30 % of the customers); 0: no history. */
  readonly historySales: number;
}

export const DEMO_SIZE: DemoSize = { products: 20_000, customers: 100_000, emailCodes: 5_000, historySales: 3_000 };

/** How far a seed has come, for `/healthz` while it runs. */
export interface SeedProgress {
  readonly step: 'catalogue' | 'customers' | 'campaigns';
  /** Rows written so far and the rows the whole seed writes (products and customers count one each). */
  readonly done: number;
  readonly total: number;
}

/**
 * Rows per statement. Each chunk is a handful of set-based statements; between them the event
 * loop answers `/healthz` (PGlite runs a statement on the main thread), so a chunk is kept short.
 */
/**
 * Rows per statement, measured on PGlite: the catalogue's statements (prices of every store, barcodes)
 * grow slower than linearly with the chunk, the customers' are mostly a fixed cost per statement.
 */
const CATALOGUE_CHUNK = 1_000;
const CUSTOMER_CHUNK = 25_000;

/** What a person starting the demo needs to reach central's admin side. */
export function demoBanner(url: string, adminKey: string | null): string {
  const key = adminKey ?? '(the ADMIN_API_KEY you set)';
  return [
    `Central (demo) is listening at ${url} — the demo chain is being seeded; ${url}/healthz shows the progress.`,
    `  Admin API: ${url}/v1/admin/…  with the header  Authorization: Bearer ${key}`,
    adminKey ? '  (this admin key is made for this run only)' : null,
    `  Try: curl -H 'Authorization: Bearer ${key}' ${url}/v1/admin/stores`,
    `  Every endpoint: ${url}/openapi.json`,
    '',
  ]
    .filter((l) => l !== null)
    .join('\n');
}

/** Times of the demo, relative to the moment it is seeded: a demo seeded today has campaigns running today. */
interface Clock {
  readonly now: string;
  at(minutesAgo: number): string;
}

function clockAt(now: Date): Clock {
  const ms = now.getTime();
  return { now: now.toISOString(), at: (minutesAgo) => new Date(ms - minutesAgo * 60_000).toISOString() };
}

/** True when nothing a seed writes exists yet: the demo only ever fills an empty database. */
async function isEmpty(db: Queryable): Promise<boolean> {
  const { rows } = await db.query<{ used: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM stores) OR EXISTS (SELECT 1 FROM customers) OR EXISTS (SELECT 1 FROM products) AS used`,
  );
  return rows[0]?.used === false;
}

/**
 * A believable chain from the shared demo generator: the same stores, SKUs, barcodes and
 * customers the demo tills know, in one transaction. Every table and its change-log rows are
 * written by set-based statements over chunks of rows (`jsonb_to_recordset`, documents built
 * by joins), never a statement or a document function call per row.
 */
export async function seedDemo(
  db: Db,
  size: DemoSize = DEMO_SIZE,
  onProgress: (p: SeedProgress) => void = () => undefined,
  now: Date = new Date(),
): Promise<boolean> {
  const clock = clockAt(now);
  if (!(await isEmpty(db))) return false;
  const total = size.products + size.customers;
  let done = 0;
  const advance = (step: SeedProgress['step'], rows: number) => {
    done += rows;
    onProgress({ step, done, total });
  };
  onProgress({ step: 'catalogue', done, total });
  await db.transaction(async (tx) => {
    if (!(await isEmpty(tx))) return;
    await bulkLoadWithoutTriggers(tx);
    await bulkLoadWithoutWal(tx);
    await seedStores(tx);
    await seedCatalogue(tx, size.products, (n) => advance('catalogue', n));
    await seedCustomers(tx, clock, size.customers, size.products, (n) => advance('customers', n));
    onProgress({ step: 'campaigns', done, total });
    await seedCampaigns(tx, clock, size.emailCodes, size.customers);
    await seedStaff(tx);
    if (size.historySales > 0) await tx.exec(historySql({ days: 30, customersTouched: 30, touchpointsPerCustomer: 1, sales: size.historySales, onlineOrders: Math.round(size.historySales / 5) }, now));
    await tx.query(`SELECT analytics_rebuild()`);
  });
  return true;
}

/**
 * Rows the seed writes reference each other by construction (the generator's SKUs, ids and
 * stores), so where the role may, the foreign-key triggers are off for this one transaction —
 * what pg_restore's --disable-triggers does for a bulk load. The analytics rollups' triggers are off
 * with them: the history seeded last rebuilds the rollups once. A test checks the seeded chain for
 * orphans. A role that may not keeps the checks.
 */
async function bulkLoadWithoutTriggers(tx: Queryable): Promise<void> {
  const { rows } = await tx.query<{ superuser: string }>(`SELECT current_setting('is_superuser') AS superuser`);
  if (rows[0]?.superuser === 'on') await tx.query(`SET LOCAL session_replication_role = replica`);
}

/** The tables the seed fills by the thousand. */
const BULK_TABLES = ['products', 'product_barcodes', 'store_prices', 'customers', 'customer_phones', 'cart_lines', 'favourites', 'changes', 'touchpoints', 'sales', 'sale_lines'];

/**
 * Where the WAL is minimal (PGlite), rows written into a table truncated earlier in the same
 * transaction are not WAL-logged: PostgreSQL writes the table's files at commit instead, which
 * spares the seed about 90 % of its WAL. The bulk tables, and every table whose foreign keys point
 * at them (TRUNCATE wants them together), are truncated when all of them are empty — a fresh
 * database — so the truncation removes nothing.
 */
async function bulkLoadWithoutWal(tx: Queryable): Promise<void> {
  const { rows: wal } = await tx.query<{ minimal: boolean }>(`SELECT current_setting('wal_level') = 'minimal' AS minimal`);
  if (!wal[0]?.minimal) return;
  const { rows: tables } = await tx.query<{ name: string }>(
    `WITH RECURSIVE bulk (rel) AS (
       SELECT unnest($1::regclass[])
       UNION SELECT c.conrelid FROM pg_constraint c JOIN bulk ON c.confrelid = bulk.rel WHERE c.contype = 'f')
     SELECT rel::text AS name FROM bulk`,
    [BULK_TABLES],
  );
  const names = tables.map((t) => t.name);
  const { rows: filled } = await tx.query<{ any: boolean }>(`SELECT ${names.map((t) => `EXISTS (SELECT 1 FROM ${t})`).join(' OR ')} AS any`);
  if (filled[0]?.any === false) await tx.query(`TRUNCATE ${names.join(', ')}`);
}

async function seedStores(tx: Queryable): Promise<void> {
  const stores = DEMO_STORES.map((s) => ({ id: s.id, name: s.name, country: s.country, currency: s.currency }));
  const tills = DEMO_STORES.flatMap((s) => s.tills.map((id, i) => ({ id, store: s.id, name: `Till ${i + 1}` })));
  await tx.query(
    `INSERT INTO stores (id, name, country, currency)
     SELECT id, name, country, currency FROM jsonb_to_recordset($1::jsonb) AS s(id text, name text, country text, currency text)`,
    [JSON.stringify(stores)],
  );
  await tx.query(
    `INSERT INTO tills (id, store_id, name) SELECT id, store, name FROM jsonb_to_recordset($1::jsonb) AS t(id text, store text, name text)`,
    [JSON.stringify(tills)],
  );
  // Campaign validity in the console is typed in the chain's time zone: the first store's.
  await tx.query(`UPDATE central_meta SET value = $1 WHERE key = 'time_zone'`, [(DEMO_STORES[0] as (typeof DEMO_STORES)[number]).timeZone]);
}

/** Generator output in chunks of `size`, so memory stays flat whatever the size of the chain. */
function* chunked<T>(items: Iterable<T>, size: number): Generator<T[]> {
  let chunk: T[] = [];
  for (const item of items) {
    chunk.push(item);
    if (chunk.length === size) {
      yield chunk;
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk;
}

async function seedCatalogue(tx: Queryable, count: number, advance: (rows: number) => void): Promise<void> {
  for (const chunk of chunked(demoProducts(count), CATALOGUE_CHUNK)) {
    const products = chunk.map((p) => ({
      sku: p.sku, en: p.names.en, ru: p.names.ru, ro: p.names.ro, vat: p.vatCategory, cat: p.category, brand: p.brand, sold: p.soldBy, plu: p.plu,
      codes: [...p.barcodes].sort(),
    }));
    const prices = chunk.flatMap((p) => DEMO_STORES.map((s) => ({ store: s.id, sku: p.sku, price: priceIn(p, s.currency) })));
    // One statement, each JSON parsed once; the documents product_doc() and the price change
    // would build are made from the rows sent. Product changes go before price changes.
    await tx.query(
      `WITH r AS MATERIALIZED (
              SELECT * FROM jsonb_to_recordset($1::jsonb)
                AS r(sku text, en text, ru text, ro text, vat text, cat text, brand text, sold text, plu text, codes jsonb)),
            p AS MATERIALIZED (SELECT * FROM jsonb_to_recordset($2::jsonb) AS p(store text, sku text, price bigint)),
            product_rows AS (
              INSERT INTO products (sku, name_en, name_ru, name_ro, vat_category, category, brand, sold_by, plu)
              SELECT sku, en, ru, ro, vat, cat, brand, sold, plu FROM r),
            barcode_rows AS (
              INSERT INTO product_barcodes (code, sku) SELECT code, sku FROM r, jsonb_array_elements_text(codes) AS code),
            price_rows AS (
              INSERT INTO store_prices (store_id, sku, price_minor) SELECT store, sku, price FROM p)
       INSERT INTO changes (entity, scope, key, op, data)
       SELECT 'product', '', sku, 'upsert', jsonb_build_object(
                'sku', sku, 'barcodes', codes, 'names', jsonb_build_object('en', en, 'ru', ru, 'ro', ro),
                'vatCategory', vat, 'category', cat, 'soldBy', sold, 'plu', plu, 'brand', brand)
       FROM r
       UNION ALL
       SELECT 'price', store, sku, 'upsert', jsonb_build_object('sku', sku, 'storeId', store, 'priceMinor', price) FROM p`,
      [JSON.stringify(products), JSON.stringify(prices)],
    );
    advance(chunk.length);
  }
}

interface CartLineRow {
  c: string;
  ch: string;
  sku: string;
  q: number;
  price: number;
  cur: string;
  at: string;
}

async function seedCustomers(tx: Queryable, clock: Clock, count: number, productCount: number, advance: (rows: number) => void): Promise<void> {
  // Online prices are what the web shop showed her: the shelf price of her country's first store
  // (the chain's first store for a country without one), in that store's currency.
  const products = [...demoProducts(productCount)];
  const pricesIn = new Map<string, Map<string, number>>();
  const shopOf = (country: string) => {
    const shop = (DEMO_STORES.find((s) => s.country === country) ?? DEMO_STORES[0]) as (typeof DEMO_STORES)[number];
    if (!pricesIn.has(shop.currency)) pricesIn.set(shop.currency, new Map(products.map((p) => [p.sku, priceIn(p, shop.currency)])));
    return { currency: shop.currency, prices: pricesIn.get(shop.currency) as Map<string, number> };
  };
  let index = 0;
  for (const chunk of chunked(demoCustomers(count), CUSTOMER_CHUNK)) {
    const customers = chunk.map((c) => ({ id: c.id, name: c.name, email: c.email, phone: c.phones[0] as string, segments: segmentsOf(c.id) }));
    const cartLines: CartLineRow[] = [];
    const favourites: { c: string; sku: string; ch: string; at: string }[] = [];
    for (const c of chunk) {
      const activity = demoOnlineActivity(index++, productCount);
      const shop = shopOf(c.country);
      for (const cart of activity.carts) {
        for (const l of cart.lines) {
          cartLines.push({ c: c.id, ch: cart.channel, sku: l.sku, q: l.quantity, price: shop.prices.get(l.sku) ?? 0, cur: shop.currency, at: clock.at(l.minutesAgo) });
        }
      }
      for (const f of activity.favourites) favourites.push({ c: c.id, sku: f.sku, ch: f.channel, at: clock.at(f.minutesAgo) });
    }
    await insertCustomerChunk(tx, clock, customers, cartLines, favourites);
    advance(chunk.length);
  }
}

/** One person of each role, every store: their PINs are the demo's (README). */
async function seedStaff(tx: Queryable): Promise<void> {
  for (const p of DEMO_STAFF) {
    await tx.query(`INSERT INTO staff (id, name, role, pin_hash, card_hash) VALUES ($1, $2, $3, $4, $5)`, [
      p.id,
      p.name,
      p.role,
      await hashPin(p.pin),
      p.card === null ? null : cardHash(p.card),
    ]);
  }
  await recordChanges(tx, 'staff', DEMO_STAFF.map((p) => p.id));
}

async function insertCustomerChunk(
  tx: Queryable,
  clock: Clock,
  customers: readonly { id: string; name: string; email: string | null; phone: string; segments: readonly string[] }[],
  cartLines: readonly CartLineRow[],
  favourites: readonly { c: string; sku: string; ch: string; at: string }[],
): Promise<void> {
  // One statement: each chunk's JSON is sent and parsed once, and every table and change-log row
  // is written from it. The documents customer_doc(), cart_doc() and the favourite change would
  // build are made from the rows sent rather than read back: a new demo customer has one phone
  // and no consents, and times are already ISO 8601 UTC with milliseconds (toISOString), the
  // format iso() writes. The changes go customers, carts, favourites, in that order (UNION ALL).
  await tx.query(
    `WITH c AS MATERIALIZED (SELECT * FROM jsonb_to_recordset($1::jsonb) AS c(id text, name text, email text, phone text, segments text[])),
          l AS MATERIALIZED (SELECT * FROM jsonb_to_recordset($2::jsonb) AS l(c text, ch text, sku text, q int, price bigint, cur text, at text)),
          f AS MATERIALIZED (SELECT * FROM jsonb_to_recordset($3::jsonb) AS f(c text, sku text, ch text, at text)),
          customer_rows AS (
            INSERT INTO customers (id, name, email, segments, created_at, updated_at)
            SELECT id, name, email, segments, $4::text::timestamptz, $4::text::timestamptz FROM c),
          phone_rows AS (
            INSERT INTO customer_phones (phone_e164, customer_id, added_at) SELECT phone, id, $4::text::timestamptz FROM c),
          cart_rows AS (
            INSERT INTO cart_lines (customer_id, channel, sku, quantity, price_seen_minor, currency, added_at)
            SELECT c, ch, sku, q, price, cur, at::timestamptz FROM l),
          favourite_rows AS (
            INSERT INTO favourites (customer_id, sku, channel, added_at) SELECT c, sku, ch, at::timestamptz FROM f)
     INSERT INTO changes (entity, scope, key, op, data)
     SELECT 'customer', '', id, 'upsert', jsonb_build_object(
              'id', id, 'name', name, 'email', email, 'segments', to_jsonb(segments),
              'phones', jsonb_build_array(phone), 'consents', '[]'::jsonb, 'updatedAt', $4::text)
     FROM c
     UNION ALL
     SELECT 'cart', '', c || '/' || ch, 'upsert', jsonb_build_object(
              'customerId', c, 'channel', ch,
              'lines', jsonb_agg(jsonb_build_object('sku', sku, 'quantity', q, 'priceSeenMinor', price, 'currency', cur,
                                                    'addedAt', at) ORDER BY at, sku))
     FROM l GROUP BY c, ch
     UNION ALL
     SELECT 'favourite', '', c || '/' || sku, 'upsert', jsonb_build_object('customerId', c, 'sku', sku, 'channel', ch, 'addedAt', at)
     FROM f`,
    [JSON.stringify(customers), JSON.stringify(cartLines), JSON.stringify(favourites), clock.now],
  );
}

const SEGMENTS = new Map(NAMED_CUSTOMERS.map((c) => [c.id, c.segments]));
const segmentsOf = (id: string): readonly string[] => SEGMENTS.get(id) ?? [];

const DAY = 24 * 60;

/** Deterministic unique codes of a campaign: its prefix, random characters, the check character. */
function demoCodes(prefix: string, count: number, seed: number): string[] {
  const rand = prng(seed);
  const codes = new Set<string>();
  while (codes.size < count) {
    const body = Array.from({ length: PROMO_CODE_RANDOM_CHARS }, () => PROMO_CODE_ALPHABET[Math.floor(rand() * PROMO_CODE_ALPHABET.length)]).join('');
    const check = promoCodeCheckCharacter(body);
    if (check !== null) codes.add(`${prefix}${body}${check}`);
  }
  return [...codes];
}

async function insertCodes(tx: Queryable, campaignId: string, codes: readonly string[], expiresAt: string | null): Promise<void> {
  await tx.query(
    `INSERT INTO promo_codes (code, campaign_id, single_use, expires_at) SELECT c, $2, true, $3 FROM unnest($1::text[]) AS c ON CONFLICT DO NOTHING`,
    [codes, campaignId, expiresAt],
  );
  await recordChanges(tx, 'promo_code', codes);
}

/**
 * The promotion stories (core/demo/campaigns.ts), running today and in each store's currency,
 * with the named customers' codes, 5,000 more welcome e-mail codes, and the cart-reminder job's
 * policy: a cart left 24 hours (and not two days) ago gets its reminder.
 */
async function seedCampaigns(tx: Queryable, clock: Clock, emailCodes: number, customers: number): Promise<void> {
  const currencies = [...new Set(DEMO_STORES.map((s) => s.currency))];
  const demo = demoCampaigns(new Date(clock.now), currencies, customers);
  for (const c of demo.campaigns) await createCampaign(tx, c);
  await tx.query(
    `INSERT INTO promo_codes (code, campaign_id, single_use, expires_at, customer_id, issued_at)
     SELECT code, "campaignId", "singleUse", "expiresAt", "customerId", $2::timestamptz
     FROM jsonb_to_recordset($1::jsonb) AS k(code text, "campaignId" text, "singleUse" boolean, "expiresAt" timestamptz, "customerId" text)`,
    [JSON.stringify(demo.codes), clock.now],
  );
  await recordChanges(tx, 'promo_code', demo.codes.map((k) => k.code));
  await insertCodes(tx, 'welcome-email', demoCodes('HELLO', emailCodes, 11), clock.at(-3 * DAY));
  await setCartReminderPolicy(tx, { campaignId: CART_REMINDER_CAMPAIGN, afterHours: 24, maxAgeHours: 48, validDays: 7 });
}
