import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The part of Electron's safeStorage this needs; passed in so only main.ts imports electron. */
export interface SafeStorage {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

export const TOKEN_KEY_FILE = 'token-key.sealed';

/**
 * The key that seals the device token at rest (electron/backend/sync/tokenStore.ts), itself
 * wrapped by the OS keychain through safeStorage. Made on first use; null where the OS offers
 * no keychain, and the backend then falls back to its 0600 file. A wrapped key that no longer
 * opens (a copied profile) is replaced: the till simply has to be paired again.
 */
export function deviceTokenKey(userData: string, safe: SafeStorage): string | null {
  if (!safe.isEncryptionAvailable()) return null;
  const file = join(userData, TOKEN_KEY_FILE);
  if (existsSync(file)) {
    try {
      const key = safe.decryptString(readFileSync(file));
      if (/^[0-9a-f]{64}$/.test(key)) return key;
    } catch {
      // Falls through to a new key.
    }
  }
  const key = randomBytes(32).toString('hex');
  writeFileSync(file, safe.encryptString(key), { mode: 0o600 });
  return key;
}
