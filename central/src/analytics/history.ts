/**
 * A past for a chain that has none yet: touchpoints, store sales (some from online carts), web and
 * app orders (some collected in a store, some with the stream code they redeemed) and stream-code redemptions spread over the last `days` days, over the customers, stores, tills and
 * campaigns already there. Set-based SQL (generate_series, hashes for the choices), deterministic
 * for given rows and `now`, so the demo's analytics page has something to chart and the benchmark
 * loads millions of rows in seconds. The seeds that run it load with triggers off, so they call
 * analytics_rebuild() after it (the backfill).
 */
export interface HistorySize {
  readonly days: number;
  /** Percent of the customers who have touchpoints, and how many each. */
  readonly customersTouched: number;
  readonly touchpointsPerCustomer: number;
  readonly sales: number;
  readonly onlineOrders: number;
}

export function historySql(size: HistorySize, now: Date): string {
  const minutes = Math.max(1, Math.floor(size.days * 1440));
  const at = `'${now.toISOString()}'::timestamptz`;
  const pick = (seed: string, n: string) => `(abs(hashtext(${seed})) % ${n})`;
  return `
    CREATE TEMP TABLE history_customers ON COMMIT DROP AS SELECT id, (row_number() OVER (ORDER BY id))::int AS n FROM customers;
    CREATE TEMP TABLE history_tills ON COMMIT DROP AS
      SELECT t.id, t.store_id, s.country, s.currency, (row_number() OVER (ORDER BY t.id))::int AS n FROM tills t JOIN stores s ON s.id = t.store_id;
    CREATE TEMP TABLE history_campaigns ON COMMIT DROP AS
      SELECT channel, array_agg(id ORDER BY id) AS ids FROM campaigns GROUP BY channel;

    INSERT INTO touchpoints (id, channel, kind, customer_id, campaign_id, occurred_at)
    SELECT 'h-' || c.n || '-' || g, ch.channel,
           CASE ch.channel WHEN 'email' THEN 'email_opened' WHEN 'stream' THEN 'qr_scanned' WHEN 'sms' THEN 'sms_clicked' ELSE 'visit' END,
           c.id,
           CASE WHEN ${pick(`c.id || g || 'k'`, '3')} > 0 THEN k.ids[1 + ${pick(`c.id || g || 'q'`, 'cardinality(k.ids)')}] END,
           ${at} - ${pick(`c.id || g || 't'`, String(minutes))} * interval '1 minute'
    FROM history_customers c
    CROSS JOIN generate_series(1, ${size.touchpointsPerCustomer}) g
    CROSS JOIN LATERAL (SELECT (ARRAY['web', 'web', 'app', 'email', 'email', 'stream', 'social', 'sms'])[1 + ${pick(`c.id || g`, '8')}] AS channel) ch
    LEFT JOIN history_campaigns k ON k.channel = ch.channel
    WHERE ${pick(`c.id || 'p'`, '100')} < ${size.customersTouched};

    CREATE TEMP TABLE history_sales ON COMMIT DROP AS
    SELECT 'h-sale-' || g AS id, t.id AS till_id, t.store_id, t.country, t.currency, g AS receipt_no,
           CASE WHEN g % 4 = 0 THEN NULL ELSE c.id END AS customer_id,
           ${at} - ${pick(`'t' || g`, String(minutes))} * interval '1 minute' AS completed_at,
           (300 + ${pick(`'v' || g`, '40000')})::bigint AS total_minor,
           CASE ${pick(`'o' || g`, '6')} WHEN 0 THEN 'cart:web' WHEN 1 THEN 'cart:app' WHEN 2 THEN 'favourite' END AS origin
    FROM generate_series(1, ${size.sales}) g
    JOIN history_tills t ON t.n = 1 + ${pick(`'s' || g`, '(SELECT count(*) FROM history_tills)')}
    JOIN history_customers c ON c.n = 1 + ${pick(`'c' || g`, '(SELECT count(*) FROM history_customers)')};

    INSERT INTO sales (id, till_id, store_id, customer_id, cashier, receipt_no, country, currency, opened_at, completed_at, total_minor, vat)
    SELECT id, till_id, store_id, customer_id, 'Demo', receipt_no, country, currency, completed_at - interval '3 minutes', completed_at, total_minor,
           jsonb_build_array(jsonb_build_object('vatBasisPoints', 2000, 'grossMinor', total_minor, 'netMinor', total_minor * 5 / 6, 'vatMinor', total_minor - total_minor * 5 / 6))
    FROM history_sales;

    INSERT INTO sale_lines (id, sale_id, position, sku, name, qty_kind, quantity, unit_price_minor, line_total_minor, vat_basis_points, origin)
    SELECT id || '-1', id, 1, 'HISTORY', 'Sale of the demo history', 'unit', 1, total_minor, total_minor, 2000, CASE WHEN customer_id IS NOT NULL THEN origin END
    FROM history_sales;

    INSERT INTO touchpoints (id, channel, kind, customer_id, store_id, sale_id, occurred_at, attributed_channels)
    SELECT id, 'store', 'purchase', customer_id, store_id, id, completed_at,
           CASE WHEN customer_id IS NOT NULL AND origin LIKE 'cart:%' THEN ARRAY[substr(origin, 6)] END
    FROM history_sales;

    -- Every fifth order names the ULID its code was redeemed under (below); every eighth, a
    -- click-and-collect one, was collected within three days (not after now).
    INSERT INTO online_orders (id, client_id, order_ref, customer_id, channel, store_id, currency, total_minor, placed_at, lines, sale_id, collected_at)
    SELECT id, 'demo-history', id, customer_id, channel, store_id, currency, total_minor, placed_at,
           jsonb_build_array(jsonb_build_object('sku', 'HISTORY', 'quantity', 1, 'priceMinor', total_minor)),
           CASE WHEN g % 5 = 0 THEN id || '-promo' END,
           CASE WHEN g % 8 = 0 THEN least(placed_at + ${pick(`'oh' || g`, '72')} * interval '1 hour', ${at}) END
    FROM (SELECT g, 'h-order-' || g AS id, c.id AS customer_id, CASE WHEN g % 3 = 0 THEN 'app' ELSE 'web' END AS channel,
                 CASE WHEN g % 4 = 0 THEN t.store_id END AS store_id, t.currency,
                 (500 + ${pick(`'ov' || g`, '30000')})::bigint AS total_minor,
                 ${at} - ${pick(`'ot' || g`, String(minutes))} * interval '1 minute' AS placed_at
          FROM generate_series(1, ${size.onlineOrders}) g
          JOIN history_tills t ON t.n = 1 + ${pick(`'os' || g`, '(SELECT count(*) FROM history_tills)')}
          JOIN history_customers c ON c.n = 1 + ${pick(`'oc' || g`, '(SELECT count(*) FROM history_customers)')}) o;

    -- The shared stream code those orders redeemed, on their own channel.
    INSERT INTO redemptions (id, code, campaign_id, single_use, sale_id, till_id, channel, offline, discount_minor, currency, redeemed_at)
    SELECT DISTINCT ON (o.id) o.id || '-r', k.code, k.campaign_id, false, o.sale_id, NULL, o.channel, false, least(m.discount_value, o.total_minor / 2), o.currency, o.placed_at
    FROM online_orders o
    JOIN campaigns m ON m.channel = 'stream' AND m.currency = o.currency
    JOIN promo_codes k ON k.campaign_id = m.id AND NOT k.single_use
    WHERE o.client_id = 'demo-history' AND o.sale_id IS NOT NULL
    ORDER BY o.id, k.code;

    INSERT INTO redemptions (id, code, campaign_id, single_use, sale_id, till_id, channel, offline, discount_minor, currency, redeemed_at)
    SELECT DISTINCT ON (s.id) s.id || '-r', k.code, k.campaign_id, false, s.id, s.till_id, 'store', false, least(m.discount_value, s.total_minor / 2), s.currency, s.completed_at
    FROM history_sales s
    JOIN campaigns m ON m.channel = 'stream' AND m.currency = s.currency
    JOIN promo_codes k ON k.campaign_id = m.id AND NOT k.single_use
    WHERE ${pick(`s.id || 'r'`, '10')} = 0
    ORDER BY s.id, k.code;`;
}
