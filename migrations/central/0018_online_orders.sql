-- Online orders (issue 8 item 5): what the web shop and the app sold to a customer, written
-- through the channel API, beside the store sales central already has, so a till shows her
-- whole purchase history. One row per order of a channel client, idempotent by the shop's own
-- order id. Additive only.
CREATE TABLE online_orders (
  id           text PRIMARY KEY,
  client_id    text NOT NULL,
  order_ref    text NOT NULL,
  customer_id  text NOT NULL REFERENCES customers (id),
  channel      text NOT NULL CHECK (channel IN ('web', 'app')),
  -- A click-and-collect order names the store it is collected in.
  store_id     text REFERENCES stores (id),
  currency     text NOT NULL,
  total_minor  bigint NOT NULL CHECK (total_minor >= 0),
  placed_at    timestamptz NOT NULL,
  -- [{sku, quantity, priceMinor}] as the shop sold them.
  lines        jsonb NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (client_id, order_ref)
);
CREATE INDEX online_orders_by_customer ON online_orders (customer_id, placed_at DESC);

-- The document a till pulls: enough for her history (when, where, how much, how many items).
CREATE FUNCTION online_order_doc(p_id text) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', o.id,
    'customerId', o.customer_id,
    'channel', o.channel,
    'orderRef', o.order_ref,
    'storeId', o.store_id,
    'storeName', s.name,
    'currency', o.currency,
    'totalMinor', o.total_minor,
    'items', (SELECT COALESCE(SUM((l->>'quantity')::int), 0) FROM jsonb_array_elements(o.lines) l),
    'placedAt', iso(o.placed_at))
  FROM online_orders o LEFT JOIN stores s ON s.id = o.store_id WHERE o.id = p_id
$$;
