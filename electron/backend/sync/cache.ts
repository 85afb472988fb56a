import { z } from 'zod';
import {
  ENTITIES,
  PullPage,
  STORE_ENTITY,
  type ScanKeysDoc,
  Tombstone,
  UpsertChange,
  type Change,
  type CampaignDoc,
  type CartDoc,
  type CustomerDoc,
  type Entity,
  type FavouriteDoc,
  type OnlineOrderDoc,
  type PriceDoc,
  type ProductDoc,
  type PromoCodeDoc,
  type StaffDoc,
} from '../../../core/sync/pull.js';
import { productSearchText } from '../../../core/sale/search.js';
import { StoreDoc } from '../../../core/store/policy.js';
import type { TillDatabase } from '../db.js';

/**
 * The till's cache of central's data: applying pull pages (upserts and tombstones) and, after
 * a full pull from the start, sweeping rows central no longer has. Sales, the outbox and print
 * jobs are never touched here.
 */

/** A pull page as received: the envelope checked, the changes not yet. */
const Envelope = PullPage.extend({ changes: z.array(z.unknown()) });

const KNOWN = new Set<string>(ENTITIES);

/** What every change, known or not, must carry: checked by hand, it runs once per change. */
function changeHead(raw: unknown): { entity: string; key: string; op: 'upsert' | 'delete' } | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const { entity, key, op } = raw as Record<string, unknown>;
  if (typeof entity !== 'string' || entity.length < 1 || entity.length > 64 || typeof key !== 'string') return null;
  if (op !== 'upsert' && op !== 'delete') return null;
  return { entity, key, op };
}

export interface CheckedPage {
  readonly epoch: string;
  readonly cursor: string;
  readonly hasMore: boolean;
  readonly estimatedTotal: number | undefined;
  readonly changes: readonly Change[];
  /** Changes of entity types this till does not know, by type: skipped, counted. */
  readonly skipped: Readonly<Record<string, number>>;
  /** All changes on the page, known or not: what progress counts. */
  readonly size: number;
  /** The chain's scan-signing keys (absent from older centrals). */
  readonly scanKeys: ScanKeysDoc | undefined;
  /** The store's policies, when they changed since the cursor (the last document of the page). */
  readonly store: StoreDoc | null;
  /** Why a store document on the page was refused (it did not match its schema); the rest of the page stands. */
  readonly storeRefused: string | null;
}

export class PageInvalid extends Error {}

/**
 * Validates a whole page before anything of it is applied: a page with one malformed change
 * of a known type is refused whole. Unknown fields are dropped by the schemas; changes of
 * unknown entity types (a newer central) are skipped and counted.
 */
export function checkPage(json: unknown): CheckedPage {
  const envelope = Envelope.safeParse(json);
  if (!envelope.success) throw new PageInvalid(`the page does not match the pull schema: ${z.prettifyError(envelope.error).slice(0, 300)}`);
  const changes: Change[] = [];
  const skipped: Record<string, number> = {};
  let store: StoreDoc | null = null;
  let storeRefused: string | null = null;
  envelope.data.changes.forEach((raw, i) => {
    const head = changeHead(raw);
    if (head === null) throw new PageInvalid(`change ${i} has no entity, key and op`);
    if (head.entity === STORE_ENTITY) {
      // Stores are never deleted; a document that does not match is refused alone, the policy in force stays.
      if (head.op === 'delete') return;
      const doc = StoreDoc.safeParse((raw as { data?: unknown }).data);
      if (doc.success) store = doc.data;
      else storeRefused = `store ${head.key.slice(0, 64)}: ${z.prettifyError(doc.error).slice(0, 300)}`;
      return;
    }
    if (!KNOWN.has(head.entity)) {
      skipped[head.entity] = (skipped[head.entity] ?? 0) + 1;
      return;
    }
    // The one schema the change can match (what the union would pick), without trying the others.
    const schema = head.op === 'delete' ? Tombstone : UpsertChange[head.entity as Entity];
    const change = schema.safeParse(raw);
    if (!change.success) throw new PageInvalid(`change ${i} (${head.entity} ${head.key.slice(0, 64)}) does not match its schema`);
    changes.push(change.data);
  });
  const { epoch, cursor, hasMore, estimatedTotal, scanKeys } = envelope.data;
  return { epoch, cursor, hasMore, estimatedTotal, changes, skipped, size: envelope.data.changes.length, scanKeys, store, storeRefused };
}

export interface CacheScope {
  readonly storeId: string;
  readonly currency: string;
}

