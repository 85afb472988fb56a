-- Returns recorded from the tills (op `sale.returned`): what came back of which sale line and
-- what was refunded, so any till of the chain can see what is left to return. A campaign says
-- whether a single-use code of a sale returned in full becomes usable again. Additive only.

CREATE TABLE sale_returns (
  id           text PRIMARY KEY,
  return_no    integer NOT NULL,
  sale_id      text NOT NULL,
  till_id      text NOT NULL REFERENCES tills (id),
  store_id     text NOT NULL REFERENCES stores (id),
  customer_id  text REFERENCES customers (id),
  cashier      text NOT NULL,
  currency     text NOT NULL,
  method       text NOT NULL CHECK (method IN ('cash', 'card', 'storeCredit')),
  refund_minor bigint NOT NULL CHECK (refund_minor >= 0),
  vat          jsonb NOT NULL,
  returned_at  timestamptz NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (till_id, return_no)
);
CREATE INDEX sale_returns_by_sale ON sale_returns (sale_id);

CREATE TABLE sale_return_lines (
  return_id        text NOT NULL REFERENCES sale_returns (id),
  line_id          text NOT NULL,
  sku              text NOT NULL,
  quantity         integer NOT NULL CHECK (quantity > 0),
  refund_minor     bigint NOT NULL CHECK (refund_minor >= 0),
  vat_basis_points integer NOT NULL,
  PRIMARY KEY (return_id, line_id)
);
CREATE INDEX sale_return_lines_by_line ON sale_return_lines (line_id);

ALTER TABLE campaigns ADD COLUMN reissue_on_return boolean NOT NULL DEFAULT true;

-- What promotions took off each sold line (the op has always carried it): a line returned gives
-- back what was paid for it, its total less this. Sales recorded before this migration read 0.
ALTER TABLE sale_lines ADD COLUMN discount_minor bigint NOT NULL DEFAULT 0;
