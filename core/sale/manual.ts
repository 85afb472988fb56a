import { allocate, percentOf } from '../promo/pricing.js';
import type { SaleView } from './contract.js';

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

/** A part of a whole, exactly: `n / d` (d > 0). */
type Part = readonly [n: bigint, d: bigint];

const NONE: Part = [0n, 1n];

/** What a discount takes, as a part of the base it works on: a percent as it says, an amount as what it took of the base. */
function partOf(given: { kind: ManualDiscount['kind']; value: number; amount: number } | null, base: number): Part {
  if (!given || base <= 0) return NONE;
  return given.kind === 'percent' ? [BigInt(given.value), BigInt(MAX_PERCENT_BP)] : [BigInt(given.amount), BigInt(base)];
}

/**
 * How deep the sale's manual discounts go, in basis points: what the store's manual-discount
 * limit (a percent, free up to it, a manager beyond it) is compared with.
 *
 * The rule: the limit is about what an item ends up with. On every line, its own manual discount
 * and its share of the sale's manual discount together, as a part of what promotions left on that
 * line, may be at most the limit; the deepest line is the sale's depth. A 10 % line discount and
 * a 10 % sale discount make 19 % on that line (the sale's works on what the line's left), and a
 * sale discount of an amount is as deep on a line as on the sale it is spread over. The sale's
 * share is taken exactly (in proportion to what is left of each line, before the cents are
 * spread), so a percent is as deep as it says and exactly the limit is within it; the result is
 * rounded up (10.001 % is over a 10 % limit). Lines promotions left nothing of are not counted.
 */
export function deepestManual(view: Pick<SaleView, 'lines' | 'manual'>): number {
  const live = view.lines
    .filter((l) => !l.voided)
    .map((l) => {
      const own = l.manual?.amount ?? 0;
      const remaining = l.lineTotal - (l.discount - own - l.saleShare);
      return { remaining, own, part: partOf(l.manual, remaining) };
    })
    .filter((l) => l.remaining > 0);
  const base = live.reduce((sum, l) => sum + l.remaining - l.own, 0);
  const [ns, ds] = partOf(view.manual, base);
  let deepest = 0;
  for (const { part } of live) {
    const [nl, dl] = part;
    // own + (1 − own) × sale, over one: (nl·ds + (dl − nl)·ns) / (dl·ds).
    const numerator = (nl * ds + (dl - nl) * ns) * BigInt(MAX_PERCENT_BP);
    const denominator = dl * ds;
    const depth = Number((numerator + denominator - 1n) / denominator);
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}
