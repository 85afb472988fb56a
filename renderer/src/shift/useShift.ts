import { useCallback, useEffect, useState } from 'react';
import type { TillApi } from '../../../core/rpc/contract.js';
import type { ShiftView } from '../../../core/shift/contract.js';
import type { Counts } from '../../../core/shift/denominations.js';
import type { ShiftReport } from '../../../core/shift/report.js';
import type { Run } from '../shell/actions.js';

/** The shift screen's state: the open shift, the last report shown, and the calls that change them. */
export function useShift(api: TillApi, run: Run) {
  const [shift, setShift] = useState<ShiftView | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [report, setReport] = useState<ShiftReport | null>(null);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api['shift.current']({}).then(
      (r) => {
        if (!live || !r.ok) return;
        setShift(r.value);
        setLoaded(true);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);

  const open = useCallback((float: Counts) => run(() => api['shift.open']({ float }), setShift), [api, run]);
  const cash = useCallback(
    (kind: 'in' | 'out', amountMinor: number, reason: string) =>
      run(
        () => api['shift.cash']({ kind, amountMinor, reason }),
        (next) => {
          setShift(next);
          setNote(kind);
        },
      ),
    [api, run],
  );
  const x = useCallback(() => run(() => api['shift.x']({}), setReport), [api, run]);
  const close = useCallback(
    (counted: Counts) =>
      run(
        () => api['shift.close']({ counted }),
        (z) => {
          setReport(z);
          setShift(null);
        },
      ),
    [api, run],
  );
  return { shift, loaded, report, setReport, note, open, cash, x, close };
}

export type Shift = ReturnType<typeof useShift>;
