import type { TillDatabase } from '../db.js';

/** The customer's statements over the till's cache, prepared once per till. */
export function prepareCustomerQueries(db: TillDatabase) {
  return {
    byPhone: db.prepare('SELECT customer_id FROM customer_phones WHERE phone_e164 = ?').pluck(),
    byId: db.prepare('SELECT id, name, segments, consents FROM customers WHERE id = ?'),
    /** The last four digits through the expression index; the fifth and sixth narrow it by LIKE. */
    byLastDigits: db.prepare(
      `SELECT c.id, c.name, p.phone_e164 AS phone,
         (SELECT MAX(closed_at) FROM sales s WHERE s.customer_id = c.id AND s.status = 'completed') AS last_visit
       FROM customer_phones p JOIN customers c ON c.id = p.customer_id
       WHERE substr(p.phone_e164, -4) = @last4 AND p.phone_e164 LIKE '%' || @digits
       ORDER BY last_visit DESC, c.name LIMIT @limit`,
    ),
    phone: db.prepare('SELECT MIN(phone_e164) FROM customer_phones WHERE customer_id = ?').pluck(),
    cartLines: db.prepare(
      `SELECT l.channel, l.sku, l.quantity, l.price_seen_minor, l.currency, l.added_at, p.name_en, p.name_ru, p.name_ro, p.sold_by,
         sp.price_minor AS store_price, sp.currency AS store_currency
       FROM online_cart_lines l LEFT JOIN products p ON p.sku = l.sku
       LEFT JOIN store_prices sp ON sp.sku = l.sku AND sp.store_id = @store
       WHERE l.customer_id = @customer AND (@channel IS NULL OR l.channel = @channel) ORDER BY l.channel DESC, l.added_at`,
    ),
    favourites: db.prepare(
      `SELECT f.sku, f.channel, f.added_at, p.name_en, p.name_ru, p.name_ro, sp.price_minor AS store_price, sp.currency AS store_currency
       FROM favourites f LEFT JOIN products p ON p.sku = f.sku
       LEFT JOIN store_prices sp ON sp.sku = f.sku AND sp.store_id = @store
       WHERE f.customer_id = @customer ORDER BY f.added_at DESC LIMIT 50`,
    ),
    purchases: db.prepare(
      `SELECT s.id, s.receipt_no, s.closed_at, s.total_minor, s.currency,
         (SELECT COUNT(*) FROM sale_lines l WHERE l.sale_id = s.id AND l.voided_at IS NULL) AS items
       FROM sales s WHERE s.customer_id = ? AND s.status = 'completed' ORDER BY s.closed_at DESC LIMIT 10`,
    ),
    onlineOrders: db.prepare(
      `SELECT id, order_ref, channel, store_name, placed_at, total_minor, currency, items
       FROM online_orders WHERE customer_id = ? ORDER BY placed_at DESC LIMIT 10`,
    ),
    lastPullAt: db.prepare('SELECT last_pull_at FROM sync_state WHERE id = 1').pluck(),
  };
}

export type CustomerQueries = ReturnType<typeof prepareCustomerQueries>;
