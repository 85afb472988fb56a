-- Interrupted card operations (issue 11): a charge or refund the till died waiting for is
-- settled at start-up from the terminal's own last-transaction record where it can be, and
-- otherwise shown to staff until a manager marks it checked. Additive only.
--   resolution 'terminal':      the terminal's record settled it (the state says how it ended);
--              'notOnTerminal': the terminal's last operation was an earlier one: it never had it;
--              'checked':       a manager checked the terminal's journal (resolved_by, audited).
ALTER TABLE card_attempts ADD COLUMN resolution TEXT CHECK (resolution IN ('terminal', 'notOnTerminal', 'checked'));
ALTER TABLE card_attempts ADD COLUMN resolved_at TEXT;
ALTER TABLE card_attempts ADD COLUMN resolved_by TEXT;
ALTER TABLE refund_attempts ADD COLUMN resolution TEXT CHECK (resolution IN ('terminal', 'notOnTerminal', 'checked'));
ALTER TABLE refund_attempts ADD COLUMN resolved_at TEXT;
ALTER TABLE refund_attempts ADD COLUMN resolved_by TEXT;
CREATE INDEX card_attempts_by_state ON card_attempts (state);
