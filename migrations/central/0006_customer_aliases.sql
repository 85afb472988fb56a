-- Omnitill Central Profile API, schema version 6: customers created at a till. The till names a
-- new customer with its own id; when central already knows her phone, that id becomes an alias
-- of the customer central has, so the till's sales made under it still reach her profile.
-- Released migrations are additive only: never DROP, never RENAME (central/test/migrations.test.ts).

CREATE TABLE customer_aliases (
  alias       text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES customers (id),
  till_id     text NOT NULL REFERENCES tills (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customer_aliases_by_customer ON customer_aliases (customer_id);
