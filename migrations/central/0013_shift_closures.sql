-- Shifts closed on the tills (their Z reports), pushed as 'shift.closed' ops: the store's
-- takings per shift, counted against expected cash, VAT per rate. Additive only.
CREATE TABLE shift_closures (
  shift_id       text PRIMARY KEY,
  till_id        text NOT NULL REFERENCES tills (id),
  store_id       text NOT NULL,
  z_no           integer NOT NULL,
  currency       text NOT NULL,
  opened_at      timestamptz NOT NULL,
  closed_at      timestamptz NOT NULL,
  opened_by      text NOT NULL,
  closed_by      text NOT NULL,
  sales_count    integer NOT NULL,
  sales_gross    bigint NOT NULL,
  returns_count  integer NOT NULL,
  returns_gross  bigint NOT NULL,
  expected_cash  bigint NOT NULL,
  counted_cash   bigint NOT NULL,
  -- The whole report as the till sent it (payments per method, VAT per rate, cash moves).
  report         jsonb NOT NULL,
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  UNIQUE (till_id, z_no)
);
CREATE INDEX shift_closures_by_store ON shift_closures (store_id, closed_at);
