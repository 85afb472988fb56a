import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { pgliteBackend, postgresBackend, type Backend } from '../../central/test/support/backends.js';
import type { Till } from '../../electron/backend/till.js';
import { tempDir } from '../helpers/tmp.js';
import { FAULTS, startFaultProxy, type Fault } from './faultProxy.js';
import { phoneOf, product, type Chain, useSeededCentral } from './fixtures.js';
import { catalogueCsv, centralScope, cursorsMonotonic, openSyncTill, recordCursors, rpc, syncUntilQuiet, tillCacheConsistent, tillScope } from './support.js';

/**
 * Random fault schedules between a till and a real central, with random store and web-shop
 * activity; once the faults stop, the invariants of sync must hold.
 */
const RUNS = Number(process.env.SYNC_PROPERTY_RUNS ?? 5);

type Step =
  | { kind: 'sale'; product: number; qty: number }
  | { kind: 'customer'; n: number; name: string }
  | { kind: 'cart'; customer: number; skus: number[] }
  | { kind: 'favourite'; customer: number; sku: number; remove: boolean }
  | { kind: 'catalogue'; sku: number; price: number }
  | { kind: 'sync' };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('sale' as const), product: fc.integer({ min: 1, max: 40 }), qty: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('customer' as const), n: fc.integer({ min: 1, max: 60 }), name: fc.string({ minLength: 1, maxLength: 12 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('cart' as const), customer: fc.integer({ min: 1, max: 4 }), skus: fc.uniqueArray(fc.integer({ min: 1, max: 45 }), { maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('favourite' as const), customer: fc.integer({ min: 1, max: 4 }), sku: fc.integer({ min: 1, max: 4 }), remove: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('catalogue' as const), sku: fc.integer({ min: 1, max: 45 }), price: fc.integer({ min: 1, max: 5000 }) }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'sync' as const }) },
);
const fault = fc.constantFrom<Fault>(...FAULTS);

async function customerId(chain: Chain, n: number): Promise<string | null> {
  const { rows } = await chain.central.db.query<{ customer_id: string }>(`SELECT customer_id FROM customer_phones WHERE phone_e164 = $1`, [phoneOf(n)]);
  return rows[0]?.customer_id ?? null;
}

async function run(chain: Chain, till: Till, s: Step, sold: string[]): Promise<void> {
  switch (s.kind) {
    case 'sale': {
      const code = product(s.product).barcode;
      const scanned = await till.dispatch('sale.scan', { code });
      if (!scanned.ok) return; // not in the cache yet (the first pull has not got through)
      const sale = await rpc(till, 'sale.current', {});
      const line = sale!.lines.at(-1)!;
      if (s.qty > 1) await rpc(till, 'sale.setQuantity', { lineId: line.id, quantity: s.qty });
      const total = (await rpc(till, 'sale.current', {}))!.totals.total;
      sold.push((await rpc(till, 'sale.payCash', { tenderedMinor: total })).sale.id);
      return;
    }
    case 'customer':
      await chain.central.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone: phoneOf(s.n), name: `N ${s.name.replace(/[^\w ]/g, '')}`.trim() });
      return;
    case 'cart': {
      const id = await customerId(chain, s.customer);
      if (!id) return;
      await chain.central.call('PUT', `/v1/customers/${id}/carts/app`, chain.channel, {
        lines: s.skus.map((k, i) => ({ sku: product(k).sku, quantity: 1 + i, priceSeenMinor: 99, currency: 'RON', addedAt: '2026-11-21T09:00:00.000Z' })),
      });
      return;
    }
    case 'favourite': {
      const id = await customerId(chain, s.customer);
      if (!id) return;
      const path = `/v1/customers/${id}/favourites/${product(s.sku).sku}`;
      await chain.central.call(s.remove ? 'DELETE' : 'PUT', path, chain.channel, s.remove ? undefined : { channel: 'web' });
      return;
    }
    case 'catalogue':
      await chain.central.admin('POST', '/v1/admin/catalogue', catalogueCsv([product(s.sku, s.price)], ['S1', 'S2']), 'text/csv');
      return;
    case 'sync':
      await till.sync.syncOnce();
      return;
  }
}

function suite(backend: Backend) {
  describe.skipIf(!backend.available)(`sync under random faults (${backend.name})`, () => {
    const central = useSeededCentral(backend);
    let tills = 0;

    it('every sale applied once, cache equals central, cursor never backwards, queue drained, rejections visible', async () => {
      const { db, chain } = central;
      await fc.assert(
        fc.asyncProperty(fc.array(fault, { minLength: 5, maxLength: 25 }), fc.array(step, { minLength: 5, maxLength: 25 }), async (faults, steps) => {
          const tillId = `PT${++tills}`;
          await chain.central.admin('PUT', `/v1/admin/tills/${tillId}`, { storeId: 'S1', name: tillId });
          const proxy = await startFaultProxy(chain.central.url, { maxBodyBytes: 512 * 1024 });
          const till = openSyncTill(tempDir());
          try {
            recordCursors(till.db);
            await rpc(till, 'sync.pair', { centralUrl: proxy.url, pairingCode: await chain.central.pairingCode(tillId) });
            proxy.schedule = [...faults];
            const sold: string[] = [];
            let foreign: string | null = null;
            for (const s of steps) {
              await run(chain, till, s, sold);
              if (!foreign && sold.length > 0) {
                // One op central must reject (another store's sale), queued before later sales.
                const row = till.db.prepare(`SELECT op_id, payload FROM outbox WHERE entity_id = ?`).get(sold.pop()) as { op_id: string; payload: string };
                till.db.prepare(`UPDATE outbox SET payload = ? WHERE op_id = ? AND status = 'pending'`).run(JSON.stringify({ ...JSON.parse(row.payload), storeId: 'S2' }), row.op_id);
                foreign = row.op_id;
              }
            }
            proxy.schedule = [];
            await syncUntilQuiet(till);

            const { rows } = await db.query<{ id: string; lines: number }>(
              `SELECT s.id, (SELECT count(*)::int FROM sale_lines l WHERE l.sale_id = s.id) AS lines FROM sales s WHERE s.till_id = $1`,
              [tillId],
            );
            expect(rows.map((r) => r.id).sort()).toEqual([...sold].sort());
            expect(rows.every((r) => r.lines === 1)).toBe(true);
            const { rows: applied } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM applied_ops WHERE till_id = $1 AND status = 'applied'`, [tillId]);
            expect(applied[0]!.n).toBe(sold.length);
            expect(tillScope(till.db, 'S1')).toEqual(await centralScope(db, 'S1'));
            const cache = tillCacheConsistent(till.db);
            expect(cache.searchRows).toBe(cache.products);
            expect(cache.orphanPending).toBe(0);
            const cursors = cursorsMonotonic(till.db);
            expect(cursors.backwards).toEqual([]);
            expect(cursors.count).toBeGreaterThan(0);
            const status = till.sync.status();
            expect(status.queued).toBe(0);
            if (foreign) expect(status.rejected.map((r) => [r.opId, r.reason])).toEqual([[foreign, 'wrong_store']]);
          } finally {
            await till.close();
            await proxy.close();
          }
        }),
        { numRuns: RUNS, endOnFailure: true },
      );
    }, 180_000);
  });
}

suite(pgliteBackend());
suite(postgresBackend());
