import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../central/src/db.js';
import { startNewEpoch } from '../../central/src/pull.js';
import { tempDir } from '../helpers/tmp.js';
import { startFaultProxy, type Fault } from './faultProxy.js';
import { freshPglite, seedChain, type Chain } from './fixtures.js';
import { centralScope, openSyncTill, rpc, syncUntilQuiet, tillScope } from './support.js';

let db: Db;
let chain: Chain;

beforeAll(async () => {
  db = await freshPglite();
  chain = await seedChain(db);
});
afterAll(async () => {
  await chain.central.close();
  await db.close();
});

async function pairedTill(url = chain.central.url, tillId = 'T1', sync = {}) {
  const dir = tempDir();
  const till = openSyncTill(dir, sync);
  await rpc(till, 'sync.pair', { centralUrl: url, pairingCode: await chain.central.pairingCode(tillId) });
  return { till, dir };
}

async function sell(till: Awaited<ReturnType<typeof pairedTill>>['till'], barcode: string) {
  await rpc(till, 'sale.scan', { code: barcode });
  const sale = await rpc(till, 'sale.current', {});
  return await rpc(till, 'sale.payCash', { tenderedMinor: sale!.totals.total });
}

describe('pairing', () => {
  it('stores the device token in a 0600 file beside the database, never in SQLite, and unpairing wipes it', async () => {
    const { till, dir } = await pairedTill();
    const tokenFile = join(dir, 'device-token');
    expect(statSync(tokenFile).mode & 0o777).toBe(0o600);
    const token = readFileSync(tokenFile, 'utf8');
    expect(token.length).toBeGreaterThan(16);
    const status = await rpc(till, 'sync.status', {});
    expect(status).toMatchObject({ paired: true, centralUrl: chain.central.url });
    // Re-pairing a paired till (to another central, or the same) needs an unpair first.
    expect(await till.dispatch('sync.pair', { centralUrl: 'https://other.example', pairingCode: 'ABCDEFGH' })).toMatchObject({ ok: false, error: { code: 'SYNC_ALREADY_PAIRED' } });
    expect(await rpc(till, 'sync.status', {})).toMatchObject({ paired: true, centralUrl: chain.central.url });
    expect((await rpc(till, 'till.info', {}))).toMatchObject({ tillId: 'T1', storeId: 'S1', currency: 'RON', country: 'RO' });
    await till.close();
    expect(readFileSync(join(dir, 'till.sqlite')).includes(Buffer.from(token))).toBe(false);
    const again = openSyncTill(dir);
    expect((await rpc(again, 'sync.unpair', {}))).toMatchObject({ paired: false });
    expect(existsSync(tokenFile)).toBe(false);
    expect(await again.dispatch('sync.now', {})).toMatchObject({ ok: false, error: { code: 'SYNC_NOT_PAIRED' } });
    await again.close();
  });

  it('refuses a wrong code and a bad URL with clear errors', async () => {
    const till = openSyncTill(tempDir());
    expect(await till.dispatch('sync.pair', { centralUrl: chain.central.url, pairingCode: 'WRONG-CODE' })).toMatchObject({ ok: false, error: { code: 'SYNC_PAIRING_CODE_INVALID' } });
    expect(await till.dispatch('sync.pair', { centralUrl: 'ftp://x', pairingCode: 'ABCDEFGH' })).toMatchObject({ ok: false, error: { code: 'SYNC_URL_INVALID' } });
    for (const centralUrl of ['http://central.example', 'http://10.0.0.5:5180', 'http://127.evil.example']) {
      expect(await till.dispatch('sync.pair', { centralUrl, pairingCode: 'ABCDEFGH' })).toMatchObject({ ok: false, error: { code: 'SYNC_URL_INSECURE' } });
    }
    expect(await till.dispatch('sync.pair', { centralUrl: 'http://localhost:1', pairingCode: 'ABCDEFGH' })).toMatchObject({ ok: false, error: { code: 'SYNC_CENTRAL_UNREACHABLE' } });
    expect(await till.dispatch('sync.pair', { centralUrl: 'http://127.0.0.1:1', pairingCode: 'ABCDEFGH' })).toMatchObject({ ok: false, error: { code: 'SYNC_CENTRAL_UNREACHABLE' } });
    await till.close();
  });
});

