/**
 * Promo codes for people: random characters from an alphabet without look-alikes, and a
 * check character that catches every mistyped character and every swap of two neighbours
 * (the check character included). Central issues them; the till checks them, so a cashier
 * hears "mistyped code" before anything is looked up. 9 random characters of 30 ≈ 44 bits.
 *
 * The check is a weighted sum modulo the prime 31 with weights 1, 2, 3, …: a substitution
 * changes the sum by w·Δ and a swap of neighbours by (wᵢ − wᵢ₊₁)·Δ, and neither can be a
 * multiple of 31 when every weight and every Δ lies in 1..30. The 30-letter alphabet has no
 * 31st symbol, so bodies whose check value would be 30 are simply never issued (1 in 31).
 */

/** Characters a person reads off a screen or a paper without mixing up: no 0/O, 1/I/L, U. */
export const PROMO_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const PROMO_CODE_RANDOM_CHARS = 9;
const P = 31;

function weightedSum(chars: string): number {
  let sum = 0;
  for (let i = 0; i < chars.length; i++) sum += (i + 1) * PROMO_CODE_ALPHABET.indexOf(chars[i] as string);
  return sum % P;
}

/** x⁻¹ mod 31, by Fermat: x^29. */
function inverse(x: number): number {
  let result = 1;
  for (let i = 0; i < P - 2; i++) result = (result * x) % P;
  return result;
}

const inAlphabet = (text: string): boolean => [...text].every((c) => PROMO_CODE_ALPHABET.includes(c));

/** The check character of a random body, or null when its check value has no symbol (never issued). */
export function promoCodeCheckCharacter(body: string): string | null {
  if (!inAlphabet(body)) throw new Error('a promo code body is made of the code alphabet only');
  const weight = body.length + 1;
  const check = (((P - weightedSum(body)) % P) * inverse(weight % P)) % P;
  return check < PROMO_CODE_ALPHABET.length ? (PROMO_CODE_ALPHABET[check] as string) : null;
}

/**
 * What the last ten characters of a code say: `valid` when they are code characters with a
 * matching check character; `mistyped` when they are code characters whose check does not
 * match; `unchecked` when they cannot be a random tail at all (a shared code chosen by
 * marketing, "STREAM25"). A shared code of ten code characters reads as `mistyped`, so
 * `mistyped` only explains a code the ledger does not know; it never refuses one it knows.
 */
export type PromoCodeCheck = 'valid' | 'mistyped' | 'unchecked';

export function promoCodeCheck(code: string): PromoCodeCheck {
  const tail = code.slice(-(PROMO_CODE_RANDOM_CHARS + 1));
  if (tail.length !== PROMO_CODE_RANDOM_CHARS + 1 || !inAlphabet(tail)) return 'unchecked';
  return weightedSum(tail) === 0 ? 'valid' : 'mistyped';
}
