import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { rawTillDatabase } from '../helpers/tillDb.js';
import type { Db } from '../../central/src/db.js';
import { startNewEpoch } from '../../central/src/pull.js';
import { recordChanges } from '../../central/src/changes.js';
import { bundleWorker, runThenKill } from '../helpers/killable.js';
import { tempDir } from '../helpers/tmp.js';
import { freshPglite, seedChain, type Chain } from './fixtures.js';
import { centralScope, cursorsMonotonic, openSyncTill, recordCursors, rpc, syncUntilQuiet, tillCacheConsistent, tillScope } from './support.js';

const KILLS = Number(process.env.SYNC_CRASH_KILLS ?? 12);
let worker: string;

let db: Db;
let chain: Chain;

beforeAll(async () => {
  worker = await bundleWorker(join(__dirname, 'syncWorker.ts'), 'syncWorker');
  db = await freshPglite();
  chain = await seedChain(db);
  // Enough rows that a full pull takes many pages, so kills land inside it.
  await db.exec(`INSERT INTO customers (id, name) SELECT 'K' || g, 'Bulk ' || g FROM generate_series(1, 3000) g;`);
  const { rows } = await db.query<{ id: string }>(`SELECT id FROM customers WHERE id LIKE 'K%'`);
  await db.transaction((tx) => recordChanges(tx, 'customer', rows.map((r) => r.id)));
});
afterAll(async () => {
  await chain.central.close();
  await db.close();
});

describe('sync survives SIGKILL', () => {
  it(`a till killed ${KILLS} times during pull and push keeps every invariant after restart`, async () => {
    const dir = tempDir();
    const file = join(dir, 'till.sqlite');
    const setup = openSyncTill(dir);
    recordCursors(setup.db);
    await rpc(setup, 'sync.pair', { centralUrl: chain.central.url, pairingCode: await chain.central.pairingCode('T2') });
    await setup.close();

    const acknowledged = new Set<string>();
    for (let i = 0; i < KILLS; i++) {
      // Every third round central starts a new epoch: the till is killed inside a full resync.
      if (i % 3 === 1) await startNewEpoch(db);
      if (i % 4 === 2) await chain.central.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone: `+40731${String(100_000 + i)}`, name: `Crash ${i}` });
      for (const id of await runThenKill(worker, [file, String(1 + i), chain.barcodes.slice(0, 10).join(',')], 150 + ((i * 137) % 700))) acknowledged.add(id);
    }

    const till = openSyncTill(dir);
    await syncUntilQuiet(till, 40);
    const completed = till.db.prepare(`SELECT id FROM sales WHERE status = 'completed'`).pluck().all() as string[];
    for (const id of acknowledged) expect(completed).toContain(id);
    const { rows } = await db.query<{ id: string }>(`SELECT id FROM sales WHERE till_id = 'T2'`);
    expect(rows.map((r) => r.id).sort()).toEqual([...completed].sort());
    expect(till.db.prepare(`SELECT COUNT(*) FROM outbox WHERE status <> 'done'`).pluck().get()).toBe(0);
    expect(tillScope(till.db, 'S1')).toEqual(await centralScope(db, 'S1'));
    const cache = tillCacheConsistent(till.db);
    expect(cache.searchRows).toBe(cache.products);
    expect(cursorsMonotonic(till.db).backwards).toEqual([]);
    await till.close();
    const check = rawTillDatabase(file, { readonly: true });
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();
    expect(acknowledged.size).toBeGreaterThan(0);
  }, 120_000);
});
