import type { VatBreakdownRow } from '../sale/sale.js';
import { vatFromGross } from '../vat.js';

/**
 * What a return gives back. A sold line was paid its total less its share of the sale's
 * discounts; returning part of it gives back the same part of what was paid, rounded so that
 * the parts of a line returned in several goes add up to exactly what was paid for it.
 */
export interface PaidLine {
  /** Units, or grams of a weighed line. */
  readonly quantity: number;
  /** What the customer paid for the whole line: its total less its discount. */
  readonly paid: number;
  /** Already returned, in the line's own unit. */
  readonly returned: number;
}

/** What the first `quantity` of a line is worth of what was paid for it. */
function share(line: PaidLine, quantity: number): number {
  return Math.floor((line.paid * quantity) / line.quantity);
}

/** The refund for returning `quantity` more of a line (after what was already returned). */
export function lineRefund(line: PaidLine, quantity: number): number {
  return share(line, line.returned + quantity) - share(line, line.returned);
}

export function remaining(line: PaidLine): number {
  return line.quantity - line.returned;
}

/** VAT per rate of what is refunded: gross per rate, the VAT inside it, the net. */
export function refundVat(lines: readonly { readonly vatBasisPoints: number; readonly refund: number }[]): VatBreakdownRow[] {
  const gross = new Map<number, number>();
  for (const l of lines) gross.set(l.vatBasisPoints, (gross.get(l.vatBasisPoints) ?? 0) + l.refund);
  return [...gross]
    .sort(([a], [b]) => b - a)
    .map(([basisPoints, g]) => {
      const vat = vatFromGross(g, basisPoints);
      return { basisPoints, gross: g, net: g - vat, vat };
    });
}
