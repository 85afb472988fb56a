import { SegmentRules } from '../../../core/console/segmentRules.js';
import type { Db, Queryable } from '../db.js';
import { ApiError } from '../errors.js';
import { recordChangesOf } from '../changes.js';
import { segmentPredicate } from './sql.js';

export interface SegmentRow {
  id: string;
  name: string;
  rules: SegmentRules;
  size: number;
  refreshedAt: string | null;
  updatedAt: string;
}

const COLUMNS = `s.id, s.name, s.rules, s.size, iso(s.refreshed_at) AS "refreshedAt", iso(s.updated_at) AS "updatedAt"`;

export async function listSegments(q: Queryable): Promise<SegmentRow[]> {
  return (await q.query<SegmentRow>(`SELECT ${COLUMNS} FROM segments s ORDER BY s.name, s.id`)).rows;
}

export async function getSegment(q: Queryable, id: string): Promise<SegmentRow> {
  const row = (await q.query<SegmentRow>(`SELECT ${COLUMNS} FROM segments s WHERE s.id = $1`, [id])).rows[0];
  if (!row) throw new ApiError('NOT_FOUND', 'no such segment');
  return row;
}

/** Creates a segment and computes its members at once. */
export async function createSegment(db: Db, s: { id: string; name: string; rules: SegmentRules }): Promise<SegmentRow> {
  await db.transaction(async (tx) => {
    const r = await tx.query(`INSERT INTO segments (id, name, rules) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`, [s.id, s.name, JSON.stringify(s.rules)]);
    if (r.rowCount === 0) throw new ApiError('CONFLICT', `segment ${s.id} exists already`);
    await refreshIn(tx, s.id);
  });
  return getSegment(db, s.id);
}

/** New name or rules: the members are computed again in the same transaction. */
export async function updateSegment(db: Db, id: string, s: { name: string; rules: SegmentRules }): Promise<SegmentRow> {
  await db.transaction(async (tx) => {
    const r = await tx.query(`UPDATE segments SET name = $2, rules = $3, updated_at = now() WHERE id = $1`, [id, s.name, JSON.stringify(s.rules)]);
    if (r.rowCount === 0) throw new ApiError('NOT_FOUND', 'no such segment');
    await refreshIn(tx, id);
  });
  return getSegment(db, id);
}

export interface RefreshResult {
  readonly size: number;
  readonly added: number;
  readonly removed: number;
}

export async function refreshSegment(db: Db, id: string): Promise<RefreshResult> {
  return db.transaction((tx) => refreshIn(tx, id));
}

/** Every segment, one transaction each (the schedule calls this). */
export async function refreshAllSegments(db: Db): Promise<void> {
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM segments ORDER BY id`);
  for (const { id } of rows) await refreshSegment(db, id);
}

/**
 * Membership, set-based: the customers the rules select now, compared with the members kept;
 * only the difference is written. A customer who joins or leaves gets the segment's id added to
 * or removed from customers.segments, and her document goes to the change log, so the tills
 * learn it on their next pull. The segment row is locked: two refreshes of one segment queue.
 */
async function refreshIn(tx: Queryable, id: string): Promise<RefreshResult> {
  const { rows } = await tx.query<{ rules: unknown }>(`SELECT rules FROM segments WHERE id = $1 FOR UPDATE`, [id]);
  if (!rows[0]) throw new ApiError('NOT_FOUND', 'no such segment');
  const where = segmentPredicate(SegmentRules.parse(rows[0].rules), 1);
  await tx.exec(`CREATE TEMP TABLE segment_now (customer_id text PRIMARY KEY) ON COMMIT DROP;
                 CREATE TEMP TABLE segment_delta (customer_id text PRIMARY KEY, joined boolean NOT NULL) ON COMMIT DROP;`);
  await tx.query(`INSERT INTO segment_now SELECT c.id FROM customers c WHERE ${where.sql}`, where.params);
  // Temporary tables have no statistics until analysed: without them the joins below are planned blind.
  await tx.exec(`ANALYZE segment_now`);
  await tx.query(
    `INSERT INTO segment_delta
       SELECT n.customer_id, true FROM segment_now n
       WHERE NOT EXISTS (SELECT 1 FROM segment_members m WHERE m.segment_id = $1 AND m.customer_id = n.customer_id)
     UNION ALL
       SELECT m.customer_id, false FROM segment_members m
       WHERE m.segment_id = $1 AND NOT EXISTS (SELECT 1 FROM segment_now n WHERE n.customer_id = m.customer_id)`,
    [id],
  );
  await tx.exec(`ANALYZE segment_delta`);
  await tx.query(`DELETE FROM segment_members m USING segment_delta d WHERE m.segment_id = $1 AND m.customer_id = d.customer_id AND NOT d.joined`, [id]);
  await tx.query(`INSERT INTO segment_members (segment_id, customer_id) SELECT $1, customer_id FROM segment_delta WHERE joined`, [id]);
  await tx.query(
    `UPDATE customers c
     SET segments = CASE WHEN d.joined THEN array_append(array_remove(c.segments, $1), $1) ELSE array_remove(c.segments, $1) END, updated_at = now()
     FROM segment_delta d WHERE d.customer_id = c.id`,
    [id],
  );
  await recordChangesOf(tx, 'customer', 'SELECT customer_id FROM segment_delta');
  const { rows: counts } = await tx.query<RefreshResult>(
    `SELECT (SELECT count(*) FROM segment_now)::int AS size,
            (SELECT count(*) FROM segment_delta WHERE joined)::int AS added,
            (SELECT count(*) FROM segment_delta WHERE NOT joined)::int AS removed`,
  );
  const result = counts[0] as RefreshResult;
  await tx.query(`UPDATE segments SET size = $2, refreshed_at = now() WHERE id = $1`, [id, result.size]);
  await tx.exec(`DROP TABLE segment_now; DROP TABLE segment_delta;`);
  return result;
}

/** A few members to show beside the size: name and id, in id order. */
export async function segmentSample(q: Queryable, id: string, limit: number): Promise<{ id: string; name: string }[]> {
  const { rows } = await q.query<{ id: string; name: string }>(
    `SELECT c.id, c.name FROM segment_members m JOIN customers c ON c.id = m.customer_id
     WHERE m.segment_id = $1 ORDER BY m.customer_id LIMIT $2`,
    [id, limit],
  );
  return rows;
}
