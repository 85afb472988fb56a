-- Store credit as vouchers (issue 11): a return's store credit is a voucher with a code, spendable
-- at any till of the chain, partly (the rest stays on it). Its balance lives here and only ever
-- moves by one conditional UPDATE (never read-then-write), so it is taken once across tills and
-- never goes below zero. Additive only.

CREATE TABLE vouchers (
  code          text PRIMARY KEY CHECK (code ~ '^SC[23456789ABCDEFGHJKMNPQRSTVWXYZ]{10}$'),
  return_id     text NOT NULL UNIQUE,
  till_id       text NOT NULL REFERENCES tills (id),
  store_id      text NOT NULL REFERENCES stores (id),
  currency      text NOT NULL,
  amount_minor  bigint NOT NULL CHECK (amount_minor > 0),
  balance_minor bigint NOT NULL CHECK (balance_minor >= 0 AND balance_minor <= amount_minor),
  issued_at     timestamptz NOT NULL,
  recorded_at   timestamptz NOT NULL DEFAULT now()
);

-- Every spend, keyed by the till's spend id: asked again, the first answer stands.
-- `overspent_minor`: what an offline spend took that the balance no longer held (a conflict for the manager).
CREATE TABLE voucher_spends (
  id              text PRIMARY KEY,
  code            text NOT NULL REFERENCES vouchers (code),
  till_id         text NOT NULL REFERENCES tills (id),
  sale_id         text NOT NULL,
  amount_minor    bigint NOT NULL CHECK (amount_minor > 0),
  overspent_minor bigint NOT NULL DEFAULT 0 CHECK (overspent_minor >= 0 AND overspent_minor <= amount_minor),
  offline         boolean NOT NULL,
  spent_at        timestamptz NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX voucher_spends_by_code ON voucher_spends (code);
CREATE INDEX voucher_spends_overspent ON voucher_spends (recorded_at) WHERE overspent_minor > 0;
