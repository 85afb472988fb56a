import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';

/** What a query returns: rows and, for writes, how many rows changed. */
export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** A session that runs parameterised SQL: the pool, or one transaction's connection. */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<T>>;
  /** Runs a script of several statements without parameters (migrations, bulk seeding). */
  exec(sql: string): Promise<void>;
}

export type Isolation = 'read committed' | 'repeatable read';

export interface TransactionOptions {
  isolation?: Isolation;
  readOnly?: boolean;
}

/**
 * The one database interface the service uses, so PGlite (embedded, one session) and a
 * real PostgreSQL (pooled) run the same SQL.
 */
export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
}

function beginSql(options: TransactionOptions | undefined): string {
  const isolation = options?.isolation ?? 'read committed';
  return `BEGIN ISOLATION LEVEL ${isolation.toUpperCase()}${options?.readOnly ? ' READ ONLY' : ''}`;
}

export function postgresDb(connectionString: string, poolSize = 10): Db {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => undefined);
  const run = async <T>(q: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]): Promise<QueryResult<T>> => {
    const r = await q.query(sql, params as unknown[] | undefined);
    return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
  };
  return {
    kind: 'postgres',
    query: (sql, params) => run(pool, sql, params),
    exec: async (sql) => {
      await pool.query(sql);
    },
    async transaction(fn, options) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query(beginSql(options));
        const result = await fn({
          query: (sql, params) => run(client, sql, params),
          exec: async (sql) => {
            await client.query(sql);
          },
        });
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw e;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}

/**
 * PGlite in-process: `dataDir` keeps the files, none means in memory. It has no replicas, so its
 * WAL need only serve crash recovery: `wal_level=minimal`, which lets a bulk load into a table
 * truncated by the same transaction skip the WAL (the demo seed does); such a table is then
 * written out at commit whatever its size (`wal_skip_threshold=0`: PGlite runs without fsync,
 * so that costs nothing).
 */
export async function pgliteDb(dataDir?: string): Promise<Db> {
  const db = new PGlite({
    dataDir,
    startParams: [...PGlite.defaultStartParams, '-c', 'wal_level=minimal', '-c', 'max_wal_senders=0', '-c', 'wal_skip_threshold=0'],
  });
  await db.waitReady;
  const toResult = <T>(r: { rows: unknown[]; affectedRows?: number }): QueryResult<T> => ({
    rows: r.rows as T[],
    // PGlite counts only written rows; a SELECT's count is its rows, as with pg.
    rowCount: Math.max(r.affectedRows ?? 0, r.rows.length),
  });
  // PGlite has one session; its own transaction() queues callers, which is what we want here.
  return {
    kind: 'pglite',
    query: async (sql, params) => toResult(await db.query(sql, params as unknown[] | undefined)),
    exec: async (sql) => {
      await db.exec(sql);
    },
    async transaction(fn, options) {
      return db.transaction(async (tx) => {
        if (options?.isolation || options?.readOnly) {
          await tx.query(`SET TRANSACTION ISOLATION LEVEL ${(options.isolation ?? 'read committed').toUpperCase()}${options.readOnly ? ' READ ONLY' : ''}`);
        }
        return fn({
          query: async (sql, params) => toResult(await tx.query(sql, params as unknown[] | undefined)),
          exec: async (sql) => {
            await tx.exec(sql);
          },
        });
      });
    },
    close: () => db.close(),
  };
}
