-- Card refunds: a return of a sale paid by card gives the card's share back through the payment
-- terminal. The attempt (with the return it is for) is committed before the terminal is asked
-- and its answer the moment it comes; an approval is then committed with the return, or, if the
-- till died in between, by the reconciliation at start-up. Additive only.

CREATE TABLE refund_attempts (
  id            TEXT PRIMARY KEY,
  sale_id       TEXT NOT NULL,
  -- The return asked for (sale, lines, method), as JSON: what an approval is committed as.
  request       TEXT NOT NULL,
  amount_minor  INTEGER NOT NULL CHECK (amount_minor > 0),
  currency      TEXT NOT NULL,
  state         TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'declined', 'timeout', 'interrupted', 'unmatched')),
  approval_code TEXT,
  card_last4    TEXT,
  decline_reason TEXT,
  -- The return this approval was committed with.
  return_id     TEXT UNIQUE,
  started_at    TEXT NOT NULL,
  answered_at   TEXT,
  CHECK ((state IN ('approved', 'unmatched')) = (approval_code IS NOT NULL AND card_last4 IS NOT NULL)),
  CHECK (return_id IS NULL OR state = 'approved')
) WITHOUT ROWID;
CREATE INDEX refund_attempts_by_state ON refund_attempts (state);

-- The card's share of a return's refund (the rest went in cash), and the terminal's approval.
ALTER TABLE returns ADD COLUMN card_refund_minor INTEGER NOT NULL DEFAULT 0 CHECK (card_refund_minor >= 0);
ALTER TABLE returns ADD COLUMN approval_code TEXT;
ALTER TABLE returns ADD COLUMN card_last4 TEXT;
