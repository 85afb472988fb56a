import { percentile, round, type Figure } from './figures.js';
import { postgresDb, type Db } from '../central/src/db.js';
import { migrate } from '../central/src/migrate.js';
import { buildApp } from '../central/src/app.js';
import { createUser } from '../central/src/console/users.js';
import { historySql } from '../central/src/analytics/history.js';
import { addDays } from '../core/analytics/rollup.js';
import { startCluster } from '../central/test/support/postgres.js';

/**
 * The console's reports on a real PostgreSQL (a throwaway cluster, fsync on) over 1M customers,
 * 5M touchpoints, 1M sales and 200k online orders across a year, in local days of a chain in
 * Europe/Chisinau: the channel, campaign and online-to-store reports,
 * each asked for periods from a week to the whole year, for the chain and for one store. Loading
 * the facts (set-based, generate_series) and the backfill of the rollups are timed apart.
 */
export const figures = ['report_p95'];

/** ANALYTICS_BENCH_SCALE=0.1 runs the same chain at a tenth of the size (a quick look; the target is for 1). */
const SCALE = Number(process.env.ANALYTICS_BENCH_SCALE ?? 1);
if (!(SCALE > 0 && SCALE <= 1)) throw new Error(`ANALYTICS_BENCH_SCALE must be in (0, 1], not ${process.env.ANALYTICS_BENCH_SCALE}`);
const CUSTOMERS = Math.round(1_000_000 * SCALE);
const TOUCHPOINTS_PER_CUSTOMER = 4; // + one purchase touchpoint per sale: 5M in all
const SALES = Math.round(1_000_000 * SCALE);
const ONLINE_ORDERS = Math.round(200_000 * SCALE);
const REQUESTS_PER_REPORT = 60;
const NOW = new Date();

const STORES = [
  { id: 'RO-1', country: 'RO', currency: 'RON' },
  { id: 'RO-2', country: 'RO', currency: 'RON' },
  { id: 'MD-1', country: 'MD', currency: 'MDL' },
  { id: 'RU-1', country: 'RU', currency: 'RUB' },
];

function chainSql(): string {
  const year = `'${NOW.toISOString()}'::timestamptz - interval '365 days'`;
  const end = `'${NOW.toISOString()}'::timestamptz + interval '30 days'`;
  const campaigns = Array.from({ length: 24 }, (_, i) => {
    const channel = ['email', 'sms', 'web', 'app', 'social', 'email'][i % 6];
    return `('bench-${i}', 'Bench campaign ${i}', '${channel}', 'unique', 'percent', 10, NULL, ${year} + interval '${i * 15} days', ${year} + interval '${i * 15 + 45} days')`;
  });
  const streams = [...new Set(STORES.map((s) => s.currency))].map(
    (c) => `('stream-${c.toLowerCase()}', 'Stream ${c}', 'stream', 'shared', 'amount', 500, '${c}', ${year}, ${end})`,
  );
  return `
    UPDATE central_meta SET value = 'Europe/Chisinau' WHERE key = 'time_zone';
    INSERT INTO stores (id, name, country, currency) VALUES ${STORES.map((s) => `('${s.id}', 'Store ${s.id}', '${s.country}', '${s.currency}')`).join(', ')};
    INSERT INTO tills (id, store_id, name) SELECT s.id || '-T' || g, s.id, 'Till ' || g FROM stores s, generate_series(1, 2) g;
    INSERT INTO campaigns (id, name, channel, code_kind, discount_kind, discount_value, currency, starts_at, ends_at)
      VALUES ${[...campaigns, ...streams].join(',\n             ')};
    INSERT INTO promo_codes (code, campaign_id, single_use) SELECT 'S' || upper(substr(id, 8)), id, false FROM campaigns WHERE channel = 'stream';
    INSERT INTO promo_codes (code, campaign_id, single_use, issued_at)
      SELECT 'B' || upper(substr(c.id, 7)) || 'X' || g, c.id, true, c.starts_at + (g % 30) * interval '1 day'
      FROM campaigns c JOIN LATERAL generate_series(1, 10000) g ON c.code_kind = 'unique';
    INSERT INTO customers (id, name) SELECT 'B' || lpad(i::text, 8, '0'), 'Customer ' || i FROM generate_series(1, ${CUSTOMERS}) i;
    INSERT INTO cart_lines (customer_id, channel, sku, quantity, price_seen_minor, currency, added_at)
      SELECT 'B' || lpad(i::text, 8, '0'), CASE WHEN i % 2 = 0 THEN 'web' ELSE 'app' END, 'SKU-' || (i % 500), 1, 1990, 'RON',
             ${year} + (abs(hashtext('cart' || i)) % (365 * 1440)) * interval '1 minute'
      FROM generate_series(1, ${CUSTOMERS}) i WHERE i % 10 < 3;
    INSERT INTO favourites (customer_id, sku, channel, added_at)
      SELECT 'B' || lpad(i::text, 8, '0'), 'SKU-' || (i % 700), CASE WHEN i % 3 = 0 THEN 'app' ELSE 'web' END,
             ${year} + (abs(hashtext('fav' || i)) % (365 * 1440)) * interval '1 minute'
      FROM generate_series(1, ${CUSTOMERS}) i WHERE i % 10 >= 8;`;
}

