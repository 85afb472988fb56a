import type { SyncStatus } from './status.js';

export type SyncTone = 'ok' | 'busy' | 'warn' | 'off';

/** What the header's sync indicator says: a key of `ui.sync` with its parameters, and a tone. */
export interface SyncSummary {
  readonly tone: SyncTone;
  readonly key: 'notPaired' | 'progress' | 'offline' | 'rejected' | 'queued' | 'synced';
  readonly params: Record<string, number>;
}

/**
 * "Synced" only once the till holds central's data: a till just paired, whose first full pull
 * has not finished (or not started), says "First sync n %" instead — a percent of 0 while
 * central has not yet said how much there is.
 */
export function syncSummary(s: SyncStatus): SyncSummary {
  if (!s.paired) return { tone: 'off', key: 'notPaired', params: {} };
  const percent = () => (s.pull.estimatedTotal ? Math.min(99, Math.floor((100 * s.pull.rowsDone) / s.pull.estimatedTotal)) : 0);
  if (s.pull.running && s.pull.fullSync) return { tone: 'busy', key: 'progress', params: { percent: percent() } };
  if (s.online === 'offline') return { tone: 'warn', key: 'offline', params: { count: s.queued } };
  if (s.lastPullAt === null) return { tone: 'busy', key: 'progress', params: { percent: percent() } };
  if (s.rejectedCount > 0) return { tone: 'warn', key: 'rejected', params: { count: s.rejectedCount } };
  if (s.queued > 0) return { tone: 'busy', key: 'queued', params: { count: s.queued } };
  return { tone: 'ok', key: 'synced', params: {} };
}
