-- Card reversals recorded as attempts (issue 11): giving back a card approval held on the open
-- sale (the cashier removes the card payment) is committed before the terminal is asked and its
-- answer the moment it comes, like charges (0012) and refunds (0017). A reversal the till died
-- waiting for is settled at start-up from the terminal's last-transaction record, or shown to
-- staff until a manager marks it checked (resolution as in 0021). While one is cut off and not
-- settled, its card approval is no longer held on the sale (the money may be back on the card).
-- Additive only.
CREATE TABLE card_reversals (
  -- The terminal's reference for the reversal.
  id             TEXT PRIMARY KEY,
  attempt_id     TEXT NOT NULL REFERENCES card_attempts (id),
  sale_id        TEXT NOT NULL REFERENCES sales (id),
  amount_minor   INTEGER NOT NULL CHECK (amount_minor > 0),
  currency       TEXT NOT NULL,
  state          TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'declined', 'timeout', 'interrupted')),
  approval_code  TEXT,
  card_last4     TEXT,
  decline_reason TEXT,
  started_at     TEXT NOT NULL,
  answered_at    TEXT,
  resolution     TEXT CHECK (resolution IN ('terminal', 'notOnTerminal', 'checked')),
  resolved_at    TEXT,
  resolved_by    TEXT,
  CHECK ((state = 'approved') = (approval_code IS NOT NULL AND card_last4 IS NOT NULL))
) WITHOUT ROWID;
CREATE INDEX card_reversals_by_attempt ON card_reversals (attempt_id, state);
CREATE INDEX card_reversals_by_state ON card_reversals (state);
