import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { PROMO_CODE_ALPHABET } from '../../core/scan/promoCode.js';
import { PAIRING_CODE_LENGTH, PAIRING_HANDLE_LENGTH } from '../../core/sync/pairing.js';

/**
 * Credentials are random and long, so a plain SHA-256 is enough to store them: nothing to
 * brute-force, and the hash is an index key for a single-row lookup.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function newToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** Characters a person reads off a screen or a paper without mixing up: the promo code alphabet. */
export const UNAMBIGUOUS_ALPHABET = PROMO_CODE_ALPHABET;

export function randomChars(length: number, alphabet = UNAMBIGUOUS_ALPHABET): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/**
 * Pairing codes: typed once on a till, expire in minutes, rate-limited per address; a handle
 * then the secret, so wrong guesses count against the code they aim at (see the pair route).
 */
export function newPairingCode(): { code: string; handle: string } {
  const handle = randomChars(PAIRING_HANDLE_LENGTH);
  return { code: handle + randomChars(PAIRING_CODE_LENGTH - PAIRING_HANDLE_LENGTH), handle };
}
