import { describe, expect, it } from 'vitest';
import { pgliteBackend, postgresBackend, type Backend } from '../../central/test/support/backends.js';
import { tempDir } from '../helpers/tmp.js';
import { phoneOf, product, useSeededCentral } from './fixtures.js';
import { centralScope, openSyncTill, rpc, syncUntilQuiet, tillScope } from './support.js';

/** Two tills of one store and the web shop, all at once, against one central. */
function suite(backend: Backend) {
  describe.skipIf(!backend.available)(`two tills and a web shop (${backend.name})`, () => {
    const central = useSeededCentral(backend);

    it('every sale of both tills lands once and both caches end equal to central', async () => {
      const { db, chain } = central;
      const tills = await Promise.all(
        ['T1', 'T2'].map(async (tillId) => {
          const till = openSyncTill(tempDir());
          await rpc(till, 'sync.pair', { centralUrl: chain.central.url, pairingCode: await chain.central.pairingCode(tillId) });
          await syncUntilQuiet(till);
          return till;
        }),
      );
      const sold: string[] = [];
      const sellAndSync = async (till: (typeof tills)[number], n: number) => {
        for (let i = 0; i < n; i++) {
          await rpc(till, 'sale.scan', { code: product(1 + ((i * 7) % 40)).barcode });
          const total = (await rpc(till, 'sale.current', {}))!.totals.total;
          sold.push((await rpc(till, 'sale.payCash', { tenderedMinor: total })).sale.id);
          if (i % 3 === 0) await till.sync.syncOnce();
        }
      };
      const webShop = async (n: number) => {
        for (let i = 0; i < n; i++) {
          const r = await chain.central.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone: phoneOf(100 + (i % 10)), name: `Web ${i}` });
          await chain.central.call('PUT', `/v1/customers/${r.json.customer.id}/carts/web`, chain.channel, {
            lines: [{ sku: product(1 + (i % 40)).sku, quantity: 1 + (i % 4), priceSeenMinor: 120, currency: 'RON', addedAt: '2026-11-21T10:00:00.000Z' }],
          });
        }
      };
      await Promise.all([sellAndSync(tills[0]!, 25), sellAndSync(tills[1]!, 25), webShop(30)]);
      for (const till of tills) await syncUntilQuiet(till);
      const { rows } = await db.query<{ id: string }>(`SELECT id FROM sales WHERE till_id IN ('T1', 'T2')`);
      expect(rows.map((r) => r.id).sort()).toEqual([...sold].sort());
      const scope = await centralScope(db, 'S1');
      for (const till of tills) expect(tillScope(till.db, 'S1')).toEqual(scope);
      await Promise.all(tills.map((t) => t.close()));
    }, 120_000);
  });
}

suite(pgliteBackend());
suite(postgresBackend());
