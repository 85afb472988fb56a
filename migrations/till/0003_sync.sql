-- Sync with the Central Profile API: the pull cursor and its state, cache tables for what
-- 0001 lacks, and a generation stamp on cached rows so a full resync refreshes the cache in
-- place (the till keeps selling from the old rows) and sweeps what central no longer has.
-- Additive only.

CREATE TABLE sync_state (
  id               INTEGER PRIMARY KEY CHECK (id = 1),
  central_url      TEXT,
  device_id        TEXT,
  paired_at        TEXT,
  -- 1 when the central is the embedded demo one the till starts itself (--demo).
  demo_central     INTEGER NOT NULL DEFAULT 0,
  -- Opaque; written in the transaction that applies the page it came with.
  cursor           TEXT,
  epoch            TEXT,
  -- Cached rows carry the generation that last wrote them; a full pull from the start runs
  -- under a new generation and, once complete, sweeps rows of older ones.
  gen              INTEGER NOT NULL DEFAULT 1,
  resync           INTEGER NOT NULL DEFAULT 1 CHECK (resync IN (0, 1)),
  pulled_rows      INTEGER NOT NULL DEFAULT 0,
  pull_total       INTEGER,
  last_pull_at     TEXT,
  last_push_at     TEXT,
  central_protocol INTEGER,
  needs_update     INTEGER NOT NULL DEFAULT 0 CHECK (needs_update IN (0, 1)),
  -- {"entity": count} of changes of entity types this till does not know.
  skipped          TEXT NOT NULL DEFAULT '{}'
);
INSERT INTO sync_state (id) VALUES (1);

ALTER TABLE outbox ADD COLUMN reject_reason TEXT;
ALTER TABLE outbox ADD COLUMN done_at TEXT;

ALTER TABLE products ADD COLUMN category TEXT NOT NULL DEFAULT '';
ALTER TABLE products ADD COLUMN sync_gen INTEGER;
ALTER TABLE store_prices ADD COLUMN sync_gen INTEGER;
ALTER TABLE customers ADD COLUMN segments TEXT NOT NULL DEFAULT '[]';
ALTER TABLE customers ADD COLUMN consents TEXT NOT NULL DEFAULT '[]';
ALTER TABLE customers ADD COLUMN sync_gen INTEGER;

-- Which FTS row belongs to which product, so an update replaces it without a table scan.
CREATE TABLE product_search_map (
  sku TEXT PRIMARY KEY,
  rid INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO product_search_map (sku, rid) SELECT sku, MAX(rowid) FROM product_search GROUP BY sku;

-- A store price can arrive before its product (the change log keeps only each row's latest
-- change): it waits here and moves into store_prices when the product comes.
CREATE TABLE pending_prices (
  store_id    TEXT NOT NULL,
  sku         TEXT NOT NULL,
  price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
  sync_gen    INTEGER,
  PRIMARY KEY (sku, store_id)
) WITHOUT ROWID;

CREATE TABLE online_cart_lines (
  customer_id      TEXT NOT NULL,
  channel          TEXT NOT NULL,
  sku              TEXT NOT NULL,
  quantity         INTEGER NOT NULL,
  price_seen_minor INTEGER NOT NULL,
  currency         TEXT NOT NULL,
  added_at         TEXT NOT NULL,
  sync_gen         INTEGER,
  PRIMARY KEY (customer_id, channel, sku)
) WITHOUT ROWID;

CREATE TABLE favourites (
  customer_id TEXT NOT NULL,
  sku         TEXT NOT NULL,
  channel     TEXT NOT NULL,
  added_at    TEXT NOT NULL,
  sync_gen    INTEGER,
  PRIMARY KEY (customer_id, sku)
) WITHOUT ROWID;

CREATE TABLE campaigns (
  id                   TEXT PRIMARY KEY,
  name                 TEXT NOT NULL,
  channel              TEXT NOT NULL,
  code_kind            TEXT NOT NULL,
  discount_kind        TEXT NOT NULL,
  discount_value       INTEGER NOT NULL,
  currency             TEXT,
  starts_at            TEXT NOT NULL,
  ends_at              TEXT NOT NULL,
  offline_allowed      INTEGER NOT NULL,
  offline_cap_per_till INTEGER NOT NULL,
  sync_gen             INTEGER
) WITHOUT ROWID;

CREATE TABLE promo_codes (
  code        TEXT PRIMARY KEY,
  campaign_id TEXT NOT NULL,
  single_use  INTEGER NOT NULL,
  state       TEXT NOT NULL,
  expires_at  TEXT,
  sync_gen    INTEGER
) WITHOUT ROWID;
