-- Omnitill till database, version 1.
-- Released migrations are additive only: never DROP, never RENAME (test/migrations.test.ts).

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- Catalogue (cached from central; seeded by --demo).
CREATE TABLE products (
  sku          TEXT PRIMARY KEY,
  name_en      TEXT NOT NULL,
  name_ru      TEXT NOT NULL,
  name_ro      TEXT NOT NULL,
  vat_category TEXT NOT NULL CHECK (vat_category IN ('standard', 'reduced', 'special', 'zero')),
  sold_by      TEXT NOT NULL CHECK (sold_by IN ('unit', 'weight')),
  plu          TEXT UNIQUE,
  updated_at   TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE barcodes (
  code TEXT PRIMARY KEY,
  sku  TEXT NOT NULL REFERENCES products (sku) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX barcodes_by_sku ON barcodes (sku);

CREATE TABLE store_prices (
  store_id    TEXT NOT NULL,
  sku         TEXT NOT NULL REFERENCES products (sku) ON DELETE CASCADE,
  price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
  currency    TEXT NOT NULL,
  PRIMARY KEY (sku, store_id)
) WITHOUT ROWID;

-- Name search: every language's name in one row; diacritics folded so "paine" finds "pâine".
CREATE VIRTUAL TABLE product_search USING fts5 (
  sku UNINDEXED,
  names,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3'
);

-- Customer cache (filled by sync in a later version).
CREATE TABLE customers (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  email      TEXT,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE customer_phones (
  phone_e164  TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL REFERENCES customers (id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX customer_phones_by_customer ON customer_phones (customer_id);

-- Sales. A till has at most one open sale; receipt numbers are per till and for humans only.
CREATE TABLE sales (
  id           TEXT PRIMARY KEY,
  till_id      TEXT NOT NULL,
  store_id     TEXT NOT NULL,
  cashier      TEXT NOT NULL,
  currency     TEXT NOT NULL,
  country      TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('open', 'completed', 'cancelled')),
  receipt_no   INTEGER,
  total_minor  INTEGER,
  opened_at    TEXT NOT NULL,
  closed_at    TEXT,
  UNIQUE (till_id, receipt_no),
  CHECK ((status = 'completed') = (receipt_no IS NOT NULL AND total_minor IS NOT NULL))
) WITHOUT ROWID;
CREATE UNIQUE INDEX sales_one_open ON sales (till_id) WHERE status = 'open';
CREATE INDEX sales_by_closed_at ON sales (closed_at);

CREATE TABLE sale_lines (
  id                TEXT PRIMARY KEY,
  sale_id           TEXT NOT NULL REFERENCES sales (id),
  position          INTEGER NOT NULL,
  sku               TEXT NOT NULL,
  scanned_code      TEXT,
  name_en           TEXT NOT NULL,
  name_ru           TEXT NOT NULL,
  name_ro           TEXT NOT NULL,
  qty_kind          TEXT NOT NULL CHECK (qty_kind IN ('unit', 'weight')),
  quantity          INTEGER NOT NULL CHECK (quantity > 0),
  unit_price_minor  INTEGER NOT NULL CHECK (unit_price_minor >= 0),
  fixed_total_minor INTEGER,
  vat_basis_points  INTEGER NOT NULL,
  voided_at         TEXT,
  added_at          TEXT NOT NULL,
  UNIQUE (sale_id, position)
) WITHOUT ROWID;

CREATE TABLE payments (
  id             TEXT PRIMARY KEY,
  sale_id        TEXT NOT NULL REFERENCES sales (id),
  method         TEXT NOT NULL CHECK (method IN ('cash')),
  amount_minor   INTEGER NOT NULL,
  tendered_minor INTEGER NOT NULL,
  change_minor   INTEGER NOT NULL,
  paid_at        TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX payments_by_sale ON payments (sale_id);

-- VAT per rate as printed on the receipt, frozen at completion.
CREATE TABLE sale_vat (
  sale_id          TEXT NOT NULL REFERENCES sales (id),
  vat_basis_points INTEGER NOT NULL,
  gross_minor      INTEGER NOT NULL,
  net_minor        INTEGER NOT NULL,
  vat_minor        INTEGER NOT NULL,
  PRIMARY KEY (sale_id, vat_basis_points)
) WITHOUT ROWID;

-- Intents waiting to be pushed to central, in order. One op per entity and kind, enforced here.
CREATE TABLE outbox (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  op_id      TEXT NOT NULL UNIQUE,
  op_type    TEXT NOT NULL,
  entity_id  TEXT NOT NULL,
  payload    TEXT NOT NULL,
  created_at TEXT NOT NULL,
  status     TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'rejected')),
  attempts   INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  UNIQUE (op_type, entity_id)
);
CREATE INDEX outbox_pending ON outbox (status, seq);

CREATE TABLE audit_log (
  id      INTEGER PRIMARY KEY AUTOINCREMENT,
  at      TEXT NOT NULL,
  till_id TEXT NOT NULL,
  actor   TEXT NOT NULL,
  action  TEXT NOT NULL,
  subject TEXT,
  details TEXT
);
CREATE INDEX audit_log_by_at ON audit_log (at);

CREATE TABLE counters (
  name  TEXT PRIMARY KEY,
  value INTEGER NOT NULL
) WITHOUT ROWID;
