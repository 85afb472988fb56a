-- Omnitill Central Profile API, schema version 2: completed sales pushed by a till are applied
-- a run at a time, in a few set-based statements instead of several round trips per sale.
-- Released migrations are additive only: never DROP, never RENAME (central/test/migrations.test.ts).

-- Applies a run of `sale.completed` ops of one push in the caller's transaction and answers
-- one result per op, in order, in the shape of core/sync/ops.ts PushOpResult.
-- `p_ops` is a JSON array of {"opId", "hash", "sale"}: ops the API has already validated
-- (zod, the till's own store, no repeated line or payment keys), `hash` the op's canonical
-- hash, `sale` the parsed payload. No opId and no saleId appears twice in one call (the API
-- starts a new call instead), so each statement below touches each op at most once.
--
-- 1. Claim every opId (ordered, so concurrent pushes lock in the same order). A claim that
--    conflicts is an op seen before: a concurrent push of it waits here for the first to
--    commit, then answers from what was stored.
-- 2. Record the sales of the claimed ops. A sale id already recorded by another op is that
--    op's only refusal, found before anything of it but the claim is written.
-- 3. Lines, payments and the purchase touchpoint of the recorded sales.
-- 4. Store each claimed op's answer against its claim; answer every op from applied_ops.
--
-- Plans are made afresh on every call (plan_cache_mode): a plan cached while applied_ops and
-- sales were small would keep scanning them whole after they have grown, and PGlite has no
-- autovacuum to analyze them and invalidate it.
CREATE FUNCTION push_sale_ops(p_till_id text, p_ops jsonb) RETURNS jsonb LANGUAGE plpgsql
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
                          line_total_minor, vat_basis_points)
  SELECT l."lineId", e->'sale'->>'saleId', l.position, l.sku, l."scannedCode", l.name, l."qtyKind", l.quantity,
         l."unitPriceMinor", l."lineTotalMinor", l."vatBasisPoints"
  FROM jsonb_array_elements(p_ops) e
  CROSS JOIN LATERAL jsonb_to_recordset(e->'sale'->'lines') AS l("lineId" text, position int, sku text,
         "scannedCode" text, name text, "qtyKind" text, quantity int, "unitPriceMinor" bigint,
         "lineTotalMinor" bigint, "vatBasisPoints" int)
  WHERE e->'sale'->>'saleId' = ANY (recorded);

  INSERT INTO sale_payments (id, sale_id, method, amount_minor, tendered_minor, change_minor)
  SELECT p."paymentId", e->'sale'->>'saleId', p.method, p."amountMinor", p."tenderedMinor", p."changeMinor"
  FROM jsonb_array_elements(p_ops) e
  CROSS JOIN LATERAL jsonb_to_recordset(e->'sale'->'payments') AS p("paymentId" text, method text,
         "amountMinor" bigint, "tenderedMinor" bigint, "changeMinor" bigint)
  WHERE e->'sale'->>'saleId' = ANY (recorded);

  INSERT INTO touchpoints (id, channel, kind, customer_id, store_id, sale_id, occurred_at)
  SELECT s.id, 'store', 'purchase', s.customer_id, s.store_id, s.id, s.completed_at
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
