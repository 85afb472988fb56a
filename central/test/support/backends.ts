import { pgliteDb, postgresDb, type Db } from '../../src/db.js';
import { migrate } from '../../src/migrate.js';
import { findPostgresBin, POSTGRES_SKIP_MESSAGE, startCluster, type Cluster } from './postgres.js';

/**
 * The two databases central runs on. Each test file gets fresh databases: PGlite in memory,
 * or a new database in a throwaway PostgreSQL cluster started once per file.
 */
export interface Backend {
  readonly name: 'pglite' | 'postgres';
  readonly available: boolean;
  setUp(): Promise<void>;
  freshDb(): Promise<Db>;
  tearDown(): Promise<void>;
}

export const postgresInstalled = findPostgresBin() !== null;
if (!postgresInstalled) console.warn(POSTGRES_SKIP_MESSAGE);

export function pgliteBackend(): Backend {
  const open: Db[] = [];
  return {
    name: 'pglite',
    available: true,
    async setUp() {},
    async freshDb() {
      const db = await pgliteDb();
      await migrate(db);
      open.push(db);
      return db;
    },
    async tearDown() {
      await Promise.all(open.splice(0).map((db) => db.close()));
    },
  };
}

export function postgresBackend(poolSize = 20): Backend {
  let cluster: Cluster | null = null;
  let n = 0;
  const open: Db[] = [];
  return {
    name: 'postgres',
    available: postgresInstalled,
    async setUp() {
      cluster = await startCluster();
    },
    async freshDb() {
      if (!cluster) throw new Error('postgres backend not set up');
      const db = postgresDb(await cluster.createDatabase(`t${process.pid}_${++n}`), poolSize);
      await migrate(db);
      open.push(db);
      return db;
    },
    async tearDown() {
      await Promise.all(open.splice(0).map((db) => db.close()));
      await cluster?.stop();
      cluster = null;
    },
  };
}

export const allBackends = (): Backend[] => [pgliteBackend(), postgresBackend()];
