import { createHash } from 'node:crypto';
import { encodeTime } from 'ulid';
import type { AuditRecordedPayload } from '../../../core/sync/ops.js';
import type { TillDatabase } from '../db.js';

interface AuditRow {
  id: number;
  at: string;
  till_id: string;
  actor: string;
  actor_id: string | null;
  action: string;
  subject: string | null;
  details: string | null;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The op id of an audit row, derived from the row: a batch sent again after a lost answer or a
 * restart carries the very same ops, and central answers them as duplicates.
 */
export function auditOpId(row: { id: number; at: string; till_id: string }): string {
  const digest = createHash('sha256').update(`${row.till_id}\u0000${row.id}\u0000${row.at}`).digest();
  let random = '';
  for (let i = 0; i < 16; i++) random += CROCKFORD[(digest[i] as number) & 31];
  return encodeTime(Date.parse(row.at), 10) + random;
}

export interface AuditBatch {
  readonly ops: readonly { opId: string; type: 'audit.recorded'; payload: AuditRecordedPayload }[];
  /** The last row of the batch: acknowledged through it once central answers. */
  readonly through: number;
}

/** The audit log's way to central: rows after the last acknowledged one, in order. */
export function createAuditPush(db: TillDatabase) {
  const q = {
    through: db.prepare(`SELECT audit_pushed_through FROM sync_state WHERE id = 1`).pluck(),
    rows: db.prepare(`SELECT id, at, till_id, actor, actor_id, action, subject, details FROM audit_log WHERE id > ? ORDER BY id LIMIT ?`),
    acknowledge: db.prepare(`UPDATE sync_state SET audit_pushed_through = ? WHERE id = 1 AND audit_pushed_through < ?`),
  };
  return {
    next(limit: number): AuditBatch | null {
      const rows = q.rows.all(q.through.get() as number, limit) as AuditRow[];
      if (rows.length === 0) return null;
      const ops = rows.map((r) => ({
        opId: auditOpId(r),
        type: 'audit.recorded' as const,
        payload: { auditNo: r.id, at: r.at, actor: r.actor, actorId: r.actor_id, action: r.action, subject: r.subject, details: r.details },
      }));
      return { ops, through: (rows[rows.length - 1] as AuditRow).id };
    },
    acknowledge(through: number): void {
      q.acknowledge.run(through, through);
    },
  };
}
