import { describe, expect, it } from 'vitest';
import { rawTillDatabase } from '../helpers/tillDb.js';
import { readdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadMigrations, migrate, openTillDatabase } from '../../electron/backend/db.js';
import { tillMigrationsDir } from '../../electron/backend/paths.js';
import { tempDir } from '../helpers/tmp.js';

const migrations = loadMigrations();
const latest = migrations.length;

describe('till migrations', () => {
  it('creates a fresh database at the newest version with WAL and full sync', () => {
    const file = join(tempDir(), 'till.sqlite');
    const db = openTillDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name);
    for (const t of ['products', 'barcodes', 'store_prices', 'customers', 'customer_phones', 'sales', 'sale_lines', 'payments', 'outbox', 'audit_log', 'settings']) {
      expect(tables).toContain(t);
    }
    db.close();
  });

  it('upgrades a database from every earlier version, keeping its rows', () => {
    for (let from = 1; from < latest; from++) {
      const file = join(tempDir(), 'old.sqlite');
      const db = rawTillDatabase(file);
      migrate(db, migrations.slice(0, from));
      db.prepare(`INSERT INTO settings (key, value) VALUES ('tillId', '"T-OLD"')`).run();
      db.close();
      const upgraded = openTillDatabase(file);
      expect(upgraded.pragma('user_version', { simple: true })).toBe(latest);
      expect(upgraded.prepare(`SELECT value FROM settings WHERE key = 'tillId'`).get()).toEqual({ value: '"T-OLD"' });
      upgraded.close();
    }
  });

  it('clears the e-mails an earlier version cached: the till keeps only the customer fields it shows', () => {
    const file = join(tempDir(), 'till.sqlite');
    const db = rawTillDatabase(file);
    const cleared = migrations.findIndex((m) => m.name === 'customer_email_cleared');
    expect(cleared).toBeGreaterThan(0);
    migrate(db, migrations.slice(0, cleared));
    db.prepare(`INSERT INTO customers (id, name, email, updated_at) VALUES ('C-1', 'Ana', 'ana@example.com', '2026-01-01T00:00:00Z')`).run();
    db.close();
    const upgraded = openTillDatabase(file);
    expect(upgraded.prepare(`SELECT name, email FROM customers WHERE id = 'C-1'`).get()).toEqual({ name: 'Ana', email: null });
    upgraded.close();
  });

  it('applies all pending migrations in one transaction: a failing one leaves the old version intact', () => {
    const file = join(tempDir(), 'till.sqlite');
    const db = rawTillDatabase(file);
    const broken = [...migrations, { version: latest + 1, name: 'broken', sql: 'CREATE TABLE extra (a); INSERT INTO no_such_table VALUES (1);' }];
    expect(() => migrate(db, broken)).toThrowError(expect.objectContaining({ code: 'DB_MIGRATION_FAILED' }));
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(db.prepare(`SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'settings'`).get()).toEqual({ n: 0 });
    db.close();
  });

  it('refuses a database newer than the app and leaves it untouched', () => {
    const file = join(tempDir(), 'till.sqlite');
    openTillDatabase(file).close();
    const db = rawTillDatabase(file);
    db.pragma(`user_version = ${latest + 5}`);
    db.close();
    const before = readFileSync(file);
    expect(() => openTillDatabase(file)).toThrowError(expect.objectContaining({ code: 'DB_NEWER_THAN_APP', params: { db: latest + 5, app: latest } }));
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('reports a corrupt file as DB_CORRUPT without rewriting it', () => {
    const dir = tempDir();
    const file = join(dir, 'till.sqlite');
    writeFileSync(file, Buffer.from('this is not a database, just a damaged file '.repeat(200)));
    copyFileSync(file, join(dir, 'copy'));
    expect(() => openTillDatabase(file)).toThrowError(expect.objectContaining({ code: 'DB_CORRUPT' }));
    expect(readFileSync(file).equals(readFileSync(join(dir, 'copy')))).toBe(true);
  });

  it('released migrations are additive only: no DROP, no RENAME, numbered without gaps', () => {
    const files = readdirSync(tillMigrationsDir()).filter((f) => f.endsWith('.sql')).sort();
    expect(files.map((f) => Number(f.slice(0, 4)))).toEqual(files.map((_, i) => i + 1));
    for (const f of files) {
      const sql = readFileSync(join(tillMigrationsDir(), f), 'utf8').replace(/--.*$/gm, '');
      expect(sql, f).not.toMatch(/\bDROP\s+(TABLE|COLUMN|INDEX|VIEW|TRIGGER)\b/i);
      expect(sql, f).not.toMatch(/\bRENAME\b/i);
    }
  });
});
