-- Card and split payments from the tills (issue 11 item 4), and the ways each store takes
-- payment. Additive only.

-- A card payment: the terminal's approval code and the card's last four; NULL for cash.
ALTER TABLE sale_payments ADD COLUMN approval_code text CHECK (approval_code ~ '^[A-Z0-9]{1,12}$');
ALTER TABLE sale_payments ADD COLUMN card_last4 text CHECK (card_last4 ~ '^[0-9]{4}$');

-- What a store takes; its tills learn it when they pair.
ALTER TABLE stores ADD COLUMN payment_methods text[] NOT NULL DEFAULT ARRAY['cash', 'card']
  CHECK (cardinality(payment_methods) BETWEEN 1 AND 2 AND payment_methods <@ ARRAY['cash', 'card']);
