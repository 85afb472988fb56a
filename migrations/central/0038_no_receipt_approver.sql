-- A return without a receipt names the manager whose approval on the till allowed it (op
-- `return.no_receipt`, `approver`). Tills before that did not say: their returns keep
-- approver_recorded false and the console infers the manager from the till's approvals.
-- approver_recorded true with no approver: the cashier's own role allowed it (nobody to infer).
-- Additive only: never DROP, never RENAME.
ALTER TABLE receiptless_returns ADD COLUMN approver_recorded boolean NOT NULL DEFAULT false;
ALTER TABLE receiptless_returns ADD COLUMN approver_id text CHECK (char_length(approver_id) BETWEEN 1 AND 64);
ALTER TABLE receiptless_returns ADD COLUMN approver_name text CHECK (char_length(approver_name) <= 100);
ALTER TABLE receiptless_returns ADD CONSTRAINT receiptless_returns_approver_whole
  CHECK ((approver_id IS NULL) = (approver_name IS NULL) AND (approver_recorded OR approver_id IS NULL));
