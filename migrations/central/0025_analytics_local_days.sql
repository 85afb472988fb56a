-- Omnitill Central Profile API, schema version 25: report days are the chain's days, and web and
-- app orders count as their channel's sales.
-- A day of the rollups was a UTC day, so a sale at 01:00 in Chișinău (23:00 UTC) counted for the
-- day before. Days are now local days in the chain's time zone (central_meta 'time_zone', the zone
-- the console shows campaign validity in); changing the zone rebuilds the rollups.
-- Online orders (online_orders) are rolled up beside the store sales, by the day they were placed,
-- their channel and the store a click-and-collect order is collected in ('' none); an order is
-- also a customer's online intent for the online-to-store path, as a cart line is.
-- Released migrations are additive only: never DROP, never RENAME (central/test/migrations.test.ts).

CREATE FUNCTION chain_time_zone() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT value FROM central_meta WHERE key = 'time_zone'), 'UTC')
$$;

-- The local day of an instant in a zone. Inlined by the planner; the functions below read the
-- zone once per statement and pass it.
CREATE FUNCTION local_day(t timestamptz, zone text) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (t AT TIME ZONE zone)::date
$$;

-- Online orders by the local day placed, store ('' online only), channel and currency.
CREATE TABLE analytics_orders (
  day           date NOT NULL,
  store_key     text NOT NULL,
  channel       text NOT NULL,
  currency      text NOT NULL,
  orders        bigint NOT NULL,
  revenue_minor bigint NOT NULL,
  PRIMARY KEY (day, store_key, channel, currency)
);

