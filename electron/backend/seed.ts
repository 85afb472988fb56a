import { demoCampaigns } from '../../core/demo/campaigns.js';
import { demoCustomers, demoProducts, NAMED_CUSTOMERS, priceIn } from '../../core/demo/generator.js';
import { DEMO_STORES, type DemoStore } from '../../core/demo/stores.js';
import type { TillDatabase } from './db.js';
import { productSearchText } from '../../core/sale/search.js';
import { writeSettings } from './settings.js';

export interface SeedOptions {
  readonly products: number;
  readonly customers: number;
  readonly store?: DemoStore;
  readonly seed?: number;
}

const BATCH = 20_000;

/** Runs `insert` for every item in transactions of BATCH rows, so memory stays flat for a million rows. */
function inBatches<T>(db: TillDatabase, items: Iterable<T>, insert: (item: T) => void): number {
  let batch: T[] = [];
  let count = 0;
  const flush = db.transaction((rows: T[]) => rows.forEach(insert));
  for (const item of items) {
    batch.push(item);
    if (batch.length === BATCH) {
      flush(batch);
      count += batch.length;
      batch = [];
    }
  }
  flush(batch);
  return count + batch.length;
}

/** True when the till has never had a catalogue: `--demo` only ever seeds an empty database. */
export function isEmptyTill(db: TillDatabase): boolean {
  const row = db.prepare('SELECT (SELECT COUNT(*) FROM (SELECT 1 FROM products LIMIT 1)) + (SELECT COUNT(*) FROM (SELECT 1 FROM sales LIMIT 1)) AS n').get() as { n: number };
  return row.n === 0;
}

/** Fills an empty till with the deterministic demo chain's catalogue, prices and customers. */
export function seedDemo(db: TillDatabase, options: SeedOptions): { products: number; customers: number } {
  const store = options.store ?? (DEMO_STORES[0] as DemoStore);
  const seed = options.seed ?? 1;
  const updatedAt = new Date().toISOString();
  writeSettings(db, {
    tillId: `${store.id}-T1`,
    storeId: store.id,
    storeName: store.name,
    country: store.country,
    currency: store.currency,
    timeZone: store.timeZone,
    cashier: 'Demo Cashier',
    receipt: { legalName: store.legalName, address: [...store.address], taxId: store.taxId, footer: [], eReceiptUrl: '' },
    // The demo pays by card through the emulated terminal (amounts ending 51/52 decline, 53 time out).
    paymentTerminal: { kind: 'emulator', timeoutMs: 30_000 },
  });
  const insertProduct = db.prepare(
    `INSERT INTO products (sku, name_en, name_ru, name_ro, vat_category, category, brand, sold_by, plu, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertBarcode = db.prepare('INSERT INTO barcodes (code, sku) VALUES (?, ?)');
  const insertPrice = db.prepare('INSERT INTO store_prices (store_id, sku, price_minor, currency) VALUES (?, ?, ?, ?)');
  const insertSearch = db.prepare('INSERT INTO product_search (sku, names) VALUES (?, ?)');
  const products = inBatches(db, demoProducts(options.products, seed), (p) => {
    insertProduct.run(p.sku, p.names.en, p.names.ru, p.names.ro, p.vatCategory, p.category, p.brand, p.soldBy, p.plu, updatedAt);
    for (const code of p.barcodes) insertBarcode.run(code, p.sku);
    insertPrice.run(store.id, p.sku, priceIn(p, store.currency), store.currency);
    insertSearch.run(p.sku, productSearchText(p.names));
  });
  const insertCustomer = db.prepare('INSERT INTO customers (id, name, email, segments, updated_at) VALUES (?, ?, ?, ?, ?)');
  const insertPhone = db.prepare('INSERT INTO customer_phones (phone_e164, customer_id) VALUES (?, ?)');
  const segments = new Map(NAMED_CUSTOMERS.map((c) => [c.id, JSON.stringify(c.segments)]));
  const customers = inBatches(db, demoCustomers(options.customers, seed), (c) => {
    insertCustomer.run(c.id, c.name, null, segments.get(c.id) ?? '[]', updatedAt);
    for (const phone of c.phones) insertPhone.run(phone, c.id);
  });
  seedCampaigns(db, customers);
  return { products, customers };
}

/**
 * The demo chain's campaigns and the named customers' codes (core/demo/campaigns.ts), so an
 * offline demo till has the promotion stories before any sync; the demo central's pull later
 * writes the same documents over them.
 */
function seedCampaigns(db: TillDatabase, customers: number): void {
  const demo = demoCampaigns(new Date(), [...new Set(DEMO_STORES.map((s) => s.currency))], customers);
  const insertCampaign = db.prepare(
    `INSERT INTO campaigns (id, name, names, channel, code_kind, discount_kind, discount_value, currency, starts_at, ends_at, offline_allowed,
       offline_cap_per_till, rules) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCode = db.prepare(`INSERT INTO promo_codes (code, campaign_id, single_use, state, expires_at, customer_id) VALUES (?, ?, ?, 'issued', ?, ?)`);
  db.transaction(() => {
    for (const c of demo.campaigns) {
      insertCampaign.run(c.id, c.name, JSON.stringify(c.names), c.channel, c.codeKind, c.discountKind, c.discountValue, c.currency, c.startsAt, c.endsAt, c.offlineAllowed ? 1 : 0, c.offlineCapPerTill, JSON.stringify(c.rules));
    }
    for (const k of demo.codes) insertCode.run(k.code, k.campaignId, k.singleUse ? 1 : 0, k.expiresAt, k.customerId);
  })();
}