describe('pull and push', () => {
  it('a first sync fills the cache with the store scope; sales are pushed and applied once', async () => {
    const { till } = await pairedTill();
    await syncUntilQuiet(till);
    expect(tillScope(till.db, 'S1')).toEqual(await centralScope(db, 'S1'));
    const status = till.sync.status();
    expect(status.lastPullAt).not.toBeNull();
    expect(status.online).toBe('online');
    const done = await sell(till, chain.barcodes[0]!);
    expect(till.sync.status()).toMatchObject({ queued: 1 });
    await syncUntilQuiet(till);
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sales WHERE id = $1`, [done.sale.id]);
    expect(rows[0]!.n).toBe(1);
    expect(till.sync.status()).toMatchObject({ queued: 0, oldestQueuedAt: null });
    await till.close();
  });

  it('a web-shop change reaches the till on the next pull; a delete removes it', async () => {
    const { till } = await pairedTill();
    await syncUntilQuiet(till);
    const r = await chain.central.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone: '+40729999001', name: 'New Online' });
    const id = r.json.customer.id as string;
    await chain.central.call('PUT', `/v1/customers/${id}/favourites/P0003`, chain.channel, { channel: 'web' });
    await syncUntilQuiet(till);
    expect(till.db.prepare('SELECT customer_id FROM customer_phones WHERE phone_e164 = ?').pluck().get('+40729999001')).toBe(id);
    expect(till.db.prepare('SELECT channel FROM favourites WHERE customer_id = ? AND sku = ?').pluck().get(id, 'P0003')).toBe('web');
    await chain.central.call('DELETE', `/v1/customers/${id}/favourites/P0003`, chain.channel);
    await syncUntilQuiet(till);
    expect(till.db.prepare('SELECT COUNT(*) FROM favourites WHERE customer_id = ?').pluck().get(id)).toBe(0);
    expect(tillScope(till.db, 'S1')).toEqual(await centralScope(db, 'S1'));
    await till.close();
  });

  it('a sale sold twice on central is never doubled; a rejected op is shown and does not block later ops', async () => {
    const { till } = await pairedTill();
    await syncUntilQuiet(till);
    // An op for another store, queued first (as a till moved between stores would have it).
    const foreign = JSON.parse(JSON.stringify({ ...(await sell(till, chain.barcodes[1]!)) }));
    const row = till.db.prepare(`SELECT op_id, payload FROM outbox WHERE entity_id = ?`).get(foreign.sale.id) as { op_id: string; payload: string };
    till.db.prepare(`UPDATE outbox SET payload = ? WHERE op_id = ?`).run(JSON.stringify({ ...JSON.parse(row.payload), storeId: 'S2' }), row.op_id);
    const later = await sell(till, chain.barcodes[2]!);
    await syncUntilQuiet(till);
    const status = await rpc(till, 'sync.status', {});
    expect(status.rejectedCount).toBe(1);
    expect(status.rejected[0]).toMatchObject({ opId: row.op_id, reason: 'wrong_store', entityId: foreign.sale.id });
    expect(status.queued).toBe(0);
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sales WHERE id = $1`, [later.sale.id]);
    expect(rows[0]!.n).toBe(1);
    await till.close();
  });
});

