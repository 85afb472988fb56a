import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../central/src/db.js';
import { tempDir } from '../helpers/tmp.js';
import { freshPglite, phoneOf, seedChain, type Chain } from '../sync/fixtures.js';
import { openSyncTill, rpc, syncUntilQuiet } from '../sync/support.js';
import { national, profileOf } from './support.js';

/** The customer panel against a real central: fresh from central when it answers, from the cache when it does not. */

let db: Db;
let chain: Chain;

beforeAll(async () => {
  db = await freshPglite();
  chain = await seedChain(db, { products: 10, customers: 6 });
});
afterAll(async () => {
  await chain.central.close().catch(() => undefined);
  await db.close();
});

const cartLine = (sku: string, quantity = 1, minute = 0) => ({ sku, quantity, priceSeenMinor: 150, currency: 'RON', addedAt: `2026-12-03T18:0${minute}:00.000Z` });

describe('the customer at a paired till', () => {
  it('shows her cart as she left it a minute ago, sells from it, and central then has the sale and the smaller cart', async () => {
    const till = openSyncTill(tempDir());
    await rpc(till, 'sync.pair', { centralUrl: chain.central.url, pairingCode: await chain.central.pairingCode('T1') });
    await syncUntilQuiet(till);

    // After the till's last pull she changes her web cart on her phone.
    const id = (await chain.central.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone: phoneOf(2) })).json.customer.id as string;
    await chain.central.call('PUT', `/v1/customers/${id}/carts/web`, chain.channel, { lines: [cartLine('P0003', 2, 0), cartLine('P0004', 1, 1)] });

    const found = profileOf(await rpc(till, 'customer.lookup', { query: national(phoneOf(2)) }));
    expect(found.source).toBe('central');
    expect(found.carts.find((c) => c.channel === 'web')?.lines.map((l) => [l.sku, l.quantity])).toEqual([
      ['P0003', 2],
      ['P0004', 1],
    ]);

    // What she sees is what the cashier moves.
    const moved = await rpc(till, 'customer.cartToSale', { customerId: id, channel: 'web' });
    expect(moved.sale.lines.map((l) => [l.sku, l.quantity, l.origin])).toEqual([
      ['P0003', 2, 'cart:web'],
      ['P0004', 1, 'cart:web'],
    ]);
    const done = await rpc(till, 'sale.payCash', { tenderedMinor: moved.sale.totals.total });
    await syncUntilQuiet(till);
    const { rows } = await db.query<{ customer_id: string }>(`SELECT customer_id FROM sales WHERE id = $1`, [done.sale.id]);
    expect(rows).toEqual([{ customer_id: id }]);
    const web = await chain.central.call('GET', `/v1/customers/${id}/carts/web`, chain.channel);
    expect(web.json.lines).toEqual([]);
    const { rows: touch } = await db.query<{ attributed_channels: string[] }>(`SELECT attributed_channels FROM touchpoints WHERE sale_id = $1`, [done.sale.id]);
    expect(touch).toEqual([{ attributed_channels: ['web'] }]);
    // Central audited the lookup it answered.
    const { rows: audit } = await db.query<{ customer_id: string }>(`SELECT customer_id FROM lookup_audit WHERE till_id = 'T1'`);
    expect(audit.map((a) => a.customer_id)).toContain(id);

    // Someone who signed up online after the last pull is found too; a number nobody has is not.
    const fresh = await chain.central.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone: '+40 721 555 999', name: 'Ulyana Popa' });
    expect(profileOf(await rpc(till, 'customer.lookup', { query: '0721 555 999' }))).toMatchObject({ id: fresh.json.customer.id, name: 'Ulyana Popa', source: 'central' });
    expect(await rpc(till, 'customer.lookup', { query: '0721 555 998' })).toEqual({ kind: 'notFound', phone: '+40721555998' });
    await till.close();
  });

  it('sends a customer made at the till to central, and takes central\'s id when central knew her number', async () => {
    const till = openSyncTill(tempDir());
    await rpc(till, 'sync.pair', { centralUrl: chain.central.url, pairingCode: await chain.central.pairingCode('T3') });
    await syncUntilQuiet(till);

    // Nobody has this number: she becomes a customer of the chain under the till's id.
    const mihai = await rpc(till, 'customer.create', { phone: '0731 000 111', name: 'Mihai Ursu', consents: ['email'] });
    // This number signed up online after the till's last pull (the cashier did not look her up): the till's id gives way to central's.
    const online = await chain.central.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone: '+40 731 000 222', name: 'Elena Munteanu' });
    const elena = await rpc(till, 'customer.create', { phone: '0731 000 222', name: 'Elena M', consents: [] });
    await rpc(till, 'customer.attachToSale', { customerId: elena.id });
    await rpc(till, 'sale.scan', { code: chain.barcodes[0] as string });
    const sale = await rpc(till, 'sale.current', {});
    const done = await rpc(till, 'sale.payCash', { tenderedMinor: sale!.totals.total });

    await syncUntilQuiet(till);
    const { rows } = await db.query<{ id: string; name: string }>(`SELECT id, name FROM customers WHERE id = ANY ($1) ORDER BY name`, [[mihai.id, online.json.customer.id]]);
    expect(rows).toEqual([
      { id: online.json.customer.id, name: 'Elena Munteanu' },
      { id: mihai.id, name: 'Mihai Ursu' },
    ]);
    const { rows: sold } = await db.query<{ customer_id: string }>(`SELECT customer_id FROM sales WHERE id = $1`, [done.sale.id]);
    expect(sold).toEqual([{ customer_id: online.json.customer.id }]);
    // The till speaks of one Elena now: central's id, with her sale.
    const local = till.db.prepare('SELECT id FROM customers WHERE id IN (?, ?)').pluck().all(elena.id, online.json.customer.id);
    expect(local).toEqual([online.json.customer.id]);
    const found = profileOf(await rpc(till, 'customer.lookup', { query: '0731 000 222' }));
    expect(found).toMatchObject({ id: online.json.customer.id, name: 'Elena Munteanu' });
    expect(found.purchases.map((p) => p.saleId)).toEqual([done.sale.id]);
    await till.close();
  });

  it('asks central by her id when the cache found her by last digits or the cashier chose her, and refuses a lookup by both or neither', async () => {
    const dir = tempDir();
    const till = openSyncTill(dir);
    await rpc(till, 'sync.pair', { centralUrl: chain.central.url, pairingCode: await chain.central.pairingCode('T1') });
    await syncUntilQuiet(till);
    const id = (await chain.central.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone: phoneOf(5) })).json.customer.id as string;
    await chain.central.call('PUT', `/v1/customers/${id}/carts/app`, chain.channel, { lines: [cartLine('P0002', 3, 2)] });
    const before = (await db.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM lookup_audit WHERE customer_id = $1`, [id])).rows[0]!.n;

    const byDigits = profileOf(await rpc(till, 'customer.lookup', { query: phoneOf(5).slice(-6) }));
    expect(byDigits).toMatchObject({ id, source: 'central' });
    expect(byDigits.carts.find((c) => c.channel === 'app')?.lines.map((l) => [l.sku, l.quantity])).toEqual([['P0002', 3]]);
    await chain.central.call('PUT', `/v1/customers/${id}/carts/app`, chain.channel, { lines: [cartLine('P0002', 1, 3)] });
    const chosen = await rpc(till, 'customer.profile', { customerId: id });
    expect(chosen.source).toBe('central');
    expect(chosen.carts.find((c) => c.channel === 'app')?.lines.map((l) => l.quantity)).toEqual([1]);
    const { rows } = await db.query<{ n: number; masked: string }>(
      `SELECT COUNT(*)::int AS n, max(phone_masked) AS masked FROM lookup_audit WHERE customer_id = $1`,
      [id],
    );
    expect(rows[0]!.n).toBe(before + 2);
    expect(rows[0]!.masked).not.toContain(phoneOf(5).slice(-6, -2));

    const token = readFileSync(join(dir, 'device-token'), 'utf8');
    for (const query of [`phone=${encodeURIComponent(phoneOf(5))}&customerId=${id}&cashier=x`, 'cashier=x']) {
      const r = await chain.central.call('GET', `/v1/customers/lookup?${query}`, token);
      expect(r).toMatchObject({ status: 400, json: { error: { code: 'INPUT_INVALID' } } });
    }
    await till.close();
  });

  it('answers from the cache, and says so, when central is gone', async () => {
    const till = openSyncTill(tempDir());
    await rpc(till, 'sync.pair', { centralUrl: chain.central.url, pairingCode: await chain.central.pairingCode('T2') });
    await syncUntilQuiet(till);
    await chain.central.close();
    const found = profileOf(await rpc(till, 'customer.lookup', { query: national(phoneOf(4)) }));
    expect(found.source).toBe('cache');
    expect(found.asOf).not.toBeNull();
    expect(found.carts.map((c) => c.channel)).toEqual(['web']);
    await till.close();
  });
});
