import { useEffect, type Dispatch, type RefObject, type SetStateAction } from 'react';
import type { Screen } from '../shell/screens.js';
import type { EntryPanelHandle } from './EntryPanel.js';
import type { Sale } from './useSale.js';

/** Function keys: the cashier never needs the mouse. (Scanner bursts are taken before this.) */
export function useFunctionKeys(
  screen: Screen,
  setScreen: Dispatch<SetStateAction<Screen>>,
  sale: Sale,
  entryRef: RefObject<EntryPanelHandle | null>,
  error: string | null,
  setError: (message: string | null) => void,
): void {
  const { openPayment, newSale, confirmCancel, setConfirmCancel } = sale;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (screen === 'settings') {
        if (e.key !== 'Escape') return;
        setScreen('sale');
      } else if (e.key === 'F2') entryRef.current?.focusBarcode();
      else if (e.key === 'F3') entryRef.current?.focusSearch();
      else if (e.key === 'F4') openPayment();
      else if (e.key === 'Escape') {
        if (screen === 'payment') setScreen('sale');
        else if (screen === 'receipt') newSale();
        else if (confirmCancel) setConfirmCancel(false);
        else if (error) setError(null);
        else return;
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openPayment, screen, newSale, confirmCancel, error, entryRef, setConfirmCancel, setError, setScreen]);
}
