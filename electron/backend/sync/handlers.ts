import type { syncContract } from '../../../core/sync/contract.js';
import type { Handlers } from '../rpc.js';
import type { SyncService } from './service.js';

export function syncHandlers(sync: SyncService): Pick<Handlers, keyof typeof syncContract> {
  return {
    'sync.status': () => sync.status(),
    'sync.now': () => sync.now(),
    'sync.pair': ({ centralUrl, pairingCode }) => sync.pair({ centralUrl, pairingCode }),
    'sync.unpair': () => sync.unpair(),
  };
}
