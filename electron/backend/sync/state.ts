import type { TillDatabase } from '../db.js';

/** The one row of `sync_state` (migrations/till/0003_sync.sql). */
export interface SyncState {
  readonly centralUrl: string | null;
  readonly deviceId: string | null;
  readonly pairedAt: string | null;
  readonly demoCentral: boolean;
  readonly cursor: string | null;
  readonly epoch: string | null;
  readonly gen: number;
  readonly resync: boolean;
  readonly pulledRows: number;
  readonly pullTotal: number | null;
  readonly lastPullAt: string | null;
  readonly lastPushAt: string | null;
  readonly centralProtocol: number | null;
  readonly needsUpdate: boolean;
  readonly skipped: Record<string, number>;
}

interface Row {
  central_url: string | null;
  device_id: string | null;
  paired_at: string | null;
  demo_central: number;
  cursor: string | null;
  epoch: string | null;
  gen: number;
  resync: number;
  pulled_rows: number;
  pull_total: number | null;
  last_pull_at: string | null;
  last_push_at: string | null;
  central_protocol: number | null;
  needs_update: number;
  skipped: string;
}

export function readSyncState(db: TillDatabase): SyncState {
  const r = db.prepare('SELECT * FROM sync_state WHERE id = 1').get() as Row;
  return {
    centralUrl: r.central_url,
    deviceId: r.device_id,
    pairedAt: r.paired_at,
    demoCentral: r.demo_central === 1,
    cursor: r.cursor,
    epoch: r.epoch,
    gen: r.gen,
    resync: r.resync === 1,
    pulledRows: r.pulled_rows,
    pullTotal: r.pull_total,
    lastPullAt: r.last_pull_at,
    lastPushAt: r.last_push_at,
    centralProtocol: r.central_protocol,
    needsUpdate: r.needs_update === 1,
    skipped: JSON.parse(r.skipped) as Record<string, number>,
  };
}

const COLUMNS: Record<keyof SyncState, string> = {
  centralUrl: 'central_url',
  deviceId: 'device_id',
  pairedAt: 'paired_at',
  demoCentral: 'demo_central',
  cursor: 'cursor',
  epoch: 'epoch',
  gen: 'gen',
  resync: 'resync',
  pulledRows: 'pulled_rows',
  pullTotal: 'pull_total',
  lastPullAt: 'last_pull_at',
  lastPushAt: 'last_push_at',
  centralProtocol: 'central_protocol',
  needsUpdate: 'needs_update',
  skipped: 'skipped',
};

/** Updates some fields; runs inside the caller's transaction when there is one. */
export function writeSyncState(db: TillDatabase, patch: Partial<SyncState>): void {
  const entries = Object.entries(patch) as [keyof SyncState, unknown][];
  if (entries.length === 0) return;
  const sql = `UPDATE sync_state SET ${entries.map(([k]) => `${COLUMNS[k]} = ?`).join(', ')} WHERE id = 1`;
  const values = entries.map(([, v]) => (typeof v === 'boolean' ? (v ? 1 : 0) : v !== null && typeof v === 'object' ? JSON.stringify(v) : v));
  db.prepare(sql).run(...values);
}
