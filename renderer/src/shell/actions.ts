import { useCallback, useRef, useState } from 'react';
import type { Result, RpcError } from '../../../core/rpc/contract.js';
import { TransportError } from './api.js';
import { i18n, translateError } from './i18n.js';

/** Runs one call against the backend and hands its value on; false when it failed. */
export type Run = <T>(call: () => Promise<Result<T>>, onValue: (value: T) => void) => Promise<boolean>;

/**
 * Takes a failure before the alert does (staff: a manager's approval, then the same call
 * again); true when it took it.
 */
export type Interceptor = (error: RpcError, retry: () => Promise<boolean>) => boolean;

/**
 * The alert the screens show and the one way they call the backend. The callbacks are stable
 * for the life of the screen (they use the i18n instance, not the hook's `t`), so the scanner
 * listener and the start-up effect are set up exactly once.
 */
export function useActions() {
  const [error, setError] = useState<string | null>(null);
  const interceptRef = useRef<Interceptor | null>(null);

  const showFailure = useCallback((e: unknown) => {
    if (e instanceof TransportError) setError(i18n.t(e.reason === 'timeout' ? 'ui.connection.timeout' : 'ui.connection.lost'));
    else setError(i18n.t('errors.INTERNAL'));
  }, []);

  /**
   * The previous error goes away when the next action starts; a failed action shows its
   * translated error and leaves the sale on screen as it was.
   */
  const run: Run = useCallback(
    async function attempt<T>(call: () => Promise<Result<T>>, onValue: (value: T) => void): Promise<boolean> {
      setError(null);
      try {
        const result = await call();
        if (result.ok) {
          onValue(result.value);
          return true;
        }
        if (interceptRef.current?.(result.error, () => attempt(call, onValue))) return false;
        setError(translateError(result.error.code, result.error.params, result.error.message));
      } catch (e) {
        showFailure(e);
      }
      return false;
    },
    [showFailure],
  );

  return { error, setError, run, interceptRef };
}
