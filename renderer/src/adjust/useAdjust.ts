import { useCallback, useState } from 'react';
import type { ManualDiscountInput, NoSaleView } from '../../../core/adjust/contract.js';
import type { SaleView } from '../../../core/sale/contract.js';
import type { TillApi } from '../../../core/rpc/contract.js';
import type { Run } from '../shell/actions.js';

/** Which dialog is open: a line's price, a line's or the sale's discount (lineId null), or "No sale". */
export type AdjustTarget = { readonly kind: 'price'; readonly lineId: string } | { readonly kind: 'discount'; readonly lineId: string | null } | { readonly kind: 'noSale' };

/**
 * Price override, manual discounts and "No sale" on the sale screen. A call that needs a manager
 * opens the approval dialog (the adjust dialog waits hidden under it) and runs again after her
 * PIN; the dialog closes when the call succeeds.
 */
export function useAdjust(api: TillApi, run: Run, applySale: (view: SaleView) => void) {
  const [target, setTarget] = useState<AdjustTarget | null>(null);
  const [notice, setNotice] = useState<NoSaleView | null>(null);
  const close = useCallback(() => setTarget(null), []);
  const open = useCallback((next: AdjustTarget) => {
    setNotice(null);
    setTarget(next);
  }, []);
  const openPrice = useCallback((lineId: string) => open({ kind: 'price', lineId }), [open]);
  const openDiscount = useCallback((lineId: string) => open({ kind: 'discount', lineId }), [open]);
  const applied = useCallback(
    (view: SaleView) => {
      applySale(view);
      setTarget(null);
    },
    [applySale],
  );
  const overridePrice = useCallback(
    (lineId: string, unitPrice: number, reason: string) => run(() => api['sale.overridePrice']({ lineId, unitPrice, reason }), applied),
    [api, run, applied],
  );
  const discount = useCallback(
    (lineId: string | null, given: ManualDiscountInput | null, reason: string) =>
      run(() => (lineId === null ? api['sale.discountSale']({ discount: given, reason }) : api['sale.discountLine']({ lineId, discount: given, reason })), applied),
    [api, run, applied],
  );
  const noSale = useCallback(
    (reason: string) =>
      run(
        () => api['drawer.noSale']({ reason }),
        (done) => {
          setNotice(done);
          setTarget(null);
        },
      ),
    [api, run],
  );
  return { target, open, openPrice, openDiscount, close, notice, dismissNotice: () => setNotice(null), overridePrice, discount, noSale };
}

export type Adjust = ReturnType<typeof useAdjust>;
