import { parseAmount, type Currency } from '../money.js';
import { MAX_PERCENT_BP } from '../sale/manual.js';

/**
 * What the cashier types for a price or an amount, as the UI language writes money: "12.50",
 * "12,50", "1 234,50" (grouping spaces, also the no-break ones Intl puts in), minor units out;
 * null for anything else.
 */
export function parseTypedAmount(text: string, currency: Currency): number | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, '');
  return compact === '' ? null : parseAmount(compact, currency);
}

/** A typed percent ("10", "12,5", "12.25 %") in basis points, 1 to 10 000; null for anything else. */
export function parseTypedPercent(text: string): number | null {
  const m = /^\s*(\d{1,3})(?:[.,](\d{1,2}))?\s*%?\s*$/.exec(text);
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp >= 1 && bp <= MAX_PERCENT_BP ? bp : null;
}
