import { PIN_SCRYPT } from '../../../core/staff/pinHash.js';
import { hashPassword } from '../console/passwords.js';

/**
 * A new PIN hash: the console's scrypt with a fresh per-person salt, at the PIN's cost (a till
 * checks it offline, so it must stay quick there); the PIN itself is never stored.
 */
export function hashPin(pin: string): Promise<string> {
  return hashPassword(pin, { N: PIN_SCRYPT.N, r: PIN_SCRYPT.r, p: PIN_SCRYPT.p });
}
