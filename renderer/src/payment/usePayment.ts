import { useCallback, useEffect, useState } from 'react';
import type { PaymentStateView } from '../../../core/payment/contract.js';
import type { TillApi } from '../../../core/rpc/contract.js';
import type { Run } from '../shell/actions.js';

/**
 * The payment screen's state: what the store takes, the cards already held on the sale, and
 * whether the terminal is working on a card now (the screen waits, and can cancel it). Read again
 * whenever `storeVersion` moves (a pulled store policy changed the methods the store takes).
 */
export function usePayment(api: TillApi, run: Run, pay: (cardMinor: number, cashTenderedMinor: number) => Promise<boolean>, storeVersion: number) {
  const [state, setState] = useState<PaymentStateView | null>(null);
  const [waiting, setWaiting] = useState<number | null>(null);
  // Quietly: a refused payment's message must stay on screen (run would clear it).
  const reload = useCallback(() => {
    void api['payment.state']({}).then(
      (r) => r.ok && setState(r.value),
      () => undefined,
    );
  }, [api]);
  useEffect(reload, [reload, storeVersion]);

  const submit = useCallback(
    async (cardMinor: number, cashTenderedMinor: number) => {
      if (cardMinor > 0) setWaiting(cardMinor);
      const paid = await pay(cardMinor, cashTenderedMinor);
      setWaiting(null);
      if (!paid) reload();
    },
    [pay, reload],
  );
  const cancelCard = useCallback(() => void api['payment.cancel']({}), [api]);
  const reverse = useCallback((attemptId: string) => void run(() => api['payment.reverse']({ attemptId }), setState), [api, run]);
  return { state, waiting, submit, cancelCard, reverse, reload };
}
