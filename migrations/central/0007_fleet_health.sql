-- Fleet health for the console: when each till last pulled and pushed, what it said about itself
-- (app version, sync protocol, its outbox) at its last contact. One row per till, written on
-- each sync request. Additive only: never DROP, never RENAME.
CREATE TABLE till_health (
  till_id          text PRIMARY KEY REFERENCES tills (id),
  last_pull_at     timestamptz,
  last_push_at     timestamptz,
  app_version      text,
  protocol_version integer,
  queue_depth      integer,
  queue_oldest_at  timestamptz,
  reported_at      timestamptz NOT NULL DEFAULT now()
);

-- Rejected ops per till, counted for the fleet page without reading every applied op.
CREATE INDEX applied_ops_rejected_by_till ON applied_ops (till_id) WHERE status = 'rejected';
