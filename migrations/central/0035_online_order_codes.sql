-- Omnitill Central Profile API, schema version 35: an online order carries the codes it redeemed,
-- and a click-and-collect order collected in a store counts on the online-to-store path.
-- The web shop and the app reserve and redeem codes through /v1/promo/* under a ULID of their own
-- (the "sale" of the redemption ledger). An order now names that ULID (sale_id); central accepts it
-- only when the codes the order lists are exactly the live redemptions the client's channel made
-- under it (central/src/customers/orders.ts). The redemptions rollup then gains the order as the
-- sale that redeemed the code: its revenue, by the channel that redeemed it.
-- A click-and-collect order (store_id set) is collected later: collected_at is when. The path counts
-- the collection as a store purchase at that store on the day it was collected (not the day it was
-- ordered: she came into the store then). Its revenue stays the order's channel's (analytics_orders),
-- never a store sale as well.
-- Released migrations are additive only: never DROP, never RENAME (central/test/migrations.test.ts).

ALTER TABLE online_orders ADD COLUMN sale_id text;
ALTER TABLE online_orders ADD COLUMN collected_at timestamptz;
ALTER TABLE online_orders ADD CONSTRAINT online_orders_collected_in_store CHECK (collected_at IS NULL OR store_id IS NOT NULL);
CREATE UNIQUE INDEX online_orders_by_sale ON online_orders (sale_id) WHERE sale_id IS NOT NULL;
CREATE INDEX online_orders_collected ON online_orders (customer_id, collected_at) WHERE collected_at IS NOT NULL;

-- Redemption rows counted with a sign, with the sale that redeemed them: a till's sale, or the
-- online order that names a channel redemption's ULID.
CREATE OR REPLACE FUNCTION analytics_count_redemptions(rows jsonb, sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO analytics_redemptions AS a (day, campaign_id, channel, store_key, currency, redemptions, discount_minor, sales, revenue_minor)
  SELECT local_day(r.redeemed_at, z.zone), r.campaign_id, r.channel, coalesce(t.store_id, ''), r.currency,
         sign * count(*), sign * sum(r.discount_minor), sign * (count(s.id) + count(o.id)),
         sign * (coalesce(sum(s.total_minor), 0) + coalesce(sum(o.total_minor), 0))
  FROM jsonb_populate_recordset(NULL::redemptions, rows) r
  CROSS JOIN (SELECT chain_time_zone() AS zone) z
  LEFT JOIN tills t ON t.id = r.till_id
  LEFT JOIN sales s ON s.id = r.sale_id
  LEFT JOIN online_orders o ON r.till_id IS NULL AND o.sale_id = r.sale_id
  WHERE r.rolled_back_at IS NULL
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (day, campaign_id, channel, store_key, currency) DO UPDATE SET
    redemptions = a.redemptions + EXCLUDED.redemptions, discount_minor = a.discount_minor + EXCLUDED.discount_minor,
    sales = a.sales + EXCLUDED.sales, revenue_minor = a.revenue_minor + EXCLUDED.revenue_minor
$$;

-- An order naming its redemptions brings its revenue to them (the redemptions were written first:
-- the order is refused otherwise).
CREATE FUNCTION analytics_order_redemptions_added() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  zone text := chain_time_zone();
BEGIN
  INSERT INTO analytics_redemptions AS a (day, campaign_id, channel, store_key, currency, redemptions, discount_minor, sales, revenue_minor)
  SELECT local_day(r.redeemed_at, zone), r.campaign_id, r.channel, '', r.currency, 0, 0, count(*), sum(n.total_minor)
  FROM new_rows n JOIN redemptions r ON r.sale_id = n.sale_id AND r.till_id IS NULL AND r.rolled_back_at IS NULL
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (day, campaign_id, channel, store_key, currency) DO UPDATE SET
    sales = a.sales + EXCLUDED.sales, revenue_minor = a.revenue_minor + EXCLUDED.revenue_minor;
  RETURN NULL;
END
$$;
CREATE TRIGGER analytics_online_order_redemptions AFTER INSERT ON online_orders REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_order_redemptions_added();

-- The path of each customer: her first store purchase at or after her first online intent is a
-- till's sale or an online order collected in a store, whichever came first.
CREATE OR REPLACE FUNCTION analytics_path_of(ids text[]) RETURNS SETOF analytics_paths LANGUAGE sql STABLE AS $$
  SELECT i.customer_id, i.first_at,
         CASE WHEN ft.occurred_at <= i.first_at THEN ft.channel ELSE i.channel END,
         coalesce(fc.campaign_id, ''),
         coalesce(p.store_id, ''),
         CASE WHEN p.completed_at IS NULL THEN -1 ELSE floor(extract(epoch FROM p.completed_at - i.first_at) / 86400)::integer END
  FROM analytics_intents i
  LEFT JOIN LATERAL (SELECT t.channel, t.occurred_at FROM touchpoints t WHERE t.customer_id = i.customer_id
                     ORDER BY t.occurred_at, t.id LIMIT 1) ft ON true
  LEFT JOIN LATERAL (SELECT t.campaign_id FROM touchpoints t WHERE t.customer_id = i.customer_id AND t.campaign_id IS NOT NULL
                     ORDER BY t.occurred_at, t.id LIMIT 1) fc ON true
  LEFT JOIN LATERAL (SELECT b.completed_at, b.store_id FROM (
                       (SELECT s.completed_at, s.store_id, s.id FROM sales s WHERE s.customer_id = i.customer_id AND s.completed_at >= i.first_at
                        ORDER BY s.completed_at, s.id LIMIT 1)
                       UNION ALL
                       (SELECT o.collected_at, o.store_id, o.id FROM online_orders o
                        WHERE o.customer_id = i.customer_id AND o.collected_at IS NOT NULL AND o.collected_at >= i.first_at
                        ORDER BY o.collected_at, o.id LIMIT 1)) b
                     ORDER BY b.completed_at, b.id LIMIT 1) p ON true
  WHERE ids IS NULL OR i.customer_id = ANY (ids)
$$;

-- A collection moves her path.
CREATE FUNCTION analytics_orders_collected() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_refresh_paths(array_agg(DISTINCT n.customer_id))
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE o.collected_at IS DISTINCT FROM n.collected_at;
  RETURN NULL;
END
$$;
CREATE TRIGGER analytics_online_orders_collected AFTER UPDATE ON online_orders REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_orders_collected();

-- The redemptions rollup recomputed from the facts (one function, so its next change is one replace).
CREATE FUNCTION analytics_rebuild_redemptions(zone text) RETURNS void LANGUAGE sql AS $$
  DELETE FROM analytics_redemptions;
  INSERT INTO analytics_redemptions (day, campaign_id, channel, store_key, currency, redemptions, discount_minor, sales, revenue_minor)
  SELECT local_day(r.redeemed_at, zone), r.campaign_id, r.channel, coalesce(t.store_id, ''), r.currency,
         count(*), sum(r.discount_minor), count(s.id) + count(o.id), coalesce(sum(s.total_minor), 0) + coalesce(sum(o.total_minor), 0)
  FROM redemptions r LEFT JOIN tills t ON t.id = r.till_id LEFT JOIN sales s ON s.id = r.sale_id
  LEFT JOIN online_orders o ON r.till_id IS NULL AND o.sale_id = r.sale_id
  WHERE r.rolled_back_at IS NULL GROUP BY 1, 2, 3, 4, 5;
$$;

CREATE OR REPLACE FUNCTION analytics_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  zone text := chain_time_zone();
BEGIN
  DELETE FROM analytics_touches;
  DELETE FROM analytics_reach;
  DELETE FROM analytics_codes;
  DELETE FROM analytics_sales;
  DELETE FROM analytics_orders;
  DELETE FROM analytics_paths;
  DELETE FROM analytics_path_days;

  INSERT INTO analytics_touches (day, channel, store_key, campaign_key, touches)
  SELECT local_day(occurred_at, zone), channel, coalesce(store_id, ''), coalesce(campaign_id, ''), count(*)
  FROM touchpoints GROUP BY 1, 2, 3, 4;

  INSERT INTO analytics_reach (grain, dim, period, dim_value, store_key, sketch)
  SELECT grain, dim, period, dim_value, store_key, array_agg(v ORDER BY v)
  FROM (SELECT k.grain, k.dim, k.period, k.dim_value, coalesce(n.store_id, '') AS store_key, max(n.v) AS v
        FROM (SELECT t.*, hll_register(t.customer_id) AS v, local_day(t.occurred_at, zone) AS day FROM touchpoints t WHERE t.customer_id IS NOT NULL) n
        CROSS JOIN LATERAL (VALUES ('d', 'channel', n.day, n.channel),
                                   ('m', 'channel', date_trunc('month', n.day)::date, n.channel),
                                   ('d', 'campaign', n.day, n.campaign_id),
                                   ('m', 'campaign', date_trunc('month', n.day)::date, n.campaign_id)) AS k(grain, dim, period, dim_value)
        WHERE k.dim_value IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5, n.v >> 6) r
  GROUP BY 1, 2, 3, 4, 5;

  INSERT INTO analytics_codes (day, campaign_id, issued)
  SELECT local_day(issued_at, zone), campaign_id, count(*) FROM promo_codes GROUP BY 1, 2;

  PERFORM analytics_rebuild_redemptions(zone);

  INSERT INTO analytics_sales (day, store_id, channel, currency, sales, revenue_minor)
  SELECT local_day(s.completed_at, zone), s.store_id, ch, s.currency, count(*), sum(s.total_minor)
  FROM touchpoints n JOIN sales s ON s.id = n.sale_id
  CROSS JOIN LATERAL unnest(coalesce(n.attributed_channels, '{store}') || '{*}'::text[]) AS ch
  WHERE n.kind = 'purchase' AND n.channel = 'store'
  GROUP BY 1, 2, 3, 4;

  INSERT INTO analytics_orders (day, store_key, channel, currency, orders, revenue_minor)
  SELECT local_day(placed_at, zone), coalesce(store_id, ''), channel, currency, count(*), sum(total_minor)
  FROM online_orders GROUP BY 1, 2, 3, 4;

  INSERT INTO analytics_intents AS i (customer_id, first_at, channel)
  SELECT DISTINCT ON (customer_id) customer_id, added_at, channel
  FROM (SELECT customer_id, channel, added_at FROM cart_lines
        UNION ALL SELECT customer_id, channel, added_at FROM favourites WHERE channel IN ('web', 'app')
        UNION ALL SELECT customer_id, channel, placed_at FROM online_orders) x
  ORDER BY customer_id, added_at, channel
  ON CONFLICT (customer_id) DO UPDATE SET first_at = EXCLUDED.first_at, channel = EXCLUDED.channel
    WHERE (EXCLUDED.first_at, EXCLUDED.channel) < (i.first_at, i.channel);

  INSERT INTO analytics_paths SELECT * FROM analytics_path_of(NULL);
  INSERT INTO analytics_path_days (day, first_channel, first_campaign_key, store_key, days, customers)
  SELECT local_day(intent_at, zone), first_channel, first_campaign_key, store_key, days, count(*)
  FROM analytics_paths GROUP BY 1, 2, 3, 4, 5;
END
$$;
