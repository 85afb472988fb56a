-- "No sale" with no shift open (issue 11): the drawer may be opened before a shift (to count the
-- float into it, to hand over cash between shifts), so it is allowed, audited, and kept here until
-- the next shift opens; that shift takes every opening not yet counted and shows them in its X
-- and Z reports ("Drawer opened before the shift"). Additive only.
CREATE TABLE drawer_openings_before_shift (
  -- Its own id (the audit row names the slip's print job).
  id         TEXT PRIMARY KEY,
  opened_at  TEXT NOT NULL,
  by_name    TEXT NOT NULL,
  by_id      TEXT,
  reason     TEXT NOT NULL,
  -- The shift that counted it; NULL until one opens.
  shift_id   TEXT REFERENCES shifts (id)
);
CREATE INDEX drawer_openings_before_shift_uncounted ON drawer_openings_before_shift (shift_id) WHERE shift_id IS NULL;
