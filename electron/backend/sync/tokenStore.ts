import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFile } from '../privateFile.js';

/**
 * Where the till keeps its device token, outside the SQLite file so a copied or backed-up
 * database carries no credential. Browser mode uses a file readable by the till's user only;
 * the Electron main can hand the backend an implementation on top of `safeStorage`.
 */
export interface TokenStore {
  read(): string | null;
  write(token: string): void;
  clear(): void;
}

export const TOKEN_FILE = 'device-token';

export const SEALED_TOKEN_FILE = 'device-token.sealed';

/** The token in `<dataDir>/device-token`, mode 0600, replaced atomically. */
export function fileTokenStore(dataDir: string): TokenStore {
  const file = join(dataDir, TOKEN_FILE);
  return {
    read() {
      if (!existsSync(file)) return null;
      const token = readFileSync(file, 'utf8').trim();
      return token.length > 0 ? token : null;
    },
    write: (token) => writePrivateFile(file, Buffer.from(token, 'utf8')),
    clear() {
      rmSync(file, { force: true });
    },
  };
}

/**
 * The desktop app's store: the token sealed with AES-256-GCM under a key that only Electron's
 * safeStorage (the OS keychain / DPAPI / libsecret) can unwrap; the main process unwraps it and
 * hands it to the backend in memory. A file that does not open with the key (another machine's,
 * tampered with) reads as "not paired", so the till asks to be paired again.
 */
export function sealedFileTokenStore(dataDir: string, key: Buffer): TokenStore {
  if (key.length !== 32) throw new Error('the token key must be 32 bytes');
  const file = join(dataDir, SEALED_TOKEN_FILE);
  return {
    read() {
      if (!existsSync(file)) return null;
      const sealed = readFileSync(file);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
        decipher.setAuthTag(sealed.subarray(12, 28));
        const token = Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
        return token.length > 0 ? token : null;
      } catch {
        return null;
      }
    },
    write(token) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
      writePrivateFile(file, Buffer.concat([iv, cipher.getAuthTag(), body]));
    },
    clear() {
      rmSync(file, { force: true });
    },
  };
}

/** For tests and tools that must not touch the disk. */
export function memoryTokenStore(initial: string | null = null): TokenStore {
  let token = initial;
  return {
    read: () => token,
    write: (t) => {
      token = t;
    },
    clear: () => {
      token = null;
    },
  };
}
