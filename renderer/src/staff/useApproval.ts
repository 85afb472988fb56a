import { useCallback, useEffect, useState, type RefObject } from 'react';
import type { TillApi } from '../../../core/rpc/contract.js';
import { ACTIONS, type Action } from '../../../core/staff/roles.js';
import type { Interceptor, Run } from '../shell/actions.js';

export interface PendingApproval {
  readonly action: Action;
  /** The store's manual-discount limit the refusal named (percent), for a discount over it. */
  readonly limit: number | null;
  readonly retry: () => Promise<boolean>;
}

function isAction(value: unknown): value is Action {
  return typeof value === 'string' && (ACTIONS as readonly string[]).includes(value);
}

/**
 * Manager approval at the till: a call refused with APPROVAL_REQUIRED opens the approval dialog
 * instead of the alert; a manager's PIN approves it and the same call runs again.
 */
export function useApproval(api: TillApi, run: Run, interceptRef: RefObject<Interceptor | null>) {
  const [pending, setPending] = useState<PendingApproval | null>(null);

  useEffect(() => {
    interceptRef.current = (error, retry) => {
      const action = error.params?.action;
      if (error.code !== 'APPROVAL_REQUIRED' || !isAction(action)) return false;
      const limit = error.params?.limit;
      setPending({ action, limit: typeof limit === 'number' ? limit : null, retry });
      return true;
    };
    return () => {
      interceptRef.current = null;
    };
  }, [interceptRef]);

  const approve = useCallback(
    async (staffId: string, pin: string): Promise<boolean> => {
      if (!pending) return false;
      const granted = await run(() => api['approval.grant']({ action: pending.action, staffId, pin }), () => undefined);
      if (!granted) return false;
      setPending(null);
      return pending.retry();
    },
    [api, run, pending],
  );
  const dismiss = useCallback(() => setPending(null), []);

  return { pending, approve, dismiss };
}

export type Approval = ReturnType<typeof useApproval>;