/** Splits a composite key "customerId/rest" (customer ids never contain a slash). */
function split(key: string): [string, string] {
  const i = key.indexOf('/');
  return i < 0 ? [key, ''] : [key.slice(0, i), key.slice(i + 1)];
}

export function createCache(db: TillDatabase) {
  const s = {
    customer: db.prepare(
      `INSERT INTO customers (id, name, email, segments, consents, updated_at, sync_gen) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, segments = excluded.segments,
         consents = excluded.consents, updated_at = excluded.updated_at, sync_gen = excluded.sync_gen`,
    ),
    dropPhones: db.prepare('DELETE FROM customer_phones WHERE customer_id = ?'),
    phone: db.prepare(
      `INSERT INTO customer_phones (phone_e164, customer_id) VALUES (?, ?)
       ON CONFLICT (phone_e164) DO UPDATE SET customer_id = excluded.customer_id`,
    ),
    deleteCustomer: db.prepare('DELETE FROM customers WHERE id = ?'),
    freePlu: db.prepare('UPDATE products SET plu = NULL WHERE plu = ? AND sku <> ?'),
    product: db.prepare(
      `INSERT INTO products (sku, name_en, name_ru, name_ro, vat_category, sold_by, plu, category, brand, updated_at, sync_gen)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (sku) DO UPDATE SET name_en = excluded.name_en, name_ru = excluded.name_ru, name_ro = excluded.name_ro,
         vat_category = excluded.vat_category, sold_by = excluded.sold_by, plu = excluded.plu, category = excluded.category,
         brand = excluded.brand, updated_at = excluded.updated_at, sync_gen = excluded.sync_gen`,
    ),
    dropBarcodes: db.prepare('DELETE FROM barcodes WHERE sku = ?'),
    barcode: db.prepare('INSERT INTO barcodes (code, sku) VALUES (?, ?) ON CONFLICT (code) DO UPDATE SET sku = excluded.sku'),
    searchRid: db.prepare('SELECT rid FROM product_search_map WHERE sku = ?').pluck(),
    dropSearch: db.prepare('DELETE FROM product_search WHERE rowid = ?'),
    search: db.prepare('INSERT INTO product_search (sku, names) VALUES (?, ?)'),
    mapSearch: db.prepare('INSERT INTO product_search_map (sku, rid) VALUES (?, ?) ON CONFLICT (sku) DO UPDATE SET rid = excluded.rid'),
    unmapSearch: db.prepare('DELETE FROM product_search_map WHERE sku = ?'),
    deleteProduct: db.prepare('DELETE FROM products WHERE sku = ?'),
    productExists: db.prepare('SELECT 1 FROM products WHERE sku = ?').pluck(),
    price: db.prepare(
      `INSERT INTO store_prices (store_id, sku, price_minor, currency, sync_gen) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (sku, store_id) DO UPDATE SET price_minor = excluded.price_minor, currency = excluded.currency, sync_gen = excluded.sync_gen`,
    ),
    pendingPrice: db.prepare(
      `INSERT INTO pending_prices (store_id, sku, price_minor, sync_gen) VALUES (?, ?, ?, ?)
       ON CONFLICT (sku, store_id) DO UPDATE SET price_minor = excluded.price_minor, sync_gen = excluded.sync_gen`,
    ),
    adoptPending: db.prepare(
      `INSERT INTO store_prices (store_id, sku, price_minor, currency, sync_gen)
       SELECT store_id, sku, price_minor, ?, sync_gen FROM pending_prices WHERE sku = ?
       ON CONFLICT (sku, store_id) DO UPDATE SET price_minor = excluded.price_minor, currency = excluded.currency, sync_gen = excluded.sync_gen`,
    ),
    dropPendingOfSku: db.prepare('DELETE FROM pending_prices WHERE sku = ?'),
    deletePrice: db.prepare('DELETE FROM store_prices WHERE sku = ? AND store_id = ?'),
    deletePending: db.prepare('DELETE FROM pending_prices WHERE sku = ? AND store_id = ?'),
    dropCart: db.prepare('DELETE FROM online_cart_lines WHERE customer_id = ? AND channel = ?'),
    cartLine: db.prepare(
      `INSERT INTO online_cart_lines (customer_id, channel, sku, quantity, price_seen_minor, currency, added_at, sync_gen)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (customer_id, channel, sku) DO UPDATE SET quantity = excluded.quantity, price_seen_minor = excluded.price_seen_minor,
         currency = excluded.currency, added_at = excluded.added_at, sync_gen = excluded.sync_gen`,
    ),
    favourite: db.prepare(
      `INSERT INTO favourites (customer_id, sku, channel, added_at, sync_gen) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (customer_id, sku) DO UPDATE SET channel = excluded.channel, added_at = excluded.added_at, sync_gen = excluded.sync_gen`,
    ),
    deleteFavourite: db.prepare('DELETE FROM favourites WHERE customer_id = ? AND sku = ?'),
    campaign: db.prepare(
      `INSERT INTO campaigns (id, name, channel, code_kind, discount_kind, discount_value, currency, starts_at, ends_at,
         offline_allowed, offline_cap_per_till, rules, usage_uses, usage_spent_minor, sync_gen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, channel = excluded.channel, code_kind = excluded.code_kind,
         discount_kind = excluded.discount_kind, discount_value = excluded.discount_value, currency = excluded.currency,
         starts_at = excluded.starts_at, ends_at = excluded.ends_at, offline_allowed = excluded.offline_allowed,
         offline_cap_per_till = excluded.offline_cap_per_till, rules = excluded.rules,
         usage_uses = excluded.usage_uses, usage_spent_minor = excluded.usage_spent_minor, sync_gen = excluded.sync_gen`,
    ),
    deleteCampaign: db.prepare('DELETE FROM campaigns WHERE id = ?'),
    promoCode: db.prepare(
      `INSERT INTO promo_codes (code, campaign_id, single_use, state, expires_at, customer_id, sync_gen) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (code) DO UPDATE SET campaign_id = excluded.campaign_id, single_use = excluded.single_use,
         state = excluded.state, expires_at = excluded.expires_at, customer_id = excluded.customer_id, sync_gen = excluded.sync_gen`,
    ),
    deletePromoCode: db.prepare('DELETE FROM promo_codes WHERE code = ?'),
    staff: db.prepare(
      `INSERT INTO staff (id, name, role, store_ids, pin_hash, card_hash, sync_gen) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, store_ids = excluded.store_ids,
         pin_hash = excluded.pin_hash, card_hash = excluded.card_hash, sync_gen = excluded.sync_gen`,
    ),
    deleteStaff: db.prepare('DELETE FROM staff WHERE id = ?'),
    onlineOrder: db.prepare(
      `INSERT INTO online_orders (id, customer_id, channel, order_ref, store_id, store_name, currency, total_minor, items, placed_at, sync_gen)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET customer_id = excluded.customer_id, channel = excluded.channel, order_ref = excluded.order_ref,
         store_id = excluded.store_id, store_name = excluded.store_name, currency = excluded.currency, total_minor = excluded.total_minor,
         items = excluded.items, placed_at = excluded.placed_at, sync_gen = excluded.sync_gen`,
    ),
    deleteOnlineOrder: db.prepare('DELETE FROM online_orders WHERE id = ?'),
    // A customer central deleted takes her online orders with her.
    deleteOrdersOf: db.prepare('DELETE FROM online_orders WHERE customer_id = ?'),
    // Which of a page's keys the cache holds already: one statement per page, not one per row.
    customersPresent: db.prepare('SELECT id FROM customers WHERE id IN (SELECT value FROM json_each(?))').pluck(),
    productsPresent: db.prepare('SELECT sku FROM products WHERE sku IN (SELECT value FROM json_each(?))').pluck(),
    anyPending: db.prepare('SELECT EXISTS (SELECT 1 FROM pending_prices)').pluck(),
  };

  /**
   * What one page may find in the cache, so child rows are only deleted where they can exist.
   * A customer's phones and a product's barcodes reference their row (foreign keys, cascading
   * deletes), so a customer or product the cache does not hold has none; a key upserted earlier
   * on the same page joins the set. Pending prices wait only while the table has rows.
   */
  interface PageView {
    readonly customers: Set<string>;
    readonly products: Set<string>;
    pending: boolean;
  }

  function present(statement: typeof s.customersPresent, keys: string[]): Set<string> {
    return new Set(keys.length === 0 ? [] : (statement.all(JSON.stringify(keys)) as string[]));
  }

  function viewOf(changes: readonly Change[]): PageView {
    const customers: string[] = [];
    const products: string[] = [];
    for (const c of changes) {
      if (c.op !== 'upsert') continue;
      if (c.entity === 'customer') customers.push(c.data.id);
      else if (c.entity === 'product') products.push(c.data.sku);
    }
    return {
      customers: present(s.customersPresent, customers),
      products: present(s.productsPresent, products),
      pending: s.anyPending.get() === 1,
    };
  }

  function upsertCustomer(c: CustomerDoc, gen: number, view: PageView): void {
    // The till keeps only what it shows: never an e-mail, even from a central that still sends one.
    s.customer.run(c.id, c.name, null, JSON.stringify(c.segments), JSON.stringify(c.consents), c.updatedAt, gen);
    if (view.customers.has(c.id)) s.dropPhones.run(c.id);
    else view.customers.add(c.id);
    for (const phone of c.phones) s.phone.run(phone, c.id);
  }

  function removeSearch(sku: string): void {
    const rid = s.searchRid.get(sku) as number | undefined;
    if (rid !== undefined) s.dropSearch.run(rid);
  }

  function upsertProduct(p: ProductDoc, gen: number, scope: CacheScope, at: string, view: PageView): void {
    if (p.plu !== null) s.freePlu.run(p.plu, p.sku);
    s.product.run(p.sku, p.names.en, p.names.ru, p.names.ro, p.vatCategory, p.soldBy, p.plu, p.category, p.brand ?? null, at, gen);
    if (view.products.has(p.sku)) s.dropBarcodes.run(p.sku);
    else view.products.add(p.sku);
    for (const code of p.barcodes) s.barcode.run(code, p.sku);
    removeSearch(p.sku);
    const rid = s.search.run(p.sku, productSearchText(p.names)).lastInsertRowid;
    s.mapSearch.run(p.sku, rid);
    if (view.pending) {
      s.adoptPending.run(scope.currency, p.sku);
      s.dropPendingOfSku.run(p.sku);
    }
  }

  function deleteProduct(sku: string): void {
    removeSearch(sku);
    s.unmapSearch.run(sku);
    s.deleteProduct.run(sku);
  }

  function upsertPrice(p: PriceDoc, gen: number, scope: CacheScope, view: PageView): void {
    if (s.productExists.get(p.sku) !== undefined) {
      s.price.run(p.storeId, p.sku, p.priceMinor, scope.currency, gen);
      if (view.pending) s.deletePending.run(p.sku, p.storeId);
    } else {
      s.pendingPrice.run(p.storeId, p.sku, p.priceMinor, gen);
      view.pending = true;
    }
  }

  function upsertCart(c: CartDoc, gen: number): void {
    s.dropCart.run(c.customerId, c.channel);
    for (const l of c.lines) s.cartLine.run(c.customerId, c.channel, l.sku, l.quantity, l.priceSeenMinor, l.currency, l.addedAt, gen);
  }

  function upsertCampaign(c: CampaignDoc, gen: number): void {
    s.campaign.run(c.id, c.name, c.channel, c.codeKind, c.discountKind, c.discountValue, c.currency, c.startsAt, c.endsAt, c.offlineAllowed ? 1 : 0, c.offlineCapPerTill, JSON.stringify(c.rules ?? {}), c.usage?.uses ?? null, c.usage?.spentMinor ?? null, gen);
  }

  function upsertPromoCode(k: PromoCodeDoc, gen: number): void {
    s.promoCode.run(k.code, k.campaignId, k.singleUse ? 1 : 0, k.state, k.expiresAt, k.customerId ?? null, gen);
  }

  function upsertStaff(p: StaffDoc, gen: number): void {
    s.staff.run(p.id, p.name, p.role, JSON.stringify(p.storeIds), p.pinHash, p.cardHash, gen);
  }

  function upsertOnlineOrder(o: OnlineOrderDoc, gen: number): void {
    s.onlineOrder.run(o.id, o.customerId, o.channel, o.orderRef, o.storeId, o.storeName, o.currency, o.totalMinor, o.items, o.placedAt, gen);
  }

  function upsertFavourite(f: FavouriteDoc, gen: number): void {
    s.favourite.run(f.customerId, f.sku, f.channel, f.addedAt, gen);
  }

  function remove(entity: Entity, key: string, scope: CacheScope): void {
    switch (entity) {
      case 'customer':
        s.deleteOrdersOf.run(key);
        s.deleteCustomer.run(key);
        return;
      case 'cart':
        s.dropCart.run(...split(key));
        return;
      case 'favourite':
        s.deleteFavourite.run(...split(key));
        return;
      case 'product':
        deleteProduct(key);
        return;
      case 'price':
        s.deletePrice.run(key, scope.storeId);
        s.deletePending.run(key, scope.storeId);
        return;
      case 'campaign':
        s.deleteCampaign.run(key);
        return;
      case 'promo_code':
        s.deletePromoCode.run(key);
        return;
      case 'staff':
        s.deleteStaff.run(key);
        return;
      case 'online_order':
        s.deleteOnlineOrder.run(key);
        return;
    }
  }

  /** Applies the changes of one page, in order, inside the caller's transaction. */
  function apply(changes: readonly Change[], gen: number, scope: CacheScope, at: string): void {
    const view = viewOf(changes);
    for (const c of changes) {
      if (c.op === 'delete') {
        remove(c.entity, c.key, scope);
        continue;
      }
      switch (c.entity) {
        case 'customer':
          upsertCustomer(c.data, gen, view);
          break;
        case 'cart':
          upsertCart(c.data, gen);
          break;
        case 'favourite':
          upsertFavourite(c.data, gen);
          break;
        case 'product':
          upsertProduct(c.data, gen, scope, at, view);
          break;
        case 'price':
          upsertPrice(c.data, gen, scope, view);
          break;
        case 'campaign':
          upsertCampaign(c.data, gen);
          break;
        case 'promo_code':
          upsertPromoCode(c.data, gen);
          break;
        case 'staff':
          upsertStaff(c.data, gen);
          break;
        case 'online_order':
          upsertOnlineOrder(c.data, gen);
          break;
      }
    }
  }

  /**
   * Rows of the demo seed or an earlier build have no search-map entry: found once, so an
   * update replaces their search row instead of adding a second one.
   */
  function repairSearchMap(): void {
    const mapped = db.prepare('SELECT COUNT(*) FROM product_search_map').pluck().get() as number;
    const rows = db.prepare('SELECT COUNT(*) FROM product_search').pluck().get() as number;
    if (mapped === rows) return;
    db.transaction(() => {
      db.exec('DELETE FROM product_search_map');
      db.exec('INSERT INTO product_search_map (sku, rid) SELECT sku, MAX(rowid) FROM product_search GROUP BY sku');
      // Duplicate rows of one product (should not exist) go, so search shows each product once.
      db.exec('DELETE FROM product_search WHERE rowid NOT IN (SELECT rid FROM product_search_map)');
    })();
  }

  return { apply, repairSearchMap, deleteProduct };
}

