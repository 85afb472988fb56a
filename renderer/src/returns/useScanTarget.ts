import { useEffect, type RefObject } from 'react';

/**
 * While `active`, every scan (wedge, serial, camera) goes to `onScan` instead of into the sale:
 * the screen that is open takes them, and gives them back when it closes.
 */
export function useScanTarget(scansRef: RefObject<((code: string) => boolean) | null>, onScan: (code: string) => unknown, active = true): void {
  useEffect(() => {
    if (!active) return;
    scansRef.current = (code) => {
      void onScan(code);
      return true;
    };
    return () => {
      scansRef.current = null;
    };
  }, [scansRef, onScan, active]);
}
