-- Additive only.
-- Manager approvals given on a till (a manager's PIN, checked offline from the till's cache),
-- pushed as 'approval.granted' ops: who approved what for whom, where and when.
CREATE TABLE approvals (
  id            text PRIMARY KEY,
  till_id       text NOT NULL REFERENCES tills (id),
  store_id      text NOT NULL,
  action        text NOT NULL,
  approver_id   text NOT NULL,
  approver_name text NOT NULL,
  cashier_id    text,
  cashier_name  text NOT NULL,
  granted_at    timestamptz NOT NULL,
  recorded_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX approvals_by_store ON approvals (store_id, granted_at);
