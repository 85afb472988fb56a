import { useEffect, useState } from 'react';
import type { TillApi } from '../../../core/rpc/contract.js';
import type { TillInfo } from '../../../core/rpc/till.js';
import type { Run } from './actions.js';

/**
 * Start-up: who and where this till is, then what the screens restore (the sale a restart left
 * open); the page says it is ready after both.
 */
export function useTillInfo(api: TillApi, run: Run, restore: (live: () => boolean) => Promise<void>): TillInfo | null {
  const [info, setInfo] = useState<TillInfo | null>(null);
  useEffect(() => {
    let live = true;
    void (async () => {
      const ok = await run(
        () => api['till.info']({}),
        (value) => {
          if (live) setInfo(value);
        },
      );
      if (!ok || !live) return;
      await restore(() => live);
      if (live) document.body.dataset.ready = 'true';
    })();
    return () => {
      live = false;
    };
  }, [api, run, restore]);
  return info;
}
