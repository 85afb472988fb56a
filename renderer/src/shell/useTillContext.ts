import { useCallback, useEffect, useMemo, useState } from 'react';
import { LANGUAGES, type Language } from '../../../core/i18n/index.js';
import type { TillInfo } from '../../../core/rpc/till.js';
import type { TillContextValue } from './context.js';
import { formatters } from './format.js';
import { setLanguage } from './i18n.js';

const CHOSEN_LANGUAGE = 'omnitill.language';

/** The language the cashier chose on this screen, kept across restarts; null: the till's own. */
function storedLanguage(): Language | null {
  try {
    const value = localStorage.getItem(CHOSEN_LANGUAGE);
    return (LANGUAGES as readonly string[]).includes(value ?? '') ? (value as Language) : null;
  } catch {
    return null;
  }
}

/**
 * Once the till has said who it is: its language for every string (or the one the cashier
 * switched to, at once, without a restart), and the context the screens read.
 */
export function useTillContext(info: TillInfo | null): TillContextValue | null {
  const [chosen, setChosen] = useState<Language | null>(storedLanguage);
  const lang = chosen ?? info?.language ?? null;

  useEffect(() => {
    if (lang) void setLanguage(lang);
  }, [lang]);

  const setLang = useCallback((next: Language) => {
    try {
      localStorage.setItem(CHOSEN_LANGUAGE, next);
    } catch {
      // A screen without storage still switches, until it reloads.
    }
    setChosen(next);
  }, []);

  return useMemo<TillContextValue | null>(
    () => (info && lang ? { info, lang, setLang, f: formatters(lang, info.currency, info.timeZone) } : null),
    [info, lang, setLang],
  );
}
