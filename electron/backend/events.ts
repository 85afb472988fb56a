import type { TillError } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { TillEvent, TillEventEntry } from '../../core/hardware/hardware.js';
import { errorMessage, type Language } from '../../core/i18n/index.js';
import type { RpcError } from '../../core/rpc/contract.js';

export interface EventPage {
  /** Changes on every backend start: a screen that sees a new one reloads what it shows. */
  readonly boot: string;
  /** The newest sequence number; pass it as `after` next time. */
  readonly seq: number;
  /** Events were dropped from the ring since `after`: reload rather than trust the stream. */
  readonly missed: boolean;
  readonly events: TillEventEntry[];
}

/**
 * A small in-memory ring of what happened in the backend, with a sequence number, for screens
 * that poll (`till.events {after}`). Nothing here is durable: the database is the truth; the
 * ring only says "look again".
 */
export function createEventRing(options: { size?: number; now?: () => Date } = {}) {
  const size = options.size ?? 256;
  const now = options.now ?? (() => new Date());
  const boot = newId();
  const ring: TillEventEntry[] = [];
  let seq = 0;
  const listeners = new Set<(entry: TillEventEntry) => void>();

  return {
    push(event: TillEvent): void {
      const entry = { seq: ++seq, at: now().toISOString(), event };
      ring.push(entry);
      if (ring.length > size) ring.shift();
      for (const listener of listeners) listener(entry);
    },
    /** Events after `after` (0 or a number from another boot: everything the ring holds). */
    since(after: number, bootSeen?: string): EventPage {
      const sameBoot = bootSeen === undefined || bootSeen === boot;
      const from = sameBoot && after <= seq ? after : 0;
      const oldest = ring[0]?.seq ?? seq + 1;
      return {
        boot,
        seq,
        missed: !sameBoot || after > seq || (from > 0 && from < oldest - 1),
        events: ring.filter((e) => e.seq > from),
      };
    },
    /** For tests and the backend's own helpers. */
    subscribe(listener: (entry: TillEventEntry) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type EventRing = ReturnType<typeof createEventRing>;

/** An error as an event carries it: its code, its message in the till's language, its params. */
export function errorView(language: Language, e: TillError): RpcError {
  return { code: e.code, message: errorMessage(language, e.code, e.params), params: e.params };
}
