import { useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent, type RefObject } from 'react';

/**
 * Focus for dialogs and panels that open over the sale: where focus goes when they open, that
 * Tab stays inside a dialog, and that focus goes back where it was when they close — so a
 * cashier on the keyboard never lands on the page body and has to reach for the mouse.
 */

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The controls Tab reaches inside `root`, in order. */
export function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[hidden], [inert]') && el.getClientRects().length > 0);
}

/**
 * While the component is mounted: remembers what had focus when it opened and gives it back
 * when it closes (if that element is still on the page; otherwise `fallback`).
 */
export function useReturnFocus(fallback?: () => HTMLElement | null | undefined): void {
  const fallbackRef = useRef(fallback);
  useEffect(() => {
    fallbackRef.current = fallback;
  });
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    return () => {
      // After React has removed the panel: the opener may have been re-rendered away meanwhile.
      queueMicrotask(() => {
        const target = opener?.isConnected ? opener : fallbackRef.current?.();
        const current = document.activeElement;
        // Only when focus went nowhere (the closed panel took it along): never steal it from a control.
        if (target && (!current || current === document.body)) target.focus();
      });
    };
  }, []);
}

/**
 * A dialog's focus: on open the first control (or `initial`) takes focus; Tab and Shift+Tab
 * cycle inside it; Escape calls `onClose`; on close focus returns to the opener (or `fallback`
 * when the opener is gone, as a button the dialog replaced).
 * Spread the returned `onKeyDown` on the dialog's root element.
 */
export function useDialogFocus(
  root: RefObject<HTMLElement | null>,
  onClose: () => void,
  initial?: RefObject<HTMLElement | null>,
  fallback?: () => HTMLElement | null | undefined,
): { onKeyDown: (e: ReactKeyboardEvent) => void } {
  useReturnFocus(fallback);
  useEffect(() => {
    const el = root.current;
    if (!el) return;
    (initial?.current ?? focusables(el)[0] ?? el).focus();
  }, [root, initial]);
  return {
    onKeyDown: (e) => {
      const el = root.current;
      if (!el) return;
      if (e.key === 'Escape') {
        // The dialog's Escape is the dialog's: the sale screen's Escape must not also act.
        e.stopPropagation();
        e.preventDefault();
        onClose();
        return;
      }
      if (e.key !== 'Tab') return;
      const list = focusables(el);
      if (list.length === 0) {
        e.preventDefault();
        return;
      }
      const first = list[0]!;
      const last = list[list.length - 1]!;
      const at = document.activeElement;
      if (e.shiftKey && (at === first || !el.contains(at))) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && (at === last || !el.contains(at))) {
        e.preventDefault();
        first.focus();
      }
    },
  };
}
