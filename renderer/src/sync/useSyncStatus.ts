import { useCallback, useEffect, useState } from 'react';
import type { Result, TillApi } from '../../../core/rpc/contract.js';
import type { SyncStatus } from '../../../core/sync/status.js';
import { translateError } from '../shell/i18n.js';

const POLL_MS = 5_000;
/** After a nudge (a sale completed): looked at again while its push is on its way and answered. */
const NUDGE_FOLLOW_UPS_MS = [0, 400, 1_200, 3_000];
const NUDGE_EVENT = 'omnitill:sync-nudge';

/** Something sync will act on at once happened (a sale completed): the indicator looks now, not at its next poll. */
export function nudgeSync(target: EventTarget = window): void {
  target.dispatchEvent(new Event(NUDGE_EVENT));
}

/** Sync's status, polled every few seconds, and the panel's actions (sync now, pair, unpair) with their error. */
export function useSyncStatus(api: TillApi) {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const r = await api['sync.status']({}).catch(() => null);
    if (r?.ok) setStatus(r.value);
  }, [api]);

  useEffect(() => {
    const first = setTimeout(() => void refresh(), 0);
    const timer = setInterval(() => void refresh(), POLL_MS);
    const followUps: ReturnType<typeof setTimeout>[] = [];
    const onNudge = () => {
      for (const ms of NUDGE_FOLLOW_UPS_MS) followUps.push(setTimeout(() => void refresh(), ms));
    };
    window.addEventListener(NUDGE_EVENT, onNudge);
    return () => {
      clearTimeout(first);
      clearInterval(timer);
      followUps.forEach(clearTimeout);
      window.removeEventListener(NUDGE_EVENT, onNudge);
    };
  }, [refresh]);

  const act = async (call: () => Promise<Result<SyncStatus>>) => {
    setMessage(null);
    const r = await call().catch(() => null);
    if (!r) return;
    if (r.ok) setStatus(r.value);
    else setMessage(translateError(r.error.code, r.error.params, r.error.message));
  };

  return { status, message, act };
}

export type SyncAct = ReturnType<typeof useSyncStatus>['act'];
