-- A till's card refund: the card's share of a return's refund (the rest in cash), its approval
-- and card, as the till's `sale.returned` op carries them. Additive only.
ALTER TABLE sale_returns ADD COLUMN card_refund_minor BIGINT NOT NULL DEFAULT 0 CHECK (card_refund_minor >= 0);
ALTER TABLE sale_returns ADD COLUMN approval_code TEXT;
ALTER TABLE sale_returns ADD COLUMN card_last4 TEXT;
