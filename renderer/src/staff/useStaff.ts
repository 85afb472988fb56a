import { useCallback, useEffect, useRef, useState } from 'react';
import type { TillApi } from '../../../core/rpc/contract.js';
import type { SessionView } from '../../../core/staff/contract.js';
import type { Run } from '../shell/actions.js';
import type { EventBatch } from '../shell/tillEvents.js';

/** How often the screen checks whether the signed-in person has been idle too long. */
const IDLE_CHECK_MS = 1_000;

/**
 * Who is at the till: the session as the backend has it, sign-in by PIN or staff card, lock,
 * sign-out, and the till locking itself after the store's idle time without a key or a touch.
 * While the sign-in screen shows, a scan is a staff card (`divertScan`), not a product.
 */
export function useStaff(api: TillApi, run: Run) {
  const [session, setSession] = useState<SessionView | null>(null);
  const lastActivity = useRef(0);
  const divertScan = useRef<((code: string) => boolean) | null>(null);

  const refresh = useCallback(async () => {
    const r = await api['staff.session']({}).catch(() => null);
    if (r?.ok) setSession(r.value);
  }, [api]);

  useEffect(() => {
    let live = true;
    api['staff.session']({}).then(
      (r) => {
        if (live && r.ok) setSession(r.value);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);

  const signIn = useCallback(
    (staffId: string, pin: string) => run(() => api['staff.signIn']({ staffId, pin }), setSession),
    [api, run],
  );
  const signInCard = useCallback((card: string) => void run(() => api['staff.signIn']({ card }), setSession), [api, run]);
  const lock = useCallback(() => void run(() => api['staff.lock']({}), setSession), [api, run]);
  const signOut = useCallback(() => void run(() => api['staff.signOut']({}), setSession), [api, run]);

  const gate = session !== null && session.required && session.state !== 'open';
  useEffect(() => {
    divertScan.current = gate
      ? (code: string) => {
          signInCard(code);
          return true;
        }
      : null;
  }, [gate, signInCard]);

  // Any key or touch is activity; the till locks itself when there has been none for lockAfterMs.
  const open = session?.required === true && session.state === 'open';
  const lockAfterMs = session?.lockAfterMs ?? 0;
  useEffect(() => {
    if (!open) return;
    lastActivity.current = Date.now();
    const touch = () => {
      lastActivity.current = Date.now();
    };
    window.addEventListener('keydown', touch, true);
    window.addEventListener('pointerdown', touch, true);
    const timer = setInterval(() => {
      if (Date.now() - lastActivity.current >= lockAfterMs) lock();
    }, IDLE_CHECK_MS);
    return () => {
      window.removeEventListener('keydown', touch, true);
      window.removeEventListener('pointerdown', touch, true);
      clearInterval(timer);
    };
  }, [open, lockAfterMs, lock]);

  /** Someone signed in, locked or out elsewhere (a serial scanner's staff card, the backend's idle lock), or the store's discount limit changed. */
  const onEvents = useCallback(
    (batch: EventBatch) => {
      if (batch.reset || batch.events.some((e) => e.event.type === 'staff.changed' || e.event.type === 'store.changed')) void refresh();
    },
    [refresh],
  );

  return { session, gate, signIn, signInCard, lock, signOut, divertScan, onEvents };
}

export type Staff = ReturnType<typeof useStaff>;
