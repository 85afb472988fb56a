import { useCallback, useState } from 'react';
import type { EventBatch } from '../shell/tillEvents.js';

/**
 * A counter that moves whenever the till says a pulled store policy changed (or the event stream
 * restarted): screens showing what the store allows read it again, live.
 */
export function useStoreVersion() {
  const [storeVersion, setStoreVersion] = useState(0);
  const onEvents = useCallback((batch: EventBatch) => {
    if (batch.reset || batch.events.some((e) => e.event.type === 'store.changed')) setStoreVersion((v) => v + 1);
  }, []);
  return { storeVersion, onEvents };
}
