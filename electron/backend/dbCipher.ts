import Database from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { DB_KEY_FILE, isDatabaseKey } from '../../core/dbKey.js';
import { fsyncDir, writePrivateFile } from './privateFile.js';

export { DB_KEY_FILE, isDatabaseKey };

/**
 * The till database is encrypted at rest (SQLite3 Multiple Ciphers, AEGIS-256 per page, an
 * authenticated cipher on the CPU's AES instructions: it costs a sale commit a few percent where
 * ChaCha20-Poly1305 cost over a third, bench/cipher.bench.ts): a copied till.sqlite, a backup or
 * another local user reads nothing. The 256-bit key is
 * held like the device token: the desktop app keeps it wrapped by the OS keychain (Electron
 * safeStorage, electron/main/dbKey.ts) and hands it over in memory; browser mode and tests keep
 * it in a key file beside the database, readable by the till's user only.
 */
export const DB_CIPHER = 'aegis';
/** What development builds before AEGIS encrypted with; such a file is still opened, as it is. */
const EARLIER_CIPHERS = ['chacha20'] as const;

const PLAIN_HEADER = 'SQLite format 3\0';

export function newDatabaseKey(): string {
  return randomBytes(32).toString('hex');
}

/** What is in a database file: nothing yet, a plain SQLite database, or something else (encrypted, or damaged). */
export function databaseFileKind(file: string): 'absent' | 'plain' | 'other' {
  if (!existsSync(file) || statSync(file).size === 0) return 'absent';
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    const n = readSync(fd, header, 0, 16, 0);
    return n === 16 && header.toString('latin1') === PLAIN_HEADER ? 'plain' : 'other';
  } finally {
    closeSync(fd);
  }
}

/** The key in `<dir>/till.key`, or null when there is none; a malformed key file is an error, never replaced. */
export function readKeyFile(dir: string): string | null {
  const file = join(dir, DB_KEY_FILE);
  if (!existsSync(file)) return null;
  const key = readFileSync(file, 'utf8').trim();
  if (!isDatabaseKey(key)) throw new Error(`${file} does not hold a database key`);
  return key;
}

/** Writes a new key file (0600, durably) and returns the key. */
export function createKeyFile(dir: string): string {
  const key = newDatabaseKey();
  writePrivateFile(join(dir, DB_KEY_FILE), Buffer.from(key + '\n', 'utf8'));
  return key;
}

/** Unlocks a connection: to be run first, before anything reads the file. */
export function applyKey(db: Database.Database, key: string): void {
  if (!isDatabaseKey(key)) throw new Error('a database key is 64 hex digits');
  for (const cipher of [DB_CIPHER, ...EARLIER_CIPHERS]) {
    db.pragma(`cipher = '${cipher}'`);
    db.pragma(`hexkey = '${key}'`);
    if (readable(db)) return;
  }
  // Neither cipher reads it: keyed as today, so the caller's first read reports the damage.
  db.pragma(`cipher = '${DB_CIPHER}'`);
  db.pragma(`hexkey = '${key}'`);
}

/** Whether the key opens the file (a new, empty file is readable with any key). */
function readable(db: Database.Database): boolean {
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch (e) {
    if ((e as { code?: string }).code === 'SQLITE_NOTADB') return false;
    throw e;
  }
}

/** Where a plain database is encrypted before it replaces the original. */
export function encryptingFile(file: string): string {
  return `${file}.encrypting`;
}

function removeWithSidecars(file: string): void {
  for (const suffix of ['', '-journal', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}

/**
 * Encrypts a plain database left by an older version, safely against a kill at any point:
 * the plain file's WAL is folded into it and closed cleanly, a copy is encrypted beside it
 * (`till.sqlite.encrypting`), flushed, and renamed over the original in one step. Until that
 * rename the original is untouched; a copy left half-encrypted by a kill is thrown away and
 * made again on the next start. (Freed disk blocks of the old plain file are the file system's;
 * the data folder is the owner's only.)
 */
export function encryptPlainDatabase(file: string, key: string, nativeBinding?: string): void {
  const copy = encryptingFile(file);
  removeWithSidecars(copy);
  const plain = new Database(file, nativeBinding ? { nativeBinding } : {});
  try {
    plain.pragma('busy_timeout = 5000');
    plain.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    plain.close();
  }
  const wal = `${file}-wal`;
  if (existsSync(wal) && statSync(wal).size > 0) throw new Error(`${basename(file)} is still in use (its WAL is not empty): close the other till first`);
  copyFileSync(file, copy);
  const encrypted = new Database(copy, nativeBinding ? { nativeBinding } : {});
  try {
    // Rekeying needs a rollback journal; the till switches the file back to WAL when it opens it.
    encrypted.pragma('journal_mode = DELETE');
    encrypted.pragma(`cipher = '${DB_CIPHER}'`);
    encrypted.pragma(`hexrekey = '${key}'`);
  } finally {
    encrypted.close();
  }
  const fd = openSync(copy, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  for (const suffix of ['-wal', '-shm']) rmSync(file + suffix, { force: true });
  renameSync(copy, file);
  fsyncDir(dirname(file));
}

/**
 * The key for the database `file`, and the file ready to open with it: a given key (the desktop
 * app's) or the key file's, made on first use. A plain database is encrypted first. An encrypted
 * (or unreadable) file with no key is left as it is: a new key could never open it.
 */
export function prepareEncryptedDatabase(file: string, options: { key?: string; readonly?: boolean; nativeBinding?: string } = {}): string | null {
  const kind = databaseFileKind(file);
  const dir = dirname(file);
  if (options.readonly) return kind === 'plain' ? null : (options.key ?? readKeyFile(dir));
  // A copy a kill left behind while the original was still plain.
  if (kind !== 'plain') removeWithSidecars(encryptingFile(file));
  const key = options.key ?? readKeyFile(dir) ?? (kind === 'other' ? null : createKeyFile(dir));
  if (key === null) return null;
  if (kind === 'plain') encryptPlainDatabase(file, key, options.nativeBinding);
  return key;
}
