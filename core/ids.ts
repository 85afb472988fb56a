import { monotonicFactory } from 'ulid';

/**
 * Client-generated ULIDs are the idempotency keys of sales, lines, payments and outbox
 * ops: sortable by creation time, unique without a server round trip.
 */
/** Random bytes drawn from the platform CSPRNG a pool at a time: ulid asks for one per character. */
const pool = new Uint8Array(4096);
let taken = pool.length;
function pooledRandom(): number {
  if (taken === pool.length) {
    crypto.getRandomValues(pool);
    taken = 0;
  }
  return (pool[taken++] as number) / 256;
}

const nextUlid = monotonicFactory(pooledRandom);

export function newId(now: number = Date.now()): string {
  return nextUlid(now);
}

export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;
