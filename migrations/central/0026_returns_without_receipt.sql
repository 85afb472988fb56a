-- Returns without a receipt (issue 11): each store's policy (how such a refund may be given,
-- at most how much), learnt by its tills when they pair and on every pull, and the returns the
-- tills record (op `return.no_receipt`): no sale to hang them on. Additive only.

ALTER TABLE stores ADD COLUMN no_receipt_methods text[] NOT NULL DEFAULT ARRAY['storeCredit']
  CHECK (cardinality(no_receipt_methods) BETWEEN 1 AND 2 AND no_receipt_methods <@ ARRAY['cash', 'storeCredit']);
ALTER TABLE stores ADD COLUMN no_receipt_max_minor bigint NOT NULL DEFAULT 50000 CHECK (no_receipt_max_minor >= 0);

CREATE TABLE receiptless_returns (
  id           text PRIMARY KEY,
  return_no    integer NOT NULL,
  till_id      text NOT NULL REFERENCES tills (id),
  store_id     text NOT NULL REFERENCES stores (id),
  cashier      text NOT NULL,
  currency     text NOT NULL,
  method       text NOT NULL CHECK (method IN ('cash', 'storeCredit')),
  refund_minor bigint NOT NULL CHECK (refund_minor > 0),
  vat          jsonb NOT NULL,
  returned_at  timestamptz NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (till_id, return_no)
);
CREATE INDEX receiptless_returns_by_store ON receiptless_returns (store_id, returned_at);

CREATE TABLE receiptless_return_lines (
  return_id         text NOT NULL REFERENCES receiptless_returns (id),
  position          integer NOT NULL,
  sku               text NOT NULL,
  qty_kind          text NOT NULL CHECK (qty_kind IN ('unit', 'weight')),
  quantity          integer NOT NULL CHECK (quantity > 0),
  shelf_price_minor bigint NOT NULL CHECK (shelf_price_minor >= 0),
  unit_price_minor  bigint NOT NULL CHECK (unit_price_minor >= 0 AND unit_price_minor <= shelf_price_minor),
  refund_minor      bigint NOT NULL CHECK (refund_minor >= 0),
  vat_basis_points  integer NOT NULL,
  PRIMARY KEY (return_id, position)
);
