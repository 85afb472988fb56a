import type { Language } from '../i18n/index.js';
import { MAX_AMOUNT, MINOR_DIGITS, type Currency } from '../money.js';
import { CONSOLE_LOCALES } from './format.js';

/**
 * Amounts a marketer types in the console, in major units of the campaign's currency ("12.50",
 * "12,50"), read exactly into integer minor units (never through a float).
 *
 * The rule: the field shows the amount with the UI language's decimal mark and no grouping
 * (en "1250.50", ru/ro "1250,50"). Either mark is read as the decimal mark, since people paste
 * amounts from everywhere; spaces between digits are ignored. Refused with a reason: no digits or
 * two marks (`format`), more decimals than the currency has (`decimals`: "1.250" is never read as
 * one thousand two hundred and fifty), a minus (`negative`), more than MAX_AMOUNT (`too_large`).
 */
export type MoneyInputError = 'format' | 'decimals' | 'negative' | 'too_large';

export function decimalMark(lang: Language): string {
  return new Intl.NumberFormat(CONSOLE_LOCALES[lang]).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.';
}

/** Minor units as the field shows them: "1250.50" in English, "1250,50" in Russian and Romanian. */
export function showMajor(minor: number, currency: Currency, lang: Language): string {
  const digits = MINOR_DIGITS[currency];
  const unit = 10 ** digits;
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const major = String(Math.floor(abs / unit));
  return digits === 0 ? `${sign}${major}` : `${sign}${major}${decimalMark(lang)}${String(abs % unit).padStart(digits, '0')}`;
}

/** What was typed, in minor units of `currency`, or why it is not an amount. */
export function readMajor(typed: string, currency: Currency): { minor: number } | { error: MoneyInputError } {
  const text = typed.trim().replace(/(\d)[\s\u00a0\u202f]+(?=\d)/g, '$1');
  const negative = /^[-−]/.test(text);
  const m = /^(\d+)(?:[.,](\d+))?$/.exec(negative ? text.slice(1).trim() : text);
  if (!m) return { error: 'format' };
  if (negative) return { error: 'negative' };
  const digits = MINOR_DIGITS[currency];
  const fraction = m[2] ?? '';
  if (fraction.length > digits) return { error: 'decimals' };
  const major = (m[1] as string).replace(/^0+(?=\d)/, '');
  // Longer than MAX_AMOUNT's major part can be is too large before it could lose precision.
  if (major.length > String(MAX_AMOUNT).length) return { error: 'too_large' };
  const minor = Number(major) * 10 ** digits + Number(fraction.padEnd(digits, '0'));
  return minor > MAX_AMOUNT ? { error: 'too_large' } : { minor };
}
