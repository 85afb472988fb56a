import { z } from 'zod';
import { ERROR_CODES } from '../errors.js';

/** What the till tells its screens about sync: `sync.status` in the RPC contract. */
export const SyncError = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** Which side of sync failed. */
  direction: z.enum(['pull', 'push']),
  at: z.string(),
});
export type SyncError = z.infer<typeof SyncError>;

export const RejectedOpView = z.object({
  opId: z.string(),
  opType: z.string(),
  entityId: z.string(),
  /** One of PUSH_REJECTIONS, or 'too_large' when even a batch of one cannot be sent. */
  reason: z.string(),
  detail: z.string(),
  createdAt: z.string(),
});
export type RejectedOpView = z.infer<typeof RejectedOpView>;

export const SyncStatus = z.object({
  paired: z.boolean(),
  centralUrl: z.string().nullable(),
  /** The embedded demo central the till started itself. */
  demoCentral: z.boolean(),
  online: z.enum(['online', 'offline', 'unknown']),
  /** Another process on this data dir holds the sync lock: this one does not sync. */
  lockedElsewhere: z.boolean(),
  lastPullAt: z.string().nullable(),
  lastPushAt: z.string().nullable(),
  lastError: SyncError.nullable(),
  queued: z.number().int(),
  oldestQueuedAt: z.string().nullable(),
  oldestQueuedAgeSeconds: z.number().int().nullable(),
  rejectedCount: z.number().int(),
  /** The newest rejected ops, for the manager. */
  rejected: z.array(RejectedOpView),
  pull: z.object({
    running: z.boolean(),
    /** A pull from the start (first sync or after central was restored). */
    fullSync: z.boolean(),
    rowsDone: z.number().int(),
    estimatedTotal: z.number().int().nullable(),
  }),
  /** Changes of entity types this till does not know, by type (a newer central). */
  skippedUnknown: z.record(z.string(), z.number().int()),
  /** Central speaks a newer sync protocol, or sent data this till could not use: update the till. */
  needsUpdate: z.boolean(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const PairInput = z
  .object({
    centralUrl: z.string().trim().min(1).max(300),
    pairingCode: z.string().trim().min(4).max(20),
  })
  .strict();
