import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DB_KEY_FILE, isDatabaseKey } from '../../core/dbKey.js';
import type { SafeStorage } from './tokenKey.js';

export const DB_KEY_SEALED_FILE = 'till-key.sealed';

/**
 * The till database's key on the desktop, wrapped by the OS keychain through safeStorage and
 * unwrapped here, in main, for the backend. A key file browser mode left in the same folder is
 * taken over (sealed, then removed), so the database keeps opening. Null where the OS offers no
 * keychain: the backend then keeps its key in a 0600 file, as in browser mode. Unlike the
 * device token's key, a sealed key that no longer opens is never replaced: a new key could not
 * open the database, and replacing it would lose the only copy of the old one.
 */
export function databaseKey(userData: string, safe: SafeStorage): string | null {
  if (!safe.isEncryptionAvailable()) return null;
  const sealed = join(userData, DB_KEY_SEALED_FILE);
  if (existsSync(sealed)) {
    const key = safe.decryptString(readFileSync(sealed));
    if (!isDatabaseKey(key)) throw new Error(`${sealed} does not unwrap to a database key: restore this user's keychain or the file`);
    return key;
  }
  const plainFile = join(userData, DB_KEY_FILE);
  const plain = existsSync(plainFile) ? readFileSync(plainFile, 'utf8').trim() : null;
  if (plain !== null && !isDatabaseKey(plain)) throw new Error(`${plainFile} does not hold a database key`);
  const key = plain ?? randomBytes(32).toString('hex');
  writeDurably(sealed, safe.encryptString(key));
  if (plain !== null) rmSync(plainFile);
  return key;
}

/** The sealed key, 0600, in place only once it is on disk: a kill never leaves half a key. */
function writeDurably(file: string, content: Buffer): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, content, { mode: 0o600, flush: true });
  renameSync(tmp, file);
}
