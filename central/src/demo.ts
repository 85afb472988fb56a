import { DEMO_NOW, DEMO_STORES, demoCustomers, demoOnlineActivity, demoProducts, priceIn } from '../../core/demo/generator.js';
import type { Db, Queryable } from './db.js';
import { recordChanges } from './changes.js';
import { upsertPrices, upsertProducts, type PriceInput, type ProductInput } from './catalogue.js';
import { createCampaign, issueCodes } from './campaigns.js';
import { DEMO_STAFF } from '../../core/demo/staff.js';
import { hashPin } from './staff/pin.js';
import { cardHash } from './staff/routes.js';

export interface DemoSize {
  readonly products: number;
  readonly customers: number;
  readonly emailCodes: number;
}

export const DEMO_SIZE: DemoSize = { products: 20_000, customers: 100_000, emailCodes: 5_000 };

const CHUNK = 5_000;

function at(minutesAgo: number): string {
  return new Date(Date.parse(DEMO_NOW) - minutesAgo * 60_000).toISOString();
}

/**
 * A believable chain from the shared demo generator: the same stores, SKUs, barcodes and
 * customers the demo tills know. Seeds once; a database that has stores is left alone.
 */
export async function seedDemo(db: Db, size: DemoSize = DEMO_SIZE): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM stores LIMIT 1`);
  if (rows.length > 0) return false;
  await db.transaction(async (tx) => {
    for (const s of DEMO_STORES) {
      await tx.query(`INSERT INTO stores (id, name, country, currency) VALUES ($1, $2, $3, $4)`, [s.id, s.name, s.country, s.currency]);
      for (const [i, till] of s.tills.entries()) {
        await tx.query(`INSERT INTO tills (id, store_id, name) VALUES ($1, $2, $3)`, [till, s.id, `Till ${i + 1}`]);
      }
    }
    await seedCatalogue(tx, size.products);
    await seedCustomers(tx, size.customers, size.products);
    await seedCampaigns(tx, size.emailCodes);
    await seedStaff(tx);
  });
  return true;
}

async function seedCatalogue(tx: Queryable, count: number): Promise<void> {
  let products: ProductInput[] = [];
  let prices: PriceInput[] = [];
  const flush = async () => {
    await upsertProducts(tx, products);
    await upsertPrices(tx, prices);
    products = [];
    prices = [];
  };
  for (const p of demoProducts(count)) {
    products.push({ sku: p.sku, names: p.names, vatCategory: p.vatCategory, soldBy: p.soldBy, category: '', plu: p.plu, barcodes: p.barcodes });
    for (const s of DEMO_STORES) prices.push({ storeId: s.id, sku: p.sku, priceMinor: priceIn(p, s.currency) });
    if (products.length === CHUNK) await flush();
  }
  await flush();
}

async function seedCustomers(tx: Queryable, count: number, productCount: number): Promise<void> {
  let customers: { id: string; name: string; email: string | null; phone: string }[] = [];
  let cartLines: { c: string; ch: string; sku: string; q: number; price: number; cur: string; at: string }[] = [];
  let favourites: { c: string; sku: string; ch: string; at: string }[] = [];
  const flush = async () => {
    const ids = customers.map((c) => c.id);
    await tx.query(
      `INSERT INTO customers (id, name, email, created_at, updated_at)
       SELECT id, name, email, $2::timestamptz, $2::timestamptz FROM jsonb_to_recordset($1::jsonb) AS c(id text, name text, email text)`,
      [JSON.stringify(customers), DEMO_NOW],
    );
    await tx.query(
      `INSERT INTO customer_phones (phone_e164, customer_id, added_at)
       SELECT phone, id, $2::timestamptz FROM jsonb_to_recordset($1::jsonb) AS c(id text, phone text)`,
      [JSON.stringify(customers), DEMO_NOW],
    );
    await tx.query(
      `INSERT INTO cart_lines (customer_id, channel, sku, quantity, price_seen_minor, currency, added_at)
       SELECT c, ch, sku, q, price, cur, at FROM jsonb_to_recordset($1::jsonb)
         AS l(c text, ch text, sku text, q int, price bigint, cur text, at timestamptz)`,
      [JSON.stringify(cartLines)],
    );
    await tx.query(
      `INSERT INTO favourites (customer_id, sku, channel, added_at)
       SELECT c, sku, ch, at FROM jsonb_to_recordset($1::jsonb) AS f(c text, sku text, ch text, at timestamptz)`,
      [JSON.stringify(favourites)],
    );
    await recordChanges(tx, 'customer', ids);
    await recordChanges(tx, 'cart', [...new Set(cartLines.map((l) => `${l.c}/${l.ch}`))]);
    await recordChanges(tx, 'favourite', favourites.map((f) => `${f.c}/${f.sku}`));
    customers = [];
    cartLines = [];
    favourites = [];
  };
  // Online prices are what the web shop showed: the first store's shelf price in its currency.
  const shop = DEMO_STORES[0] as (typeof DEMO_STORES)[number];
  const priceBySku = new Map<string, number>();
  for (const p of demoProducts(productCount)) priceBySku.set(p.sku, priceIn(p, shop.currency));
  let index = 0;
  for (const c of demoCustomers(count)) {
    customers.push({ id: c.id, name: c.name, email: c.email, phone: c.phones[0] as string });
    const activity = demoOnlineActivity(index++, productCount);
    for (const cart of activity.carts) {
      for (const l of cart.lines) {
        cartLines.push({ c: c.id, ch: cart.channel, sku: l.sku, q: l.quantity, price: priceBySku.get(l.sku) ?? 0, cur: shop.currency, at: at(l.minutesAgo) });
      }
    }
    for (const f of activity.favourites) favourites.push({ c: c.id, sku: f.sku, ch: f.channel, at: at(f.minutesAgo) });
    if (customers.length === CHUNK) await flush();
  }
  if (customers.length > 0) await flush();
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

async function seedCampaigns(tx: Queryable, emailCodes: number): Promise<void> {
  const starts = at(7 * 24 * 60);
  const ends = new Date(Date.parse(DEMO_NOW) + 60 * 24 * 60 * 60_000).toISOString();
  await createCampaign(tx, {
    id: 'autumn-email',
    name: 'Autumn newsletter: 10 % off in store',
    channel: 'email',
    codeKind: 'unique',
    codePrefix: 'AUT',
    discountKind: 'percent',
    discountValue: 10,
    currency: null,
    startsAt: starts,
    endsAt: ends,
    offlineAllowed: false,
    offlineCapPerTill: 0,
  });
  await issueCodes(tx, 'autumn-email', { count: emailCodes, expiresAt: new Date(Date.parse(DEMO_NOW) + 30 * 24 * 60 * 60_000).toISOString() });
  await createCampaign(tx, {
    id: 'stream-qr',
    name: 'Live stream QR: 25 lei off',
    channel: 'stream',
    codeKind: 'shared',
    codePrefix: '',
    discountKind: 'amount',
    discountValue: 2500,
    currency: 'RON',
    startsAt: starts,
    endsAt: ends,
    offlineAllowed: true,
    offlineCapPerTill: 50,
  });
  await issueCodes(tx, 'stream-qr', { code: 'STREAM25', expiresAt: null });
}
