-- Omnitill Central Profile API, schema version 14: analytics rollups.
-- The console's reports (per channel, per campaign, the online-to-store path, by store and by day)
-- read these small tables, never the facts. Triggers keep them up to date in the transaction that
-- writes the facts (a push, a channel call, an issuance), so a report is as fresh as the data.
-- analytics_rebuild() recomputes them from the facts: the backfill below, and what the property
-- test holds the incremental path against. Days are UTC days.
-- Released migrations are additive only: never DROP, never RENAME (central/test/migrations.test.ts).

-- Distinct customers cannot be summed over days, so reach is a HyperLogLog sketch (2048 registers,
-- about 2.3 % standard error, exact-ish below a few thousand): a customer id hashes to a register
-- and a rank; a sketch is the sorted array of register * 64 + highest rank, for non-empty registers.
-- Sketches of days, months, stores and campaigns merge by taking each register's highest rank.
-- One expression, so the planner inlines it (a function call per touchpoint is what costs).
CREATE FUNCTION hll_register(customer_id text) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (((hashtextextended(customer_id, 0) & 2047) << 6)
          | CASE WHEN (hashtextextended(customer_id, 0) >> 11) & 1099511627775 = 0 THEN 41
                 ELSE 1 + round(ln((((hashtextextended(customer_id, 0) >> 11) & 1099511627775)
                                    & -((hashtextextended(customer_id, 0) >> 11) & 1099511627775))::float8) / ln(2))::integer END)::integer
$$;

CREATE FUNCTION hll_union(a integer[], b integer[]) RETURNS integer[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(v ORDER BY v), '{}') FROM (SELECT max(v) AS v FROM unnest(a || b) v GROUP BY v >> 6) x
$$;

