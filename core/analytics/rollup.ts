/**
 * Reading the analytics rollups (migrations/central/*_analytics_rollups.sql): pure arithmetic shared by central and
 * its tests. Days are ISO dates (YYYY-MM-DD): the chain's local days, as calendar dates.
 */

/** HyperLogLog with 2^11 registers, as hll_register() in SQL builds its sketches. */
export const HLL_REGISTERS = 2048;

/**
 * Distinct customers from a merged sketch, given how many registers are set and the sum of 2^-rank
 * over them: the HyperLogLog estimate, with linear counting where it is the better one (small counts).
 */
export function hllEstimate(setRegisters: number, sumOfPowers: number, m = HLL_REGISTERS): number {
  if (setRegisters === 0) return 0;
  const zeros = m - setRegisters;
  const alpha = 0.7213 / (1 + 1.079 / m);
  const raw = (alpha * m * m) / (sumOfPowers + zeros);
  if (raw <= 2.5 * m && zeros > 0) return Math.round(m * Math.log(m / zeros));
  return Math.round(raw);
}

/**
 * Sketches merged per key: each sketch is the text of its registers (register * 64 + rank, comma
 * separated, as array_to_string(sketch, ',') gives it); a register keeps its highest rank. Then
 * the estimate of each key. Merging here reads each stored sketch once, where grouping the
 * unnested registers in SQL cost a hash aggregate over every register of every sketch.
 */
export function mergedEstimates(rows: readonly { readonly key: string; readonly sketch: string }[]): Map<string, number> {
  const merged = new Map<string, Uint8Array>();
  for (const { key, sketch } of rows) {
    let registers = merged.get(key);
    if (!registers) merged.set(key, (registers = new Uint8Array(HLL_REGISTERS)));
    let v = 0;
    for (let i = 0; i <= sketch.length; i++) {
      const c = i < sketch.length ? sketch.charCodeAt(i) : 44;
      if (c !== 44) {
        v = v * 10 + c - 48;
        continue;
      }
      const register = v >> 6;
      const rank = v & 63;
      if (rank > registers[register]!) registers[register] = rank;
      v = 0;
    }
  }
  const estimates = new Map<string, number>();
  for (const [key, registers] of merged) {
    let set = 0;
    let powers = 0;
    for (const rank of registers) {
      if (rank === 0) continue;
      set++;
      powers += 2 ** -rank;
    }
    estimates.set(key, hllEstimate(set, powers));
  }
  return estimates;
}

const DAY_MS = 86_400_000;

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;
}

/** Every day of the period, in order. */
export function eachDay(from: string, to: string): string[] {
  const n = daysBetween(from, to);
  return Array.from({ length: Math.max(0, n) }, (_, i) => addDays(from, i));
}

export interface PeriodCover {
  /** First days of the calendar months wholly inside the period. */
  readonly months: string[];
  /** The days of the period outside those months. */
  readonly days: string[];
}

/** A period as whole months plus loose days, so a sketch read needs a dozen month rows, not a year of days. */
export function coverPeriod(from: string, to: string): PeriodCover {
  const months: string[] = [];
  const days: string[] = [];
  let day = from;
  while (day <= to) {
    const monthStart = `${day.slice(0, 8)}01`;
    const next = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)), 1)).toISOString().slice(0, 10);
    const monthEnd = addDays(next, -1);
    if (day === monthStart && monthEnd <= to) {
      months.push(monthStart);
      day = next;
    } else {
      days.push(day);
      day = addDays(day, 1);
    }
  }
  return { months, days };
}

/** The median of a histogram of whole days (days → customers): the lower middle value. */
export function medianDays(histogram: ReadonlyMap<number, number>): number | null {
  const total = [...histogram.values()].reduce((a, b) => a + b, 0);
  if (total <= 0) return null;
  const half = Math.ceil(total / 2);
  let seen = 0;
  for (const days of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(days) as number;
    if (seen >= half) return days;
  }
  return null;
}

/** An average basket in minor units (rounded half away from zero), or null with no sales. */
export function averageMinor(totalMinor: number, count: number): number | null {
  if (count <= 0) return null;
  const q = totalMinor / count;
  return Math.sign(q) * Math.round(Math.abs(q));
}
