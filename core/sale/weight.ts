/**
 * A weight as a person types it at the till, in grams: "350" or "350 g" is grams, "1,5" or
 * "1.5 kg" is kilograms (a decimal comma or point, whatever the UI language), units in Latin
 * or Cyrillic. Null for anything else, zero, finer than a gram, or over the scale's maximum.
 */
export const MAX_WEIGHT_GRAMS = 100_000;

const WEIGHT = /^(\d{1,6})(?:[.,](\d{1,3}))?\s*(g|gr|kg|г|гр|кг)?\.?$/iu;

export function parseWeight(typed: string): number | null {
  const match = WEIGHT.exec(typed.trim());
  if (!match) return null;
  const [, whole, fraction, unit] = match as unknown as [string, string, string | undefined, string | undefined];
  const kilograms = unit ? /^(kg|кг)$/iu.test(unit) : fraction !== undefined;
  let grams: number;
  if (kilograms) grams = Number(whole) * 1000 + Number((fraction ?? '').padEnd(3, '0'));
  else if (fraction !== undefined) return null; // a fraction of a gram
  else grams = Number(whole);
  return grams >= 1 && grams <= MAX_WEIGHT_GRAMS ? grams : null;
}
