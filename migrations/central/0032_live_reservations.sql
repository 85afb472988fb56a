-- Issue 9, holds: every path that counts against a campaign's limits first releases that campaign's
-- expired reservations (central/src/promo/usage.ts, lockUsage), and a sweep does it for all of
-- them every minute. Both look only at live reservations: this index keeps them to the live ones
-- instead of every reservation ever taken.
CREATE INDEX promo_reservations_live_by_campaign ON promo_reservations (campaign_id, expires_at) WHERE released_at IS NULL AND redeemed_at IS NULL;

-- A sale's redemption of a code is looked up on every redeem, reserve and push (a retry answers the first result).
CREATE INDEX redemptions_by_sale ON redemptions (sale_id, code);
