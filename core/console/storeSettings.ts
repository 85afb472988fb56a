import { parseTypedAmount } from '../adjust/typed.js';
import { CURRENCIES, MINOR_DIGITS, type Currency } from '../money.js';
import { MAX_POLICY_MINOR } from '../store/policy.js';
import { CONSOLE_LOCALES } from './format.js';
import type { Language } from '../i18n/index.js';

/** The store settings page's typed fields: money in major units of the store's currency, a percent. */

const currencyOf = (code: string): Currency | null => ((CURRENCIES as readonly string[]).includes(code) ? (code as Currency) : null);

/** An amount as the console shows it in a field, in the UI language ("500.00", "500,00"): no grouping, so it reads back. */
export function typedAmount(minor: number, currency: string, lang: Language): string {
  const digits = MINOR_DIGITS[currencyOf(currency) ?? 'EUR'];
  return new Intl.NumberFormat(CONSOLE_LOCALES[lang], { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false }).format(minor / 10 ** digits);
}

/** What a person typed for a policy amount ("500", "500.00", "1 234,50"), in minor units; null when it is not one. */
export function parsePolicyAmount(text: string, currency: string): number | null {
  const c = currencyOf(currency);
  const minor = c === null ? null : parseTypedAmount(text, c);
  return minor !== null && minor <= MAX_POLICY_MINOR ? minor : null;
}

/** A percent as shown in a field, in the UI language ("12.5", "12,5"). */
export function typedPercent(percent: number, lang: Language): string {
  return new Intl.NumberFormat(CONSOLE_LOCALES[lang], { maximumFractionDigits: 2, useGrouping: false }).format(percent);
}

/** A discount limit typed ("10", "12,5", "7.25 %"): 0 to 100, at most two decimals; null for anything else. */
export function parseLimitPercent(text: string): number | null {
  const m = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp / 100 : null;
}
