-- Signed offers (core/scan/signed.ts): a redemption made from one carries the offer's nonce, so
-- the same offer redeemed twice (two tills offline, or a screenshot shown twice) is found at sync
-- and becomes a conflict for the manager; the sale stands. Additive only.
ALTER TABLE redemptions ADD COLUMN offer_nonce text;
ALTER TABLE redemption_conflicts ADD COLUMN offer_nonce text;
CREATE UNIQUE INDEX redemptions_by_offer ON redemptions (campaign_id, offer_nonce) WHERE offer_nonce IS NOT NULL AND rolled_back_at IS NULL;
