import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../core/ids.js';
import type { Db } from '../src/db.js';
import { createCampaign, issueCodes } from '../src/campaigns.js';
import { allBackends } from './support/backends.js';
import { redeemOp, saleOp, setUpChain, type TestChain } from './support/chain.js';

/**
 * The analytics rollups (the analytics_rollups migration) are kept by triggers as facts arrive. After any sequence
 * of the writes central takes — carts, favourites, touchpoints, code issuance, till pushes of sales
 * and redemptions, a redemption rolled back, orders placed online (some naming the codes the shop
 * redeemed for them, some collected in a store later: the codes collected in stores too), a change of the chain's time
 * zone — they equal analytics_rebuild()'s recomputation from the facts; and a customer's first
 * online intent is the earliest cart line, online favourite or online order she ever had.
 * Days are local days in the chain's zone: the minutes below cross local midnights in every zone.
 */
const BASE = Date.parse('2026-10-30T00:00:00.000Z');
const at = (minutes: number) => new Date(BASE + minutes * 60_000).toISOString();
// Four days across a month's end, so day and month sketches both move.
const minute = fc.integer({ min: 0, max: 4 * 24 * 60 });
const SKUS = ['A', 'B', 'C'] as const;

type Op =
  | { kind: 'cart'; customer: number; channel: 'web' | 'app'; skus: string[]; at: number }
  | { kind: 'favourite'; customer: number; sku: string; channel: 'web' | 'app' | 'store'; at: number }
  | { kind: 'unfavourite'; customer: number; sku: string }
  | { kind: 'touch'; customer: number | null; channel: 'web' | 'app' | 'email' | 'stream'; campaign: number | null; at: number }
  | { kind: 'sale'; customer: number | null; store: 0 | 1; origins: (string | null)[]; at: number; total: number; code: number | null }
  | { kind: 'redeem'; code: number; sale: number | null; store: 0 | 1 }
  | { kind: 'rollback'; redemption: number }
  | { kind: 'issue'; count: number }
  | { kind: 'order'; customer: number; channel: 'web' | 'app'; store: 0 | 1 | null; at: number; total: number; code: number | null }
  | { kind: 'collect'; order: number; after: number }
  | { kind: 'zone'; zone: (typeof ZONES)[number] };

const ZONES = ['Europe/Chisinau', 'America/New_York', 'UTC'] as const;

