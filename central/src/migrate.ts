import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export class DatabaseNewerThanAppError extends Error {
  readonly code = 'DB_NEWER_THAN_APP';
  constructor(readonly databaseVersion: number, readonly appVersion: number) {
    super(`the database is at schema version ${databaseVersion}, this build knows up to ${appVersion}: run a newer central`);
  }
}

/**
 * Where the SQL files are: next to the bundle in a deployed `dist/`, or in the repository's
 * `migrations/central/` when running from source.
 */
export function defaultMigrationsDir(): string {
  const candidates = [new URL('./migrations/', import.meta.url), new URL('../../migrations/central/', import.meta.url)];
  for (const url of candidates) {
    const dir = fileURLToPath(url);
    if (existsSync(dir)) return dir;
  }
  throw new Error('migrations/central not found next to the service');
}

export function loadMigrations(dir = defaultMigrationsDir()): Migration[] {
  const migrations = readdirSync(dir)
    .map((file) => /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ version: Number(m[1]), name: m[2] as string, sql: readFileSync(`${dir}/${m[0]}`, 'utf8') }))
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration numbers must run 1, 2, 3…: found ${m.version} at position ${i + 1}`);
  });
  return migrations;
}

/**
 * Brings the schema up to date in one transaction. Several API nodes may start at once on
 * one PostgreSQL, so an advisory lock makes them take turns. A database migrated by a newer
 * build is refused rather than written to with an older idea of its schema.
 */
export async function migrate(db: Db, migrations = loadMigrations()): Promise<{ from: number; to: number }> {
  const appVersion = migrations.length;
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(8150091)');
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await tx.query<{ v: number | null }>('SELECT max(version)::int AS v FROM schema_migrations');
    const from = rows[0]?.v ?? 0;
    if (from > appVersion) throw new DatabaseNewerThanAppError(from, appVersion);
    for (const m of migrations.slice(from)) {
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    return { from, to: appVersion };
  });
}
