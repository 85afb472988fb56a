-- Her personal offers the cashier took off a sale: they apply by themselves when she is attached,
-- so a removal has to be remembered for that sale, or the next change would bring them back.
-- Additive only.

CREATE TABLE sale_declined_offers (
  sale_id     TEXT NOT NULL REFERENCES sales (id),
  code        TEXT NOT NULL,
  declined_at TEXT NOT NULL,
  PRIMARY KEY (sale_id, code)
) WITHOUT ROWID;

-- A single-use code this till redeemed is redeemed at once for the next sale, before the pull says so.
CREATE INDEX promo_redemptions_by_code ON promo_redemptions (code);
