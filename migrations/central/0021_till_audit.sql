-- The tills' audit logs, pushed as 'audit.recorded' ops: who looked up which customer and how
-- (never the number typed), who saw whose phone, who signed in, who approved what. Kept at
-- central as on the till: append-only. A till's row number with its time is the key, so a till
-- rebuilt from scratch (numbering again from 1) never collides with its former self.
-- Additive only.
CREATE TABLE till_audit (
  till_id     text NOT NULL REFERENCES tills (id),
  audit_no    bigint NOT NULL,
  at          timestamptz NOT NULL,
  store_id    text NOT NULL REFERENCES stores (id),
  actor       text NOT NULL,
  actor_id    text,
  action      text NOT NULL,
  subject     text,
  details     text,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (till_id, audit_no, at)
);
CREATE INDEX till_audit_by_subject ON till_audit (subject, at) WHERE subject IS NOT NULL;
CREATE INDEX till_audit_by_store ON till_audit (store_id, at);

CREATE FUNCTION till_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'till_audit is append-only';
END
$$;
CREATE TRIGGER till_audit_no_change BEFORE UPDATE OR DELETE ON till_audit
  FOR EACH ROW EXECUTE FUNCTION till_audit_append_only();
