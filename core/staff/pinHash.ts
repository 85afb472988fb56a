/**
 * How a PIN hash is written down, on central and in the till's cache: scrypt (memory-hard)
 * with a per-person random salt, its cost parameters stored with it so they can be raised
 * later without breaking older hashes: `scrypt$N$r$p$salt$hash` (salt and hash base64url).
 * Hashing itself needs node:crypto and lives with the callers (central, the till backend).
 */
export interface PinHash {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: string;
  readonly hash: string;
}

/** 2^14 × 8 × 128 bytes = 16 MiB and tens of milliseconds per guess on a till. */
export const PIN_SCRYPT = { N: 16_384, r: 8, p: 1, saltBytes: 16, keyBytes: 32 } as const;

export const PIN_HASH_PATTERN = /^scrypt\$(\d{1,7})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]{16,64})\$([A-Za-z0-9_-]{32,128})$/;

export function formatPinHash(h: PinHash): string {
  return `scrypt$${h.N}$${h.r}$${h.p}$${h.salt}$${h.hash}`;
}

export function parsePinHash(text: string): PinHash | null {
  const m = PIN_HASH_PATTERN.exec(text);
  if (!m) return null;
  const [N, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // A power of two no larger than 2^20: what scrypt accepts and a till can afford.
  if (N < 2 || N > 1 << 20 || (N & (N - 1)) !== 0 || r < 1 || p < 1) return null;
  return { N, r, p, salt: m[4] as string, hash: m[5] as string };
}
