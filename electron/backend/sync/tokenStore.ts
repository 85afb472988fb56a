import { chmodSync, closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

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

/** The token in `<dataDir>/device-token`, mode 0600, replaced atomically. */
export function fileTokenStore(dataDir: string): TokenStore {
  const file = join(dataDir, TOKEN_FILE);
  return {
    read() {
      if (!existsSync(file)) return null;
      const token = readFileSync(file, 'utf8').trim();
      return token.length > 0 ? token : null;
    },
    write(token) {
      const tmp = `${file}.tmp`;
      rmSync(tmp, { force: true });
      const fd = openSync(tmp, 'wx', 0o600);
      try {
        writeSync(fd, token);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      chmodSync(tmp, 0o600);
      renameSync(tmp, file);
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
