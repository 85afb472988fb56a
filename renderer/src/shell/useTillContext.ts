import { useEffect, useMemo } from 'react';
import type { TillInfo } from '../../../core/rpc/till.js';
import type { TillContextValue } from './context.js';
import { formatters } from './format.js';
import { setLanguage } from './i18n.js';

/** Once the till has said who it is: its language for every string, and the context the screens read. */
export function useTillContext(info: TillInfo | null): TillContextValue | null {
  useEffect(() => {
    if (info) void setLanguage(info.language);
  }, [info]);

  return useMemo<TillContextValue | null>(
    () => (info ? { info, lang: info.language, f: formatters(info.language, info.currency, info.timeZone) } : null),
    [info],
  );
}