const customer = fc.integer({ min: 0, max: 3 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('cart' as const), customer, channel: fc.constantFrom('web' as const, 'app' as const), skus: fc.subarray([...SKUS]), at: minute }),
  fc.record({ kind: fc.constant('favourite' as const), customer, sku: fc.constantFrom(...SKUS), channel: fc.constantFrom('web' as const, 'app' as const, 'store' as const), at: minute }),
  fc.record({ kind: fc.constant('unfavourite' as const), customer, sku: fc.constantFrom(...SKUS) }),
  fc.record({
    kind: fc.constant('touch' as const),
    customer: fc.option(customer),
    channel: fc.constantFrom('web' as const, 'app' as const, 'email' as const, 'stream' as const),
    campaign: fc.option(fc.integer({ min: 0, max: 1 })),
    at: minute,
  }),
  fc.record({
    kind: fc.constant('sale' as const),
    customer: fc.option(customer),
    store: fc.constantFrom(0 as const, 1 as const),
    origins: fc.array(fc.constantFrom(null, 'cart:web', 'cart:app', 'favourite'), { minLength: 1, maxLength: 3 }),
    at: minute,
    total: fc.integer({ min: 1, max: 100_000 }),
    // A code redeemed on it, sent before the sale as the till sends it.
    code: fc.option(fc.nat()),
  }),
  fc.record({ kind: fc.constant('redeem' as const), code: fc.nat(), sale: fc.option(fc.nat()), store: fc.constantFrom(0 as const, 1 as const) }),
  fc.record({ kind: fc.constant('rollback' as const), redemption: fc.nat() }),
  fc.record({ kind: fc.constant('issue' as const), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({
    kind: fc.constant('order' as const),
    customer,
    channel: fc.constantFrom('web' as const, 'app' as const),
    store: fc.constantFrom(null, 0 as const, 1 as const),
    at: minute,
    total: fc.integer({ min: 0, max: 100_000 }),
    // A code the shop redeemed for the order (under its ULID) before recording it.
    code: fc.option(fc.nat()),
  }),
  fc.record({ kind: fc.constant('collect' as const), order: fc.nat(), after: fc.integer({ min: 0, max: 3 * 24 * 60 }) }),
  fc.record({ kind: fc.constant('zone' as const), zone: fc.constantFrom(...ZONES) }),
);

/** The rollups as rows, zero rows left out (a count that went up and down again is no fact). */
async function rollupSnapshot(db: Db) {
  const q = async (sql: string) => (await db.query(sql)).rows;
  return {
    touches: await q(`SELECT day::text, channel, store_key, campaign_key, touches::int FROM analytics_touches WHERE touches <> 0 ORDER BY 1, 2, 3, 4`),
    reach: await q(`SELECT grain, dim, period::text, dim_value, store_key, sketch FROM analytics_reach ORDER BY 1, 2, 3, 4, 5`),
    codes: await q(`SELECT day::text, campaign_id, issued::int FROM analytics_codes WHERE issued <> 0 ORDER BY 1, 2`),
    redemptions: await q(
      `SELECT day::text, campaign_id, channel, store_key, currency, redemptions::int, discount_minor::int, sales::int, revenue_minor::int
       FROM analytics_redemptions WHERE (redemptions, discount_minor, sales, revenue_minor) <> (0, 0, 0, 0) ORDER BY 1, 2, 3, 4, 5`,
    ),
    sales: await q(`SELECT day::text, store_id, channel, currency, sales::int, revenue_minor::int FROM analytics_sales WHERE (sales, revenue_minor) <> (0, 0) ORDER BY 1, 2, 3, 4`),
    orders: await q(`SELECT day::text, store_key, channel, currency, orders::int, revenue_minor::int FROM analytics_orders ORDER BY 1, 2, 3, 4`),
    collected: await q(
      `SELECT day::text, campaign_id, store_id, currency, redemptions::int, discount_minor::int, revenue_minor::int
       FROM analytics_collected WHERE (redemptions, discount_minor, revenue_minor) <> (0, 0, 0) ORDER BY 1, 2, 3, 4`,
    ),
    paths: await q(`SELECT customer_id, iso(intent_at) AS intent_at, first_channel, first_campaign_key, store_key, days FROM analytics_paths ORDER BY 1`),
    pathDays: await q(`SELECT day::text, first_channel, first_campaign_key, store_key, days, customers::int FROM analytics_path_days WHERE customers <> 0 ORDER BY 1, 2, 3, 4, 5`),
  };
}

describe.each(allBackends())('analytics rollups on $name', (backend) => {
  let chain: TestChain;
  let customers: string[];
  const campaigns = ['an-email', 'an-stream'];
  const codes: string[] = [];
  const sales: { id: string; store: 0 | 1 }[] = [];
  const redemptions: string[] = [];
  /** Click-and-collect orders: customer, the shop's order id and when placed (minutes). */
  const collectable: { customer: string; orderId: string; at: number }[] = [];
  /** The earliest online cart line or favourite each customer ever had. */
  const firstIntent = new Map<string, string>();
  const favourites = new Set<string>();

  beforeAll(async () => {
    if (!backend.available) return;
    await backend.setUp();
    chain = await setUpChain(await backend.freshDb());
    await chain.db.query(`UPDATE central_meta SET value = 'Europe/Chisinau' WHERE key = 'time_zone'`);
    customers = [];
    for (let i = 0; i < 4; i++) {
      const r = await chain.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone: `+4072200000${i}`, name: `Customer ${i}` });
      customers.push(r.json.customer.id);
    }
    for (const [i, id] of campaigns.entries()) {
      await createCampaign(chain.db, {
        id,
        name: id,
        channel: i === 0 ? 'email' : 'stream',
        codeKind: 'unique',
        codePrefix: '',
        discountKind: 'percent',
        discountValue: 10,
        currency: null,
        startsAt: '2026-01-01T00:00:00.000Z',
        endsAt: '2030-01-01T00:00:00.000Z',
        offlineAllowed: true,
        offlineCapPerTill: 1000,
        rules: {},
      });
      // Codes from the start, so that orders and sales of short sequences redeem some.
      codes.push(...(await issueCodes(chain.db, id, { count: 10, expiresAt: null, customerId: null })).codes);
    }
  });
  afterAll(async () => {
    if (!backend.available) return;
    await chain?.app.close();
    await backend.tearDown();
  });

  const noteIntent = (customerId: string, channel: string, time: string) => {
    if (channel !== 'web' && channel !== 'app') return;
    const known = firstIntent.get(customerId);
    if (!known || time < known) firstIntent.set(customerId, time);
  };

  async function redeem(code: number, saleId: string, store: 0 | 1): Promise<void> {
    const [till, storeId, token] = store === 0 ? (['T1', 'S1', chain.t1] as const) : (['T2', 'S2', chain.t2] as const);
    const op = redeemOp(codes[code % codes.length]!, till, storeId);
    const payload = { ...op.payload, saleId };
    const r = await chain.call('POST', '/v1/sync/push', token, { ops: [{ ...op, payload }] });
    if (r.status >= 300) throw new Error(`redeem: ${r.status} ${r.body}`);
    if (r.json.results[0].result?.outcome === 'accepted') redemptions.push(payload.redemptionId);
  }

  async function apply(o: Op): Promise<void> {
    const ok = (r: { status: number; body: string }) => {
      if (r.status >= 300) throw new Error(`${o.kind}: ${r.status} ${r.body}`);
    };
    switch (o.kind) {
      case 'cart': {
        const id = customers[o.customer]!;
        const lines = o.skus.map((sku, i) => ({ sku, quantity: 1, priceSeenMinor: 500, currency: 'RON', addedAt: at(o.at + i) }));
        ok(await chain.call('PUT', `/v1/customers/${id}/carts/${o.channel}`, chain.channel, { lines }));
        for (const l of lines) noteIntent(id, o.channel, l.addedAt);
        return;
      }
      case 'favourite': {
        const id = customers[o.customer]!;
        ok(await chain.call('PUT', `/v1/customers/${id}/favourites/${o.sku}`, chain.channel, { channel: o.channel, addedAt: at(o.at) }));
        if (!favourites.has(`${id}/${o.sku}`)) noteIntent(id, o.channel, at(o.at));
        favourites.add(`${id}/${o.sku}`);
        return;
      }
      case 'unfavourite': {
        const id = customers[o.customer]!;
        ok(await chain.call('DELETE', `/v1/customers/${id}/favourites/${o.sku}`, chain.channel));
        favourites.delete(`${id}/${o.sku}`);
        return;
      }
      case 'touch':
        ok(
          await chain.call('POST', '/v1/touchpoints', chain.channel, {
            touchpointId: newId(),
            channel: o.channel,
            kind: 'visit',
            customerId: o.customer === null ? null : customers[o.customer],
            campaignId: o.campaign === null ? null : campaigns[o.campaign],
            saleId: null,
            occurredAt: at(o.at),
          }),
        );
        return;
      case 'sale': {
        const [till, store, token] = o.store === 0 ? (['T1', 'S1', chain.t1] as const) : (['T2', 'S2', chain.t2] as const);
        const sale = saleOp(till, store, { customerId: o.customer === null ? null : customers[o.customer], total: o.total });
        const line = sale.payload.lines[0]!;
        const lines = o.origins.map((origin, i) => ({ ...line, lineId: newId(), position: i + 1, sku: SKUS[i]!, origin }));
        const payload = { ...sale.payload, currency: store === 'S1' ? 'RON' : 'MDL', country: store === 'S1' ? 'RO' : 'MD', completedAt: at(o.at), openedAt: at(o.at), lines };
        if (o.code !== null && codes.length > 0) await redeem(o.code, payload.saleId, o.store);
        const r = await chain.call('POST', '/v1/sync/push', token, { ops: [{ ...sale, payload }] });
        ok(r);
        expect(r.json.results[0].status).toBe('applied');
        sales.push({ id: payload.saleId, store: o.store });
        return;
      }
      case 'redeem': {
        if (codes.length === 0) return;
        const target = o.sale === null || sales.length === 0 ? null : sales[o.sale % sales.length]!;
        await redeem(o.code, target ? target.id : newId(), target ? target.store : o.store);
        return;
      }
      case 'rollback':
        if (redemptions.length === 0) return;
        await chain.db.query(`UPDATE redemptions SET rolled_back_at = now() WHERE id = $1 AND rolled_back_at IS NULL`, [redemptions[o.redemption % redemptions.length]]);
        return;
      case 'issue':
        codes.push(...(await issueCodes(chain.db, campaigns[o.count % 2]!, { count: o.count, expiresAt: null, customerId: null })).codes);
        return;
      case 'order': {
        const id = customers[o.customer]!;
        const placedAt = at(o.at);
        const orderId = newId();
        const saleId = newId();
        let promo: { saleId: string; codes: { code: string; discountMinor: number }[] } | undefined;
        if (o.code !== null && codes.length > 0) {
          const code = codes[o.code % codes.length]!;
          const r = await chain.call('POST', '/v1/promo/redeem', chain.channel, { redemptionId: newId(), code, saleId, discountMinor: 100, currency: 'RON', redeemedAt: placedAt, channel: o.channel });
          ok(r);
          if (r.json.redeemed) {
            redemptions.push(r.json.redemptionId);
            promo = { saleId, codes: [{ code, discountMinor: 100 }] };
          }
        }
        const r = await chain.call('POST', `/v1/customers/${id}/orders`, chain.channel, {
          orderId,
          channel: o.channel,
          placedAt,
          currency: 'RON',
          totalMinor: o.total,
          lines: [{ sku: 'A', quantity: 1, priceMinor: o.total }],
          storeId: o.store === null ? null : `S${o.store + 1}`,
          ...(promo ? { promo } : {}),
        });
        ok(r);
        if (promo) expect(r.json.codes).toHaveLength(1);
        if (o.store !== null) collectable.push({ customer: id, orderId, at: o.at });
        noteIntent(id, o.channel, placedAt);
        return;
      }
      case 'collect': {
        if (collectable.length === 0) return;
        const c = collectable[o.order % collectable.length]!;
        ok(await chain.call('POST', `/v1/customers/${c.customer}/orders/${c.orderId}/collected`, chain.channel, { collectedAt: at(c.at + o.after) }));
        return;
      }
      case 'zone':
        await chain.db.query(`UPDATE central_meta SET value = $1 WHERE key = 'time_zone'`, [o.zone]);
        return;
    }
  }

  it.skipIf(!backend.available)('equal a full recomputation after random sequences of writes', async () => {
    // A later sequence may roll the collected order's code back, so this one is checked as it goes.
    let collectedSeen = false;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        for (const o of ops) await apply(o);
        const kept = await rollupSnapshot(chain.db);
        collectedSeen ||= kept.collected.length > 0;
        await chain.db.query(`SELECT analytics_rebuild()`);
        expect(kept).toEqual(await rollupSnapshot(chain.db));
        const { rows } = await chain.db.query<{ customer_id: string; first_at: string }>(`SELECT customer_id, iso(first_at) AS first_at FROM analytics_intents ORDER BY 1`);
        expect(Object.fromEntries(rows.map((r) => [r.customer_id, r.first_at]))).toEqual(Object.fromEntries([...firstIntent].sort()));
      }),
      {
        numRuns: backend.name === 'pglite' ? 25 : 12,
        // Random sequences rarely place a coded pick-up order and then collect it (or roll its code back): these always do.
        examples: [
          [
            [
              { kind: 'issue', count: 2 },
              { kind: 'order', customer: 0, channel: 'web', store: 0, at: 600, total: 5_000, code: 0 },
              { kind: 'collect', order: 0, after: 60 },
            ],
          ],
          // After it (its order and redemption first in the lists): another one collected, then its code rolled back.
          [
            [
              { kind: 'issue', count: 2 },
              { kind: 'order', customer: 1, channel: 'app', store: 1, at: 900, total: 3_000, code: 1 },
              { kind: 'collect', order: 1, after: 30 },
              { kind: 'rollback', redemption: 1 },
            ],
          ],
        ],
      },
    );
    // The sequences did reach every rollup.
    const seen = await rollupSnapshot(chain.db);
    for (const [name, rows] of Object.entries(seen)) if (name !== 'collected') expect(rows.length, name).toBeGreaterThan(0);
    expect(collectedSeen, 'codes collected in a store').toBe(true);
    const { rows: reached } = await chain.db.query<{ coded: number; collected: number }>(
      `SELECT count(*) FILTER (WHERE sale_id IS NOT NULL)::int AS coded, count(collected_at)::int AS collected FROM online_orders`,
    );
    expect(reached[0]!.coded, 'orders naming their codes').toBeGreaterThan(0);
    expect(reached[0]!.collected, 'orders collected').toBeGreaterThan(0);
  }, 240_000);
});
