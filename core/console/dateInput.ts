import type { Language } from '../i18n/index.js';
import { CONSOLE_LOCALES } from './format.js';

/**
 * Dates typed in the console's language, not the browser's: Chromium draws `<input type="date">`
 * in its own locale (en-US month/day order on a default install), whatever the page's language.
 * The console's fields are text in the language's numeric order (en 04/12/2026, ru and ro
 * 04.12.2026, time 24-hour), read back to the ISO forms the forms keep ('YYYY-MM-DD', and
 * 'YYYY-MM-DDTHH:mm' with a time). Pure: the order and separator come from Intl.
 */

interface Order {
  readonly parts: readonly ('day' | 'month' | 'year')[];
  readonly separator: string;
}

const orders = new Map<Language, Order>();

function orderOf(lang: Language): Order {
  let order = orders.get(lang);
  if (!order) {
    const parts = new Intl.DateTimeFormat(CONSOLE_LOCALES[lang], { day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(new Date(Date.UTC(2026, 11, 4)));
    order = {
      parts: parts.filter((p) => p.type === 'day' || p.type === 'month' || p.type === 'year').map((p) => p.type as 'day' | 'month' | 'year'),
      separator: parts.find((p) => p.type === 'literal')?.value ?? '/',
    };
    orders.set(lang, order);
  }
  return order;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** 'YYYY-MM-DD' as the language writes it; anything else is returned as it is. */
export function showDate(iso: string, lang: Language): string {
  const m = ISO_DATE.exec(iso);
  if (!m) return iso;
  const { parts, separator } = orderOf(lang);
  const values = { year: m[1]!, month: m[2]!, day: m[3]! };
  return parts.map((p) => values[p]).join(separator);
}

/** 'YYYY-MM-DDTHH:mm' as the language writes it (date, a space, 24-hour time); anything else as it is. */
export function showDateTime(iso: string, lang: Language): string {
  const m = ISO_DATE_TIME.exec(iso);
  return m ? `${showDate(`${m[1]}-${m[2]}-${m[3]}`, lang)} ${m[4]}:${m[5]}` : iso;
}

/** A date typed in the language's order (any of . / - as separators, day and month with or without a leading zero) as 'YYYY-MM-DD'; null when it is not a real date. */
export function readDate(typed: string, lang: Language): string | null {
  const pieces = typed.trim().split(/[./-]/);
  if (pieces.length !== 3 || !pieces.every((p) => /^\d+$/.test(p))) return null;
  const { parts } = orderOf(lang);
  const value = (part: 'day' | 'month' | 'year') => pieces[parts.indexOf(part)]!;
  if (value('year').length !== 4 || value('month').length > 2 || value('day').length > 2) return null;
  const [year, month, day] = [Number(value('year')), Number(value('month')), Number(value('day'))];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${value('year')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A date and 24-hour time typed in the language's order as 'YYYY-MM-DDTHH:mm'; null when either is not real. */
export function readDateTime(typed: string, lang: Language): string | null {
  const m = /^([^\s,]+)[\s,]+(\d{1,2}):(\d{2})$/.exec(typed.trim());
  if (!m) return null;
  const date = readDate(m[1]!, lang);
  const [hour, minute] = [Number(m[2]), Number(m[3])];
  if (!date || hour > 23 || minute > 59) return null;
  return `${date}T${String(hour).padStart(2, '0')}:${m[3]}`;
}
