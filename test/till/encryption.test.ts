import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3-multiple-ciphers';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadMigrations, migrate, openTillDatabase } from '../../electron/backend/db.js';
import { DB_KEY_FILE, databaseFileKind, encryptingFile, readKeyFile } from '../../electron/backend/dbCipher.js';
import { DB_KEY_SEALED_FILE, databaseKey } from '../../electron/main/dbKey.js';
import { openTestTill } from '../helpers/till.js';
import { tempDir } from '../helpers/tmp.js';

const CUSTOMER_NAME = 'Plaintext-Probe Ionescu';
const PHONE = '+40722999111';

/** A till with a customer written to its database, closed, its WAL folded in. */
async function tillWithCustomer(file: string): Promise<void> {
  const till = openTestTill({ file, customers: 10, products: 50 });
  till.db.prepare(`INSERT INTO customers (id, name, updated_at) VALUES ('C-PROBE', ?, '2026-01-01T00:00:00Z')`).run(CUSTOMER_NAME);
  till.db.prepare(`INSERT INTO customer_phones (phone_e164, customer_id) VALUES (?, 'C-PROBE')`).run(PHONE);
  await till.close();
}

/** Every byte the data folder holds, as text a curious local user would grep. */
function folderBytes(dir: string): string {
  return readdirSync(dir)
    .filter((name) => name !== DB_KEY_FILE && statSync(join(dir, name)).isFile())
    .map((name) => readFileSync(join(dir, name)).toString('latin1'))
    .join('\n');
}

/**
 * A plain (unencrypted) till database as an older version left it after a crash: WAL mode,
 * the customer's rows only in the -wal (copied while the writer still had it open).
 */
function plainTillDatabase(file: string, fillerRows = 0): void {
  const source = join(tempDir(), 'old.sqlite');
  const plain = new Database(source);
  plain.pragma('journal_mode = WAL');
  migrate(plain, loadMigrations());
  plain.transaction(() => {
    plain.exec('CREATE TABLE filler (x TEXT)');
    const insert = plain.prepare('INSERT INTO filler (x) VALUES (?)');
    for (let i = 0; i < fillerRows; i++) insert.run('f'.repeat(100));
  })();
  plain.pragma('wal_checkpoint(TRUNCATE)');
  plain.pragma('wal_autocheckpoint = 0');
  plain.prepare(`INSERT INTO customers (id, name, updated_at) VALUES ('C-PROBE', ?, '2026-01-01T00:00:00Z')`).run(CUSTOMER_NAME);
  plain.prepare(`INSERT INTO customer_phones (phone_e164, customer_id) VALUES (?, 'C-PROBE')`).run(PHONE);
  copyFileSync(source, file);
  copyFileSync(`${source}-wal`, `${file}-wal`);
  plain.close();
}

describe('the till database is encrypted at rest', () => {
  it('is not readable as plain SQLite, and no customer text is in any file of the data folder', async () => {
    const dir = tempDir();
    const file = join(dir, 'till.sqlite');
    await tillWithCustomer(file);
    expect(databaseFileKind(file)).toBe('other');
    const plain = new Database(file, { readonly: true });
    expect(() => plain.prepare('SELECT count(*) FROM customers').get()).toThrowError(expect.objectContaining({ code: 'SQLITE_NOTADB' }));
    plain.close();
    const bytes = folderBytes(dir);
    expect(bytes).not.toContain('SQLite format 3');
    expect(bytes).not.toContain(CUSTOMER_NAME);
    expect(bytes).not.toContain(PHONE);
    // The key file is the owner's only, and the till opens again with it.
    expect(statSync(join(dir, DB_KEY_FILE)).mode & 0o777).toBe(0o600);
    const again = openTillDatabase(file);
    expect(again.prepare(`SELECT name FROM customers WHERE id = 'C-PROBE'`).get()).toEqual({ name: CUSTOMER_NAME });
    again.close();
  });

  it('refuses to open with another key or without its key, as DB_CORRUPT, and changes nothing', async () => {
    const dir = tempDir();
    const file = join(dir, 'till.sqlite');
    await tillWithCustomer(file);
    const before = readFileSync(file);
    expect(() => openTillDatabase(file, { key: 'ab'.repeat(32) })).toThrowError(expect.objectContaining({ code: 'DB_CORRUPT' }));
    const key = readFileSync(join(dir, DB_KEY_FILE), 'utf8');
    writeFileSync(join(dir, DB_KEY_FILE), '');
    expect(() => openTillDatabase(file)).toThrowError(/does not hold a database key/);
    // A missing key file is never replaced by a new key for an existing encrypted database.
    rmSync(join(dir, DB_KEY_FILE));
    expect(() => openTillDatabase(file)).toThrowError(expect.objectContaining({ code: 'DB_CORRUPT' }));
    expect(existsSync(join(dir, DB_KEY_FILE))).toBe(false);
    expect(readFileSync(file).equals(before)).toBe(true);
    writeFileSync(join(dir, DB_KEY_FILE), key, { mode: 0o600 });
    openTillDatabase(file).close();
  });

  it('opens a database an earlier build encrypted with ChaCha20, keeping every row', () => {
    const dir = tempDir();
    const file = join(dir, 'till.sqlite');
    const key = 'cd'.repeat(32);
    const earlier = new Database(file);
    earlier.pragma(`cipher = 'chacha20'`);
    earlier.pragma(`hexkey = '${key}'`);
    earlier.pragma('journal_mode = WAL');
    migrate(earlier, loadMigrations());
    earlier.prepare(`INSERT INTO customers (id, name, updated_at) VALUES ('C-PROBE', ?, '2026-01-01T00:00:00Z')`).run(CUSTOMER_NAME);
    earlier.close();
    const db = openTillDatabase(file, { key });
    expect(db.prepare(`SELECT name FROM customers WHERE id = 'C-PROBE'`).get()).toEqual({ name: CUSTOMER_NAME });
    db.prepare(`INSERT INTO customers (id, name, updated_at) VALUES ('C-NEW', 'Ion', '2026-01-02T00:00:00Z')`).run();
    db.close();
    expect(() => openTillDatabase(file, { key: 'ab'.repeat(32) })).toThrowError(expect.objectContaining({ code: 'DB_CORRUPT' }));
    const again = openTillDatabase(file, { key });
    expect(again.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 2 });
    again.close();
  });

  it('encrypts a plain database an older version left (rows still in its WAL), keeping every row', () => {
    const dir = tempDir();
    const file = join(dir, 'till.sqlite');
    plainTillDatabase(file);
    expect(databaseFileKind(file)).toBe('plain');
    const db = openTillDatabase(file);
    expect(db.prepare(`SELECT name FROM customers WHERE id = 'C-PROBE'`).get()).toEqual({ name: CUSTOMER_NAME });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(databaseFileKind(file)).toBe('other');
    expect(folderBytes(dir)).not.toContain(CUSTOMER_NAME);
    expect(existsSync(encryptingFile(file))).toBe(false);
  });

  it('a kill at any point of the encryption loses nothing: the next start finishes it', async () => {
    // A child encrypts a plain database while it is killed at increasing delays; every time the
    // next open must find the plain original or the encrypted copy, never a half of either.
    const script = `const m = await import(${JSON.stringify(join(process.cwd(), 'electron/backend/db.ts'))}); process.stdout.write('ready\\n'); m.openTillDatabase(process.argv[1]);`;
    const states: string[] = [];
    for (const delayMs of [0, 40, 80, 120, 160, 240, 400, 800]) {
      const dir = tempDir();
      const file = join(dir, 'till.sqlite');
      plainTillDatabase(file, 20_000);
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, file], { stdio: ['ignore', 'pipe', 'inherit'] });
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((r) => setTimeout(r, delayMs));
      const exited = new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
      child.kill('SIGKILL');
      await exited;
      states.push(`${delayMs} ms: ${databaseFileKind(file)}${existsSync(encryptingFile(file)) ? ' + half-made copy' : ''}`);
      const db = openTillDatabase(file);
      expect(db.prepare(`SELECT name FROM customers WHERE id = 'C-PROBE'`).get(), states.join('; ')).toEqual({ name: CUSTOMER_NAME });
      expect(db.prepare(`SELECT count(*) AS n FROM filler`).get()).toEqual({ n: 20_000 });
      db.close();
      expect(databaseFileKind(file)).toBe('other');
      expect(existsSync(encryptingFile(file))).toBe(false);
      expect(readKeyFile(dir)).toMatch(/^[0-9a-f]{64}$/);
    }
  }, 120_000);
});

