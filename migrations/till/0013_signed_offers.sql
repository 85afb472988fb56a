-- Signed offers (core/scan/signed.ts) at the till: the verified offer a code was entered with
-- (its token, so pricing knows the promotion is vouched for offline), and the offer's nonce on
-- the redemption: an offer is redeemed once at this till, and central finds a second one
-- elsewhere by it. Additive only.
ALTER TABLE sale_promo_codes ADD COLUMN offer TEXT;
ALTER TABLE promo_redemptions ADD COLUMN offer_nonce TEXT;
CREATE UNIQUE INDEX promo_redemptions_by_offer ON promo_redemptions (offer_nonce) WHERE offer_nonce IS NOT NULL;
