import type { Currency } from '../../../core/money.js';
import { MINOR_DIGITS } from '../../../core/money.js';
import type { Language } from '../../../core/i18n/index.js';

/** Locale-aware formatters for one UI language and till currency, built once (Intl objects are costly). */
export interface Formatters {
  money(minor: number): string;
  kg(grams: number): string;
  units(n: number): string;
  dateTime(iso: string): string;
}

export const LOCALES: Record<Language, string> = { en: 'en-GB', ru: 'ru-RU', ro: 'ro-RO' };

/** `timeZone`: the store's, so a receipt shows the store's time whatever the machine's zone. */
export function formatters(lang: Language, currency: Currency, timeZone?: string): Formatters {
  const locale = LOCALES[lang];
  const digits = MINOR_DIGITS[currency];
  const money = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
  const kg = new Intl.NumberFormat(locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const units = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone });
  const scale = 10 ** digits;
  return {
    // Minor units are integers; dividing by 100 for display only is exact enough (never summed as floats).
    money: (minor) => money.format(minor / scale),
    kg: (grams) => kg.format(grams / 1000),
    units: (n) => units.format(n),
    dateTime: (iso) => dateTime.format(new Date(iso)),
  };
}

/** The demo till's placeholder cashier ("Demo Cashier", from its seed) in the UI language; a real name as it is. */
export function cashierName(name: string, t: (key: 'ui.header.demoCashier') => string): string {
  return name === 'Demo Cashier' ? t('ui.header.demoCashier') : name;
}
