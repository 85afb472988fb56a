-- Segments (S7): a marketer's rules over profile and behaviour; membership is computed in
-- PostgreSQL, set-based, and kept in segment_members. A member's customers.segments carries the
-- segment's id, so the tills get it with the customer document. Additive only.
CREATE TABLE segments (
  id           text PRIMARY KEY,
  name         text NOT NULL,
  rules        jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  refreshed_at timestamptz,
  size         integer NOT NULL DEFAULT 0
);

CREATE TABLE segment_members (
  segment_id  text NOT NULL REFERENCES segments (id),
  customer_id text NOT NULL REFERENCES customers (id),
  PRIMARY KEY (segment_id, customer_id)
);

-- "Open cart older than N hours" reads a customer's cart lines by customer.
CREATE INDEX cart_lines_by_customer ON cart_lines (customer_id, added_at);

-- The chain's time zone: campaign validity typed in the console is read in it.
INSERT INTO central_meta (key, value) VALUES ('time_zone', 'UTC') ON CONFLICT (key) DO NOTHING;
