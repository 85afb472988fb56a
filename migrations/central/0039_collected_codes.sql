-- Omnitill Central Profile API, schema version 39: the codes redeemed online for click-and-collect
-- orders, by the store the order was collected in. Such an order's redemptions are online ones
-- (store_key '' in analytics_redemptions, their channel's figures), so a reader limited to stores
-- saw none of them; this rollup gives the campaign report a "collected in your stores" figure by
-- pick-up store, on the local day collected. The channel figures do not move when an order is
-- collected: this is a figure beside them, never a store sale as well.
-- A row per (order, standing redemption it names): the order's revenue counts once per code, as a
-- sale does in analytics_redemptions.
-- Released migrations are additive only: never DROP, never RENAME (central/test/migrations.test.ts).

CREATE TABLE analytics_collected (
  day            date NOT NULL,
  campaign_id    text NOT NULL,
  store_id       text NOT NULL,
  currency       text NOT NULL,
  redemptions    bigint NOT NULL,
  discount_minor bigint NOT NULL,
  revenue_minor  bigint NOT NULL,
  PRIMARY KEY (day, campaign_id, store_id, currency)
);

-- (collected order, redemption) pairs as jsonb rows {collected_at, store_id, total_minor,
-- campaign_id, currency, discount_minor}, counted with a sign.
CREATE FUNCTION analytics_count_collected(pairs jsonb, sign integer) RETURNS void LANGUAGE sql AS $$
  INSERT INTO analytics_collected AS a (day, campaign_id, store_id, currency, redemptions, discount_minor, revenue_minor)
  SELECT local_day(p.collected_at, z.zone), p.campaign_id, p.store_id, p.currency, sign * count(*), sign * sum(p.discount_minor), sign * sum(p.total_minor)
  FROM jsonb_to_recordset(pairs) AS p(collected_at timestamptz, store_id text, total_minor bigint, campaign_id text, currency text, discount_minor bigint)
  CROSS JOIN (SELECT chain_time_zone() AS zone) z
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (day, campaign_id, store_id, currency) DO UPDATE SET
    redemptions = a.redemptions + EXCLUDED.redemptions, discount_minor = a.discount_minor + EXCLUDED.discount_minor,
    revenue_minor = a.revenue_minor + EXCLUDED.revenue_minor
$$;

-- The pairs of some orders (as jsonb rows of online_orders) with the redemptions standing now.
CREATE FUNCTION analytics_collected_pairs_of_orders(orders jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT coalesce(jsonb_agg(jsonb_build_object('collected_at', o.collected_at, 'store_id', o.store_id, 'total_minor', o.total_minor,
                                               'campaign_id', r.campaign_id, 'currency', r.currency, 'discount_minor', r.discount_minor)), '[]'::jsonb)
  FROM jsonb_populate_recordset(NULL::online_orders, orders) o
  JOIN redemptions r ON r.sale_id = o.sale_id AND r.till_id IS NULL AND r.rolled_back_at IS NULL
  WHERE o.collected_at IS NOT NULL
$$;

-- The pairs of some redemptions (as jsonb rows of redemptions) with the orders as they are now.
CREATE FUNCTION analytics_collected_pairs_of_redemptions(rows jsonb) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT coalesce(jsonb_agg(jsonb_build_object('collected_at', o.collected_at, 'store_id', o.store_id, 'total_minor', o.total_minor,
                                               'campaign_id', r.campaign_id, 'currency', r.currency, 'discount_minor', r.discount_minor)), '[]'::jsonb)
  FROM jsonb_populate_recordset(NULL::redemptions, rows) r
  JOIN online_orders o ON o.sale_id = r.sale_id AND o.collected_at IS NOT NULL
  WHERE r.till_id IS NULL AND r.rolled_back_at IS NULL
$$;

-- Orders: written (the web shop writes them uncollected, but a row is counted as it is), collected
-- (or changed otherwise in what counts), or gone.
CREATE FUNCTION analytics_collected_orders_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_count_collected(analytics_collected_pairs_of_orders((SELECT jsonb_agg(to_jsonb(n)) FROM new_rows n WHERE n.collected_at IS NOT NULL)), 1);
  RETURN NULL;
END
$$;
CREATE FUNCTION analytics_collected_orders_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_count_collected(analytics_collected_pairs_of_orders((
    SELECT jsonb_agg(to_jsonb(o)) FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.collected_at, o.store_id, o.sale_id, o.total_minor) IS DISTINCT FROM (n.collected_at, n.store_id, n.sale_id, n.total_minor))), -1);
  PERFORM analytics_count_collected(analytics_collected_pairs_of_orders((
    SELECT jsonb_agg(to_jsonb(n)) FROM old_rows o JOIN new_rows n ON n.id = o.id
    WHERE (o.collected_at, o.store_id, o.sale_id, o.total_minor) IS DISTINCT FROM (n.collected_at, n.store_id, n.sale_id, n.total_minor))), 1);
  RETURN NULL;
END
$$;
CREATE FUNCTION analytics_collected_orders_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_count_collected(analytics_collected_pairs_of_orders((SELECT jsonb_agg(to_jsonb(o)) FROM old_rows o WHERE o.collected_at IS NOT NULL)), -1);
  RETURN NULL;
END
$$;
CREATE TRIGGER analytics_collected_orders_insert AFTER INSERT ON online_orders REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_collected_orders_added();
CREATE TRIGGER analytics_collected_orders_update AFTER UPDATE ON online_orders REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_collected_orders_changed();
CREATE TRIGGER analytics_collected_orders_delete AFTER DELETE ON online_orders REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_collected_orders_removed();

-- Redemptions: a collected order's code rolled back (or otherwise changed, or gone) moves the figure.
CREATE FUNCTION analytics_collected_redemptions_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_count_collected(analytics_collected_pairs_of_redemptions((SELECT jsonb_agg(to_jsonb(n)) FROM new_rows n WHERE n.till_id IS NULL)), 1);
  RETURN NULL;
END
$$;
CREATE FUNCTION analytics_collected_redemptions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_count_collected(analytics_collected_pairs_of_redemptions((SELECT jsonb_agg(to_jsonb(o)) FROM old_rows o WHERE o.till_id IS NULL)), -1);
  PERFORM analytics_count_collected(analytics_collected_pairs_of_redemptions((SELECT jsonb_agg(to_jsonb(n)) FROM new_rows n WHERE n.till_id IS NULL)), 1);
  RETURN NULL;
END
$$;
CREATE FUNCTION analytics_collected_redemptions_removed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM analytics_count_collected(analytics_collected_pairs_of_redemptions((SELECT jsonb_agg(to_jsonb(o)) FROM old_rows o WHERE o.till_id IS NULL)), -1);
  RETURN NULL;
END
$$;
CREATE TRIGGER analytics_collected_redemptions_insert AFTER INSERT ON redemptions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_collected_redemptions_added();
CREATE TRIGGER analytics_collected_redemptions_update AFTER UPDATE ON redemptions REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_collected_redemptions_changed();
CREATE TRIGGER analytics_collected_redemptions_delete AFTER DELETE ON redemptions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_collected_redemptions_removed();

-- The redemptions rollup and this one recomputed from the facts (analytics_rebuild calls this, so a
-- change of the chain's zone and the rebuild keep both).
CREATE OR REPLACE FUNCTION analytics_rebuild_redemptions(zone text) RETURNS void LANGUAGE sql AS $$
  DELETE FROM analytics_redemptions;
  INSERT INTO analytics_redemptions (day, campaign_id, channel, store_key, currency, redemptions, discount_minor, sales, revenue_minor)
  SELECT local_day(r.redeemed_at, zone), r.campaign_id, r.channel, coalesce(t.store_id, ''), r.currency,
         count(*), sum(r.discount_minor), count(s.id) + count(o.id), coalesce(sum(s.total_minor), 0) + coalesce(sum(o.total_minor), 0)
  FROM redemptions r LEFT JOIN tills t ON t.id = r.till_id LEFT JOIN sales s ON s.id = r.sale_id
  LEFT JOIN online_orders o ON r.till_id IS NULL AND o.sale_id = r.sale_id
  WHERE r.rolled_back_at IS NULL GROUP BY 1, 2, 3, 4, 5;
  DELETE FROM analytics_collected;
  INSERT INTO analytics_collected (day, campaign_id, store_id, currency, redemptions, discount_minor, revenue_minor)
  SELECT local_day(o.collected_at, zone), r.campaign_id, o.store_id, r.currency, count(*), sum(r.discount_minor), sum(o.total_minor)
  FROM online_orders o JOIN redemptions r ON r.sale_id = o.sale_id AND r.till_id IS NULL AND r.rolled_back_at IS NULL
  WHERE o.collected_at IS NOT NULL GROUP BY 1, 2, 3, 4;
$$;

-- The orders collected so far.
SELECT analytics_rebuild_redemptions(chain_time_zone());
