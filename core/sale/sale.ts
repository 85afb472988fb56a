import { TillError } from '../errors.js';
import { divRound, type Currency } from '../money.js';
import { vatFromGross } from '../vat.js';

/** A line's quantity: whole units, or grams for items sold by weight. */
export type Quantity = { readonly kind: 'unit'; readonly units: number } | { readonly kind: 'weight'; readonly grams: number };

export const MAX_UNITS = 9_999;
export const MAX_GRAMS = 100_000;
export const MAX_LINES = 500;

export interface PricedLine {
  readonly quantity: Quantity;
  /** Per unit, or per kilogram for weighed items; VAT-inclusive minor units. */
  readonly unitPrice: number;
  /** Set when the scale label printed the price: it is what the customer pays for the line. */
  readonly fixedTotal: number | null;
  readonly vatBasisPoints: number;
  readonly voided: boolean;
  /** What promotions take off the line (core/promo), minor units; never more than the line. */
  readonly discount?: number;
}

export interface VatBreakdownRow {
  readonly basisPoints: number;
  readonly gross: number;
  readonly net: number;
  readonly vat: number;
}

export interface SaleTotals {
  readonly currency: Currency;
  /** Before promotions. */
  readonly subtotal: number;
  readonly discount: number;
  /** subtotal − discount: what the customer pays. */
  readonly total: number;
  readonly itemCount: number;
  readonly vat: VatBreakdownRow[];
}

export function validateQuantity(q: Quantity): void {
  const value = q.kind === 'unit' ? q.units : q.grams;
  const max = q.kind === 'unit' ? MAX_UNITS : MAX_GRAMS;
  if (!Number.isInteger(value)) throw new TillError('QTY_NOT_INTEGER', { value: String(value) });
  if (value < 1 || value > max) throw new TillError('QTY_OUT_OF_RANGE', { value, min: 1, max });
}

/** A line's VAT-inclusive amount in minor units; weighed lines round half away from zero. */
export function lineTotal(line: Omit<PricedLine, 'voided' | 'vatBasisPoints'>): number {
  if (line.fixedTotal !== null) return line.fixedTotal;
  return line.quantity.kind === 'unit'
    ? line.quantity.units * line.unitPrice
    : divRound(line.quantity.grams * line.unitPrice, 1000);
}

/**
 * Totals over the live lines, with VAT per rate. VAT is taken from each rate's gross sum of
 * the discounted lines, so the breakdown's gross column adds up to the total exactly and
 * net + vat = gross.
 */
export function saleTotals(lines: readonly PricedLine[], currency: Currency): SaleTotals {
  const byRate = new Map<number, number>();
  let subtotal = 0;
  let total = 0;
  let itemCount = 0;
  for (const line of lines) {
    if (line.voided) continue;
    const before = lineTotal(line);
    const amount = before - Math.min(before, Math.max(0, line.discount ?? 0));
    subtotal += before;
    total += amount;
    itemCount += line.quantity.kind === 'unit' ? line.quantity.units : 1;
    byRate.set(line.vatBasisPoints, (byRate.get(line.vatBasisPoints) ?? 0) + amount);
  }
  const vat = [...byRate.entries()]
    .sort(([a], [b]) => b - a)
    .map(([basisPoints, gross]) => {
      const v = vatFromGross(gross, basisPoints);
      return { basisPoints, gross, vat: v, net: gross - v };
    });
  return { currency, subtotal, discount: subtotal - total, total, itemCount, vat };
}
