-- A return without a receipt (issue 11): goods brought back with no sale to return them
-- against, approved by a manager, priced at the store's price of the day (or lower, as the
-- manager typed), refunded as the store's policy allows. Kept apart from `returns`, whose
-- sale and receipt columns are NOT NULL. The return number is the one `returns` count with
-- (`counters.return_no`). Additive only.

CREATE TABLE receiptless_returns (
  id           TEXT PRIMARY KEY,
  return_no    INTEGER NOT NULL,
  till_id      TEXT NOT NULL,
  store_id     TEXT NOT NULL,
  cashier      TEXT NOT NULL,
  cashier_id   TEXT,
  currency     TEXT NOT NULL,
  method       TEXT NOT NULL CHECK (method IN ('cash', 'storeCredit')),
  refund_minor INTEGER NOT NULL CHECK (refund_minor > 0),
  returned_at  TEXT NOT NULL,
  UNIQUE (till_id, return_no)
) WITHOUT ROWID;

CREATE TABLE receiptless_return_lines (
  return_id         TEXT NOT NULL REFERENCES receiptless_returns (id),
  position          INTEGER NOT NULL,
  sku               TEXT NOT NULL,
  qty_kind          TEXT NOT NULL CHECK (qty_kind IN ('unit', 'weight')),
  quantity          INTEGER NOT NULL CHECK (quantity > 0),
  -- The store's price that day, and the one refunded (the same, or lower as the manager typed).
  shelf_price_minor INTEGER NOT NULL CHECK (shelf_price_minor >= 0),
  unit_price_minor  INTEGER NOT NULL CHECK (unit_price_minor >= 0 AND unit_price_minor <= shelf_price_minor),
  refund_minor      INTEGER NOT NULL CHECK (refund_minor >= 0),
  vat_basis_points  INTEGER NOT NULL,
  PRIMARY KEY (return_id, position)
) WITHOUT ROWID;