CREATE OR REPLACE FUNCTION analytics_refresh_paths(ids text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  mine text[];
  zone text := chain_time_zone();
BEGIN
  SELECT array_agg(customer_id ORDER BY customer_id) INTO mine
  FROM analytics_intents WHERE customer_id = ANY (ids);
  IF mine IS NULL THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(8150092, b) FROM (SELECT DISTINCT abs(hashtext(c) % 1024) AS b FROM unnest(mine) c ORDER BY 1) x;
  INSERT INTO analytics_path_days AS d (day, first_channel, first_campaign_key, store_key, days, customers)
  SELECT local_day(intent_at, zone), first_channel, first_campaign_key, store_key, days, -count(*)
  FROM analytics_paths WHERE customer_id = ANY (mine) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (day, first_channel, first_campaign_key, store_key, days) DO UPDATE SET customers = d.customers + EXCLUDED.customers;
  DELETE FROM analytics_paths WHERE customer_id = ANY (mine);
  INSERT INTO analytics_paths SELECT * FROM analytics_path_of(mine);
  INSERT INTO analytics_path_days AS d (day, first_channel, first_campaign_key, store_key, days, customers)
  SELECT local_day(intent_at, zone), first_channel, first_campaign_key, store_key, days, count(*)
  FROM analytics_paths WHERE customer_id = ANY (mine) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (day, first_channel, first_campaign_key, store_key, days) DO UPDATE SET customers = d.customers + EXCLUDED.customers;
END
$$;

CREATE OR REPLACE FUNCTION analytics_codes_added() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  zone text := chain_time_zone();
BEGIN
  INSERT INTO analytics_codes AS a (day, campaign_id, issued)
  SELECT local_day(issued_at, zone), campaign_id, count(*) FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (day, campaign_id) DO UPDATE SET issued = a.issued + EXCLUDED.issued;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION analytics_count_redemptions(rows jsonb, sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO analytics_redemptions AS a (day, campaign_id, channel, store_key, currency, redemptions, discount_minor, sales, revenue_minor)
  SELECT local_day(r.redeemed_at, z.zone), r.campaign_id, r.channel, coalesce(t.store_id, ''), r.currency,
         sign * count(*), sign * sum(r.discount_minor), sign * count(s.id), sign * coalesce(sum(s.total_minor), 0)
  FROM jsonb_populate_recordset(NULL::redemptions, rows) r
  CROSS JOIN (SELECT chain_time_zone() AS zone) z
  LEFT JOIN tills t ON t.id = r.till_id
  LEFT JOIN sales s ON s.id = r.sale_id
  WHERE r.rolled_back_at IS NULL
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (day, campaign_id, channel, store_key, currency) DO UPDATE SET
    redemptions = a.redemptions + EXCLUDED.redemptions, discount_minor = a.discount_minor + EXCLUDED.discount_minor,
    sales = a.sales + EXCLUDED.sales, revenue_minor = a.revenue_minor + EXCLUDED.revenue_minor
$$;

CREATE OR REPLACE FUNCTION analytics_touchpoints_added() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  zone text := chain_time_zone();
BEGIN
  INSERT INTO analytics_touches AS a (day, channel, store_key, campaign_key, touches)
  SELECT local_day(occurred_at, zone), channel, coalesce(store_id, ''), coalesce(campaign_id, ''), count(*)
  FROM new_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (day, channel, store_key, campaign_key) DO UPDATE SET touches = a.touches + EXCLUDED.touches;

  INSERT INTO analytics_reach AS a (grain, dim, period, dim_value, store_key, sketch)
  SELECT grain, dim, period, dim_value, store_key, array_agg(v ORDER BY v)
  FROM (SELECT k.grain, k.dim, k.period, k.dim_value, coalesce(n.store_id, '') AS store_key, max(hll_register(n.customer_id)) AS v
        FROM new_rows n
        CROSS JOIN LATERAL (VALUES ('d', 'channel', local_day(n.occurred_at, zone), n.channel),
                                   ('m', 'channel', date_trunc('month', local_day(n.occurred_at, zone))::date, n.channel),
                                   ('d', 'campaign', local_day(n.occurred_at, zone), n.campaign_id),
                                   ('m', 'campaign', date_trunc('month', local_day(n.occurred_at, zone))::date, n.campaign_id)) AS k(grain, dim, period, dim_value)
        WHERE n.customer_id IS NOT NULL AND k.dim_value IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5, hll_register(n.customer_id) >> 6) r
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (grain, dim, period, dim_value, store_key) DO UPDATE SET sketch = hll_union(a.sketch, EXCLUDED.sketch);

  INSERT INTO analytics_sales AS a (day, store_id, channel, currency, sales, revenue_minor)
  SELECT local_day(s.completed_at, zone), s.store_id, ch, s.currency, count(*), sum(s.total_minor)
  FROM new_rows n JOIN sales s ON s.id = n.sale_id
  CROSS JOIN LATERAL unnest(coalesce(n.attributed_channels, '{store}') || '{*}'::text[]) AS ch
  WHERE n.kind = 'purchase' AND n.channel = 'store'
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (day, store_id, channel, currency) DO UPDATE SET sales = a.sales + EXCLUDED.sales, revenue_minor = a.revenue_minor + EXCLUDED.revenue_minor;

  INSERT INTO analytics_redemptions AS a (day, campaign_id, channel, store_key, currency, redemptions, discount_minor, sales, revenue_minor)
  SELECT local_day(r.redeemed_at, zone), r.campaign_id, r.channel, coalesce(t.store_id, ''), r.currency, 0, 0, count(*), sum(s.total_minor)
  FROM new_rows n JOIN sales s ON s.id = n.sale_id
  JOIN redemptions r ON r.sale_id = s.id AND r.rolled_back_at IS NULL
  LEFT JOIN tills t ON t.id = r.till_id
  WHERE n.kind = 'purchase' AND n.channel = 'store'
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (day, campaign_id, channel, store_key, currency) DO UPDATE SET
    sales = a.sales + EXCLUDED.sales, revenue_minor = a.revenue_minor + EXCLUDED.revenue_minor;

  PERFORM analytics_refresh_paths(array_agg(DISTINCT customer_id)) FROM new_rows WHERE customer_id IS NOT NULL;
  RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION analytics_touchpoints_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  zone text := chain_time_zone();
BEGIN
  -- The purchase leaves the channels it counted under and joins the ones it has now ('*' stays).
  INSERT INTO analytics_sales AS a (day, store_id, channel, currency, sales, revenue_minor)
  SELECT local_day(s.completed_at, zone), s.store_id, d.ch, s.currency, sum(d.sign), sum(d.sign * s.total_minor)
  FROM (SELECT o.sale_id, ch, -1 AS sign
        FROM old_rows o JOIN new_rows n ON n.id = o.id
        CROSS JOIN LATERAL unnest(coalesce(o.attributed_channels, '{store}')) AS ch
        WHERE o.kind = 'purchase' AND o.channel = 'store' AND o.attributed_channels IS DISTINCT FROM n.attributed_channels
        UNION ALL
        SELECT n.sale_id, ch, 1
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        CROSS JOIN LATERAL unnest(coalesce(n.attributed_channels, '{store}')) AS ch
        WHERE n.kind = 'purchase' AND n.channel = 'store' AND o.attributed_channels IS DISTINCT FROM n.attributed_channels) d
  JOIN sales s ON s.id = d.sale_id
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (day, store_id, channel, currency) DO UPDATE SET sales = a.sales + EXCLUDED.sales, revenue_minor = a.revenue_minor + EXCLUDED.revenue_minor;

  -- A touchpoint that now names her reaches her (sketches only grow, as customer ids are only set).
  INSERT INTO analytics_reach AS a (grain, dim, period, dim_value, store_key, sketch)
  SELECT grain, dim, period, dim_value, store_key, array_agg(v ORDER BY v)
  FROM (SELECT k.grain, k.dim, k.period, k.dim_value, coalesce(n.store_id, '') AS store_key, max(hll_register(n.customer_id)) AS v
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        CROSS JOIN LATERAL (VALUES ('d', 'channel', local_day(n.occurred_at, zone), n.channel),
                                   ('m', 'channel', date_trunc('month', local_day(n.occurred_at, zone))::date, n.channel),
                                   ('d', 'campaign', local_day(n.occurred_at, zone), n.campaign_id),
                                   ('m', 'campaign', date_trunc('month', local_day(n.occurred_at, zone))::date, n.campaign_id)) AS k(grain, dim, period, dim_value)
        WHERE o.customer_id IS NULL AND n.customer_id IS NOT NULL AND k.dim_value IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5, hll_register(n.customer_id) >> 6) r
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (grain, dim, period, dim_value, store_key) DO UPDATE SET sketch = hll_union(a.sketch, EXCLUDED.sketch);

  -- Her first touch or first campaign may now be this one.
  PERFORM analytics_refresh_paths(array_agg(DISTINCT n.customer_id))
  FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE n.customer_id IS NOT NULL AND o.customer_id IS DISTINCT FROM n.customer_id;
  RETURN NULL;
END
$$;

-- An order placed online: its channel's sale, and her online intent.
CREATE FUNCTION analytics_orders_added() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  zone text := chain_time_zone();
BEGIN
  INSERT INTO analytics_orders AS a (day, store_key, channel, currency, orders, revenue_minor)
  SELECT local_day(placed_at, zone), coalesce(store_id, ''), channel, currency, count(*), sum(total_minor)
  FROM new_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (day, store_key, channel, currency) DO UPDATE SET orders = a.orders + EXCLUDED.orders, revenue_minor = a.revenue_minor + EXCLUDED.revenue_minor;
  PERFORM analytics_add_intents((SELECT jsonb_agg(jsonb_build_object('customer_id', customer_id, 'channel', channel, 'added_at', placed_at)) FROM new_rows));
  RETURN NULL;
END
$$;
CREATE TRIGGER analytics_online_orders AFTER INSERT ON online_orders REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_orders_added();

CREATE OR REPLACE FUNCTION analytics_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  zone text := chain_time_zone();
BEGIN
  DELETE FROM analytics_touches;
  DELETE FROM analytics_reach;
  DELETE FROM analytics_codes;
  DELETE FROM analytics_redemptions;
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

  INSERT INTO analytics_redemptions (day, campaign_id, channel, store_key, currency, redemptions, discount_minor, sales, revenue_minor)
  SELECT local_day(r.redeemed_at, zone), r.campaign_id, r.channel, coalesce(t.store_id, ''), r.currency,
         count(*), sum(r.discount_minor), count(s.id), coalesce(sum(s.total_minor), 0)
  FROM redemptions r LEFT JOIN tills t ON t.id = r.till_id LEFT JOIN sales s ON s.id = r.sale_id
  WHERE r.rolled_back_at IS NULL GROUP BY 1, 2, 3, 4, 5;

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

-- Another zone moves every day boundary: the rollups are recomputed in it.
CREATE FUNCTION analytics_zone_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_rebuild();
  RETURN NULL;
END
$$;
CREATE TRIGGER analytics_time_zone AFTER UPDATE OF value ON central_meta
  FOR EACH ROW WHEN (NEW.key = 'time_zone' AND OLD.value IS DISTINCT FROM NEW.value) EXECUTE FUNCTION analytics_zone_changed();

-- The rollups so far, in local days and with the orders.
SELECT analytics_rebuild();
