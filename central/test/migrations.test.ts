import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { pgliteDb, type Db } from '../src/db.js';
import { DatabaseNewerThanAppError, defaultMigrationsDir, loadMigrations, migrate } from '../src/migrate.js';

describe('central migrations', () => {
  const open: Db[] = [];
  afterAll(async () => {
    await Promise.all(open.map((db) => db.close()));
  });

  it('are additive only: no DROP, no RENAME', () => {
    const dir = defaultMigrationsDir();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.sql'))) {
      const sql = readFileSync(`${dir}/${file}`, 'utf8').replace(/--.*$/gm, '');
      expect(sql, file).not.toMatch(/\bDROP\b/i);
      expect(sql, file).not.toMatch(/\bRENAME\b/i);
    }
  });

  it('apply once, are a no-op the second time, and refuse a database from a newer build', async () => {
    const db = await pgliteDb();
    open.push(db);
    const all = loadMigrations();
    expect(await migrate(db, all)).toEqual({ from: 0, to: all.length });
    expect(await migrate(db, all)).toEqual({ from: all.length, to: all.length });
    await db.query(`INSERT INTO schema_migrations (version, name) VALUES ($1, 'from_the_future')`, [all.length + 1]);
    await expect(migrate(db, all)).rejects.toBeInstanceOf(DatabaseNewerThanAppError);
  });

  it('roll back whole when one fails', async () => {
    const db = await pgliteDb();
    open.push(db);
    const broken = [...loadMigrations(), { version: loadMigrations().length + 1, name: 'broken', sql: 'CREATE TABLE ok_table (id int); SELECT * FROM missing_table;' }];
    await expect(migrate(db, broken)).rejects.toThrow(/missing_table/);
    const { rows } = await db.query(`SELECT to_regclass('stores') AS stores, to_regclass('schema_migrations') AS migrations`);
    expect(rows[0]).toEqual({ stores: null, migrations: null });
  });
});
