-- Staff at the till: the people central syncs (PIN hashes only), wrong-PIN counts that
-- survive a restart, and who did what on sales and audit rows. Additive only.

CREATE TABLE staff (
  id        TEXT PRIMARY KEY,
  name      TEXT NOT NULL,
  role      TEXT NOT NULL CHECK (role IN ('cashier', 'senior', 'manager')),
  -- JSON array of store ids; [] = every store.
  store_ids TEXT NOT NULL DEFAULT '[]',
  pin_hash  TEXT NOT NULL,
  card_hash TEXT,
  sync_gen  INTEGER
) WITHOUT ROWID;
CREATE INDEX staff_by_card ON staff (card_hash) WHERE card_hash IS NOT NULL;

-- Wrong PINs in a row per person; five lock them out until locked_until.
CREATE TABLE staff_pin_failures (
  staff_id     TEXT PRIMARY KEY,
  failures     INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT
) WITHOUT ROWID;

ALTER TABLE sales ADD COLUMN cashier_id TEXT;
ALTER TABLE audit_log ADD COLUMN actor_id TEXT;
