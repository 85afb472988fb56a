-- Durable print queue: a receipt job is written in the transaction that completes its sale,
-- so a crash can lose neither; the worker prints from here and records every step.

CREATE TABLE print_jobs (
  id               TEXT PRIMARY KEY,
  sale_id          TEXT REFERENCES sales (id),
  kind             TEXT NOT NULL CHECK (kind IN ('receipt', 'reprint', 'test')),
  -- The receipt document (core/receipt/model.ts) as JSON; bytes are rendered at print time
  -- for whatever printer is configured then.
  document         TEXT NOT NULL,
  open_drawer      INTEGER NOT NULL DEFAULT 0 CHECK (open_drawer IN (0, 1)),
  state            TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'printing', 'done', 'failed')),
  -- Times the job's bytes started going out to a printer.
  attempts         INTEGER NOT NULL DEFAULT 0,
  error_code       TEXT,
  error_detail     TEXT,
  -- A failed job with retry_at is tried again from then on (the printer was unreachable or
  -- lost mid-job); without it, it waits for staff (it may have printed; nobody can tell).
  retry_at         TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  -- Set once every byte of the job has been handed to the printer: a job found 'printing'
  -- after a crash with sent_at set is not printed again.
  sent_at          TEXT,
  done_at          TEXT,
  -- The drawer opens once per cash sale: set when the pulse went out, never sent again.
  drawer_opened_at TEXT,
  CHECK (kind = 'test' OR sale_id IS NOT NULL),
  CHECK (kind = 'receipt' OR open_drawer = 0)
) WITHOUT ROWID;

CREATE INDEX print_jobs_queue ON print_jobs (created_at) WHERE state IN ('pending', 'printing', 'failed');
CREATE INDEX print_jobs_by_sale ON print_jobs (sale_id);
-- One original receipt per sale; copies are 'reprint' jobs.
CREATE UNIQUE INDEX print_jobs_one_original ON print_jobs (sale_id) WHERE kind = 'receipt';