async function load(db: Db): Promise<{ loadSeconds: number; backfillSeconds: number; counts: Record<string, number> }> {
  const t0 = performance.now();
  // One script on one connection: the facts go in with triggers off (replication role), as a restore would.
  await db.exec(`BEGIN;
    SET LOCAL session_replication_role = replica;
    ${chainSql()}
    ${historySql({ days: 365, customersTouched: 100, touchpointsPerCustomer: TOUCHPOINTS_PER_CUSTOMER, sales: SALES, onlineOrders: ONLINE_ORDERS }, NOW)}
    COMMIT;`);
  const t1 = performance.now();
  await db.query(`SELECT analytics_rebuild()`);
  await db.exec(`VACUUM ANALYZE`);
  const t2 = performance.now();
  const { rows } = await db.query<{ t: string; n: number }>(
    `SELECT 'customers' AS t, count(*)::int AS n FROM customers UNION ALL SELECT 'touchpoints', count(*)::int FROM touchpoints
     UNION ALL SELECT 'sales', count(*)::int FROM sales UNION ALL SELECT 'online orders', count(*)::int FROM online_orders UNION ALL SELECT 'paths', count(*)::int FROM analytics_paths`,
  );
  return { loadSeconds: (t1 - t0) / 1000, backfillSeconds: (t2 - t1) / 1000, counts: Object.fromEntries(rows.map((r) => [r.t, r.n])) };
}

export default async function run(): Promise<Figure[]> {
  const cluster = await startCluster({ fsync: true });
  const db = postgresDb(await cluster.createDatabase('analytics_bench'), 10);
  try {
    await migrate(db);
    const loaded = await load(db);
    console.error(
      `analytics: loaded ${Object.entries(loaded.counts).map(([k, v]) => `${v} ${k}`).join(', ')} in ${round(loaded.loadSeconds, 1)} s; backfill of the rollups ${round(loaded.backfillSeconds, 1)} s`,
    );
    const app = await buildApp({ db, adminKey: null, logger: false, signInRateLimit: 1000 });
    await createUser(db, { email: 'bench@chain.test', name: 'Bench', role: 'marketer', password: 'bench password 123', storeIds: [] });
    const signIn = await app.inject({ method: 'POST', url: '/console/api/session', headers: { host: 'localhost', 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'bench@chain.test', password: 'bench password 123' }) });
    const cookie = /omnitill_console=[^;]+/.exec(String(signIn.headers['set-cookie']))?.[0];
    if (!cookie) throw new Error(`sign-in failed: ${signIn.body}`);
    const today = NOW.toISOString().slice(0, 10);
    const periods = [7, 30, 90, 365].map((days) => ({ from: addDays(today, -(days - 1)), to: today }));
    const samples: Record<string, number[]> = { channels: [], campaigns: [], path: [] };
    for (let i = 0; i < REQUESTS_PER_REPORT; i++) {
      for (const report of Object.keys(samples)) {
        const period = periods[i % periods.length]!;
        const store = i % 3 === 2 ? `&storeId=${STORES[i % STORES.length]!.id}` : '';
        const url = `/console/api/analytics/${report}?from=${period.from}&to=${period.to}&currency=RON&windowDays=${[7, 30, 90][i % 3]}${store}`;
        const t = performance.now();
        const r = await app.inject({ method: 'GET', url, headers: { host: 'localhost', cookie } });
        samples[report]!.push(performance.now() - t);
        if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
      }
    }
    await app.close();
    const all = Object.values(samples).flat();
    const per = Object.entries(samples).map(([k, v]) => `${k} p95 ${round(percentile(v, 95), 1)} ms`).join(', ');
    return [
      {
        name: 'report_p95',
        value: round(percentile(all, 95), 1),
        unit: 'ms',
        target: 1000,
        better: 'lower',
        note: `${all.length} reports on PostgreSQL (${per}; median ${round(percentile(all, 50), 1)} ms), periods 7–365 days, chain and one store; ${loaded.counts.customers} customers, ${loaded.counts.touchpoints} touchpoints, ${loaded.counts.sales} sales, ${loaded.counts['online orders']} online orders loaded in ${round(loaded.loadSeconds, 1)} s, rollups backfilled in ${round(loaded.backfillSeconds, 1)} s${SCALE === 1 ? '' : ` (ANALYTICS_BENCH_SCALE=${SCALE}: not the target's size)`}`,
      },
    ];
  } finally {
    await db.close();
    await cluster.stop();
  }
}
