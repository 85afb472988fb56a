/** One measured figure, as `npm run bench -- --json` prints it. */
export interface Figure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly target: number;
  readonly better: 'lower' | 'higher';
  /** Context a reader needs to trust the number (sample size, spread, sizes). */
  readonly note?: string;
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export const round = (value: number, digits = 3) => Number(value.toFixed(digits));
