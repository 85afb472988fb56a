import type { Db, Queryable } from './db.js';
import { ApiError } from './errors.js';

/**
 * Pull: the change log in (txid, seq) order, for one store's scope.
 *
 * Why this never skips a row committed late: a page only contains rows whose writing
 * transaction is older than the snapshot's xmin — every transaction below xmin has finished,
 * and every transaction still running or yet to start has a txid at or above it. So once a
 * row is served, no row can later appear before it, and the cursor (the last row's
 * (txid, seq)) is a safe place to resume. A long transaction only delays what comes after it.
 */

export interface Cursor {
  readonly epoch: string;
  readonly txid: string;
  readonly seq: string;
}

export const START: Omit<Cursor, 'epoch'> = { txid: '0', seq: '0' };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(`${c.epoch}|${c.txid}|${c.seq}`, 'utf8').toString('base64url');
}

export function decodeCursor(text: string): Cursor {
  const parts = Buffer.from(text, 'base64url').toString('utf8').split('|');
  const [epoch, txid, seq] = parts;
  if (parts.length !== 3 || !epoch || !/^\d{1,20}$/.test(txid ?? '') || !/^\d{1,19}$/.test(seq ?? '')) {
    throw new ApiError('INPUT_INVALID', 'the cursor is not one this service issued');
  }
  return { epoch, txid: txid as string, seq: seq as string };
}

export async function currentEpoch(q: Queryable): Promise<string> {
  const { rows } = await q.query<{ value: string }>(`SELECT value FROM central_meta WHERE key = 'epoch'`);
  const epoch = rows[0]?.value;
  if (!epoch) throw new Error('central_meta has no epoch: the database was not migrated');
  return epoch;
}

export class ResyncRequired extends ApiError {
  constructor(readonly epoch: string) {
    super('SYNC_RESYNC_REQUIRED', 'central was restored or reset: drop the local copy and pull from the start');
  }
}

export interface PulledPage {
  readonly epoch: string;
  /** Each change as JSON text, spliced into the response without a parse/serialise round trip. */
  readonly changes: readonly string[];
  readonly cursor: string;
  readonly hasMore: boolean;
}

interface ChangeRow {
  entity: string;
  key: string;
  op: string;
  data: string | null;
  txid: string;
  seq: string;
}

export async function pullPage(db: Db, storeId: string, cursorText: string | undefined, limit: number): Promise<PulledPage> {
  return db.transaction(
    async (tx) => {
      const epoch = await currentEpoch(tx);
      const from = cursorText ? decodeCursor(cursorText) : { epoch, ...START };
      const { rows: snap } = await tx.query<{ xmin: string; xmax: string }>(
        `SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin, pg_snapshot_xmax(pg_current_snapshot())::text AS xmax`,
      );
      const { xmin, xmax } = snap[0] as { xmin: string; xmax: string };
      // A cursor from a future this database never reached means it was restored from a backup.
      if (from.epoch !== epoch || BigInt(from.txid) >= BigInt(xmax)) throw new ResyncRequired(epoch);
      const { rows } = await tx.query<ChangeRow>(
        // The till never shows an e-mail: customers go to tills without it (null, which every till version reads).
        `SELECT c.entity, c.key, c.op, (CASE WHEN c.entity = 'customer' THEN jsonb_set(c.data, '{email}', 'null') ELSE c.data END)::text AS data, c.txid::text AS txid, c.seq::text AS seq FROM (
           (SELECT * FROM changes WHERE scope = '' AND (txid, seq) > ($1::xid8, $2::bigint) AND txid < $3::xid8
            ORDER BY txid, seq LIMIT $5)
           UNION ALL
           (SELECT * FROM changes WHERE scope = $4 AND (txid, seq) > ($1::xid8, $2::bigint) AND txid < $3::xid8
            ORDER BY txid, seq LIMIT $5)
         ) c ORDER BY c.txid, c.seq LIMIT $5`,
        [from.txid, from.seq, xmin, storeId, limit],
      );
      const last = rows[rows.length - 1];
      const next = last ? { epoch, txid: last.txid, seq: last.seq } : { ...from, epoch };
      return {
        epoch,
        changes: rows.map(
          (r) => `{"entity":${JSON.stringify(r.entity)},"key":${JSON.stringify(r.key)},"op":"${r.op}","data":${r.data ?? 'null'}}`,
        ),
        cursor: encodeCursor(next),
        hasMore: rows.length === limit,
      };
    },
    { isolation: 'repeatable read', readOnly: true },
  );
}

/**
 * After a restore, or to force every till to rebuild its copy: a new epoch, and every change
 * moved to the current transaction so the log is consistent with this database's txids
 * (a logical restore into a fresh cluster brings txids from the old one).
 */
export async function startNewEpoch(db: Db): Promise<string> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<{ value: string }>(
      `UPDATE central_meta SET value = gen_random_uuid()::text WHERE key = 'epoch' RETURNING value`,
    );
    await tx.query(`UPDATE changes SET txid = pg_current_xact_id()`);
    return (rows[0] as { value: string }).value;
  });
}

/** True when the change log holds txids this cluster has not issued yet: a logical restore. */
export async function changeLogFromAnotherCluster(db: Db): Promise<boolean> {
  const { rows } = await db.query<{ ahead: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM changes WHERE txid >= pg_snapshot_xmax(pg_current_snapshot())) AS ahead`,
  );
  return rows[0]?.ahead === true;
}
