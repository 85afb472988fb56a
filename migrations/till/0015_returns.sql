-- Returns and refunds: goods brought back against a completed sale (this till's, or another
-- till's found at central), the refund and how it was given, in the transaction that queues the
-- `sale.returned` op and the return receipt. Additive only.

CREATE TABLE returns (
  id          TEXT PRIMARY KEY,
  return_no   INTEGER NOT NULL,
  -- Not a foreign key: a sale of another till or store is known from central, not from `sales`.
  sale_id     TEXT NOT NULL,
  sale_till   TEXT NOT NULL,
  receipt_no  INTEGER NOT NULL,
  till_id     TEXT NOT NULL,
  store_id    TEXT NOT NULL,
  cashier     TEXT NOT NULL,
  cashier_id  TEXT,
  currency    TEXT NOT NULL,
  method      TEXT NOT NULL CHECK (method IN ('cash', 'card', 'storeCredit')),
  refund_minor INTEGER NOT NULL CHECK (refund_minor >= 0),
  customer_id TEXT,
  returned_at TEXT NOT NULL,
  UNIQUE (till_id, return_no)
) WITHOUT ROWID;
CREATE INDEX returns_by_sale ON returns (sale_id);

CREATE TABLE return_lines (
  return_id        TEXT NOT NULL REFERENCES returns (id),
  line_id          TEXT NOT NULL,
  sku              TEXT NOT NULL,
  name_en          TEXT NOT NULL,
  name_ru          TEXT NOT NULL,
  name_ro          TEXT NOT NULL,
  qty_kind         TEXT NOT NULL CHECK (qty_kind IN ('unit', 'weight')),
  quantity         INTEGER NOT NULL CHECK (quantity > 0),
  refund_minor     INTEGER NOT NULL CHECK (refund_minor >= 0),
  vat_basis_points INTEGER NOT NULL,
  PRIMARY KEY (return_id, line_id)
) WITHOUT ROWID;
CREATE INDEX return_lines_by_line ON return_lines (line_id);

-- The 0002 CHECK lets only receipt jobs open the drawer and only test jobs go without a sale;
-- a return receipt is stored as a 'test' job with no sale and marked here, and the queue reads
-- the mark: printed as RETURN, opening the drawer once when the refund is cash.
ALTER TABLE print_jobs ADD COLUMN purpose TEXT CHECK (purpose IN ('return', 'return_cash'));
