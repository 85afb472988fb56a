import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import { formatPinHash, parsePinHash, PIN_SCRYPT } from '../../../core/staff/pinHash.js';

const maxmem = (N: number, r: number) => 256 * N * r + 16 * 1024 * 1024;

function derive(pin: string, salt: Buffer, N: number, r: number, p: number, length: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, length, { N, r, p, maxmem: maxmem(N, r) }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** A PIN hash as central writes them: the till makes its own only for the demo seed (at start-up, so synchronously). */
export function hashPinSync(pin: string): string {
  const salt = randomBytes(PIN_SCRYPT.saltBytes);
  const { N, r, p } = PIN_SCRYPT;
  const key = scryptSync(pin, salt, PIN_SCRYPT.keyBytes, { N, r, p, maxmem: maxmem(N, r) });
  return formatPinHash({ N, r, p, salt: salt.toString('base64url'), hash: key.toString('base64url') });
}

/** True when `pin` is the one the hash was made from; a hash the till cannot read matches nothing. */
export async function verifyPin(pin: string, stored: string): Promise<boolean> {
  const h = parsePinHash(stored);
  if (!h) return false;
  const expected = Buffer.from(h.hash, 'base64url');
  const key = await derive(pin, Buffer.from(h.salt, 'base64url'), h.N, h.r, h.p, expected.length);
  return timingSafeEqual(key, expected);
}

/** A staff card's barcode as central stores it: trimmed, SHA-256, hex. */
export function cardHash(card: string): string {
  return createHash('sha256').update(card.trim(), 'utf8').digest('hex');
}