export type Cache = ReturnType<typeof createCache>;

/** The cached tables and their keys: what a sweep walks. */
const SWEPT: readonly { table: string; key: readonly string[] }[] = [
  { table: 'customers', key: ['id'] },
  { table: 'products', key: ['sku'] },
  { table: 'store_prices', key: ['sku', 'store_id'] },
  { table: 'pending_prices', key: ['sku', 'store_id'] },
  { table: 'online_cart_lines', key: ['customer_id', 'channel', 'sku'] },
  { table: 'favourites', key: ['customer_id', 'sku'] },
  { table: 'campaigns', key: ['id'] },
  { table: 'promo_codes', key: ['code'] },
  { table: 'staff', key: ['id'] },
  { table: 'online_orders', key: ['id'] },
];

/**
 * After a full pull from the start under generation `gen`: deletes every cached row an older
 * generation wrote (or the demo seed, which has none). Walks each table by key in chunks,
 * one short transaction each, yielding between them so the till keeps serving.
 */
export async function sweep(db: TillDatabase, cache: Cache, gen: number, chunk = 5_000, pause: () => Promise<void> = () => new Promise((r) => setImmediate(r))): Promise<number> {
  let removed = 0;
  for (const { table, key } of SWEPT) {
    const cols = key.join(', ');
    const params = key.map(() => '?').join(', ');
    const first = db.prepare(`SELECT ${cols}, sync_gen FROM ${table} ORDER BY ${cols} LIMIT ?`).raw();
    const next = db.prepare(`SELECT ${cols}, sync_gen FROM ${table} WHERE (${cols}) > (${params}) ORDER BY ${cols} LIMIT ?`).raw();
    const del = db.prepare(`DELETE FROM ${table} WHERE (${cols}) = (${params})`);
    let last: unknown[] | null = null;
    for (;;) {
      const rows = (last === null ? first.all(chunk) : next.all(...last, chunk)) as unknown[][];
      if (rows.length === 0) break;
      db.transaction(() => {
        for (const row of rows) {
          if (row[key.length] === gen) continue;
          const k = row.slice(0, key.length);
          if (table === 'products') cache.deleteProduct(k[0] as string);
          else del.run(...k);
          removed++;
        }
      })();
      last = (rows[rows.length - 1] as unknown[]).slice(0, key.length);
      await pause();
    }
  }
  return removed;
}
