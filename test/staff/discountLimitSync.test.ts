import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../central/src/db.js';
import type { SessionView } from '../../core/staff/contract.js';
import { readSettings } from '../../electron/backend/settings.js';
import { tempDir } from '../helpers/tmp.js';
import { freshPglite, seedChain, type Chain } from '../sync/fixtures.js';
import { openSyncTill, rpc } from '../sync/support.js';

let db: Db;
let chain: Chain;

beforeAll(async () => {
  db = await freshPglite();
  chain = await seedChain(db, { products: 10, customers: 2 });
});
afterAll(async () => {
  await chain.central.close().catch(() => undefined);
  await db.close();
});

describe('the store’s manual discount limit', () => {
  it('comes from central when the till pairs, and is what the sale screen is told', async () => {
    await chain.central.admin('PUT', '/v1/admin/stores/S1', { name: 'București', country: 'RO', currency: 'RON', manualDiscountLimit: 7.5 });
    const till = openSyncTill(tempDir());
    expect(readSettings(till.db).manualDiscountLimit).toBe(10);
    await rpc(till, 'sync.pair', { centralUrl: chain.central.url, pairingCode: await chain.central.pairingCode('T1') });
    expect(readSettings(till.db).manualDiscountLimit).toBe(7.5);
    expect(((await rpc(till, 'staff.session', {})) as SessionView).discountLimit).toBe(7.5);
    await till.close();
  });
});
