import { MINOR_DIGITS, type Currency } from '../../../core/money.js';

/** Banknote-sized steps (major units) a customer is likely to hand over above the total. */
const STEPS = [10, 50, 100, 200, 500, 1000, 5000];

/**
 * Quick amounts for the cash panel: the exact total, then the total rounded up to the next
 * 10, 50, 100, … — the notes a customer actually gives — distinct and ascending.
 */
export function quickAmounts(totalMinor: number, currency: Currency, count = 5): number[] {
  if (totalMinor <= 0) return [];
  const scale = 10 ** MINOR_DIGITS[currency];
  const amounts = [totalMinor];
  for (const step of STEPS) {
    const unit = step * scale;
    const up = Math.ceil(totalMinor / unit) * unit;
    if (up > (amounts[amounts.length - 1] ?? 0)) amounts.push(up);
    if (amounts.length >= count) break;
  }
  return amounts;
}
