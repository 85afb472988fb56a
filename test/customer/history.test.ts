import { describe, expect, it } from 'vitest';
import { purchaseHistory } from '../../core/customer/history.js';
import { pgliteBackend } from '../../central/test/support/backends.js';
import { recordChanges } from '../../central/src/changes.js';
import { errorCode } from '../helpers/till.js';
import { tempDir } from '../helpers/tmp.js';
import { phoneOf, useSeededCentral } from '../sync/fixtures.js';
import { openSyncTill, rpc, syncUntilQuiet } from '../sync/support.js';
import { national, profileOf } from './support.js';

/**
 * Her purchases across channels (online orders written by the web shop through the channel API,
 * beside the store's sales), and a customer central deletes while her panel is open; against a
 * real central.
 */

const central = useSeededCentral(pgliteBackend());

const customerId = async (i: number): Promise<string> =>
  (await central.chain.central.call('POST', '/v1/customers/upsert-by-phone', central.chain.channel, { phone: phoneOf(i) })).json.customer.id as string;

/** What central does when it erases a customer: her rows go, and the tills get tombstones. */
async function eraseOnCentral(id: string): Promise<void> {
  await central.db.transaction(async (tx) => {
    const carts = await tx.query<{ k: string }>(`SELECT DISTINCT customer_id || '/' || channel AS k FROM cart_lines WHERE customer_id = $1`, [id]);
    for (const table of ['customer_phones', 'customer_consents', 'cart_lines', 'favourites', 'online_orders']) {
      await tx.query(`DELETE FROM ${table} WHERE customer_id = $1`, [id]);
    }
    await tx.query(`DELETE FROM customers WHERE id = $1`, [id]);
    await recordChanges(tx, 'customer', [id]);
    await recordChanges(tx, 'cart', carts.rows.map((r) => r.k));
  });
}

