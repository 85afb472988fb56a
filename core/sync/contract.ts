import { z } from 'zod';
import { PairInput, SyncStatus } from './status.js';

/** Sync with central: status for the header and the sync panel, "sync now", pairing. */
export const syncContract = {
  'sync.status': { input: z.object({}).strict(), output: SyncStatus },
  'sync.now': { input: z.object({}).strict(), output: SyncStatus },
  'sync.pair': { input: PairInput, output: SyncStatus },
  'sync.unpair': { input: z.object({}).strict(), output: SyncStatus },
} as const;
