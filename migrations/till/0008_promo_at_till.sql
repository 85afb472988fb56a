-- Promotions at the till: the codes entered on a sale (re-evaluated on every change of it), the
-- discounts frozen when the sale completes (receipt, reprint, returns), and the till's own
-- redemptions (its offline cap counts them). Additive only.

CREATE TABLE sale_promo_codes (
  sale_id    TEXT NOT NULL REFERENCES sales (id),
  code       TEXT NOT NULL,
  position   INTEGER NOT NULL,
  entered_at TEXT NOT NULL,
  PRIMARY KEY (sale_id, code)
) WITHOUT ROWID;

-- One row per promotion and line: the pieces sum to the promotion's discount.
CREATE TABLE sale_discounts (
  sale_id        TEXT NOT NULL REFERENCES sales (id),
  promotion_id   TEXT NOT NULL,
  line_id        TEXT NOT NULL REFERENCES sale_lines (id),
  name           TEXT NOT NULL,
  code           TEXT,
  position       INTEGER NOT NULL,
  discount_minor INTEGER NOT NULL CHECK (discount_minor > 0),
  PRIMARY KEY (sale_id, promotion_id, line_id)
) WITHOUT ROWID;

-- A code this till redeemed, written with the sale and its promo.redeemed outbox op.
CREATE TABLE promo_redemptions (
  id             TEXT PRIMARY KEY,
  sale_id        TEXT NOT NULL REFERENCES sales (id),
  code           TEXT NOT NULL,
  campaign_id    TEXT NOT NULL,
  offline        INTEGER NOT NULL CHECK (offline IN (0, 1)),
  discount_minor INTEGER NOT NULL,
  redeemed_at    TEXT NOT NULL,
  UNIQUE (sale_id, code)
) WITHOUT ROWID;
CREATE INDEX promo_redemptions_offline ON promo_redemptions (campaign_id) WHERE offline = 1;

-- What central syncs beyond the code campaign: automatic promotions and their conditions
-- (segments, first purchase, minimum basket, items), as the campaign doc's `rules` (JSON); a
-- personal code's customer, so her offer applies as soon as she is attached to the sale.
ALTER TABLE campaigns ADD COLUMN rules TEXT NOT NULL DEFAULT '{}';
ALTER TABLE promo_codes ADD COLUMN customer_id TEXT;
CREATE INDEX promo_codes_by_customer ON promo_codes (customer_id) WHERE customer_id IS NOT NULL;
