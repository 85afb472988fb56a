-- Staff who sign in at the tills: PIN hashes only (scrypt, per-person salt, parameters in the
-- string), the staff card as a SHA-256 of its barcode. Synced to the tills as 'staff'
-- changes; a person made inactive becomes a tombstone. Additive only.
CREATE TABLE staff (
  id         text PRIMARY KEY,
  name       text NOT NULL,
  role       text NOT NULL CHECK (role IN ('cashier', 'senior', 'manager')),
  -- Empty: every store of the chain.
  store_ids  text[] NOT NULL DEFAULT '{}',
  pin_hash   text NOT NULL CHECK (pin_hash LIKE 'scrypt$%'),
  card_hash  text UNIQUE CHECK (card_hash IS NULL OR card_hash ~ '^[0-9a-f]{64}$'),
  active     boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION staff_doc(p_id text) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('id', s.id, 'name', s.name, 'role', s.role, 'storeIds', to_jsonb(s.store_ids),
    'pinHash', s.pin_hash, 'cardHash', s.card_hash)
  FROM staff s WHERE s.id = p_id AND s.active
$$;
