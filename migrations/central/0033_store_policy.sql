-- Store policies on every pull (issue 11): the store is one entity of the pull, a `store` document
-- in the store's own scope (core/store/policy.ts) with a version that goes up with every change of a
-- policy, so a change at central reaches the store's tills on their next pull, not only at pairing.
-- Also the per-till cap on others' store credit a till takes offline, set here per store.
-- Triggers keep the change log whoever writes the row (admin API, console, demo seed). Additive only.

ALTER TABLE stores ADD COLUMN voucher_offline_cap_minor bigint NOT NULL DEFAULT 0
  CHECK (voucher_offline_cap_minor BETWEEN 0 AND 100000000);
ALTER TABLE stores ADD COLUMN policy_version integer NOT NULL DEFAULT 1 CHECK (policy_version >= 1);
ALTER TABLE stores ADD COLUMN policy_changed_at timestamptz NOT NULL DEFAULT now();

CREATE FUNCTION store_doc(p_id text) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object(
    'id', s.id, 'name', s.name, 'version', s.policy_version, 'changedAt', iso(s.policy_changed_at),
    'paymentMethods', to_jsonb(s.payment_methods),
    'noReceiptReturns', jsonb_build_object('methods', to_jsonb(s.no_receipt_methods), 'maxMinor', s.no_receipt_max_minor),
    'manualDiscountLimit', s.manual_discount_limit_bp::float8 / 100,
    'voucherOfflineCapMinor', s.voucher_offline_cap_minor)
  FROM stores s WHERE s.id = p_id
$$;

CREATE FUNCTION store_policy_versioned() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.policy_version := OLD.policy_version + 1;
  NEW.policy_changed_at := now();
  RETURN NEW;
END $$;

CREATE TRIGGER store_policy_version BEFORE UPDATE ON stores FOR EACH ROW
  WHEN ((OLD.name, OLD.payment_methods, OLD.no_receipt_methods, OLD.no_receipt_max_minor, OLD.manual_discount_limit_bp, OLD.voucher_offline_cap_minor)
        IS DISTINCT FROM (NEW.name, NEW.payment_methods, NEW.no_receipt_methods, NEW.no_receipt_max_minor, NEW.manual_discount_limit_bp, NEW.voucher_offline_cap_minor))
  EXECUTE FUNCTION store_policy_versioned();

CREATE FUNCTION store_logged() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO changes (entity, scope, key, op, data) VALUES ('store', NEW.id, NEW.id, 'upsert', store_doc(NEW.id))
  ON CONFLICT (entity, scope, key) DO UPDATE SET txid = EXCLUDED.txid, seq = EXCLUDED.seq, op = EXCLUDED.op, data = EXCLUDED.data;
  RETURN NULL;
END $$;

CREATE TRIGGER store_created AFTER INSERT ON stores FOR EACH ROW EXECUTE FUNCTION store_logged();
CREATE TRIGGER store_changed AFTER UPDATE ON stores FOR EACH ROW
  WHEN (OLD.policy_version IS DISTINCT FROM NEW.policy_version) EXECUTE FUNCTION store_logged();

INSERT INTO changes (entity, scope, key, op, data) SELECT 'store', s.id, s.id, 'upsert', store_doc(s.id) FROM stores s;
