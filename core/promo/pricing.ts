import { divRound } from '../money.js';

/**
 * Spreads `total` minor units over `weights` in proportion, largest remainder first, so the
 * parts are integers that add up to exactly `total` (a refund of one line gives back its part).
 * Ties go to the earlier weight: deterministic.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total === 0) return weights.map(() => 0);
  const floors = weights.map((w) => Math.floor((total * w) / sum));
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = weights.map((w, i) => ({ i, rem: (total * w) % sum })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = (floors[i] as number) + 1;
    left--;
  }
  return floors;
}

/** percent% of amount, rounded half away from zero; percent may have two decimals (12.5). */
export function percentOf(amount: number, percent: number): number {
  return divRound(amount * Math.round(percent * 100), 10_000);
}