describe('a half-made encrypted copy', () => {
  it('is thrown away and made again while the original is still plain', () => {
    const dir = tempDir();
    const file = join(dir, 'till.sqlite');
    plainTillDatabase(file);
    writeFileSync(encryptingFile(file), Buffer.alloc(8192, 7));
    writeFileSync(`${encryptingFile(file)}-journal`, Buffer.alloc(512, 1));
    const db = openTillDatabase(file);
    expect(db.prepare(`SELECT name FROM customers WHERE id = 'C-PROBE'`).get()).toEqual({ name: CUSTOMER_NAME });
    db.close();
    expect(readdirSync(dir).filter((name) => name.includes('encrypting'))).toEqual([]);
  });
});

describe('the desktop app keeps the database key in the OS keychain', () => {
  // safeStorage stands in as a reversible wrapping: the real one needs the Electron binary.
  const safe = (available = true) => ({
    isEncryptionAvailable: () => available,
    encryptString: (plain: string) => Buffer.from(`sealed:${Buffer.from(plain).toString('base64')}`),
    decryptString: (sealed: Buffer) => {
      const text = sealed.toString();
      if (!text.startsWith('sealed:')) throw new Error('cannot unwrap');
      return Buffer.from(text.slice(7), 'base64').toString();
    },
  });

  it('makes a key once, sealed, 0600, and returns the same key afterwards; none without a keychain', () => {
    const dir = tempDir();
    const key = databaseKey(dir, safe());
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(join(dir, DB_KEY_SEALED_FILE)).mode & 0o777).toBe(0o600);
    expect(readFileSync(join(dir, DB_KEY_SEALED_FILE), 'latin1')).not.toContain(key as string);
    expect(databaseKey(dir, safe())).toBe(key);
    expect(databaseKey(tempDir(), safe(false))).toBeNull();
  });

  it("takes over browser mode's key file so the same database keeps opening", async () => {
    const dir = tempDir();
    const file = join(dir, 'till.sqlite');
    await tillWithCustomer(file);
    const browserKey = readKeyFile(dir);
    const key = databaseKey(dir, safe());
    expect(key).toBe(browserKey);
    expect(existsSync(join(dir, DB_KEY_FILE))).toBe(false);
    const db = openTillDatabase(file, { key: key as string });
    expect(db.prepare(`SELECT name FROM customers WHERE id = 'C-PROBE'`).get()).toEqual({ name: CUSTOMER_NAME });
    db.close();
  });

  it('never replaces a sealed key that no longer unwraps: the database would be lost', () => {
    const dir = tempDir();
    writeFileSync(join(dir, DB_KEY_SEALED_FILE), 'not sealed by this keychain');
    expect(() => databaseKey(dir, safe())).toThrow(/cannot unwrap/);
    expect(readFileSync(join(dir, DB_KEY_SEALED_FILE), 'utf8')).toBe('not sealed by this keychain');
  });
});
