import { randomChars, UNAMBIGUOUS_ALPHABET } from './secrets.js';

/**
 * Promo codes for people: random characters from an alphabet without look-alikes, and a
 * check character (Luhn mod N) that catches a mistyped character or two swapped neighbours
 * before the code ever reaches the ledger. 9 random characters of 30 ≈ 44 bits.
 */
export const RANDOM_CHARS = 9;
const N = UNAMBIGUOUS_ALPHABET.length;

export function checkCharacter(body: string): string {
  let factor = 2;
  let sum = 0;
  for (let i = body.length - 1; i >= 0; i--) {
    const value = UNAMBIGUOUS_ALPHABET.indexOf(body[i] as string);
    if (value < 0) throw new Error(`character outside the code alphabet: ${body[i]}`);
    let addend = factor * value;
    factor = factor === 2 ? 1 : 2;
    addend = Math.floor(addend / N) + (addend % N);
    sum += addend;
  }
  return UNAMBIGUOUS_ALPHABET[(N - (sum % N)) % N] as string;
}

/** A fresh unique code: the campaign's prefix, then random characters, then the check character. */
export function newPromoCode(prefix: string): string {
  const body = randomChars(RANDOM_CHARS);
  return `${prefix}${body}${checkCharacter(body)}`;
}

/**
 * Whether the code ends in random characters and a matching check character. A shared code
 * chosen by marketing ("STREAM25") has none, so this only explains, never decides.
 */
export function hasValidCheckCharacter(code: string): boolean {
  const tail = code.slice(-(RANDOM_CHARS + 1));
  if (tail.length !== RANDOM_CHARS + 1 || [...tail].some((c) => !UNAMBIGUOUS_ALPHABET.includes(c))) return false;
  return checkCharacter(tail.slice(0, -1)) === tail.slice(-1);
}

/** How a code is printed: groups of five after the prefix, easier to read aloud. */
export function formatPromoCode(code: string, prefix: string): string {
  const rest = code.slice(prefix.length);
  const groups = rest.match(/.{1,5}/g) ?? [];
  return [prefix.replace(/-$/, ''), ...groups].filter((g) => g.length > 0).join('-');
}
