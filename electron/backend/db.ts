import Database from 'better-sqlite3-multiple-ciphers';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TillError } from '../../core/errors.js';
import { applyKey, prepareEncryptedDatabase } from './dbCipher.js';
import { tillMigrationsDir } from './paths.js';

export type TillDatabase = Database.Database;

const statements = new WeakMap<TillDatabase, Map<string, Database.Statement>>();

/** A prepared statement, compiled once per database: for module-level helpers on hot paths. */
export function statement(db: TillDatabase, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let prepared = cache.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    cache.set(sql, prepared);
  }
  return prepared;
}

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

const MIGRATION_FILE = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** Numbered SQL files, in order; a gap or a duplicate number is a packaging bug, caught here. */
export function loadMigrations(dir: string = tillMigrationsDir()): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => ({ file, match: MIGRATION_FILE.exec(file) }))
    .filter((m): m is { file: string; match: RegExpExecArray } => m.match !== null)
    .map(({ file, match }) => ({ version: Number(match[1]), name: match[2] as string, sql: readFileSync(join(dir, file), 'utf8') }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`till migrations must be numbered 1..N without gaps; found ${m.version} at position ${i + 1}`);
  });
  return migrations;
}

/**
 * Brings the schema up to the newest migration in one transaction. A database written by a
 * newer app is refused untouched: an older app would misread what it does not know.
 */
export function migrate(db: TillDatabase, migrations: readonly Migration[]): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (from > latest) throw new TillError('DB_NEWER_THAN_APP', { db: from, app: latest });
  const pending = migrations.filter((m) => m.version > from);
  if (pending.length > 0) {
    // A migration may loosen a CHECK in the stored schema (writable_schema, see 0012): allowed
    // here only; the schema cookie moves on so every other connection re-reads the schema.
    db.unsafeMode(true);
    try {
      db.transaction(() => {
        for (const m of pending) {
          db.exec(m.sql);
          db.pragma(`user_version = ${m.version}`);
        }
        db.pragma(`schema_version = ${(db.pragma('schema_version', { simple: true }) as number) + 1}`);
      })();
    } catch (e) {
      throw new TillError('DB_MIGRATION_FAILED', { version: from }, e instanceof Error ? e.message : String(e));
    } finally {
      db.unsafeMode(false);
    }
  }
  return { from, to: latest };
}

export interface OpenOptions {
  readonly migrations?: readonly Migration[];
  readonly readonly?: boolean;
  /** The database key (64 hex digits) the desktop app unwrapped; otherwise the key file beside the database. */
  readonly key?: string;
}

const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

/**
 * Commits `write` without waiting for the disk: for rows a cashier's lookup adds (the audit of
 * who looked at whom), where an fsync per keystroke-and-Enter would cost more than the lookup.
 * A killed process keeps them (the WAL is in the OS's cache); only a power cut before the next
 * fully synchronous commit (any sale) can lose them.
 */
/** One audit row: when, on which till, who (name and staff id, null before any staff), what, on what. Append-only (till 0005). */
export interface AuditRow {
  readonly at: string;
  readonly tillId: string;
  readonly actor: string;
  readonly actorId: string | null;
  readonly action: string;
  readonly subject: string | null;
  readonly details?: unknown;
}

/** The one writer of the audit log, inside the caller's transaction when there is one. */
export function audit(db: TillDatabase, row: AuditRow): void {
  statement(db, 'INSERT INTO audit_log (at, till_id, actor, actor_id, action, subject, details) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    row.at,
    row.tillId,
    row.actor,
    row.actorId,
    row.action,
    row.subject,
    row.details === undefined || row.details === null ? null : JSON.stringify(row.details),
  );
}

export function commitWithoutFsync<T>(db: TillDatabase, write: () => T): T {
  db.pragma('synchronous = NORMAL');
  try {
    return write();
  } finally {
    db.pragma('synchronous = FULL');
  }
}

/**
 * Opens (creating if needed) the till database, encrypted at rest (dbCipher.ts; a plain one left
 * by an older version is encrypted first): WAL so readers never block the writer,
 * synchronous=FULL so a committed sale survives a power cut, foreign keys on.
 * A damaged file is reported as DB_CORRUPT and never rewritten.
 */
export function openTillDatabase(file: string, options: OpenOptions = {}): TillDatabase {
  let db: TillDatabase | undefined;
  try {
    // Inside Electron the module is rebuilt for Electron's ABI and its path handed over (scripts/start.mjs).
    const nativeBinding = process.env.OMNITILL_SQLITE_BINDING;
    const memory = file === ':memory:' || file === '';
    if (!options.readonly) restrictToUser(file);
    const key = memory ? null : prepareEncryptedDatabase(file, { key: options.key, readonly: options.readonly, nativeBinding });
    db = new Database(file, { readonly: options.readonly === true, ...(nativeBinding ? { nativeBinding } : {}) });
    if (key !== null) applyKey(db, key);
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    if (!options.readonly) migrate(db, options.migrations ?? loadMigrations());
    return db;
  } catch (e) {
    db?.close();
    const code = (e as { code?: string }).code;
    if (code && CORRUPT_CODES.has(code)) throw new TillError('DB_CORRUPT', { file }, (e as Error).message);
    throw e;
  }
}

/**
 * The till's data folder holds customers' names and phones: the folder is 0700 and every file
 * in it 0600 (the owner only). The database file is created 0600 before SQLite opens it, and
 * SQLite gives its -wal and -shm files the database file's mode. Files left readable by an
 * older version are tightened here. (Windows: the per-user AppData folder carries a user-only ACL.)
 */
export function restrictToUser(file: string, platform: NodeJS.Platform = process.platform): void {
  if (file === ':memory:' || file === '' || platform === 'win32') return;
  const dir = dirname(file);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(dir, entry.name);
    const mode = statSync(path).mode & 0o777;
    if (mode & 0o077) chmodSync(path, mode & 0o700);
  }
}
