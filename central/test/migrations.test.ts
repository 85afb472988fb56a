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

  it('0037 gives money rules without a currency the chain\'s one currency, and re-sends those campaigns; with several currencies it leaves them', async () => {
    const all = loadMigrations();
    const at = all.findIndex((m) => m.name === 'campaign_currency_backfill');
    expect(at).toBeGreaterThan(0);
    const chain = async (currencies: string[]) => {
      const db = await pgliteDb();
      open.push(db);
      await migrate(db, all.slice(0, at));
      for (const [i, currency] of currencies.entries()) {
        await db.query(`INSERT INTO stores (id, name, country, currency) VALUES ($1, $1, 'MD', $2)`, [`S${i}`, currency]);
      }
      const campaign = (id: string, rules: object, currency: string | null = null) =>
        db.query(
          `INSERT INTO campaigns (id, name, channel, code_kind, discount_kind, discount_value, currency, starts_at, ends_at, rules)
           VALUES ($1, $1, 'email', 'shared', 'percent', 10, $2, now(), now() + interval '1 day', $3)`,
          [id, currency, JSON.stringify(rules)],
        );
      await campaign('basket', { minBasketMinor: 5000 });
      await campaign('cap', { capMinor: 500 });
      await campaign('budget', { budgetMinor: 100_000 });
      await campaign('percent', { minQuantity: 2 });
      await campaign('lei', { minBasketMinor: 5000 }, 'RON');
      await migrate(db, all);
      const { rows } = await db.query<{ id: string; currency: string | null; logged: string | null }>(
        `SELECT c.id, c.currency, ch.data->>'currency' AS logged FROM campaigns c
         LEFT JOIN changes ch ON ch.entity = 'campaign' AND ch.key = c.id ORDER BY c.id`,
      );
      return Object.fromEntries(rows.map((r) => [r.id, [r.currency, r.logged]]));
    };
    expect(await chain(['MDL', 'MDL'])).toEqual({
      basket: ['MDL', 'MDL'], budget: ['MDL', 'MDL'], cap: ['MDL', 'MDL'], lei: ['RON', 'RON'], percent: [null, null],
    });
    expect(await chain(['MDL', 'RON'])).toEqual({
      basket: [null, null], budget: [null, null], cap: [null, null], lei: ['RON', 'RON'], percent: [null, null],
    });
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
