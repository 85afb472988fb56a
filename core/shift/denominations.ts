import type { Currency } from '../money.js';

/** Coins and notes in circulation, in minor units, smallest first: what a drawer is counted in. */
export const DENOMINATIONS: Readonly<Record<Currency, readonly number[]>> = {
  MDL: [1, 5, 10, 25, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000],
  RON: [1, 5, 10, 50, 100, 500, 1_000, 5_000, 10_000, 20_000, 50_000],
  RUB: [1, 5, 10, 50, 100, 200, 500, 1_000, 5_000, 10_000, 20_000, 50_000, 100_000, 200_000, 500_000],
  UAH: [10, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000],
  EUR: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000],
};

/** The most pieces of one denomination a count may hold. */
export const MAX_PIECES = 100_000;

export type Counts = Readonly<Record<string, number>>;

/** The total of a count by denomination; null when a denomination is not one of the currency's. */
export function countedTotal(currency: Currency, counts: Counts): number | null {
  const known = new Set(DENOMINATIONS[currency]);
  let total = 0;
  for (const [denomination, pieces] of Object.entries(counts)) {
    const value = Number(denomination);
    if (!known.has(value) || !Number.isInteger(pieces) || pieces < 0 || pieces > MAX_PIECES) return null;
    total += value * pieces;
  }
  return total;
}
