-- Promotions across channels: a campaign's rules (automatic, segments, first purchase, minimum
-- basket, items; core/promo), a personal code's customer, and reservations: a code held for a
-- sale or a web order (keyed by its ULID) until it is redeemed, released or expired. Additive.

ALTER TABLE campaigns ADD COLUMN rules jsonb NOT NULL DEFAULT '{}';
ALTER TABLE promo_codes ADD COLUMN customer_id text REFERENCES customers (id);
CREATE INDEX promo_codes_by_customer ON promo_codes (customer_id) WHERE customer_id IS NOT NULL;

CREATE TABLE promo_reservations (
  id          text PRIMARY KEY,
  code        text NOT NULL REFERENCES promo_codes (code),
  campaign_id text NOT NULL REFERENCES campaigns (id),
  single_use  boolean NOT NULL,
  -- The sale's (or the web order's) ULID: a retry of the same reservation finds it.
  sale_id     text NOT NULL,
  -- Who holds it: 'channel:<client>' or 'till:<till id>'.
  holder      text NOT NULL,
  reserved_at timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz NOT NULL,
  released_at timestamptz,
  redeemed_at timestamptz,
  CHECK (expires_at > reserved_at)
);
-- One live hold per sale and code: a retry finds it; after a release the sale may hold the code again.
CREATE UNIQUE INDEX promo_reservations_by_sale ON promo_reservations (sale_id, code) WHERE released_at IS NULL AND redeemed_at IS NULL;
-- What makes a single-use code held by one sale at a time, under concurrent web and store use:
-- an expired reservation is released (released_at = expires_at) before a new one is taken.
CREATE UNIQUE INDEX promo_reservations_live ON promo_reservations (code) WHERE single_use AND released_at IS NULL AND redeemed_at IS NULL;

CREATE OR REPLACE FUNCTION campaign_doc(p_id text) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', c.id, 'name', c.name, 'channel', c.channel, 'codeKind', c.code_kind,
    'discountKind', c.discount_kind, 'discountValue', c.discount_value, 'currency', c.currency,
    'startsAt', iso(c.starts_at), 'endsAt', iso(c.ends_at),
    'offlineAllowed', c.offline_allowed, 'offlineCapPerTill', c.offline_cap_per_till, 'rules', c.rules)
  FROM campaigns c WHERE c.id = p_id
$$;

CREATE OR REPLACE FUNCTION promo_code_doc(p_code text) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('code', k.code, 'campaignId', k.campaign_id, 'singleUse', k.single_use,
    'state', k.state, 'expiresAt', iso(k.expires_at), 'customerId', k.customer_id)
  FROM promo_codes k WHERE k.code = p_code
$$;
