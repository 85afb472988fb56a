import { idleMessage, paidMessage, saleMessage, type DisplayMessage, type DisplayPlace } from '../../../core/display/message.js';
import type { CompletedSaleView, SaleView } from '../../../core/sale/contract.js';

export interface DisplayFeedOptions {
  /** The display's language and the store's name, read when each message is built (pairing renames the store). */
  readonly place: () => DisplayPlace;
  /** After a paid sale, back to the welcome after this long. */
  readonly idleAfterMs?: number;
}

export type DisplayListener = (message: DisplayMessage) => void;

const IDLE_AFTER_MS = 30_000;

/**
 * The customer-facing display's feed: the sale's follower that turns each change into the
 * customer's message (core/display/message.ts) and hands it to whoever shows it — the second
 * window in Electron, the `/display` page in browser mode. A listener that throws is the
 * display's problem, never the sale's.
 */
export function createDisplayFeed(options: DisplayFeedOptions) {
  const listeners = new Set<DisplayListener>();
  let current: DisplayMessage = idleMessage(options.place());
  let idleTimer: NodeJS.Timeout | null = null;

  function publish(message: DisplayMessage): void {
    current = message;
    for (const listener of listeners) {
      try {
        listener(message);
      } catch {
        listeners.delete(listener);
      }
    }
  }

  function stopIdleTimer(): void {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
  }

  return {
    changed(view: SaleView | null): void {
      // A paid sale stays on the display until the next sale starts or the idle timer fires.
      if (view === null && current.kind === 'sale' && current.payment) return;
      stopIdleTimer();
      publish(saleMessage(view, options.place()));
    },
    completed(completed: CompletedSaleView): void {
      stopIdleTimer();
      publish(paidMessage(completed, options.place()));
      idleTimer = setTimeout(() => {
        idleTimer = null;
        publish(idleMessage(options.place()));
      }, options.idleAfterMs ?? IDLE_AFTER_MS);
      idleTimer.unref();
    },
    current: (): DisplayMessage => current,
    /** The listener hears every message from now on; call the returned function to stop. */
    subscribe(listener: DisplayListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close(): void {
      stopIdleTimer();
      listeners.clear();
    },
  };
}

export type DisplayFeed = ReturnType<typeof createDisplayFeed>;
