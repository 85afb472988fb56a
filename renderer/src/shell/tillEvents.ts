import { useEffect, useRef } from 'react';
import type { TillEventEntry } from '../../../core/hardware/hardware.js';
import type { TillApi } from '../../../core/rpc/contract.js';
import type { Connection } from './api.js';

export interface EventBatch {
  readonly events: readonly TillEventEntry[];
  /** The first page since the screen started: history, for state (last scan), not for alerts. */
  readonly first: boolean;
  /** Events were missed or the backend restarted: reload what is on screen. */
  readonly reset: boolean;
}

/**
 * Polls `till.events` every `intervalMs` while the page is visible and connected: one small
 * request, answered from memory. Calls never overlap; a failed poll is simply tried again.
 */
export function useTillEvents(api: TillApi, connection: Connection, onBatch: (batch: EventBatch) => void, intervalMs = 500): void {
  const handler = useRef(onBatch);
  useEffect(() => {
    handler.current = onBatch;
  }, [onBatch]);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let running = false;
    let after = 0;
    let boot: string | undefined;

    const tick = async (): Promise<void> => {
      if (running || stopped) return;
      running = true;
      if (timer) clearTimeout(timer);
      timer = null;
      try {
        if (document.visibilityState === 'visible' && connection.state() === 'open') {
          const result = await api['till.events'](boot === undefined ? { after } : { after, boot });
          if (result.ok && !stopped) {
            const page = result.value;
            const first = boot === undefined;
            const reset = !first && (page.missed || page.boot !== boot);
            boot = page.boot;
            after = page.seq;
            if (page.events.length > 0 || reset) handler.current({ events: page.events, first, reset });
          }
        }
      } catch {
        // not connected right now: the next tick tries again
      } finally {
        running = false;
        if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
      }
    };

    const onVisible = (): void => {
      if (document.visibilityState === 'visible') void tick();
    };
    document.addEventListener('visibilitychange', onVisible);
    // The first page marks where history ends: take it as soon as the link is up, not a tick later.
    const unsubscribe = connection.subscribe((state) => {
      if (state === 'open') void tick();
    });
    void tick();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
      unsubscribe();
    };
  }, [api, connection, intervalMs]);
}
