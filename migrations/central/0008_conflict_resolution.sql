-- Redemption conflicts resolved in the console: who decided, and what (the sale stands either way).
-- Additive only: never DROP, never RENAME.
ALTER TABLE redemption_conflicts ADD COLUMN resolved_by text REFERENCES console_users (id);
ALTER TABLE redemption_conflicts ADD COLUMN resolution text CHECK (resolution IN ('discount_honoured', 'discount_recovered'));
CREATE INDEX redemption_conflicts_open_by_campaign ON redemption_conflicts (campaign_id) WHERE resolved_at IS NULL;
CREATE INDEX redemptions_by_campaign ON redemptions (campaign_id) WHERE rolled_back_at IS NULL;
