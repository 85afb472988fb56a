import { SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from './pull.js';

/**
 * What a till tells central about itself on every sync request, for the console's fleet page:
 * its app version, the sync protocol it speaks, and its outbox (ops waiting, oldest waiting since).
 */
export const TILL_APP_VERSION_HEADER = 'x-omnitill-app-version';
export const TILL_QUEUE_DEPTH_HEADER = 'x-omnitill-queue-depth';
export const TILL_QUEUE_OLDEST_HEADER = 'x-omnitill-queue-oldest';

export function tillHeaders(appVersion: string, queue: { depth: number; oldest: string | null }): Record<string, string> {
  return {
    [TILL_APP_VERSION_HEADER]: appVersion,
    [SYNC_PROTOCOL_HEADER]: String(SYNC_PROTOCOL_VERSION),
    [TILL_QUEUE_DEPTH_HEADER]: String(queue.depth),
    ...(queue.oldest ? { [TILL_QUEUE_OLDEST_HEADER]: queue.oldest } : {}),
  };
}
