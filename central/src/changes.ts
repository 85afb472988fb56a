import type { Entity } from '../../core/sync/pull.js';
import type { Queryable } from './db.js';

/**
 * How each entity's document is built from its tables, in SQL, by key `k` (and `$2`, the
 * scope). A key whose row is gone yields NULL, which becomes a tombstone.
 * Composite keys are "customerId/rest"; customer ids never contain a slash.
 */
const DOCUMENT_SQL: Record<Entity, string> = {
  customer: 'customer_doc(k)',
  cart: `cart_doc(split_part(k, '/', 1), substr(k, strpos(k, '/') + 1))`,
  favourite: `(SELECT jsonb_build_object('customerId', f.customer_id, 'sku', f.sku, 'channel', f.channel, 'addedAt', iso(f.added_at))
               FROM favourites f WHERE f.customer_id = split_part(k, '/', 1) AND f.sku = substr(k, strpos(k, '/') + 1))`,
  product: 'product_doc(k)',
  price: `(SELECT jsonb_build_object('sku', p.sku, 'storeId', p.store_id, 'priceMinor', p.price_minor)
           FROM store_prices p WHERE p.store_id = $2 AND p.sku = k)`,
  campaign: 'campaign_doc(k)',
  promo_code: 'promo_code_doc(k)',
  staff: 'staff_doc(k)',
  online_order: 'online_order_doc(k)',
};

/**
 * Writes the current state of the given entities into the change log, in the caller's
 * transaction, so a change is visible to pull exactly when the data it describes is.
 * `scope` is '' for what every till gets, or the store id for store-only rows (prices).
 */
export async function recordChanges(tx: Queryable, entity: Entity, keys: readonly string[], scope = ''): Promise<void> {
  if (keys.length === 0) return;
  await tx.query(changesSql(entity, 'SELECT unnest($3::text[])'), [entity, scope, [...new Set(keys)]]);
}

/**
 * The same for every key a query selects (`keysSql`, one distinct text column, with no
 * parameters of its own): set-based, for changes that touch many rows at once.
 */
export async function recordChangesOf(tx: Queryable, entity: Entity, keysSql: string, scope = ''): Promise<void> {
  await tx.query(changesSql(entity, keysSql), [entity, scope]);
}

function changesSql(entity: Entity, keysSql: string): string {
  return `INSERT INTO changes (entity, scope, key, op, data)
     SELECT $1, $2, k, CASE WHEN d IS NULL THEN 'delete' ELSE 'upsert' END, d
     FROM (SELECT k, ${DOCUMENT_SQL[entity]} AS d FROM (${keysSql}) AS keys (k)) docs
     ON CONFLICT (entity, scope, key) DO UPDATE
       SET txid = EXCLUDED.txid, seq = EXCLUDED.seq, op = EXCLUDED.op, data = EXCLUDED.data`;
}
