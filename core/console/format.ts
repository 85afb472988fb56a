import type { Language } from '../i18n/index.js';
import { consoleStrings, type ConsoleStrings } from './i18n.js';

/** Formatting for the console by UI language: dates, numbers, money and plural forms. */
export const CONSOLE_LOCALES: Record<Language, string> = { en: 'en-GB', ru: 'ru-RU', ro: 'ro-RO' };

export interface PluralForms {
  readonly one: string;
  readonly few: string;
  readonly many: string;
  readonly other: string;
}

export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, key: string) => (key in params ? String(params[key]) : `{{${key}}}`));
}

export interface ConsoleFormat {
  readonly lang: Language;
  readonly s: ConsoleStrings;
  plural(forms: PluralForms, count: number, params?: Record<string, string | number>): string;
  number(n: number): string;
  /** A percent given as such (12.5 → "12.5%" in en, "12,5 %" in ru and ro), to two decimals. */
  percent(n: number): string;
  money(minor: number, currency: string): string;
  date(iso: string): string;
  /** A calendar day ('YYYY-MM-DD': a local day of the chain, a campaign's whole day) as a date, the same in every browser's time zone. */
  day(yyyyMmDd: string): string;
  /** In `timeZone` (the chain's) when given, else the browser's. */
  dateTime(iso: string, timeZone?: string): string;
  /** The time of day only (the day is shown beside it), in `timeZone` (the chain's) or the browser's. */
  time(iso: string, timeZone?: string): string;
  /** "5 minutes ago", "vor 2 Stunden": how long before `now` the instant was, in the largest whole unit. */
  ago(iso: string, now: string): string;
}

export function consoleFormat(lang: Language): ConsoleFormat {
  const locale = CONSOLE_LOCALES[lang];
  const rules = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 });
  const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
  // A day has no instant: read as midnight UTC and shown in UTC, no browser zone can move it.
  const days = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const dateTimes = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const moneyFormats = new Map<string, Intl.NumberFormat>();
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  return {
    lang,
    s: consoleStrings[lang],
    plural(forms, count, params = {}) {
      const category = rules.select(count);
      const template = category === 'one' || category === 'few' || category === 'many' ? forms[category] : forms.other;
      return fill(template, { count: numbers.format(count), ...params });
    },
    number: (n) => numbers.format(n),
    // Intl scales by 100; dividing first would put a float error in the third decimal, so the digits are rounded here.
    percent: (n) => percents.format(Math.round(n * 100) / 10_000),
    money(minor, currency) {
      let f = moneyFormats.get(currency);
      if (!f) moneyFormats.set(currency, (f = new Intl.NumberFormat(locale, { style: 'currency', currency })));
      return f.format(minor / 100);
    },
    date: (iso) => dates.format(new Date(iso)),
    day: (d) => days.format(new Date(`${d}T00:00:00Z`)),
    dateTime: (iso, timeZone) =>
      (timeZone === undefined ? dateTimes : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone })).format(new Date(iso)),
    time: (iso, timeZone) => new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(new Date(iso)),
    ago(iso, now) {
      const seconds = Math.max(0, Math.round((Date.parse(now) - Date.parse(iso)) / 1000));
      if (seconds < 60) return relative.format(-seconds, 'second');
      if (seconds < 3600) return relative.format(-Math.floor(seconds / 60), 'minute');
      if (seconds < 86_400) return relative.format(-Math.floor(seconds / 3600), 'hour');
      return relative.format(-Math.floor(seconds / 86_400), 'day');
    },
  };
}

/** "ru-RU", "ro", "en-US" → a console language; English when we have none of it. */
export function pickConsoleLanguage(...candidates: readonly (string | null | undefined)[]): Language {
  for (const c of candidates) {
    const base = (c ?? '').toLowerCase().split(/[-_]/)[0];
    if (base === 'en' || base === 'ru' || base === 'ro') return base;
  }
  return 'en';
}
