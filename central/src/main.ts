import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { pgliteDb, postgresDb, type Db } from './db.js';
import { migrate } from './migrate.js';
import { AdminKeyTooShort, buildApp, MIN_ADMIN_KEY_LENGTH, type Readiness } from './app.js';
import { createLogger } from './logger.js';
import { changeLogFromAnotherCluster, startNewEpoch } from './pull.js';
import { DEMO_SIZE, demoBanner, seedDemo } from './demo.js';
import { scheduleCartReminders } from './promo/cartReminders.js';
import { scheduleHoldSweep } from './promo/usage.js';
import { CommandError, consoleDir, createAdminCommand, demoConsoleAdmin } from './console/cli.js';

/**
 * The Central Profile API process. PGlite in-process unless DATABASE_URL names a
 * PostgreSQL. PORT (5180), HOST (127.0.0.1), ADMIN_API_KEY, LOG_LEVEL.
 *   --data-dir DIR  keep PGlite files in DIR (default: in memory)
 *   --demo          seed the demo chain into an empty database (central listens at once;
 *                   /healthz answers 503 "seeding" with the progress until it is done)
 *   --new-epoch     make every till resync (run once after restoring a backup)
 *   --demo-customers N, --demo-products N   a smaller (or larger) demo chain
 *   --demo-history-sales N   store sales in the demo's month of history (default: 3 % of the
 *                   customers from 10 000 customers up, none below: small test chains stay bare)
 *
 * Every 10 minutes (CART_REMINDER_EVERY_MS) it issues the abandoned-cart reminders due
 * (PUT /v1/admin/cart-reminder sets the policy; none are issued without one). Every minute
 * (PROMO_HOLD_SWEEP_EVERY_MS) it gives back the uses held by promo reservations that expired.
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
    'demo-history-sales': { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
  },
});

const log = createLogger();

function sizeArg(name: 'demo-products' | 'demo-customers' | 'demo-history-sales', fallback: number): number {
  const text = args[name];
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 10_000_000) throw new UsageError(`--${name} must be a whole number from 0 to 10000000, not "${text}"`);
  return n;
}

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
  const customers = sizeArg('demo-customers', DEMO_SIZE.customers);
  // The e-mail campaign's codes: one for every twentieth customer, up to the full demo's 5,000.
  const size = {
    products: sizeArg('demo-products', DEMO_SIZE.products),
    customers,
    emailCodes: Math.min(DEMO_SIZE.emailCodes, Math.ceil(customers / 20)),
    historySales: sizeArg('demo-history-sales', customers >= 10_000 ? Math.round(customers * 0.03) : 0),
  };
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
  if (args.demo && !adminKey) adminKey = randomBytes(24).toString('base64url');
  if (!adminKey) log.warn('ADMIN_API_KEY is not set: admin endpoints refuse every request');

  let readiness: Readiness = args.demo ? { status: 'seeding', step: 'catalogue', percent: 0 } : { status: 'ok' };
  const app = await buildApp({ db, adminKey, logger: log, consoleDir: consoleDir(), readiness: () => readiness });
  const port = Number(process.env.PORT ?? 5180);
  const host = process.env.HOST ?? '127.0.0.1';
  const address = await app.listen({ port, host });

  let stopReminders = (): void => undefined;
  let stopHoldSweep = (): void => undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    stopReminders();
    stopHoldSweep();
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

  if (args.demo) {
    // Central listens at once; the demo chain is seeded while /healthz reports the progress.
    process.stderr.write(demoBanner(address, envKey ? null : adminKey));
    process.stderr.write(await demoConsoleAdmin(db, `${address}/console/`));
    const started = Date.now();
    const seeded = await seedDemo(db, size, (p) => {
      readiness = { status: 'seeding', step: p.step, percent: Math.floor((100 * p.done) / Math.max(1, p.total)) };
    });
    readiness = { status: 'ok' };
    if (seeded) log.info({ ms: Date.now() - started, ...size }, 'demo chain seeded');
    process.stderr.write(`Central demo chain ${seeded ? `seeded in ${((Date.now() - started) / 1000).toFixed(1)} s` : 'already in place'}: ready at ${address}\n`);
  }
  if (!stopping) stopReminders = scheduleCartReminders(db, Number(process.env.CART_REMINDER_EVERY_MS ?? 600_000), log);
  if (!stopping) stopHoldSweep = scheduleHoldSweep(db, Number(process.env.PROMO_HOLD_SWEEP_EVERY_MS ?? 60_000), log);
}

class UsageError extends Error {}

main().catch((e: unknown) => {
  if (e instanceof AdminKeyTooShort || e instanceof UsageError || e instanceof CommandError) process.stderr.write(`central refuses to start: ${e.message}\n`);
  log.fatal({ err: e }, 'central failed to start');
  process.exit(1);
});