describe('her purchases and her profile at a paired till', () => {
  it('a customer deleted on central while her panel is open: a clear message, nothing of the sale lost', async () => {
    const till = openSyncTill(tempDir());
    await rpc(till, 'sync.pair', { centralUrl: central.chain.central.url, pairingCode: await central.chain.central.pairingCode('T2') });
    await syncUntilQuiet(till);
    const id = await customerId(4);

    // Her panel is open, she is on the sale with a line already scanned.
    const panel = profileOf(await rpc(till, 'customer.lookup', { query: national(phoneOf(4)) }));
    expect(panel.carts.map((c) => c.channel)).toEqual(['web']);
    await rpc(till, 'sale.scan', { code: central.chain.barcodes[0] as string });
    await rpc(till, 'customer.attachToSale', { customerId: id });

    await eraseOnCentral(id);
    await syncUntilQuiet(till);

    // What the cashier does next on her panel says plainly she is gone; the sale is as it was.
    const move = await till.dispatch('customer.cartToSale', { customerId: id, channel: 'web' });
    expect(errorCode(move)).toBe('CUSTOMER_NOT_FOUND');
    expect(move.ok ? '' : move.error.message).toBe('This customer is not on this till. Sync, or look her up by phone.');
    expect(errorCode(await till.dispatch('customer.profile', { customerId: id }))).toBe('CUSTOMER_NOT_FOUND');
    expect(await rpc(till, 'customer.lookup', { query: national(phoneOf(4)) })).toEqual({ kind: 'notFound', phone: phoneOf(4) });
    const sale = await rpc(till, 'sale.current', {});
    expect(sale?.lines.map((l) => l.sku)).toEqual(['P0001']);
    expect(sale?.customer?.id).toBe(id);

    // Paid: central records the sale, without a link to the customer it no longer has.
    const done = await rpc(till, 'sale.payCash', { tenderedMinor: sale!.totals.total });
    await syncUntilQuiet(till);
    const { rows } = await central.db.query<{ customer_id: string | null; total: number }>(`SELECT customer_id, total_minor::int AS total FROM sales WHERE id = $1`, [done.sale.id]);
    expect(rows).toEqual([{ customer_id: null, total: done.sale.totals.total }]);
    expect(till.sync.status().rejected).toEqual([]);
    await till.close();
  });

  it('an order placed since the last pull is on her panel at once while central answers, and kept in the copy', async () => {
    const till = openSyncTill(tempDir());
    await rpc(till, 'sync.pair', { centralUrl: central.chain.central.url, pairingCode: await central.chain.central.pairingCode('T3') });
    await syncUntilQuiet(till);
    const id = await customerId(6);
    const placed = await central.chain.central.call('POST', `/v1/customers/${id}/orders`, central.chain.channel, {
      orderId: 'APP-LIVE-1',
      channel: 'app',
      placedAt: new Date().toISOString(),
      currency: 'MDL',
      totalMinor: 30000,
      lines: [{ sku: 'P0003', quantity: 2, priceMinor: 15000 }],
      storeId: null,
    });
    expect(placed.status).toBe(200);

    // No pull since the order: only the live lookup can know of it.
    const live = profileOf(await rpc(till, 'customer.lookup', { query: national(phoneOf(6)) }));
    expect(live.source).toBe('central');
    expect(purchaseHistory(live)).toMatchObject([{ channel: 'app', orderRef: 'APP-LIVE-1', total: 30000, currency: 'MDL', items: 2, store: null }]);

    // It is in the till's copy too, for when central cannot answer.
    expect(till.db.prepare('SELECT order_ref FROM online_orders WHERE customer_id = ?').pluck().all(id)).toEqual(['APP-LIVE-1']);
    await till.close();
  });
  it('shows store sales and online orders together, newest first, with channel and store; offline, what the cache holds, and says so', async () => {
    const till = openSyncTill(tempDir());
    await rpc(till, 'sync.pair', { centralUrl: central.chain.central.url, pairingCode: await central.chain.central.pairingCode('T1') });
    const id = await customerId(2);
    const order = (orderId: string, channel: 'web' | 'app', placedAt: string, storeId: string | null) =>
      central.chain.central.call('POST', `/v1/customers/${id}/orders`, central.chain.channel, {
        orderId,
        channel,
        placedAt,
        currency: 'MDL',
        totalMinor: 45000,
        lines: [{ sku: 'P0002', quantity: 3, priceMinor: 15000 }],
        storeId,
      });
    expect((await order('WEB-1', 'web', '2026-11-10T09:00:00.000Z', 'S2')).status).toBe(200);
    expect((await order('APP-2', 'app', '2026-11-20T19:30:00.000Z', null)).status).toBe(200);
    await syncUntilQuiet(till);

    await rpc(till, 'customer.attachToSale', { customerId: id });
    await rpc(till, 'sale.scan', { code: central.chain.barcodes[1] as string });
    const sale = await rpc(till, 'sale.current', {});
    const done = await rpc(till, 'sale.payCash', { tenderedMinor: sale!.totals.total });

    const live = profileOf(await rpc(till, 'customer.lookup', { query: national(phoneOf(2)) }));
    expect(live.source).toBe('central');
    const expected = [
      { channel: 'store', store: till.settings.storeName, receiptNo: done.sale.receiptNo, orderRef: null, total: done.sale.totals.total, currency: done.sale.currency, items: 1 },
      { channel: 'app', store: null, receiptNo: null, orderRef: 'APP-2', total: 45000, currency: 'MDL', items: 3 },
      { channel: 'web', store: 'Chișinău', receiptNo: null, orderRef: 'WEB-1', total: 45000, currency: 'MDL', items: 3 },
    ];
    expect(purchaseHistory(live)).toMatchObject(expected);

    await central.chain.central.close();
    const cached = profileOf(await rpc(till, 'customer.lookup', { query: national(phoneOf(2)) }));
    expect(cached.source).toBe('cache');
    expect(cached.asOf).not.toBeNull();
    expect(purchaseHistory(cached)).toMatchObject(expected);
    await till.close();
  });
});
