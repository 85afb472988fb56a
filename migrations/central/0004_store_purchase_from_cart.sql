-- Omnitill Central Profile API, schema version 4: a store purchase knows which of its lines came
-- from the customer's online carts (and which channel) or her favourites. The purchase
-- touchpoint is attributed to those carts' channels, so a path that starts online and ends in a
-- store shows as such; the bought SKUs leave her online carts (see central/src/push.ts).
-- Released migrations are additive only: never DROP, never RENAME (central/test/migrations.test.ts).

ALTER TABLE sale_lines ADD COLUMN origin text CHECK (origin IN ('cart:web', 'cart:app', 'favourite'));
ALTER TABLE touchpoints ADD COLUMN attributed_channels text[];
-- A chain that wants the web shop to keep showing what she bought in a store sets this to 'true'.
INSERT INTO central_meta (key, value) VALUES ('keep_carts_after_store_purchase', 'false');

-- push_sale_ops of schema version 2, writing each line's origin and the touchpoint's attribution.
CREATE OR REPLACE FUNCTION push_sale_ops(p_till_id text, p_ops jsonb) RETURNS jsonb LANGUAGE plpgsql
SET plan_cache_mode = force_custom_plan AS $$
DECLARE
  claimed  text[];
  recorded text[];
  answers  jsonb;
BEGIN
  IF (SELECT count(DISTINCT e->>'opId') <> count(*) OR count(DISTINCT e->'sale'->>'saleId') <> count(*)
      FROM jsonb_array_elements(p_ops) e) THEN
    RAISE EXCEPTION 'push_sale_ops: an opId or a saleId appears twice in one call';
  END IF;

  WITH claim AS (
    INSERT INTO applied_ops (op_id, till_id, type, payload_hash, status, result)
    SELECT e->>'opId', p_till_id, 'sale.completed', e->>'hash', 'applied', '{}'
    FROM jsonb_array_elements(p_ops) e
    ORDER BY e->>'opId'
    ON CONFLICT (op_id) DO NOTHING
    RETURNING op_id)
  SELECT coalesce(array_agg(op_id), '{}') INTO claimed FROM claim;

  -- An unknown customer never costs the sale: it is recorded without the link.
  WITH sale AS (
    INSERT INTO sales (id, till_id, store_id, customer_id, cashier, receipt_no, country, currency, opened_at,
                       completed_at, total_minor, vat)
    SELECT s->>'saleId', s->>'tillId', s->>'storeId', c.id, s->>'cashier', (s->>'receiptNo')::integer,
           s->>'country', s->>'currency', (s->>'openedAt')::timestamptz, (s->>'completedAt')::timestamptz,
           (s->>'totalMinor')::bigint, s->'vat'
    FROM jsonb_array_elements(p_ops) e
    CROSS JOIN LATERAL (SELECT e->'sale' AS s) x
    LEFT JOIN customers c ON c.id = s->>'customerId'
    WHERE e->>'opId' = ANY (claimed)
    ORDER BY s->>'saleId'
    ON CONFLICT (id) DO NOTHING
    RETURNING id)
  SELECT coalesce(array_agg(id), '{}') INTO recorded FROM sale;

  INSERT INTO sale_lines (id, sale_id, position, sku, scanned_code, name, qty_kind, quantity, unit_price_minor,
                          line_total_minor, vat_basis_points, origin)
  SELECT l."lineId", e->'sale'->>'saleId', l.position, l.sku, l."scannedCode", l.name, l."qtyKind", l.quantity,
         l."unitPriceMinor", l."lineTotalMinor", l."vatBasisPoints", l.origin
  FROM jsonb_array_elements(p_ops) e
  CROSS JOIN LATERAL jsonb_to_recordset(e->'sale'->'lines') AS l("lineId" text, position int, sku text,
         "scannedCode" text, name text, "qtyKind" text, quantity int, "unitPriceMinor" bigint,
         "lineTotalMinor" bigint, "vatBasisPoints" int, origin text)
  WHERE e->'sale'->>'saleId' = ANY (recorded);

  INSERT INTO sale_payments (id, sale_id, method, amount_minor, tendered_minor, change_minor)
  SELECT p."paymentId", e->'sale'->>'saleId', p.method, p."amountMinor", p."tenderedMinor", p."changeMinor"
  FROM jsonb_array_elements(p_ops) e
  CROSS JOIN LATERAL jsonb_to_recordset(e->'sale'->'payments') AS p("paymentId" text, method text,
         "amountMinor" bigint, "tenderedMinor" bigint, "changeMinor" bigint)
  WHERE e->'sale'->>'saleId' = ANY (recorded);

  INSERT INTO touchpoints (id, channel, kind, customer_id, store_id, sale_id, occurred_at, attributed_channels)
  SELECT s.id, 'store', 'purchase', s.customer_id, s.store_id, s.id, s.completed_at,
         (SELECT array_agg(DISTINCT substr(l.origin, 6) ORDER BY substr(l.origin, 6))
          FROM sale_lines l WHERE l.sale_id = s.id AND l.origin LIKE 'cart:%')
  FROM sales s WHERE s.id = ANY (recorded)
  ON CONFLICT (id) DO NOTHING;

  UPDATE applied_ops a
  SET status = CASE WHEN s.id IS NULL THEN 'rejected' ELSE 'applied' END,
      result = CASE WHEN s.id IS NULL
                 THEN jsonb_build_object('reason', 'sale_already_recorded',
                                         'detail', 'sale ' || x.sale_id || ' was recorded by another op')
                 ELSE jsonb_build_object('saleId', s.id, 'customerLinked', s.customer_id IS NOT NULL) END
  FROM (SELECT e->>'opId' AS op_id, e->'sale'->>'saleId' AS sale_id FROM jsonb_array_elements(p_ops) e) x
  LEFT JOIN sales s ON s.id = x.sale_id AND s.id = ANY (recorded)
  WHERE a.op_id = x.op_id AND a.op_id = ANY (claimed);

  SELECT jsonb_agg(
    CASE
      WHEN a.op_id IS NULL THEN NULL
      WHEN a.payload_hash <> e->>'hash' THEN
        jsonb_build_object('opId', e->>'opId', 'status', 'rejected', 'reason', 'key_reused',
                           'detail', 'this opId was already used for a different op')
      WHEN a.status = 'rejected' THEN
        jsonb_build_object('opId', e->>'opId', 'status', 'rejected', 'reason', a.result->'reason',
                           'detail', a.result->'detail')
      ELSE
        jsonb_build_object('opId', e->>'opId',
                           'status', CASE WHEN e->>'opId' = ANY (claimed) THEN 'applied' ELSE 'duplicate' END,
                           'result', a.result)
    END ORDER BY i)
  INTO answers
  FROM jsonb_array_elements(p_ops) WITH ORDINALITY AS t(e, i)
  LEFT JOIN applied_ops a ON a.op_id = e->>'opId';
  RETURN coalesce(answers, '[]'::jsonb);
END
$$;
