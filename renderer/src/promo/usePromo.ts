import { useCallback } from 'react';
import type { SaleView } from '../../../core/sale/contract.js';
import type { TillApi } from '../../../core/rpc/contract.js';
import type { Run } from '../shell/actions.js';
import './explain.js';

/** The code box's two calls; the sale they return goes on screen like any other change of it. */
export function usePromo(api: TillApi, run: Run, applySale: (view: SaleView) => void) {
  const enterCode = useCallback((code: string) => run(() => api['promo.enterCode']({ code }), applySale), [api, run, applySale]);
  const removeCode = useCallback((code: string) => void run(() => api['promo.removeCode']({ code }), applySale), [api, run, applySale]);
  return { enterCode, removeCode };
}

export type Promo = ReturnType<typeof usePromo>;
