import type { AddressInfo } from 'node:net';
import { percentile, round, type Figure } from './figures.js';
import { benchCustomersSql } from './centralSeed.js';
import { pgliteDb, postgresDb, type Db } from '../central/src/db.js';
import { migrate } from '../central/src/migrate.js';
import { buildApp } from '../central/src/app.js';
import { findPostgresBin, startCluster } from '../central/test/support/postgres.js';
import { saleOp } from '../central/test/support/chain.js';

/**
 * Central over real HTTP on loopback: pulling a 1M-customer scope, pushing 10k sales
 * (verified exactly once), and the online customer lookup — on PGlite and on PostgreSQL.
 */
export const figures = ['pull_changes_per_s_pglite', 'pull_changes_per_s_postgres', 'push_ops_per_s_pglite', 'push_ops_per_s_postgres', 'lookup_p99_pglite', 'lookup_p99_postgres'];

const CUSTOMERS = 1_000_000;
const SALES = 10_000;
const PUSH_BATCH = 100;
const LOOKUPS = 1_000;
const ADMIN = 'bench-admin-key-0123456789abcdef';

/**
 * Set-based, so a million customers and their change rows take seconds, not minutes. The rows
 * are consistent by construction, so the seeding session skips the per-row foreign-key
 * triggers (replication role), which otherwise take a third of the seeding time; the service
 * itself runs with every check in place.
 */
async function seedCustomers(db: Db): Promise<void> {
  await db.exec(`
    SET session_replication_role = replica;
    ${benchCustomersSql(CUSTOMERS, '+7900')}
    RESET session_replication_role;
    ANALYZE;`);
}

async function measure(name: 'pglite' | 'postgres', db: Db): Promise<Figure[]> {
  await migrate(db);
  // Seeded before the server starts: PGlite blocks the event loop while it works, and an idle
  // keep-alive connection would time out under it.
  const seedStart = performance.now();
  await seedCustomers(db);
  const seedSeconds = (performance.now() - seedStart) / 1000;
  const app = await buildApp({ db, adminKey: ADMIN, logger: false, lookupRateLimit: 1_000_000 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const call = async (method: string, path: string, token: string | null, body?: unknown) => {
    const r = await fetch(base + path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: r.status, json: (await r.json()) as any };
  };
  try {
    await call('PUT', '/v1/admin/stores/S1', ADMIN, { name: 'Bench store', country: 'RU', currency: 'RUB' });
    await call('PUT', '/v1/admin/tills/T1', ADMIN, { storeId: 'S1', name: 'Till 1' });
    const { code } = (await call('POST', '/v1/admin/tills/T1/pairing-codes', ADMIN, {})).json;
    const { token } = (await call('POST', '/v1/devices/pair', null, { pairingCode: code, deviceName: 'bench' })).json;

    // The scope is the seeded customers plus the store's own policy document.
    let pulled = 0;
    let customers = 0;
    let cursor = '';
    const pullStart = performance.now();
    for (;;) {
      const page = await call('GET', `/v1/sync/pull?limit=5000${cursor ? `&cursor=${cursor}` : ''}`, token);
      pulled += page.json.changes.length;
      customers += page.json.changes.filter((c: { entity: string }) => c.entity === 'customer').length;
      cursor = page.json.cursor;
      if (!page.json.hasMore) break;
    }
    const pullSeconds = (performance.now() - pullStart) / 1000;
    if (customers !== CUSTOMERS || pulled !== CUSTOMERS + 1) throw new Error(`pulled ${pulled} changes (${customers} customers), expected ${CUSTOMERS} customers and the store`);

    const ops = Array.from({ length: SALES }, () => saleOp('T1', 'S1'));
    const pushStart = performance.now();
    for (let i = 0; i < ops.length; i += PUSH_BATCH) {
      const r = await call('POST', '/v1/sync/push', token, { ops: ops.slice(i, i + PUSH_BATCH) });
      if (r.json.results.some((x: { status: string }) => x.status !== 'applied')) throw new Error('a sale was not applied');
    }
    const pushSeconds = (performance.now() - pushStart) / 1000;
    const again = await call('POST', '/v1/sync/push', token, { ops: ops.slice(0, PUSH_BATCH) });
    const { rows } = await db.query<{ n: number; lines: number; payments: number; ops: number }>(
      `SELECT count(*)::int AS n, (SELECT count(*)::int FROM sale_lines) AS lines, (SELECT count(*)::int FROM sale_payments) AS payments,
              (SELECT count(*)::int FROM applied_ops WHERE status = 'applied') AS ops FROM sales`,
    );
    const stored = rows[0];
    if (!stored || [stored.n, stored.lines, stored.payments, stored.ops].some((n) => n !== SALES) || again.json.results.some((x: { status: string }) => x.status !== 'duplicate')) {
      throw new Error(`exactly-once check failed: ${JSON.stringify(stored)}`);
    }

    const samples: number[] = [];
    for (let i = 0; i < LOOKUPS; i++) {
      const n = 1 + ((i * 7919) % CUSTOMERS);
      const started = performance.now();
      const r = await call('GET', `/v1/customers/lookup?phone=%2B7900${String(n).padStart(7, '0')}&cashier=bench`, token);
      samples.push(performance.now() - started);
      if (r.status !== 200) throw new Error(`lookup answered ${r.status}`);
    }
    return [
      { name: `pull_changes_per_s_${name}`, value: Math.round(pulled / pullSeconds), unit: 'changes/s', target: 18_334, better: 'higher', note: `${customers} customers and the store in ${round(pullSeconds, 1)} s over HTTP, pages of 5000 (seeded in ${round(seedSeconds, 1)} s); target = 1.1M rows in 60 s` },
      { name: `push_ops_per_s_${name}`, value: Math.round(SALES / pushSeconds), unit: 'ops/s', target: 667, better: 'higher', note: `${SALES} sales in ${round(pushSeconds, 1)} s, batches of ${PUSH_BATCH}, re-push all duplicate; target = 10k in 15 s` },
      { name: `lookup_p99_${name}`, value: round(percentile(samples, 99), 2), unit: 'ms', target: 50, better: 'lower', note: `${LOOKUPS} audited lookups over HTTP in 1M customers; p50 ${round(percentile(samples, 50), 2)} ms` },
    ];
  } finally {
    await app.close();
  }
}

export default async function centralBench(): Promise<Figure[]> {
  const results: Figure[] = [];
  const pglite = await pgliteDb();
  try {
    results.push(...(await measure('pglite', pglite)));
  } finally {
    await pglite.close();
  }
  if (!findPostgresBin()) {
    console.error('PostgreSQL is not installed: skipping the *_postgres figures');
    return results;
  }
  // Durable commits (fsync on), as in production.
  const cluster = await startCluster({ fsync: true });
  try {
    const db = postgresDb(await cluster.createDatabase('bench'), 10);
    try {
      results.push(...(await measure('postgres', db)));
    } finally {
      await db.close();
    }
  } finally {
    await cluster.stop();
  }
  return results;
}
