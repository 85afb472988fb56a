-- Store credit as vouchers (issue 11): a return refunded in store credit gives a voucher with a
-- code (core/voucher), printed on the return receipt and queued for central (op `voucher.issued`),
-- where its balance lives. The till keeps the vouchers it issued: it may take its own offline.
-- Additive only.

CREATE TABLE vouchers (
  code         TEXT PRIMARY KEY,
  -- The return (with or without a receipt) whose store credit it is.
  return_id    TEXT NOT NULL UNIQUE,
  currency     TEXT NOT NULL,
  amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
  issued_at    TEXT NOT NULL
) WITHOUT ROWID;
