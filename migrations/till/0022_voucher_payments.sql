-- Vouchers as a tender (issue 11): a store-credit voucher pays part or all of a sale at any till.
-- Each spend is committed before central is asked and its answer the moment it comes; a taken
-- (or, offline, allowed) spend is held on the open sale and becomes a `voucher` payment when the
-- sale completes. Additive only: `payments.method` admits 'voucher' (loosened the way 0012
-- admitted 'card') and carries the voucher's code.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, 'CHECK (method IN (''cash'', ''card''))', 'CHECK (method IN (''cash'', ''card'', ''voucher''))')
 WHERE type = 'table' AND name = 'payments';
PRAGMA writable_schema = RESET;

ALTER TABLE payments ADD COLUMN voucher_code TEXT;

CREATE TABLE voucher_spends (
  id            TEXT PRIMARY KEY,
  sale_id       TEXT NOT NULL REFERENCES sales (id),
  code          TEXT NOT NULL,
  amount_minor  INTEGER NOT NULL CHECK (amount_minor > 0),
  currency      TEXT NOT NULL,
  -- pending: central asked, no answer yet; held: taken (online) or allowed (offline) on the open
  -- sale; refused: central said no, or offline and not allowed.
  state         TEXT NOT NULL CHECK (state IN ('pending', 'held', 'refused')),
  offline       INTEGER NOT NULL DEFAULT 0 CHECK (offline IN (0, 1)),
  -- What central said is left on it after this spend (online only).
  balance_minor INTEGER,
  -- The sale's payment row, once the sale it paid completed.
  payment_id    TEXT UNIQUE,
  started_at    TEXT NOT NULL,
  answered_at   TEXT,
  CHECK (payment_id IS NULL OR state = 'held')
) WITHOUT ROWID;
CREATE INDEX voucher_spends_by_sale ON voucher_spends (sale_id, state);
CREATE INDEX voucher_spends_by_code ON voucher_spends (code, state);
