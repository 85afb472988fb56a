-- Omnitill Central Profile API, schema version 20: the rollups follow touchpoints that change.
-- A store purchase gains the channel of a campaign's code redeemed on it, and a code's touchpoint
-- gains the customer once her sale arrives (central/src/push.ts, attributeToCampaigns): whichever
-- op came first, the rollups end where analytics_rebuild() would put them.
-- Released migrations are additive only: never DROP, never RENAME (central/test/migrations.test.ts).

CREATE FUNCTION analytics_touchpoints_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- The purchase leaves the channels it counted under and joins the ones it has now ('*' stays).
  INSERT INTO analytics_sales AS a (day, store_id, channel, currency, sales, revenue_minor)
  SELECT utc_day(s.completed_at), s.store_id, d.ch, s.currency, sum(d.sign), sum(d.sign * s.total_minor)
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
        CROSS JOIN LATERAL (VALUES ('d', 'channel', utc_day(n.occurred_at), n.channel),
                                   ('m', 'channel', date_trunc('month', utc_day(n.occurred_at))::date, n.channel),
                                   ('d', 'campaign', utc_day(n.occurred_at), n.campaign_id),
                                   ('m', 'campaign', date_trunc('month', utc_day(n.occurred_at))::date, n.campaign_id)) AS k(grain, dim, period, dim_value)
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
CREATE TRIGGER analytics_touchpoints_update AFTER UPDATE ON touchpoints REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION analytics_touchpoints_changed();
