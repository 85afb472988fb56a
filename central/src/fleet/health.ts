import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { TILL_APP_VERSION_HEADER, TILL_QUEUE_DEPTH_HEADER, TILL_QUEUE_OLDEST_HEADER } from '../../../core/sync/fleet.js';
import { SYNC_PROTOCOL_HEADER } from '../../../core/sync/pull.js';
import type { Queryable } from '../db.js';

/**
 * Each till's last contact, as the fleet page shows it. What a till reports about itself is
 * taken only when well-formed (a version of at most 40 safe characters, small integers, an ISO
 * time): a malformed header is ignored, never an error for the sync request carrying it.
 */
const Version = z.string().regex(/^[0-9A-Za-z.+_-]{1,40}$/);
const Small = z.coerce.number().int().min(0).max(100_000_000);
const Iso = z.iso.datetime({ offset: true });

function header(request: FastifyRequest, name: string): string | undefined {
  const v = request.headers[name];
  return typeof v === 'string' ? v : undefined;
}

export async function recordTillContact(q: Queryable, tillId: string, kind: 'pull' | 'push', request: FastifyRequest): Promise<void> {
  const version = Version.safeParse(header(request, TILL_APP_VERSION_HEADER));
  const protocol = Small.safeParse(header(request, SYNC_PROTOCOL_HEADER));
  const depth = Small.safeParse(header(request, TILL_QUEUE_DEPTH_HEADER));
  const oldest = Iso.safeParse(header(request, TILL_QUEUE_OLDEST_HEADER));
  await q.query(
    `INSERT INTO till_health AS h (till_id, last_pull_at, last_push_at, app_version, protocol_version, queue_depth, queue_oldest_at, reported_at)
     VALUES ($1, CASE WHEN $2 = 'pull' THEN now() END, CASE WHEN $2 = 'push' THEN now() END, $3, $4, $5, $6, now())
     ON CONFLICT (till_id) DO UPDATE SET
       last_pull_at = coalesce(EXCLUDED.last_pull_at, h.last_pull_at),
       last_push_at = coalesce(EXCLUDED.last_push_at, h.last_push_at),
       app_version = coalesce(EXCLUDED.app_version, h.app_version),
       protocol_version = coalesce(EXCLUDED.protocol_version, h.protocol_version),
       queue_depth = CASE WHEN $5::int IS NULL THEN h.queue_depth ELSE EXCLUDED.queue_depth END,
       queue_oldest_at = CASE WHEN $5::int IS NULL THEN h.queue_oldest_at ELSE EXCLUDED.queue_oldest_at END,
       reported_at = now()`,
    [
      tillId,
      kind,
      version.success ? version.data : null,
      protocol.success ? protocol.data : null,
      depth.success ? depth.data : null,
      depth.success && depth.data > 0 && oldest.success ? oldest.data : null,
    ],
  );
}

export const FleetTill = z.object({
  id: z.string(),
  name: z.string(),
  paired: z.boolean(),
  lastPullAt: z.string().nullable(),
  lastPushAt: z.string().nullable(),
  lastSeenAt: z.string().nullable(),
  silentMinutes: z.number().nullable(),
  silent: z.boolean(),
  appVersion: z.string().nullable(),
  protocolVersion: z.number().nullable(),
  queueDepth: z.number().nullable(),
  queueOldestAt: z.string().nullable(),
  rejectedOps: z.number(),
  /** The latest op central rejected from this till: its type, why (a PushRejection) and when. */
  lastRejected: z.object({ type: z.string(), reason: z.string(), at: z.string() }).nullable(),
  openConflicts: z.number(),
});
export const FleetStore = z.object({ id: z.string(), name: z.string(), country: z.string(), tills: z.array(FleetTill) });
export type FleetStore = z.infer<typeof FleetStore>;

/** Stores (all, or the given ones) with their tills' health; a till not heard from for `silentAfter` minutes is silent. */
export async function fleetHealth(q: Queryable, stores: readonly string[] | null, silentAfter: number): Promise<{ now: string; stores: FleetStore[] }> {
  const { rows } = await q.query<{ now: string; stores: FleetStore[] | null }>(
    `WITH t AS (
       SELECT t.store_id, t.id, t.name,
              EXISTS (SELECT 1 FROM device_tokens d WHERE d.till_id = t.id AND d.revoked_at IS NULL) AS paired,
              h.last_pull_at, h.last_push_at, greatest(h.last_pull_at, h.last_push_at) AS seen,
              h.app_version, h.protocol_version, h.queue_depth, h.queue_oldest_at,
              (SELECT count(*) FROM applied_ops a WHERE a.till_id = t.id AND a.status = 'rejected')::int AS rejected,
              (SELECT jsonb_build_object('type', a.type, 'reason', a.result->>'reason', 'at', iso(a.applied_at)) FROM applied_ops a
               WHERE a.till_id = t.id AND a.status = 'rejected' ORDER BY a.applied_at DESC, a.op_id DESC LIMIT 1) AS last_rejected,
              (SELECT count(*) FROM redemption_conflicts c WHERE c.till_id = t.id AND c.resolved_at IS NULL)::int AS conflicts
       FROM tills t LEFT JOIN till_health h ON h.till_id = t.id
       WHERE $1::text[] IS NULL OR t.store_id = ANY ($1::text[]))
     SELECT iso(now()) AS now, jsonb_agg(jsonb_build_object('id', s.id, 'name', s.name, 'country', s.country, 'tills',
       coalesce((SELECT jsonb_agg(jsonb_build_object(
          'id', t.id, 'name', t.name, 'paired', t.paired,
          'lastPullAt', iso(t.last_pull_at), 'lastPushAt', iso(t.last_push_at), 'lastSeenAt', iso(t.seen),
          'silentMinutes', floor(extract(epoch FROM now() - t.seen) / 60)::int,
          'silent', t.paired AND (t.seen IS NULL OR t.seen < now() - make_interval(mins => $2)),
          'appVersion', t.app_version, 'protocolVersion', t.protocol_version, 'queueDepth', t.queue_depth,
          'queueOldestAt', iso(t.queue_oldest_at), 'rejectedOps', t.rejected, 'lastRejected', t.last_rejected, 'openConflicts', t.conflicts) ORDER BY t.id)
        FROM t WHERE t.store_id = s.id), '[]'::jsonb)) ORDER BY s.id) AS stores
     FROM stores s WHERE $1::text[] IS NULL OR s.id = ANY ($1::text[])`,
    [stores ? [...stores] : null, silentAfter],
  );
  return { now: rows[0]!.now, stores: rows[0]!.stores ?? [] };
}
