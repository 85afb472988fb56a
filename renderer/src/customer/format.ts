import { useMemo } from 'react';
import { MINOR_DIGITS, type Currency } from '../../../core/money.js';
import { LOCALES } from '../shell/format.js';
import { useTill } from '../shell/context.js';

/** The panel's formats: money in any currency (her online price may be in another), dates and times in the store's zone. */
export function useCustomerFormat() {
  const { lang, info } = useTill();
  return useMemo(() => {
    const locale = LOCALES[lang];
    const money = new Map<Currency, Intl.NumberFormat>();
    const day = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: info.timeZone });
    const time = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: info.timeZone });
    const dayTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: info.timeZone });
    return {
      money(minor: number, currency: Currency): string {
        let fmt = money.get(currency);
        if (!fmt) {
          const digits = MINOR_DIGITS[currency];
          fmt = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
          money.set(currency, fmt);
        }
        return fmt.format(minor / 10 ** MINOR_DIGITS[currency]);
      },
      day: (iso: string) => day.format(new Date(iso)),
      /** "10:42" today, "3 Dec 2026, 10:42" before. */
      asOf(iso: string, now = new Date()): string {
        const at = new Date(iso);
        return day.format(at) === day.format(now) ? time.format(at) : dayTime.format(at);
      },
    };
  }, [lang, info.timeZone]);
}