CREATE FUNCTION utc_day(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (t AT TIME ZONE 'UTC')::date
$$;

-- Touchpoints per day, channel, store ('' online) and campaign ('' none).
CREATE TABLE analytics_touches (
  day          date NOT NULL,
  channel      text NOT NULL,
  store_key    text NOT NULL,
  campaign_key text NOT NULL,
  touches      bigint NOT NULL,
  PRIMARY KEY (day, channel, store_key, campaign_key)
);

-- Reach sketches by day ('d') and by calendar month ('m', period = its first day), per channel or campaign.
CREATE TABLE analytics_reach (
  grain     text NOT NULL CHECK (grain IN ('d', 'm')),
  dim       text NOT NULL CHECK (dim IN ('channel', 'campaign')),
  period    date NOT NULL,
  dim_value text NOT NULL,
  store_key text NOT NULL,
  sketch    integer[] NOT NULL,
  PRIMARY KEY (grain, dim, period, dim_value, store_key)
);

CREATE TABLE analytics_codes (
  day         date NOT NULL,
  campaign_id text NOT NULL,
  issued      bigint NOT NULL,
  PRIMARY KEY (day, campaign_id)
);

-- Redemptions still standing, by the day redeemed and the store (the till's; '' online), with the
-- discount given and the sales that redeemed them (count and total, once central has the sale).
CREATE TABLE analytics_redemptions (
  day            date NOT NULL,
  campaign_id    text NOT NULL,
  channel        text NOT NULL,
  store_key      text NOT NULL,
  currency       text NOT NULL,
  redemptions    bigint NOT NULL,
  discount_minor bigint NOT NULL,
  sales          bigint NOT NULL,
  revenue_minor  bigint NOT NULL,
  PRIMARY KEY (day, campaign_id, channel, store_key, currency)
);

-- Store sales by the channel that brought them: each online cart a line came from
-- (touchpoints.attributed_channels), else 'store'. A sale from two carts counts for both, so every
-- sale is also counted once under channel '*' (the store's and the day's totals).
CREATE TABLE analytics_sales (
  day           date NOT NULL,
  store_id      text NOT NULL,
  channel       text NOT NULL,
  currency      text NOT NULL,
  sales         bigint NOT NULL,
  revenue_minor bigint NOT NULL,
  PRIMARY KEY (day, store_id, channel, currency)
);

-- When a customer first showed online intent (a line in a web or app cart, an online favourite).
-- Carts are replaced and emptied, so this is the durable record: it only ever moves earlier.
CREATE TABLE analytics_intents (
  customer_id text PRIMARY KEY,
  first_at    timestamptz NOT NULL,
  channel     text NOT NULL
);

-- Each customer with an intent: the channel of her first touch (her first touchpoint if it came
-- no later than the intent, else the intent's own channel), the campaign of her first campaign
-- touchpoint, and her first store purchase at or after the intent (days after it; -1: none yet).
CREATE TABLE analytics_paths (
  customer_id        text PRIMARY KEY,
  intent_at          timestamptz NOT NULL,
  first_channel      text NOT NULL,
  first_campaign_key text NOT NULL,
  store_key          text NOT NULL,
  days               integer NOT NULL
);

-- The paths counted by intent day: a histogram of days to the store, so "within N days" and the
-- median are read for any N.
CREATE TABLE analytics_path_days (
  day                date NOT NULL,
  first_channel      text NOT NULL,
  first_campaign_key text NOT NULL,
  store_key          text NOT NULL,
  days               integer NOT NULL,
  customers          bigint NOT NULL,
  PRIMARY KEY (day, first_channel, first_campaign_key, store_key, days)
);

-- The path of each customer in `ids` (all customers with an intent when null), from the facts.
CREATE FUNCTION analytics_path_of(ids text[]) RETURNS SETOF analytics_paths LANGUAGE sql STABLE AS $$
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
  LEFT JOIN LATERAL (SELECT s.completed_at, s.store_id FROM sales s WHERE s.customer_id = i.customer_id AND s.completed_at >= i.first_at
                     ORDER BY s.completed_at, s.id LIMIT 1) p ON true
  WHERE ids IS NULL OR i.customer_id = ANY (ids)
$$;

-- Recomputes the paths of these customers and moves their counts in the histogram. Customers are
-- locked (by one of 1024 buckets, so a bulk load stays within the lock table) in a fixed order:
-- concurrent pushes touching one customer take turns (no deadlock) and the later one reads what
-- the earlier committed.
CREATE FUNCTION analytics_refresh_paths(ids text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  mine text[];
BEGIN
  SELECT array_agg(customer_id ORDER BY customer_id) INTO mine
  FROM analytics_intents WHERE customer_id = ANY (ids);
  IF mine IS NULL THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(8150092, b) FROM (SELECT DISTINCT abs(hashtext(c) % 1024) AS b FROM unnest(mine) c ORDER BY 1) x;
  INSERT INTO analytics_path_days AS d (day, first_channel, first_campaign_key, store_key, days, customers)
  SELECT utc_day(intent_at), first_channel, first_campaign_key, store_key, days, -count(*)
  FROM analytics_paths WHERE customer_id = ANY (mine) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (day, first_channel, first_campaign_key, store_key, days) DO UPDATE SET customers = d.customers + EXCLUDED.customers;
  DELETE FROM analytics_paths WHERE customer_id = ANY (mine);
  INSERT INTO analytics_paths SELECT * FROM analytics_path_of(mine);
  INSERT INTO analytics_path_days AS d (day, first_channel, first_campaign_key, store_key, days, customers)
  SELECT utc_day(intent_at), first_channel, first_campaign_key, store_key, days, count(*)
  FROM analytics_paths WHERE customer_id = ANY (mine) GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (day, first_channel, first_campaign_key, store_key, days) DO UPDATE SET customers = d.customers + EXCLUDED.customers;
END
$$;

-- Online intents from cart lines and favourites (rows with customer_id, channel, added_at).
CREATE FUNCTION analytics_add_intents(rows jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  moved text[];
BEGIN
  WITH earliest AS (
    SELECT DISTINCT ON (r.customer_id) r.customer_id, r.added_at, r.channel
    FROM jsonb_to_recordset(rows) AS r(customer_id text, channel text, added_at timestamptz)
    WHERE r.channel IN ('web', 'app')
    ORDER BY r.customer_id, r.added_at, r.channel),
  upserted AS (
    INSERT INTO analytics_intents AS i (customer_id, first_at, channel)
    SELECT customer_id, added_at, channel FROM earliest ORDER BY customer_id
    ON CONFLICT (customer_id) DO UPDATE SET first_at = EXCLUDED.first_at, channel = EXCLUDED.channel
      WHERE (EXCLUDED.first_at, EXCLUDED.channel) < (i.first_at, i.channel)
    RETURNING customer_id)
  SELECT array_agg(customer_id) INTO moved FROM upserted;
  IF moved IS NOT NULL THEN PERFORM analytics_refresh_paths(moved); END IF;
END
$$;

CREATE FUNCTION analytics_intent_rows_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_add_intents((SELECT jsonb_agg(jsonb_build_object('customer_id', customer_id, 'channel', channel, 'added_at', added_at)) FROM new_rows));
  RETURN NULL;
END
$$;
CREATE TRIGGER analytics_cart_lines AFTER INSERT ON cart_lines REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_intent_rows_added();
CREATE TRIGGER analytics_favourites AFTER INSERT ON favourites REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_intent_rows_added();

CREATE FUNCTION analytics_codes_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_codes AS a (day, campaign_id, issued)
  SELECT utc_day(issued_at), campaign_id, count(*) FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (day, campaign_id) DO UPDATE SET issued = a.issued + EXCLUDED.issued;
  RETURN NULL;
END
$$;
CREATE TRIGGER analytics_promo_codes AFTER INSERT ON promo_codes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_codes_added();

-- Redemption rows (as jsonb) counted with a sign: +1 as they are written, -1 as they change or go.
CREATE FUNCTION analytics_count_redemptions(rows jsonb, sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO analytics_redemptions AS a (day, campaign_id, channel, store_key, currency, redemptions, discount_minor, sales, revenue_minor)
  SELECT utc_day(r.redeemed_at), r.campaign_id, r.channel, coalesce(t.store_id, ''), r.currency,
         sign * count(*), sign * sum(r.discount_minor), sign * count(s.id), sign * coalesce(sum(s.total_minor), 0)
  FROM jsonb_populate_recordset(NULL::redemptions, rows) r
  LEFT JOIN tills t ON t.id = r.till_id
  LEFT JOIN sales s ON s.id = r.sale_id
  WHERE r.rolled_back_at IS NULL
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (day, campaign_id, channel, store_key, currency) DO UPDATE SET
    redemptions = a.redemptions + EXCLUDED.redemptions, discount_minor = a.discount_minor + EXCLUDED.discount_minor,
    sales = a.sales + EXCLUDED.sales, revenue_minor = a.revenue_minor + EXCLUDED.revenue_minor
$$;

CREATE FUNCTION analytics_redemptions_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_count_redemptions((SELECT jsonb_agg(to_jsonb(n)) FROM new_rows n), 1);
  RETURN NULL;
END
$$;
CREATE FUNCTION analytics_redemptions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_count_redemptions((SELECT jsonb_agg(to_jsonb(o)) FROM old_rows o), -1);
  PERFORM analytics_count_redemptions((SELECT jsonb_agg(to_jsonb(n)) FROM new_rows n), 1);
  RETURN NULL;
END
$$;
CREATE FUNCTION analytics_redemptions_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_count_redemptions((SELECT jsonb_agg(to_jsonb(o)) FROM old_rows o), -1);
  RETURN NULL;
END
$$;
CREATE TRIGGER analytics_redemptions_insert AFTER INSERT ON redemptions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_redemptions_added();
CREATE TRIGGER analytics_redemptions_update AFTER UPDATE ON redemptions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_redemptions_changed();
CREATE TRIGGER analytics_redemptions_delete AFTER DELETE ON redemptions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_redemptions_removed();

-- A touchpoint counts as a touch and towards reach; a store purchase (push_sale_ops writes one per
-- sale, after its lines) brings the sale into the sales rollup and into the revenue of redemptions
-- reported before it; a customer's path is refreshed.
CREATE FUNCTION analytics_touchpoints_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO analytics_touches AS a (day, channel, store_key, campaign_key, touches)
  SELECT utc_day(occurred_at), channel, coalesce(store_id, ''), coalesce(campaign_id, ''), count(*)
  FROM new_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (day, channel, store_key, campaign_key) DO UPDATE SET touches = a.touches + EXCLUDED.touches;

  INSERT INTO analytics_reach AS a (grain, dim, period, dim_value, store_key, sketch)
  SELECT grain, dim, period, dim_value, store_key, array_agg(v ORDER BY v)
  FROM (SELECT k.grain, k.dim, k.period, k.dim_value, coalesce(n.store_id, '') AS store_key, max(hll_register(n.customer_id)) AS v
        FROM new_rows n
        CROSS JOIN LATERAL (VALUES ('d', 'channel', utc_day(n.occurred_at), n.channel),
                                   ('m', 'channel', date_trunc('month', utc_day(n.occurred_at))::date, n.channel),
                                   ('d', 'campaign', utc_day(n.occurred_at), n.campaign_id),
                                   ('m', 'campaign', date_trunc('month', utc_day(n.occurred_at))::date, n.campaign_id)) AS k(grain, dim, period, dim_value)
        WHERE n.customer_id IS NOT NULL AND k.dim_value IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5, hll_register(n.customer_id) >> 6) r
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (grain, dim, period, dim_value, store_key) DO UPDATE SET sketch = hll_union(a.sketch, EXCLUDED.sketch);

  INSERT INTO analytics_sales AS a (day, store_id, channel, currency, sales, revenue_minor)
  SELECT utc_day(s.completed_at), s.store_id, ch, s.currency, count(*), sum(s.total_minor)
  FROM new_rows n JOIN sales s ON s.id = n.sale_id
  CROSS JOIN LATERAL unnest(coalesce(n.attributed_channels, '{store}') || '{*}'::text[]) AS ch
  WHERE n.kind = 'purchase' AND n.channel = 'store'
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (day, store_id, channel, currency) DO UPDATE SET sales = a.sales + EXCLUDED.sales, revenue_minor = a.revenue_minor + EXCLUDED.revenue_minor;

  INSERT INTO analytics_redemptions AS a (day, campaign_id, channel, store_key, currency, redemptions, discount_minor, sales, revenue_minor)
  SELECT utc_day(r.redeemed_at), r.campaign_id, r.channel, coalesce(t.store_id, ''), r.currency, 0, 0, count(*), sum(s.total_minor)
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
CREATE TRIGGER analytics_touchpoints AFTER INSERT ON touchpoints REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_touchpoints_added();

-- Every rollup recomputed from the facts. Intents are kept and only moved earlier by what the
-- carts and favourites hold now: the carts of the past are gone, the intents they showed are not.
CREATE FUNCTION analytics_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM analytics_touches;
  DELETE FROM analytics_reach;
  DELETE FROM analytics_codes;
  DELETE FROM analytics_redemptions;
  DELETE FROM analytics_sales;
  DELETE FROM analytics_paths;
  DELETE FROM analytics_path_days;

  INSERT INTO analytics_touches (day, channel, store_key, campaign_key, touches)
  SELECT utc_day(occurred_at), channel, coalesce(store_id, ''), coalesce(campaign_id, ''), count(*)
  FROM touchpoints GROUP BY 1, 2, 3, 4;

  INSERT INTO analytics_reach (grain, dim, period, dim_value, store_key, sketch)
  SELECT grain, dim, period, dim_value, store_key, array_agg(v ORDER BY v)
  FROM (SELECT k.grain, k.dim, k.period, k.dim_value, coalesce(n.store_id, '') AS store_key, max(n.v) AS v
        FROM (SELECT t.*, hll_register(t.customer_id) AS v FROM touchpoints t WHERE t.customer_id IS NOT NULL) n
        CROSS JOIN LATERAL (VALUES ('d', 'channel', utc_day(n.occurred_at), n.channel),
                                   ('m', 'channel', date_trunc('month', utc_day(n.occurred_at))::date, n.channel),
                                   ('d', 'campaign', utc_day(n.occurred_at), n.campaign_id),
                                   ('m', 'campaign', date_trunc('month', utc_day(n.occurred_at))::date, n.campaign_id)) AS k(grain, dim, period, dim_value)
        WHERE k.dim_value IS NOT NULL
        GROUP BY 1, 2, 3, 4, 5, n.v >> 6) r
  GROUP BY 1, 2, 3, 4, 5;

  INSERT INTO analytics_codes (day, campaign_id, issued)
  SELECT utc_day(issued_at), campaign_id, count(*) FROM promo_codes GROUP BY 1, 2;

  INSERT INTO analytics_redemptions (day, campaign_id, channel, store_key, currency, redemptions, discount_minor, sales, revenue_minor)
  SELECT utc_day(r.redeemed_at), r.campaign_id, r.channel, coalesce(t.store_id, ''), r.currency,
         count(*), sum(r.discount_minor), count(s.id), coalesce(sum(s.total_minor), 0)
  FROM redemptions r LEFT JOIN tills t ON t.id = r.till_id LEFT JOIN sales s ON s.id = r.sale_id
  WHERE r.rolled_back_at IS NULL GROUP BY 1, 2, 3, 4, 5;

  INSERT INTO analytics_sales (day, store_id, channel, currency, sales, revenue_minor)
  SELECT utc_day(s.completed_at), s.store_id, ch, s.currency, count(*), sum(s.total_minor)
  FROM touchpoints n JOIN sales s ON s.id = n.sale_id
  CROSS JOIN LATERAL unnest(coalesce(n.attributed_channels, '{store}') || '{*}'::text[]) AS ch
  WHERE n.kind = 'purchase' AND n.channel = 'store'
  GROUP BY 1, 2, 3, 4;

  INSERT INTO analytics_intents AS i (customer_id, first_at, channel)
  SELECT DISTINCT ON (customer_id) customer_id, added_at, channel
  FROM (SELECT customer_id, channel, added_at FROM cart_lines
        UNION ALL SELECT customer_id, channel, added_at FROM favourites WHERE channel IN ('web', 'app')) x
  ORDER BY customer_id, added_at, channel
  ON CONFLICT (customer_id) DO UPDATE SET first_at = EXCLUDED.first_at, channel = EXCLUDED.channel
    WHERE (EXCLUDED.first_at, EXCLUDED.channel) < (i.first_at, i.channel);

  INSERT INTO analytics_paths SELECT * FROM analytics_path_of(NULL);
  INSERT INTO analytics_path_days (day, first_channel, first_campaign_key, store_key, days, customers)
  SELECT utc_day(intent_at), first_channel, first_campaign_key, store_key, days, count(*)
  FROM analytics_paths GROUP BY 1, 2, 3, 4, 5;
END
$$;

-- The backfill: what central already holds.
SELECT analytics_rebuild();
