import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../core/sync/status.js';
import { syncSummary } from '../../core/sync/summary.js';

const paired: SyncStatus = {
  paired: true, centralUrl: 'http://127.0.0.1:5181', demoCentral: true, online: 'unknown', lockedElsewhere: false,
  lastPullAt: null, lastPushAt: null, lastError: null, queued: 0, oldestQueuedAt: null, oldestQueuedAgeSeconds: null,
  rejectedCount: 0, rejected: [], pull: { running: false, fullSync: true, rowsDone: 0, estimatedTotal: null }, skippedUnknown: {}, needsUpdate: false,
};

describe('the header’s sync summary', () => {
  it('does not say "Synced" for a till just paired whose first pull has not finished', () => {
    // What a till reports the moment it is paired: nothing pulled yet, no estimate.
    expect(syncSummary(paired)).toEqual({ tone: 'busy', key: 'progress', params: { percent: 0 } });
    expect(syncSummary({ ...paired, online: 'online', pull: { running: true, fullSync: true, rowsDone: 0, estimatedTotal: null } })).toMatchObject({ key: 'progress', params: { percent: 0 } });
    expect(syncSummary({ ...paired, online: 'online', pull: { running: true, fullSync: true, rowsDone: 500, estimatedTotal: 1000 } })).toMatchObject({ key: 'progress', params: { percent: 50 } });
  });

  it('says "Synced" once the first pull is done and nothing waits; offline, rejected and queued otherwise', () => {
    const done = { ...paired, online: 'online' as const, lastPullAt: '2026-12-04T06:00:00.000Z', pull: { running: false, fullSync: false, rowsDone: 1000, estimatedTotal: 1000 } };
    expect(syncSummary(done)).toEqual({ tone: 'ok', key: 'synced', params: {} });
    expect(syncSummary({ ...done, online: 'offline', queued: 2 })).toMatchObject({ key: 'offline', params: { count: 2 } });
    expect(syncSummary({ ...paired, online: 'offline' })).toMatchObject({ key: 'offline' });
    expect(syncSummary({ ...done, rejectedCount: 1 })).toMatchObject({ key: 'rejected' });
    expect(syncSummary({ ...done, queued: 3 })).toMatchObject({ key: 'queued', params: { count: 3 } });
    expect(syncSummary({ ...done, paired: false })).toMatchObject({ key: 'notPaired' });
  });
});
