import { useCallback, useEffect, useState } from 'react';

/**
 * Whether the camera panel is open: F7 (or `toggle`) opens and closes it while `active` (the sale or the return screen),
 * Esc closes it first, before Esc means anything else on the screen.
 */
export function useCameraPanel(active: boolean): { readonly open: boolean; readonly close: () => void; readonly toggle: () => void } {
  const [open, setOpen] = useState(false);
  const close = useCallback(() => setOpen(false), []);
  const toggle = useCallback(() => setOpen((was) => !was), []);
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F7') setOpen((was) => !was);
      else if (e.key === 'Escape' && open) setOpen(false);
      else return;
      e.preventDefault();
      e.stopImmediatePropagation();
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [active, open]);
  return { open: open && active, close, toggle };
}
