import { monotonicFactory } from 'ulid';

/**
 * Client-generated ULIDs are the idempotency keys of sales, lines, payments and outbox
 * ops: sortable by creation time, unique without a server round trip.
 */
const nextUlid = monotonicFactory();

export function newId(now: number = Date.now()): string {
  return nextUlid(now);
}

export const ULID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{26}$/;
