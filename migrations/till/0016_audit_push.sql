-- The audit log goes to central too ('audit.recorded' ops, pushed after the outbox): the last
-- row central acknowledged. The log is only ever appended, so a row number is enough.
-- Additive only.
ALTER TABLE sync_state ADD COLUMN audit_pushed_through INTEGER NOT NULL DEFAULT 0;
