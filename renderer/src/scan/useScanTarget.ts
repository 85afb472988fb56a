import { useEffect, useMemo } from 'react';
import type { TillApi } from '../../../core/rpc/contract.js';
import type { ScanTarget } from '../../../core/sale/contract.js';

/** Takes a scan; true when it did (the sale does not get it then). */
export type ScanTaker = (code: string) => boolean;

/**
 * The one place a screen claims the scans. `current` is the screen's taker (null: the sale takes
 * them); every scan source routes through it (the wedge, and the serial scanner's `scan.read`
 * events). A claim also tells the backend (`scan.target`), so that while a screen holds it the
 * serial scanner's codes come back as events instead of going into the sale.
 */
export interface ScanSlot {
  readonly current: ScanTaker | null;
  claim(taker: ScanTaker | null): void;
  /** Tells the backend again (a restarted backend starts with the sale). */
  resend(): void;
}

/** A slot that tells `api` where the scans go each time that changes. */
export function createScanSlot(api: TillApi): ScanSlot {
  let taker: ScanTaker | null = null;
  let told: ScanTarget | null = null;
  let queued = false;
  // A screen's effect re-running releases and claims at once: the backend hears only where it settles.
  const tell = (): void => {
    queued = false;
    const target: ScanTarget = taker ? 'screen' : 'sale';
    if (target === told) return;
    told = target;
    api['scan.target']({ target }).catch(() => {
      told = null;
    });
  };
  const later = (): void => {
    if (queued) return;
    queued = true;
    queueMicrotask(tell);
  };
  return {
    get current() {
      return taker;
    },
    claim(next) {
      taker = next;
      later();
    },
    resend() {
      told = null;
      later();
    },
  };
}

export function useScanSlot(api: TillApi): ScanSlot {
  const slot = useMemo(() => createScanSlot(api), [api]);
  // A page opened again after one that held the scans: the sale takes them until a screen claims them.
  useEffect(() => slot.resend(), [slot]);
  return slot;
}

/**
 * While `active`, every scan (the wedge's and the serial scanner's) goes to `onScan` instead of
 * into the sale: the screen that is open takes them, and gives them back when it closes.
 */
export function useScanTarget(slot: ScanSlot, onScan: (code: string) => unknown, active = true): void {
  useEffect(() => {
    if (!active) return;
    slot.claim((code) => {
      void onScan(code);
      return true;
    });
    return () => slot.claim(null);
  }, [slot, onScan, active]);
}
