import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { pgliteDb, postgresDb, type Db } from './db.js';
import { migrate } from './migrate.js';
import { AdminKeyTooShort, buildApp, MIN_ADMIN_KEY_LENGTH } from './app.js';
import { createLogger } from './logger.js';
import { changeLogFromAnotherCluster, startNewEpoch } from './pull.js';
import { DEMO_SIZE, seedDemo } from './demo.js';
import { CommandError, consoleDir, createAdminCommand, demoConsoleAdmin } from './console/cli.js';

/**
 * The Central Profile API process. PGlite in-process unless DATABASE_URL names a
 * PostgreSQL. PORT (5180), HOST (127.0.0.1), ADMIN_API_KEY, LOG_LEVEL.
 *   --data-dir DIR  keep PGlite files in DIR (default: in memory)
 *   --demo          seed the demo chain into an empty database
 *   --new-epoch     make every till resync (run once after restoring a backup)
 *   --demo-customers N, --demo-products N   a smaller demo chain (tests)
 *
 *   create-admin --email E --name N   create the first console IT admin (or reset that
 *                   account's password) and print its password; the password can also be given
 *                   in OMNITILL_ADMIN_PASSWORD. Then exits.
 */
const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'data-dir': { type: 'string' },
    demo: { type: 'boolean', default: false },
    'new-epoch': { type: 'boolean', default: false },
    'demo-customers': { type: 'string' },
    'demo-products': { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
  },
});

const log = createLogger();

async function openDb(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (url) return postgresDb(url, Number(process.env.DATABASE_POOL_SIZE ?? 10));
  return pgliteDb(args['data-dir']);
}

async function main(): Promise<void> {
  const envKey = process.env.ADMIN_API_KEY;
  if (envKey !== undefined && envKey !== '' && envKey.length < MIN_ADMIN_KEY_LENGTH) throw new AdminKeyTooShort(envKey.length);
  const command = positionals[0];
  if (command !== undefined && command !== 'create-admin') throw new UsageError(`unknown command "${command}" (known: create-admin)`);
  const db = await openDb();
  const { from, to } = await migrate(db);
  log.info({ database: db.kind, from, to }, 'schema ready');
  if (command === 'create-admin') {
    try {
      process.stdout.write(await createAdminCommand(db, { email: args.email, name: args.name, password: process.env.OMNITILL_ADMIN_PASSWORD }));
    } finally {
      await db.close();
    }
    return;
  }
  if (await changeLogFromAnotherCluster(db)) {
    log.warn({ epoch: await startNewEpoch(db) }, 'change log holds txids from another cluster (logical restore): new epoch, tills will resync');
  } else if (args['new-epoch']) {
    log.warn({ epoch: await startNewEpoch(db) }, 'new sync epoch: every till will resync');
  }
  let adminKey = envKey || null;
  if (args.demo) {
    const started = Date.now();
    const size = {
      ...DEMO_SIZE,
      ...(args['demo-customers'] ? { customers: Number(args['demo-customers']) } : {}),
      ...(args['demo-products'] ? { products: Number(args['demo-products']) } : {}),
    };
    if (await seedDemo(db, size)) log.info({ ms: Date.now() - started }, 'demo chain seeded');
    if (!adminKey) {
      adminKey = randomBytes(24).toString('base64url');
      process.stderr.write(`Demo admin API key (this run only): ${adminKey}\n`);
    }
  }
  if (!adminKey) log.warn('ADMIN_API_KEY is not set: admin endpoints refuse every request');

  const app = await buildApp({ db, adminKey, logger: log, consoleDir: consoleDir() });
  const port = Number(process.env.PORT ?? 5180);
  const host = process.env.HOST ?? '127.0.0.1';
  const address = await app.listen({ port, host });
  if (args.demo) process.stderr.write(await demoConsoleAdmin(db, `${address}/console/`));

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => {
      log.error('requests did not finish in 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    await app.close();
    await db.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

class UsageError extends Error {}

main().catch((e: unknown) => {
  if (e instanceof AdminKeyTooShort || e instanceof UsageError || e instanceof CommandError) process.stderr.write(`central refuses to start: ${e.message}\n`);
  log.fatal({ err: e }, 'central failed to start');
  process.exit(1);
});
