import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Db } from '../../central/src/db.js';
import { tempDir } from '../helpers/tmp.js';
import { freshPglite, seedChain, type Chain } from './fixtures.js';
import { openSyncTill, rpc, syncUntilQuiet } from './support.js';

/** The till tells central its version, protocol and outbox on every sync request; central's fleet page reads it. */
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

it('a syncing till reports its app version, protocol and queue to central at each pull and push', async () => {
  const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  const till = openSyncTill(tempDir(), {});
  await rpc(till, 'sync.pair', { centralUrl: chain.central.url, pairingCode: await chain.central.pairingCode('T1') });
  await syncUntilQuiet(till);
  const health = async () =>
    (await db.query<{ app_version: string; protocol_version: number; queue_depth: number; last_pull_at: Date | null; last_push_at: Date | null }>(
      `SELECT app_version, protocol_version, queue_depth, last_pull_at, last_push_at FROM till_health WHERE till_id = 'T1'`,
    )).rows[0];
  expect(await health()).toMatchObject({ app_version: version, protocol_version: 1, queue_depth: 0, last_push_at: null });
  expect((await health())?.last_pull_at).not.toBeNull();

  await rpc(till, 'sale.scan', { code: chain.barcodes[0]! });
  const sale = await rpc(till, 'sale.current', {});
  await rpc(till, 'sale.payCash', { tenderedMinor: sale!.totals.total });
  await syncUntilQuiet(till);
  const after = await health();
  expect(after?.last_push_at).not.toBeNull();
  expect(after).toMatchObject({ app_version: version, protocol_version: 1 });
  await till.close();
});
