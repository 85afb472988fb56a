-- Issue 9, limits: a campaign's total uses and total discount (rules.maxUses, rules.budgetMinor),
-- counted once across every channel. One row per campaign, changed only by conditional UPDATEs
-- (central/src/promo/usage.ts): `uses` redemptions, `held` live reservations that hold a use, and
-- `spent_minor` the discount given. A reservation holds a use (never promised twice) but no budget
-- (its discount is known at redemption); a release or an expiry gives the held use back, a
-- rollback (full return) gives the use and the discount back.
CREATE TABLE campaign_usage (
  campaign_id text PRIMARY KEY REFERENCES campaigns (id),
  uses        bigint NOT NULL DEFAULT 0 CHECK (uses >= 0),
  held        bigint NOT NULL DEFAULT 0 CHECK (held >= 0),
  spent_minor bigint NOT NULL DEFAULT 0 CHECK (spent_minor >= 0)
);

-- Whether this reservation holds one of its campaign's uses (so that releasing it gives one back).
ALTER TABLE promo_reservations ADD COLUMN holds_use boolean NOT NULL DEFAULT false;

-- A till's redemption over a campaign limit: the sale stands, a manager decides. `reason` keeps its
-- CHECK (an additive migration cannot widen it) and says 'already_redeemed'; this column names the limit.
ALTER TABLE redemption_conflicts ADD COLUMN limit_reason text CHECK (limit_reason IN ('usage_exhausted', 'budget_exhausted'));

-- The till's engine refuses offline at a known exhausted limit: the pulled campaign carries its usage.
CREATE OR REPLACE FUNCTION campaign_doc(p_id text) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', c.id, 'name', c.name, 'channel', c.channel, 'codeKind', c.code_kind,
    'discountKind', c.discount_kind, 'discountValue', c.discount_value, 'currency', c.currency,
    'startsAt', iso(c.starts_at), 'endsAt', iso(c.ends_at),
    'offlineAllowed', c.offline_allowed, 'offlineCapPerTill', c.offline_cap_per_till, 'rules', c.rules,
    'usage', jsonb_build_object('uses', coalesce(u.uses, 0), 'spentMinor', coalesce(u.spent_minor, 0)))
  FROM campaigns c LEFT JOIN campaign_usage u ON u.campaign_id = c.id WHERE c.id = p_id
$$;

-- What the ledger already holds counts from the start.
INSERT INTO campaign_usage (campaign_id, uses, spent_minor)
SELECT campaign_id, count(*), sum(discount_minor) FROM redemptions WHERE rolled_back_at IS NULL GROUP BY campaign_id;
