import { TillError } from './errors.js';

/** Currencies of the markets we sell in. All have two minor digits. */
export const CURRENCIES = ['RUB', 'UAH', 'RON', 'MDL', 'EUR'] as const;
export type Currency = (typeof CURRENCIES)[number];

export const MINOR_DIGITS: Record<Currency, number> = { RUB: 2, UAH: 2, RON: 2, MDL: 2, EUR: 2 };

/** Integer minor units (kopecks, bani, cents). Never a float. */
export interface Money {
  readonly amount: number;
  readonly currency: Currency;
}

/** A till amount above this is a typo or an attack, not a sale (10 000 000.00). */
export const MAX_AMOUNT = 1_000_000_000;

export function money(amount: number, currency: Currency): Money {
  assertMinor(amount);
  return { amount, currency };
}

export function assertMinor(amount: number): void {
  if (!Number.isSafeInteger(amount)) {
    throw new TillError('MONEY_OVERFLOW', { amount: String(amount) }, 'amount must be a safe integer of minor units');
  }
  if (Math.abs(amount) > MAX_AMOUNT) {
    throw new TillError('MONEY_OVERFLOW', { amount: String(amount) });
  }
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount + b.amount, a.currency);
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return money(a.amount - b.amount, a.currency);
}

export function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new TillError('MONEY_CURRENCY_MISMATCH', { a: a.currency, b: b.currency });
  }
}

/**
 * Integer division rounded half away from zero: the commercial rounding used on
 * receipts in all our markets. Exact for any safe-integer numerator and denominator.
 */
export function divRound(numerator: number, denominator: number): number {
  if (denominator <= 0 || !Number.isSafeInteger(numerator) || !Number.isSafeInteger(denominator)) {
    throw new TillError('MONEY_OVERFLOW', { numerator, denominator });
  }
  const sign = numerator < 0 ? -1 : 1;
  const n = Math.abs(numerator);
  const q = Math.floor(n / denominator);
  const r = n - q * denominator;
  return sign * (r * 2 >= denominator ? q + 1 : q);
}

/** Formats minor units as a plain decimal string ("1234.50"), locale-free, for receipts and logs. */
export function toDecimalString(m: Money): string {
  const digits = MINOR_DIGITS[m.currency];
  const sign = m.amount < 0 ? '-' : '';
  const abs = Math.abs(m.amount);
  const unit = 10 ** digits;
  const major = Math.floor(abs / unit);
  const minor = String(abs % unit).padStart(digits, '0');
  return `${sign}${major}.${minor}`;
}

/**
 * Parses what a cashier types for an amount ("150", "150.5", "150,50") into minor units.
 * Returns null for anything that is not a plain non-negative amount with at most the
 * currency's minor digits.
 */
export function parseAmount(text: string, currency: Currency): number | null {
  const digits = MINOR_DIGITS[currency];
  const m = /^\s*(\d{1,9})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!m) return null;
  const major = Number(m[1]);
  const fraction = (m[2] ?? '').padEnd(digits, '0');
  const amount = major * 10 ** digits + Number(fraction);
  return amount <= MAX_AMOUNT ? amount : null;
}
