import { randomChars, UNAMBIGUOUS_ALPHABET } from './secrets.js';

/**
 * Promo codes for people: random characters from an alphabet without look-alikes, and a
 * check character that catches every mistyped character and every swap of two neighbours
 * (the check character included) before the code ever reaches the ledger. 9 random
 * characters of 30 ≈ 44 bits.
 *
 * The check is a weighted sum modulo the prime 31 with weights 1, 2, 3, …: a substitution
 * changes the sum by w·Δ and a swap of neighbours by (wᵢ − wᵢ₊₁)·Δ, and neither can be a
 * multiple of 31 when every weight and every Δ lies in 1..30. The 30-letter alphabet has no
 * 31st symbol, so bodies whose check value would be 30 are simply never issued (1 in 31).
 */
export const RANDOM_CHARS = 9;
const P = 31;

function value(ch: string): number {
  const v = UNAMBIGUOUS_ALPHABET.indexOf(ch);
  if (v < 0) throw new Error(`character outside the code alphabet: ${ch}`);
  return v;
}

function weightedSum(chars: string): number {
  let sum = 0;
  for (let i = 0; i < chars.length; i++) sum += (i + 1) * value(chars[i] as string);
  return sum % P;
}

/** x⁻¹ mod 31, by Fermat: x^29. */
function inverse(x: number): number {
  let result = 1;
  for (let i = 0; i < P - 2; i++) result = (result * x) % P;
  return result;
}

/** The check character of a body, or null when its check value has no symbol (never issued). */
export function checkCharacter(body: string): string | null {
  const weight = body.length + 1;
  const check = ((P - weightedSum(body)) % P) * inverse(weight % P) % P;
  return check < UNAMBIGUOUS_ALPHABET.length ? (UNAMBIGUOUS_ALPHABET[check] as string) : null;
}

/** A fresh unique code: the campaign's prefix, then random characters, then the check character. */
export function newPromoCode(prefix: string): string {
  for (;;) {
    const body = randomChars(RANDOM_CHARS);
    const check = checkCharacter(body);
    if (check !== null) return `${prefix}${body}${check}`;
  }
}

/**
 * Whether the code ends in random characters and a matching check character. A shared code
 * chosen by marketing ("STREAM25") has none, so this only explains, never decides.
 */
export function hasValidCheckCharacter(code: string): boolean {
  const tail = code.slice(-(RANDOM_CHARS + 1));
  if (tail.length !== RANDOM_CHARS + 1 || [...tail].some((c) => !UNAMBIGUOUS_ALPHABET.includes(c))) return false;
  return weightedSum(tail) === 0;
}

/** How a code is printed: groups of five after the prefix, easier to read aloud. */
export function formatPromoCode(code: string, prefix: string): string {
  const rest = code.slice(prefix.length);
  const groups = rest.match(/.{1,5}/g) ?? [];
  return [prefix.replace(/-$/, ''), ...groups].filter((g) => g.length > 0).join('-');
}
