import { randomBytes, scrypt } from 'node:crypto';
import { formatPinHash, PIN_SCRYPT } from '../../../core/staff/pinHash.js';

/** A new PIN hash: scrypt with a fresh per-person salt; the PIN itself is never stored. */
export function hashPin(pin: string): Promise<string> {
  const salt = randomBytes(PIN_SCRYPT.saltBytes);
  const { N, r, p } = PIN_SCRYPT;
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, PIN_SCRYPT.keyBytes, { N, r, p, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(formatPinHash({ N, r, p, salt: salt.toString('base64url'), hash: key.toString('base64url') })),
    ),
  );
}
