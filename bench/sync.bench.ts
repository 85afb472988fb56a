import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { round, type Figure } from './figures.js';
import { pgliteDb, postgresDb, type Db } from '../central/src/db.js';
import { migrate } from '../central/src/migrate.js';
import { buildApp } from '../central/src/app.js';
import { findPostgresBin, startCluster } from '../central/test/support/postgres.js';
import { newId } from '../core/ids.js';
import { startTill } from '../electron/backend/till.js';
import { benchCustomersSql } from './centralSeed.js';

/**
 * The till's sync against a real central over loopback HTTP: the initial sync of 1M customers
 * and 100k products into an empty till (time split into server, network and apply; peak
 * memory of this process, which holds the till and central's HTTP side), and the push of 10k
 * queued offline sales, each checked to be applied exactly once.
 */
export const figures = ['initial_sync', 'initial_sync_peak_mb', 'initial_sync_server_s', 'initial_sync_network_s', 'initial_sync_apply_s', 'push_10k'];

const CUSTOMERS = 1_000_000;
const PRODUCTS = 100_000;
const SALES = 10_000;
const ADMIN = 'bench-admin-key-0123456789abcdef';
const silent = { error: () => undefined };

/** Set-based: the scope and its change log written by SQL, not row by row. */
async function seed(db: Db): Promise<void> {
  await db.exec(`
    INSERT INTO stores (id, name, country, currency) VALUES ('S1', 'Bench store', 'RO', 'RON');
    INSERT INTO tills (id, store_id, name) VALUES ('T1', 'S1', 'Till 1');
    ${benchCustomersSql(CUSTOMERS, '+40720')}
    INSERT INTO products (sku, name_en, name_ru, name_ro, vat_category, sold_by, category)
      SELECT 'S' || lpad(i::text, 6, '0'), 'Product ' || i, 'Товар ' || i, 'Produs ' || i, 'standard', 'unit', 'grocery'
      FROM generate_series(1, ${PRODUCTS}) i;
    INSERT INTO product_barcodes (code, sku) SELECT '59' || lpad(i::text, 11, '0'), 'S' || lpad(i::text, 6, '0') FROM generate_series(1, ${PRODUCTS}) i;
    INSERT INTO store_prices (store_id, sku, price_minor) SELECT 'S1', 'S' || lpad(i::text, 6, '0'), 100 + i % 5000 FROM generate_series(1, ${PRODUCTS}) i;
    INSERT INTO changes (entity, scope, key, op, data)
      SELECT 'product', '', p.sku, 'upsert', jsonb_build_object('sku', p.sku, 'barcodes', jsonb_build_array(b.code),
               'names', jsonb_build_object('en', p.name_en, 'ru', p.name_ru, 'ro', p.name_ro), 'vatCategory', p.vat_category,
               'category', p.category, 'soldBy', p.sold_by, 'plu', p.plu)
      FROM products p JOIN product_barcodes b ON b.sku = p.sku;
    INSERT INTO changes (entity, scope, key, op, data)
      SELECT 'price', 'S1', sku, 'upsert', jsonb_build_object('sku', sku, 'storeId', 'S1', 'priceMinor', price_minor) FROM store_prices;
    ANALYZE;`);
}

