import { createContext, useContext } from 'react';
import type { Language } from '../../../core/i18n/index.js';
import type { TillInfo } from '../../../core/rpc/till.js';
import type { Formatters } from './format.js';

export interface TillContextValue {
  readonly info: TillInfo;
  readonly lang: Language;
  /** Switches the screens' language at once (kept for the next start). */
  readonly setLang: (lang: Language) => void;
  readonly f: Formatters;
}

export const TillContext = createContext<TillContextValue | null>(null);

export function useTill(): TillContextValue {
  const value = useContext(TillContext);
  if (!value) throw new Error('useTill outside TillContext');
  return value;
}
