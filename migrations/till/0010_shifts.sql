-- Shifts: opened with a counted float, closed with a Z report. Running totals are kept per
-- shift as sales complete (in the sale's own transaction), so X and Z reports read a few rows,
-- never the shift's sales. Additive only.

CREATE TABLE shifts (
  id             TEXT PRIMARY KEY,
  till_id        TEXT NOT NULL,
  store_id       TEXT NOT NULL,
  currency       TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  opened_at      TEXT NOT NULL,
  opened_by      TEXT NOT NULL,
  opened_by_id   TEXT,
  float_minor    INTEGER NOT NULL CHECK (float_minor >= 0),
  float_counts   TEXT NOT NULL,
  closed_at      TEXT,
  closed_by      TEXT,
  closed_by_id   TEXT,
  counted_minor  INTEGER,
  counted_counts TEXT,
  z_no           INTEGER,
  -- The Z report as printed, frozen at close.
  report         TEXT,
  UNIQUE (till_id, z_no),
  CHECK ((status = 'closed') = (z_no IS NOT NULL AND report IS NOT NULL))
) WITHOUT ROWID;
CREATE UNIQUE INDEX shifts_one_open ON shifts (till_id) WHERE status = 'open';

-- Running totals of a shift: 'sales.count', 'sales.gross', 'pay.cash', 'vat.2000.gross', … .
CREATE TABLE shift_totals (
  shift_id TEXT NOT NULL REFERENCES shifts (id),
  key      TEXT NOT NULL,
  value    INTEGER NOT NULL,
  PRIMARY KEY (shift_id, key)
) WITHOUT ROWID;

CREATE TABLE shift_cash_moves (
  id         TEXT PRIMARY KEY,
  shift_id   TEXT NOT NULL REFERENCES shifts (id),
  kind       TEXT NOT NULL CHECK (kind IN ('in', 'out')),
  amount     INTEGER NOT NULL CHECK (amount > 0),
  reason     TEXT NOT NULL,
  at         TEXT NOT NULL,
  actor      TEXT NOT NULL,
  actor_id   TEXT
) WITHOUT ROWID;
CREATE INDEX shift_cash_moves_by_shift ON shift_cash_moves (shift_id);

