import { allocate, percentOf } from '../promo/pricing.js';

/**
 * A manual discount the cashier gives on a line or on the whole sale: a percent (basis points,
 * 1250 = 12.5 %) or an amount (minor units). It works on what promotions left, the way each
 * promotion works on what the ones before it left (core/promo/evaluate.ts), so a line never
 * costs less than nothing and the promotions' own figures stay as they were.
 */
export type ManualDiscount = { readonly kind: 'percent'; readonly value: number } | { readonly kind: 'amount'; readonly value: number };

export const MAX_PERCENT_BP = 10_000;

/** What the discount takes off `base` (minor units): never more than the base, never less than 0. */
export function manualAmount(discount: ManualDiscount, base: number): number {
  if (base <= 0) return 0;
  const raw = discount.kind === 'percent' ? percentOf(base, Math.min(discount.value, MAX_PERCENT_BP) / 100) : discount.value;
  return Math.min(base, Math.max(0, raw));
}

export interface ManualLine {
  readonly id: string;
  /** What the line costs after its promotions, minor units. */
  readonly remaining: number;
  readonly discount: ManualDiscount | null;
}

export interface ManualResult {
  /** Each line's own manual discount. */
  readonly line: ReadonlyMap<string, number>;
  /** Each line's share of the sale's manual discount (spread by what is left of each line, summing to `sale`). */
  readonly share: ReadonlyMap<string, number>;
  /** The sale's manual discount in all. */
  readonly sale: number;
}

/**
 * The line discounts first, each on its line's remainder; then the sale's discount on what is
 * left of the whole sale, spread over the lines in proportion (largest remainder first), so every
 * line knows what it gives back on a return.
 */
export function applyManual(lines: readonly ManualLine[], saleDiscount: ManualDiscount | null): ManualResult {
  const line = new Map<string, number>();
  const left = lines.map((l) => {
    const d = l.discount ? manualAmount(l.discount, l.remaining) : 0;
    if (d > 0) line.set(l.id, d);
    return l.remaining - d;
  });
  const share = new Map<string, number>();
  const base = left.reduce((a, b) => a + b, 0);
  const sale = saleDiscount ? manualAmount(saleDiscount, base) : 0;
  allocate(sale, left).forEach((part, i) => {
    if (part > 0) share.set((lines[i] as ManualLine).id, part);
  });
  return { line, share, sale };
}

/**
 * How deep a discount of `amount` on `base` is, in basis points (rounded up, so 10.001 % is over
 * a 10 % limit): what the store's manual-discount limit is compared with.
 */
export function depthBasisPoints(amount: number, base: number): number {
  if (amount <= 0) return 0;
  if (base <= 0) return MAX_PERCENT_BP;
  return Math.ceil((amount * MAX_PERCENT_BP) / base);
}
