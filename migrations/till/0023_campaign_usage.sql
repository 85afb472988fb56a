-- Issue 9 limits: a campaign's uses and discount given across the chain, as central counted them at
-- pull time (CampaignDoc.usage), so the engine refuses offline at a known exhausted maxUses/budgetMinor.
ALTER TABLE campaigns ADD COLUMN usage_uses INTEGER;
ALTER TABLE campaigns ADD COLUMN usage_spent_minor INTEGER;
