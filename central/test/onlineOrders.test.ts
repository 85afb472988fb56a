import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullPage } from '../../core/sync/pull.js';
import { allBackends } from './support/backends.js';
import { ADMIN_KEY, RawJson, setUpChain, type TestChain } from './support/chain.js';

/** Online orders written by the web shop through the channel API, and pulled by the tills. */

const order = (orderId: string, extra: Record<string, unknown> = {}) => ({
  orderId,
  channel: 'web',
  placedAt: '2026-12-01T18:30:00+02:00',
  currency: 'MDL',
  totalMinor: 259800,
  lines: [
    { sku: 'SNK-42', quantity: 1, priceMinor: 199900 },
    { sku: 'SOCK-3', quantity: 2, priceMinor: 29950 },
  ],
  ...extra,
});

describe.each(allBackends())('online orders on $name', (backend) => {
  let chain: TestChain;
  let customerId: string;

  beforeAll(async () => {
    if (!backend.available) return;
    await backend.setUp();
    chain = await setUpChain(await backend.freshDb());
    const r = await chain.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone: '+37362123456', name: 'Ulyana Morari' });
    customerId = r.json.customer.id;
  });
  afterAll(async () => {
    if (!backend.available) return;
    await chain?.app.close();
    await backend.tearDown();
  });

  async function countOrders(): Promise<number> {
    const { rows } = await chain.db.query<{ n: string }>('SELECT count(*) AS n FROM online_orders');
    return Number(rows[0]?.n);
  }

  it.skipIf(!backend.available)('records an order once by the shop’s order id; a retry answers the first, unchanged', async () => {
    const first = await chain.call('POST', `/v1/customers/${customerId}/orders`, chain.channel, order('WEB-1001', { storeId: 'S2' }));
    expect(first.status, first.body).toBe(200);
    expect(first.json).toMatchObject({
      recorded: true,
      order: { customerId, channel: 'web', orderRef: 'WEB-1001', storeId: 'S2', storeName: 'Store two', currency: 'MDL', totalMinor: 259800, items: 3 },
    });
    expect(first.json.order.placedAt).toBe('2026-12-01T16:30:00.000Z');
    const again = await chain.call('POST', `/v1/customers/${customerId}/orders`, chain.channel, order('WEB-1001', { totalMinor: 1 }));
    expect(again.json).toEqual({ ...first.json, recorded: false });
    expect(await countOrders()).toBe(1);
  });

  it.skipIf(!backend.available)('reaches the tills through the pull', async () => {
    await chain.call('POST', `/v1/customers/${customerId}/orders`, chain.channel, order('APP-7', { channel: 'app', totalMinor: 4990, lines: [{ sku: 'CAP-1', quantity: 1, priceMinor: 4990 }] }));
    const orders: unknown[] = [];
    let cursor: string | undefined;
    for (;;) {
      const r = await chain.call('GET', `/v1/sync/pull?limit=500${cursor ? `&cursor=${cursor}` : ''}`, chain.t2);
      const page = PullPage.parse(r.json);
      orders.push(...page.changes.filter((c) => c.entity === 'online_order').map((c) => c.data));
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(orders).toEqual([
      expect.objectContaining({ orderRef: 'WEB-1001', channel: 'web', storeName: 'Store two' }),
      expect.objectContaining({ orderRef: 'APP-7', channel: 'app', storeId: null, storeName: null, items: 1 }),
    ]);
  });

  it.skipIf(!backend.available)('refuses a wrong schema, an unknown customer or store, another client’s channel, an oversized body; nothing is recorded', async () => {
    const before = await countOrders();
    const post = (body: unknown, id = customerId, token = chain.channel) => chain.call('POST', `/v1/customers/${id}/orders`, token, body);
    for (const bad of [
      order('X-1', { lines: [] }),
      order('X-2', { totalMinor: -5 }),
      order('X-3', { currency: 'USD' }),
      order('X-4', { placedAt: 'yesterday' }),
      order('X-5', { lines: [{ sku: 'A', quantity: 0, priceMinor: 1 }] }),
      order('X-6', { phone: '+37362123456' }),
      order('X-7', { channel: 'store' }),
      { ...order('X-8'), orderId: '' },
    ]) {
      const r = await post(bad);
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.json.error.code).toBe('INPUT_INVALID');
    }
    expect((await post(order('X-9'), 'nobody')).status).toBe(404);
    expect((await post(order('X-10', { storeId: 'NO-SUCH-STORE' }))).json.error.code).toBe('INPUT_INVALID');
    const big = JSON.stringify(order('X-11', { lines: Array.from({ length: 200 }, (_, i) => ({ sku: `SKU-${i}-${'x'.repeat(50)}`, quantity: 1, priceMinor: 1 })), note: 'y'.repeat(70_000) }));
    expect((await post(new RawJson(big))).status).toBe(413);
    const { key } = (await chain.call('POST', '/v1/admin/channel-clients', ADMIN_KEY, { name: 'mailer', channels: ['email'] })).json;
    expect((await post(order('X-12'), customerId, key)).json.error.code).toBe('FORBIDDEN');
    expect((await post(order('X-13'), customerId, chain.t1)).status).toBe(401);
    expect(await countOrders()).toBe(before);
  });
});
