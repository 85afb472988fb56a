-- The web console: people sign in with their own accounts (the admin API key stays for
-- automation). Passwords are scrypt hashes with a per-person salt; a session is known by the
-- hash of its cookie only. Additive only: never DROP, never RENAME.

CREATE TABLE console_users (
  id            text PRIMARY KEY,
  email         text NOT NULL,
  name          text NOT NULL,
  role          text NOT NULL CHECK (role IN ('marketer', 'store_manager', 'it_admin')),
  password_hash text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  disabled_at   timestamptz
);
CREATE UNIQUE INDEX console_users_by_email ON console_users (lower(email));

-- The stores a store manager manages; other roles see the whole chain.
CREATE TABLE console_user_stores (
  user_id  text NOT NULL REFERENCES console_users (id),
  store_id text NOT NULL REFERENCES stores (id),
  PRIMARY KEY (user_id, store_id)
);

CREATE TABLE console_sessions (
  token_hash   text PRIMARY KEY,
  user_id      text NOT NULL REFERENCES console_users (id),
  csrf_token   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  ended_at     timestamptz
);
CREATE INDEX console_sessions_by_user ON console_sessions (user_id);

-- Who in the console looked at which customer (or did what), when.
CREATE TABLE console_audit (
  id          text PRIMARY KEY,
  user_id     text NOT NULL REFERENCES console_users (id),
  action      text NOT NULL,
  customer_id text,
  detail      jsonb NOT NULL DEFAULT '{}',
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX console_audit_by_customer ON console_audit (customer_id, at);
CREATE INDEX console_audit_by_user ON console_audit (user_id, at);

-- Console customer search: by e-mail (exact, any case) and by any word of the name (prefix).
CREATE INDEX customers_by_email_lower ON customers (lower(email));
CREATE INDEX customers_by_name_words ON customers USING gin (to_tsvector('simple', name));