async function measure(db: Db, backend: string): Promise<Figure[]> {
  await migrate(db);
  const seedStarted = performance.now();
  await seed(db);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const app = await buildApp({ db, adminKey: ADMIN, logger: false });
  // Server time: from the request's arrival to the last byte handed to the socket.
  let serverMs = 0;
  app.addHook('onResponse', async (request, reply) => {
    if (request.url.startsWith('/v1/sync/pull')) serverMs += reply.elapsedTime;
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const pairing = await fetch(`${url}/v1/admin/tills/T1/pairing-codes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
    body: '{}',
  });
  const { code } = (await pairing.json()) as { code: string };

  const dir = mkdtempSync(join(tmpdir(), 'omnitill-sync-bench-'));
  const till = startTill({
    databaseFile: join(dir, 'till.sqlite'),
    language: 'en',
    log: silent,
    printQueue: false,
    sync: { autoStart: false, pageSize: 5_000, http: { timeoutMs: 60_000 } },
  });
  try {
    // Apply time: every SQLite transaction of the pull (pages and the sweep).
    let applyMs = 0;
    const transaction = till.db.transaction.bind(till.db);
    (till.db as { transaction: unknown }).transaction = (fn: (...args: unknown[]) => unknown) => {
      const tx = transaction(fn);
      return (...args: unknown[]) => {
        const started = performance.now();
        try {
          return tx(...args);
        } finally {
          applyMs += performance.now() - started;
        }
      };
    };
    await till.dispatch('sync.pair', { centralUrl: url, pairingCode: code });
    global.gc?.();
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const started = performance.now();
    await till.sync.pullOnce();
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    (till.db as { transaction: unknown }).transaction = transaction;
    const count = (sql: string) => till.db.prepare(sql).pluck().get() as number;
    if (count('SELECT COUNT(*) FROM customers') !== CUSTOMERS || count('SELECT COUNT(*) FROM products') !== PRODUCTS || count('SELECT COUNT(*) FROM store_prices') !== PRODUCTS) {
      throw new Error('initial sync incomplete');
    }
    const server = serverMs / 1000;
    const apply = applyMs / 1000;
    const network = Math.max(0, seconds - server - apply);

    // 10k offline sales queued in the outbox, as the sale service writes them.
    const template = {
      tillId: 'T1', storeId: 'S1', cashier: 'Bench', country: 'RO', currency: 'RON',
      openedAt: '2026-11-20T10:00:00.000Z', completedAt: '2026-11-20T10:01:00.000Z', totalMinor: 1290, customerId: null,
      vat: [{ vatBasisPoints: 1900, grossMinor: 1290, netMinor: 1084, vatMinor: 206 }],
    };
    const insert = till.db.prepare(`INSERT INTO outbox (op_id, op_type, entity_id, payload, created_at) VALUES (?, 'sale.completed', ?, ?, ?)`);
    const saleIds: string[] = [];
    till.db.transaction(() => {
      for (let i = 0; i < SALES; i++) {
        const saleId = newId();
        saleIds.push(saleId);
        const payload = {
          ...template,
          saleId,
          receiptNo: i + 1,
          lines: [{ lineId: newId(), position: 1, sku: 'S000001', scannedCode: null, name: 'Product 1', qtyKind: 'unit', quantity: 1, unitPriceMinor: 1290, lineTotalMinor: 1290, vatBasisPoints: 1900 }],
          payments: [{ paymentId: newId(), method: 'cash', amountMinor: 1290, tenderedMinor: 1290, changeMinor: 0 }],
        };
        insert.run(newId(), saleId, JSON.stringify(payload), new Date().toISOString());
      }
    })();
    const pushStarted = performance.now();
    await till.sync.pushOnce();
    const pushSeconds = (performance.now() - pushStarted) / 1000;
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sales WHERE till_id = 'T1'`);
    const status = till.sync.status();
    if (rows[0]?.n !== SALES || status.queued !== 0 || status.rejectedCount !== 0) {
      throw new Error(`push check failed: ${rows[0]?.n} sales central, ${status.queued} queued, ${status.rejectedCount} rejected`);
    }

    const where = `${backend}, pages of 5000`;
    return [
      { name: 'initial_sync', value: round(seconds, 1), unit: 's', target: 60, better: 'lower', note: `${CUSTOMERS} customers + ${PRODUCTS} products + ${PRODUCTS} prices from central (${where}); server ${round(server, 1)} s, network+parse+validate ${round(network, 1)} s, apply ${round(apply, 1)} s (central seeded in ${round(seedSeconds, 1)} s)` },
      { name: 'initial_sync_peak_mb', value: Math.round(peak / 1024 / 1024), unit: 'MB', target: 500, better: 'lower', note: 'peak RSS of the process holding the till and central’s HTTP side' },
      { name: 'initial_sync_server_s', value: round(server, 1), unit: 's', target: 60, better: 'lower', note: 'central building pull pages (request in to last byte out)' },
      { name: 'initial_sync_network_s', value: round(network, 1), unit: 's', target: 60, better: 'lower', note: 'the rest: transfer, JSON parse and zod validation on the till' },
      { name: 'initial_sync_apply_s', value: round(apply, 1), unit: 's', target: 60, better: 'lower', note: 'SQLite transactions applying pages on the till' },
      { name: 'push_10k', value: round(pushSeconds, 1), unit: 's', target: 15, better: 'lower', note: `${SALES} queued sales pushed in batches of 100 (${backend}); each applied exactly once, checked on central` },
    ];
  } finally {
    await till.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function syncBench(): Promise<Figure[]> {
  // A real PostgreSQL is what a chain runs central on; PGlite where none is installed.
  if (findPostgresBin()) {
    const cluster = await startCluster({ fsync: true });
    try {
      const db = postgresDb(await cluster.createDatabase('syncbench'), 10);
      try {
        return await measure(db, 'PostgreSQL');
      } finally {
        await db.close();
      }
    } finally {
      await cluster.stop();
    }
  }
  const db = await pgliteDb();
  try {
    return await measure(db, 'PGlite');
  } finally {
    await db.close();
  }
}