describe('faults between till and central', () => {
  const PULL_FAULTS: Fault[] = ['drop_request', 'drop_response', 'truncated', 'oversized', 'invalid_json', 'wrong_schema', 'status_500', 'stall'];

  it.each(PULL_FAULTS)('a pull answered with %s applies nothing, says so in status, and recovers', async (fault) => {
    const proxy = await startFaultProxy(chain.central.url, { maxBodyBytes: 512 * 1024 });
    const { till } = await pairedTill(proxy.url);
    const before = till.db.prepare('SELECT cursor, pulled_rows FROM sync_state').get();
    const customersBefore = till.db.prepare('SELECT COUNT(*) FROM customers').pluck().get();
    proxy.schedule = [fault];
    await expect(till.sync.pullOnce()).rejects.toThrow();
    expect(till.db.prepare('SELECT cursor, pulled_rows FROM sync_state').get()).toEqual(before);
    expect(till.db.prepare('SELECT COUNT(*) FROM customers').pluck().get()).toBe(customersBefore);
    const status = till.sync.status();
    const expected: Record<string, string> = {
      drop_request: 'SYNC_CENTRAL_UNREACHABLE',
      drop_response: 'SYNC_CENTRAL_UNREACHABLE',
      truncated: 'SYNC_CENTRAL_UNREACHABLE',
      oversized: 'SYNC_RESPONSE_TOO_LARGE',
      invalid_json: 'SYNC_BAD_RESPONSE',
      wrong_schema: 'SYNC_BAD_RESPONSE',
      status_500: 'SYNC_CENTRAL_ERROR',
      stall: 'SYNC_TIMEOUT',
    };
    expect(status.lastError).toMatchObject({ code: expected[fault], direction: 'pull' });
    expect(status.online).toBe(['drop_request', 'drop_response', 'truncated', 'stall'].includes(fault) ? 'offline' : 'online');
    await syncUntilQuiet(till);
    expect(till.sync.status().lastError).toBeNull();
    expect(tillScope(till.db, 'S1')).toEqual(await centralScope(db, 'S1'));
    await till.close();
    await proxy.close();
  });

  it('a push whose answer is lost after central committed is re-sent identical and applied once', async () => {
    const proxy = await startFaultProxy(chain.central.url, { maxBodyBytes: 512 * 1024 });
    const { till } = await pairedTill(proxy.url);
    await syncUntilQuiet(till);
    const a = await sell(till, chain.barcodes[3]!);
    const b = await sell(till, chain.barcodes[4]!);
    proxy.pushBodies.length = 0;
    proxy.schedule = ['drop_response', 'stall', 'duplicate'];
    await expect(till.sync.pushOnce()).rejects.toThrow();
    await expect(till.sync.pushOnce()).rejects.toThrow();
    await till.sync.pushOnce();
    expect(proxy.pushBodies.length).toBe(3);
    expect(new Set(proxy.pushBodies).size).toBe(1);
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM sales WHERE id = ANY($1)`, [[a.sale.id, b.sale.id]]);
    expect(rows[0]!.n).toBe(2);
    expect(till.db.prepare(`SELECT COUNT(*) FROM outbox WHERE status = 'done' AND entity_id IN (?, ?)`).pluck().get(a.sale.id, b.sale.id)).toBe(2);
    await till.close();
    await proxy.close();
  });

  it('a 409 refetches the cache in place (sales and outbox untouched) and sweeps rows central no longer has', async () => {
    const proxy = await startFaultProxy(chain.central.url, { maxBodyBytes: 512 * 1024 });
    const { till } = await pairedTill(proxy.url);
    await syncUntilQuiet(till);
    const sale = await sell(till, chain.barcodes[5]!);
    // A row central never had (left by an old build): the resync must remove it.
    till.db.prepare(`INSERT INTO favourites (customer_id, sku, channel, added_at, sync_gen) VALUES ('ghost', 'P0001', 'web', '2026-01-01T00:00:00.000Z', 1)`).run();
    proxy.schedule = ['status_409'];
    await chain.central.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone: '+40729999002', name: 'During resync' });
    await syncUntilQuiet(till);
    expect(till.db.prepare(`SELECT COUNT(*) FROM favourites WHERE customer_id = 'ghost'`).pluck().get()).toBe(0);
    expect(tillScope(till.db, 'S1')).toEqual(await centralScope(db, 'S1'));
    expect(till.db.prepare(`SELECT status FROM sales WHERE id = ?`).pluck().get(sale.sale.id)).toBe('completed');
    expect(till.db.prepare(`SELECT status FROM outbox WHERE entity_id = ?`).pluck().get(sale.sale.id)).toBe('done');
    await till.close();
    await proxy.close();
  });

  it('the page asked for ahead counts only from the state it was asked for: a failed one applies nothing, a stale one is dropped', async () => {
    const proxy = await startFaultProxy(chain.central.url, { maxBodyBytes: 512 * 1024 });
    const { till } = await pairedTill(proxy.url, 'T1', { pageSize: 20 });
    const state = () => till.db.prepare('SELECT cursor, gen, pulled_rows AS rows FROM sync_state').get() as { cursor: string | null; gen: number; rows: number };
    // The first page lands; the second, asked for while the first was applied, fails.
    proxy.schedule = ['none', 'status_500'];
    await expect(till.sync.pullOnce()).rejects.toThrow();
    const afterFirst = state();
    expect(afterFirst.rows).toBe(20);
    expect(afterFirst.cursor).not.toBeNull();
    expect(till.sync.status().lastError).toMatchObject({ code: 'SYNC_CENTRAL_ERROR', direction: 'pull' });
    // The state moves (a resync under a new generation) right after a page commits, while the
    // next page is on its way: that page belongs to the old state and is never applied.
    const transaction = till.db.transaction.bind(till.db);
    let moved = false;
    (till.db as { transaction: unknown }).transaction = (fn: (...args: unknown[]) => unknown) => {
      const tx = transaction(fn);
      return (...args: unknown[]) => {
        const result = tx(...args);
        if (!moved && result === true) {
          moved = true;
          till.db.prepare('UPDATE sync_state SET cursor = NULL, gen = gen + 1, resync = 1, pulled_rows = 0').run();
        }
        return result;
      };
    };
    await syncUntilQuiet(till);
    (till.db as { transaction: unknown }).transaction = transaction;
    expect(moved).toBe(true);
    const gen = state().gen;
    expect(gen).toBe(afterFirst.gen + 1);
    // Everything cached was written (or kept) by the new generation's full pull and sweep.
    expect(till.db.prepare('SELECT COUNT(*) FROM customers WHERE sync_gen IS NOT ?').pluck().get(gen)).toBe(0);
    expect(till.db.prepare('SELECT COUNT(*) FROM products WHERE sync_gen IS NOT ?').pluck().get(gen)).toBe(0);
    expect(tillScope(till.db, 'S1')).toEqual(await centralScope(db, 'S1'));
    await till.close();
    await proxy.close();
  });

  it('a real new epoch on central (restore) makes the till resync to the same data', async () => {
    const { till } = await pairedTill();
    await syncUntilQuiet(till);
    const gen = till.db.prepare('SELECT gen FROM sync_state').pluck().get() as number;
    await startNewEpoch(db);
    await syncUntilQuiet(till);
    expect(till.db.prepare('SELECT gen FROM sync_state').pluck().get()).toBe(gen + 1);
    expect(tillScope(till.db, 'S1')).toEqual(await centralScope(db, 'S1'));
    await till.close();
  });
});

describe('versions', () => {
  it('a newer central: unknown fields ignored, unknown entity types skipped and counted, needs-update shown', async () => {
    const proxy = await startFaultProxy(chain.central.url, { maxBodyBytes: 512 * 1024 });
    proxy.rewritePull = (body, headers) => {
      headers['x-omnitill-sync-protocol'] = '2';
      body.newTopLevel = { anything: true };
      const changes = body.changes as Record<string, any>[];
      for (const c of changes) if (c.data) c.data.loyaltyTier = 'gold';
      changes.push({ entity: 'gift_card', key: 'G1', op: 'upsert', data: { balance: 5 } }, { entity: 'gift_card', key: 'G2', op: 'delete', data: null });
    };
    const { till } = await pairedTill(proxy.url);
    await syncUntilQuiet(till);
    const status = await rpc(till, 'sync.status', {});
    expect(status.needsUpdate).toBe(true);
    expect(status.skippedUnknown.gift_card).toBeGreaterThanOrEqual(2);
    expect(tillScope(till.db, 'S1')).toEqual(await centralScope(db, 'S1'));
    await till.close();
    await proxy.close();
  });
});

describe('one sync worker per till', () => {
  it('a second till process on the same data dir does not sync while the first holds the lock', async () => {
    const { till, dir } = await pairedTill();
    await syncUntilQuiet(till);
    const second = openSyncTill(dir);
    const r = await second.sync.syncOnce();
    expect(r.pull).toMatchObject({ code: 'SYNC_LOCKED' });
    expect(second.sync.status().lockedElsewhere).toBe(true);
    await till.close();
    await syncUntilQuiet(second);
    await second.close();
  });
});

describe('the till keeps serving during a long pull', () => {
  it('RPC calls are answered between pages', async () => {
    for (let i = 0; i < 4; i++) {
      await db.exec(`INSERT INTO customers (id, name) SELECT 'L${i}-' || g, 'Long ' || g FROM generate_series(1, 1000) g;`);
      const { rows } = await db.query<{ id: string }>(`SELECT id FROM customers WHERE id LIKE 'L${i}-%'`);
      const { recordChanges } = await import('../../central/src/changes.js');
      await db.transaction((tx) => recordChanges(tx, 'customer', rows.map((r) => r.id)));
    }
    const { till } = await pairedTill(chain.central.url, 'T1', { pageSize: 100 });
    const latencies: number[] = [];
    let pulling = true;
    const pull = till.sync.pullOnce().finally(() => (pulling = false));
    while (pulling) {
      const started = performance.now();
      await rpc(till, 'catalog.search', { query: 'Product', limit: 5 });
      latencies.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 5));
    }
    await pull;
    expect(latencies.length).toBeGreaterThan(5);
    expect(Math.max(...latencies)).toBeLessThan(250);
    expect(till.sync.status().pull.estimatedTotal).toBeNull();
    await till.close();
  });

  it('pull pages commit with synchronous=NORMAL; FULL is back after every page, for the sales', async () => {
    const { till } = await pairedTill(chain.central.url, 'T1', { pageSize: 100 });
    const synchronous = () => till.db.pragma('synchronous', { simple: true }) as number;
    const inside: number[] = [];
    const transaction = till.db.transaction.bind(till.db);
    (till.db as { transaction: unknown }).transaction = (fn: (...args: unknown[]) => unknown) =>
      transaction((...args: unknown[]) => {
        inside.push(synchronous());
        return fn(...args);
      });
    const between: number[] = [];
    let pulling = true;
    const pull = till.sync.pullOnce().finally(() => (pulling = false));
    while (pulling) {
      between.push(synchronous());
      await new Promise((r) => setImmediate(r));
    }
    await pull;
    (till.db as { transaction: unknown }).transaction = transaction;
    const NORMAL = 1;
    const FULL = 2;
    expect(inside.filter((s) => s === NORMAL).length).toBeGreaterThan(1);
    expect(between.length).toBeGreaterThan(1);
    expect(new Set(between)).toEqual(new Set([FULL]));
    expect(synchronous()).toBe(FULL);
    await sell(till, chain.barcodes[0]!);
    expect(synchronous()).toBe(FULL);
    await till.close();
  });
});

/** One store record (issue 14, item 13): the receipt's header says what the screen's header says, also after pairing renamed the store. */
describe('the receipt header', () => {
  it('names the store the screen names, as pairing left it', async () => {
    const till = openSyncTill(tempDir());
    expect((await rpc(till, 'till.info', {})).storeName).toBe('Omnitill');
    await rpc(till, 'sync.pair', { centralUrl: chain.central.url, pairingCode: await chain.central.pairingCode('T1') });
    await syncUntilQuiet(till);
    const shown = (await rpc(till, 'till.info', {})).storeName;
    expect(shown).toBe('București');

    await rpc(till, 'sale.scan', { code: chain.barcodes[0]! });
    const sale = await rpc(till, 'sale.current', {});
    const done = await rpc(till, 'sale.payCash', { tenderedMinor: sale!.totals.total });
    expect(done.storeName).toBe(shown);
    const job = till.db.prepare(`SELECT document FROM print_jobs WHERE sale_id = ? AND kind = 'receipt'`).get(done.sale.id) as { document: string };
    const printed = JSON.parse(job.document) as { store: { name: string; legalName: string } };
    expect(printed.store.name).toBe(shown);
    expect(printed.store.legalName).toBe(shown);
    await till.close();
  });
});
