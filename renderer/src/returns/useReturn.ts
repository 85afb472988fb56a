import { useCallback, useState } from 'react';
import type { TillApi } from '../../../core/rpc/contract.js';
import type { RefundMethod, ReturnableSale, ReturnView } from '../../../core/returns/contract.js';
import type { Run } from '../shell/actions.js';

/** The return screen's state: the sale found, the quantities chosen per line, the method, the return done. */
export function useReturn(api: TillApi, run: Run) {
  const [sale, setSale] = useState<ReturnableSale | null>(null);
  const [chosen, setChosen] = useState<Record<string, number>>({});
  const [method, setMethod] = useState<RefundMethod>('cash');
  const [done, setDone] = useState<ReturnView | null>(null);
  const [query, setQuery] = useState('');
  /** A card refund in the terminal: the amount shown while the customer follows it. */
  const [waiting, setWaiting] = useState(false);

  const find = useCallback(
    (text: string) =>
      run(
        () => api['return.find']({ query: text }),
        (s) => {
          setQuery(text);
          setSale(s);
          setChosen({});
          setMethod(s.refundMethods[0] ?? 'storeCredit');
          setDone(null);
        },
      ),
    [api, run],
  );
  return {
    sale,
    chosen,
    method,
    done,
    waiting,
    setMethod,
    choose: (lineId: string, quantity: number) => setChosen((c) => ({ ...c, [lineId]: quantity })),
    find,
    commit: () => {
      if (!sale) return Promise.resolve(false);
      const lines = Object.entries(chosen)
        .filter(([, q]) => q > 0)
        .map(([lineId, quantity]) => ({ lineId, quantity }));
      setWaiting(method === 'card');
      return run(() => api['return.commit']({ saleId: sale.saleId, lines, method }), (view) => {
        setDone(view);
        // What is left to return now, as the till sees it after this one.
        void api['return.find']({ query }).then((r) => r.ok && r.value.saleId === sale.saleId && setSale(r.value));
        setChosen({});
      }).finally(() => setWaiting(false));
    },
    reset: () => {
      setSale(null);
      setChosen({});
      setDone(null);
    },
  };
}
