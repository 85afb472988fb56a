-- Her online orders (web shop, app), pulled from central for the customer panel's purchase
-- history beside this till's own sales. A cache like the carts: swept after a full resync.
CREATE TABLE online_orders (
  id           TEXT PRIMARY KEY,
  customer_id  TEXT NOT NULL,
  channel      TEXT NOT NULL,
  order_ref    TEXT NOT NULL,
  store_id     TEXT,
  store_name   TEXT,
  currency     TEXT NOT NULL,
  total_minor  INTEGER NOT NULL,
  items        INTEGER NOT NULL,
  placed_at    TEXT NOT NULL,
  sync_gen     INTEGER
);
CREATE INDEX online_orders_by_customer ON online_orders (customer_id, placed_at DESC);
