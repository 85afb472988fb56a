-- A voucher conflict (an offline spend the balance no longer held, voucher_spends.overspent_minor > 0)
-- is resolved in the console by a store manager of the store that took it, or an IT admin, with a
-- note: what was done about the shortfall. Who and when are kept beside it; the console audit log
-- has the action too. Additive only: never DROP, never RENAME.
ALTER TABLE voucher_spends ADD COLUMN resolved_at timestamptz;
ALTER TABLE voucher_spends ADD COLUMN resolved_by text REFERENCES console_users (id);
ALTER TABLE voucher_spends ADD COLUMN resolution_note text CHECK (char_length(resolution_note) BETWEEN 1 AND 500);
ALTER TABLE voucher_spends ADD CONSTRAINT voucher_spends_resolved_whole
  CHECK ((resolved_at IS NULL) = (resolved_by IS NULL) AND (resolved_at IS NULL) = (resolution_note IS NULL));
CREATE INDEX voucher_spends_open_conflicts ON voucher_spends (till_id, recorded_at) WHERE overspent_minor > 0 AND resolved_at IS NULL;

-- The approvals of returns without a receipt, by till and time (the console finds the manager who approved each).
CREATE INDEX approvals_by_till_action ON approvals (till_id, action, granted_at);
