import { normalisePromoCode } from '../scan/resolve.js';

/**
 * A pairing code: central's admin page shows it once and IT types it on the till. It is drawn
 * from the promo code alphabet (no 0/O, 1/I/L to mix up): a 4-character public handle, then an
 * 8-character secret. Spaces, dashes and lower case are forgiven where it is typed.
 */
export const PAIRING_HANDLE_LENGTH = 4;
export const PAIRING_CODE_LENGTH = PAIRING_HANDLE_LENGTH + 8;

export function normalisePairingCode(typed: string): string {
  return normalisePromoCode(typed);
}
