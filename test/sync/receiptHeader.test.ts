import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../central/src/db.js';
import { tempDir } from '../helpers/tmp.js';
import { freshPglite, seedChain, type Chain } from './fixtures.js';
import { openSyncTill, rpc, syncUntilQuiet } from './support.js';

/** One store record (issue 14, item 13): the receipt's header says what the screen's header says, also after pairing renamed the store. */

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
