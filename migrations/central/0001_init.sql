-- Omnitill Central Profile API, schema version 1.
-- Released migrations are additive only: never DROP, never RENAME (central/test/migrations.test.ts).

CREATE TABLE central_meta (
  key   text PRIMARY KEY,
  value text NOT NULL
);
-- The sync epoch: a restored database gets a new one, and tills holding the old one resync.
INSERT INTO central_meta (key, value) VALUES ('epoch', gen_random_uuid()::text);

-- Timestamps in documents are ISO 8601 UTC with milliseconds, the format zod checks on the till.
CREATE FUNCTION iso(t timestamptz) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

-- Stores, tills and the credentials a till holds.
CREATE TABLE stores (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  country    text NOT NULL CHECK (country IN ('RU', 'UA', 'RO', 'MD')),
  currency   text NOT NULL CHECK (currency IN ('RUB', 'UAH', 'RON', 'MDL', 'EUR')),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE tills (
  id         text PRIMARY KEY,
  store_id   text NOT NULL REFERENCES stores (id),
  name       text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tills_by_store ON tills (store_id);

-- A manager's one-time code; only its hash is kept, like every credential here.
CREATE TABLE pairing_codes (
  code_hash  text PRIMARY KEY,
  till_id    text NOT NULL REFERENCES tills (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at    timestamptz
);

CREATE TABLE device_tokens (
  id          text PRIMARY KEY,
  token_hash  text NOT NULL UNIQUE,
  till_id     text NOT NULL REFERENCES tills (id),
  device_name text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);
CREATE INDEX device_tokens_by_till ON device_tokens (till_id);

-- Web shop, app and bots authenticate with a key of their own.
CREATE TABLE channel_clients (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  key_hash   text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz
);

-- Customers. Phones are E.164, unique across customers; a customer may have several.
CREATE TABLE customers (
  id         text PRIMARY KEY,
  name       text NOT NULL DEFAULT '',
  email      text,
  segments   text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE customer_phones (
  phone_e164  text PRIMARY KEY CHECK (phone_e164 ~ '^\+[1-9][0-9]{6,14}$'),
  customer_id text NOT NULL REFERENCES customers (id),
  added_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_phones_by_customer ON customer_phones (customer_id);

CREATE TABLE customer_consents (
  customer_id text NOT NULL REFERENCES customers (id),
  channel     text NOT NULL CHECK (channel IN ('sms', 'email', 'push', 'messenger', 'phone')),
  granted     boolean NOT NULL,
  changed_at  timestamptz NOT NULL,
  source      text NOT NULL,
  PRIMARY KEY (customer_id, channel)
);

-- Online carts, one per customer and channel, replaced whole by the channel.
CREATE TABLE cart_lines (
  customer_id      text NOT NULL REFERENCES customers (id),
  channel          text NOT NULL CHECK (channel IN ('web', 'app')),
  sku              text NOT NULL,
  quantity         integer NOT NULL CHECK (quantity > 0),
  price_seen_minor bigint NOT NULL CHECK (price_seen_minor >= 0),
  currency         text NOT NULL,
  added_at         timestamptz NOT NULL,
  PRIMARY KEY (customer_id, channel, sku)
);

CREATE TABLE favourites (
  customer_id text NOT NULL REFERENCES customers (id),
  sku         text NOT NULL,
  channel     text NOT NULL CHECK (channel IN ('web', 'app', 'store')),
  added_at    timestamptz NOT NULL,
  PRIMARY KEY (customer_id, sku)
);

-- Catalogue and store prices.
CREATE TABLE products (
  sku          text PRIMARY KEY,
  name_en      text NOT NULL,
  name_ru      text NOT NULL,
  name_ro      text NOT NULL,
  vat_category text NOT NULL CHECK (vat_category IN ('standard', 'reduced', 'special', 'zero')),
  category     text NOT NULL DEFAULT '',
  sold_by      text NOT NULL CHECK (sold_by IN ('unit', 'weight')),
  plu          text,
  updated_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE product_barcodes (
  code text PRIMARY KEY,
  sku  text NOT NULL REFERENCES products (sku)
);
CREATE INDEX product_barcodes_by_sku ON product_barcodes (sku);

CREATE TABLE store_prices (
  store_id    text NOT NULL REFERENCES stores (id),
  sku         text NOT NULL REFERENCES products (sku),
  price_minor bigint NOT NULL CHECK (price_minor >= 0),
  PRIMARY KEY (store_id, sku)
);

-- Promo campaigns, their codes and the redemption ledger.
CREATE TABLE campaigns (
  id                   text PRIMARY KEY,
  name                 text NOT NULL,
  channel              text NOT NULL CHECK (channel IN ('email', 'stream', 'web', 'app', 'social', 'sms')),
  code_kind            text NOT NULL CHECK (code_kind IN ('unique', 'shared')),
  code_prefix          text NOT NULL DEFAULT '',
  discount_kind        text NOT NULL CHECK (discount_kind IN ('percent', 'amount')),
  discount_value       bigint NOT NULL CHECK (discount_value > 0),
  currency             text,
  starts_at            timestamptz NOT NULL,
  ends_at              timestamptz NOT NULL,
  offline_allowed      boolean NOT NULL DEFAULT false,
  offline_cap_per_till integer NOT NULL DEFAULT 0 CHECK (offline_cap_per_till >= 0),
  created_at           timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  CHECK (discount_kind = 'percent' AND discount_value <= 100 OR discount_kind = 'amount' AND currency IS NOT NULL)
);

CREATE TABLE promo_codes (
  code        text PRIMARY KEY,
  campaign_id text NOT NULL REFERENCES campaigns (id),
  single_use  boolean NOT NULL,
  state       text NOT NULL DEFAULT 'issued' CHECK (state IN ('issued', 'redeemed', 'void')),
  issued_at   timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz
);
CREATE INDEX promo_codes_by_campaign ON promo_codes (campaign_id, code);

-- One row per redemption, keyed by the sale that redeemed it. The partial unique index is
-- what makes a single-use code single-use under concurrent web and store redemptions.
CREATE TABLE redemptions (
  id              text PRIMARY KEY,
  code            text NOT NULL REFERENCES promo_codes (code),
  campaign_id     text NOT NULL REFERENCES campaigns (id),
  single_use      boolean NOT NULL,
  sale_id         text NOT NULL,
  till_id         text REFERENCES tills (id),
  channel         text NOT NULL,
  offline         boolean NOT NULL,
  discount_minor  bigint NOT NULL,
  currency        text NOT NULL,
  redeemed_at     timestamptz NOT NULL,
  recorded_at     timestamptz NOT NULL DEFAULT now(),
  rolled_back_at  timestamptz,
  UNIQUE (sale_id, code)
);
CREATE UNIQUE INDEX redemptions_single_use ON redemptions (code) WHERE single_use AND rolled_back_at IS NULL;
CREATE INDEX redemptions_offline_by_till ON redemptions (campaign_id, till_id) WHERE offline;

-- A redemption the ledger could not accept after the sale had already happened (offline,
-- duplicate, over the cap): the sale stands and a manager decides.
CREATE TABLE redemption_conflicts (
  id             text PRIMARY KEY,
  redemption_id  text NOT NULL UNIQUE,
  code           text NOT NULL,
  campaign_id    text NOT NULL,
  sale_id        text NOT NULL,
  till_id        text NOT NULL REFERENCES tills (id),
  reason         text NOT NULL CHECK (reason IN ('already_redeemed', 'offline_not_allowed', 'offline_cap_exceeded', 'expired')),
  discount_minor bigint NOT NULL,
  redeemed_at    timestamptz NOT NULL,
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  resolved_at    timestamptz
);

-- Sales as the tills report them; the sale ULID is the key, the receipt number is for people.
CREATE TABLE sales (
  id           text PRIMARY KEY,
  till_id      text NOT NULL REFERENCES tills (id),
  store_id     text NOT NULL REFERENCES stores (id),
  customer_id  text REFERENCES customers (id),
  cashier      text NOT NULL,
  receipt_no   integer NOT NULL,
  country      text NOT NULL,
  currency     text NOT NULL,
  opened_at    timestamptz NOT NULL,
  completed_at timestamptz NOT NULL,
  total_minor  bigint NOT NULL,
  vat          jsonb NOT NULL,
  recorded_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sales_by_customer ON sales (customer_id, completed_at) WHERE customer_id IS NOT NULL;

CREATE TABLE sale_lines (
  id                text PRIMARY KEY,
  sale_id           text NOT NULL REFERENCES sales (id),
  position          integer NOT NULL,
  sku               text NOT NULL,
  scanned_code      text,
  name              text NOT NULL,
  qty_kind          text NOT NULL,
  quantity          integer NOT NULL,
  unit_price_minor  bigint NOT NULL,
  line_total_minor  bigint NOT NULL,
  vat_basis_points  integer NOT NULL,
  UNIQUE (sale_id, position)
);

CREATE TABLE sale_payments (
  id             text PRIMARY KEY,
  sale_id        text NOT NULL REFERENCES sales (id),
  method         text NOT NULL,
  amount_minor   bigint NOT NULL,
  tendered_minor bigint NOT NULL,
  change_minor   bigint NOT NULL
);
CREATE INDEX sale_payments_by_sale ON sale_payments (sale_id);

-- Every step of a customer's path across channels, for end-to-end analytics.
CREATE TABLE touchpoints (
  id          text PRIMARY KEY,
  channel     text NOT NULL,
  kind        text NOT NULL,
  customer_id text REFERENCES customers (id),
  campaign_id text REFERENCES campaigns (id),
  store_id    text REFERENCES stores (id),
  sale_id     text,
  occurred_at timestamptz NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX touchpoints_by_customer ON touchpoints (customer_id, occurred_at);
CREATE INDEX touchpoints_by_campaign ON touchpoints (campaign_id, occurred_at);

-- Exactly-once push: the op's ULID, a hash of what it said, and what central answered.
CREATE TABLE applied_ops (
  op_id        text PRIMARY KEY,
  till_id      text NOT NULL REFERENCES tills (id),
  type         text NOT NULL,
  payload_hash text NOT NULL,
  status       text NOT NULL CHECK (status IN ('applied', 'rejected')),
  result       jsonb NOT NULL,
  applied_at   timestamptz NOT NULL DEFAULT now()
);

-- Who looked up which customer, from which till, when.
CREATE TABLE lookup_audit (
  id           text PRIMARY KEY,
  till_id      text NOT NULL REFERENCES tills (id),
  store_id     text NOT NULL REFERENCES stores (id),
  cashier      text NOT NULL,
  phone_masked text NOT NULL,
  customer_id  text,
  looked_up_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX lookup_audit_by_customer ON lookup_audit (customer_id, looked_up_at);

-- The change log that feeds pull. One row per entity (the latest change wins, so an initial
-- sync ships each customer once, not its history); a delete leaves a tombstone. `txid` is
-- the writing transaction: pull only serves rows whose transaction is older than every
-- transaction still running, so a row committed late can never land behind a till's cursor.
CREATE SEQUENCE change_seq;
CREATE TABLE changes (
  entity   text NOT NULL,
  key      text NOT NULL,
  -- '' = every store; otherwise the one store the change is for (its prices).
  scope    text NOT NULL DEFAULT '',
  txid     xid8 NOT NULL DEFAULT pg_current_xact_id(),
  seq      bigint NOT NULL DEFAULT nextval('change_seq'),
  op       text NOT NULL CHECK (op IN ('upsert', 'delete')),
  data     jsonb,
  PRIMARY KEY (entity, scope, key)
);
CREATE INDEX changes_feed ON changes (scope, txid, seq);

-- A customer's profile as every channel sees it: the payload of a 'customer' change.
CREATE FUNCTION customer_doc(customer_id text) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', c.id,
    'name', c.name,
    'email', c.email,
    'segments', to_jsonb(c.segments),
    'phones', COALESCE((SELECT jsonb_agg(p.phone_e164 ORDER BY p.added_at, p.phone_e164)
                        FROM customer_phones p WHERE p.customer_id = c.id), '[]'::jsonb),
    'consents', COALESCE((SELECT jsonb_agg(jsonb_build_object('channel', k.channel, 'granted', k.granted,
                                   'changedAt', iso(k.changed_at))
                                 ORDER BY k.channel)
                          FROM customer_consents k WHERE k.customer_id = c.id), '[]'::jsonb),
    'updatedAt', iso(c.updated_at))
  FROM customers c WHERE c.id = customer_id
$$;

CREATE FUNCTION cart_doc(p_customer_id text, p_channel text) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'customerId', p_customer_id,
    'channel', p_channel,
    'lines', COALESCE(jsonb_agg(jsonb_build_object('sku', l.sku, 'quantity', l.quantity,
               'priceSeenMinor', l.price_seen_minor, 'currency', l.currency, 'addedAt', iso(l.added_at))
             ORDER BY l.added_at, l.sku), '[]'::jsonb))
  FROM cart_lines l WHERE l.customer_id = p_customer_id AND l.channel = p_channel
$$;

CREATE FUNCTION product_doc(p_sku text) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'sku', p.sku,
    'barcodes', COALESCE((SELECT jsonb_agg(b.code ORDER BY b.code) FROM product_barcodes b WHERE b.sku = p.sku), '[]'::jsonb),
    'names', jsonb_build_object('en', p.name_en, 'ru', p.name_ru, 'ro', p.name_ro),
    'vatCategory', p.vat_category,
    'category', p.category,
    'soldBy', p.sold_by,
    'plu', p.plu)
  FROM products p WHERE p.sku = p_sku
$$;

CREATE FUNCTION campaign_doc(p_id text) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', c.id, 'name', c.name, 'channel', c.channel, 'codeKind', c.code_kind,
    'discountKind', c.discount_kind, 'discountValue', c.discount_value, 'currency', c.currency,
    'startsAt', iso(c.starts_at), 'endsAt', iso(c.ends_at),
    'offlineAllowed', c.offline_allowed, 'offlineCapPerTill', c.offline_cap_per_till)
  FROM campaigns c WHERE c.id = p_id
$$;

CREATE FUNCTION promo_code_doc(p_code text) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('code', k.code, 'campaignId', k.campaign_id, 'singleUse', k.single_use,
    'state', k.state, 'expiresAt', iso(k.expires_at))
  FROM promo_codes k WHERE k.code = p_code
$$;
