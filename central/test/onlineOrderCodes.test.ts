import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../core/ids.js';
import { createCampaign, issueCodes } from '../src/campaigns.js';
import { parseCsv } from '../src/csv.js';
import { allBackends } from './support/backends.js';
import { ADMIN_KEY, redeemOp, saleOp, setUpChain, type TestChain } from './support/chain.js';
import { consoleAccounts, consoleCall, type Session } from './support/console.js';

/**
 * An online order names the codes it redeemed (the ULID the shop reserved and redeemed them under),
 * checked against the redemption ledger, so the campaign report counts web and app redemptions with
 * the revenue of their orders, by channel; and a click-and-collect order, once collected, counts on
 * the online-to-store path as bought in its store on the day collected, its revenue still the
 * order's channel's.
 */
describe.each(allBackends())('online orders with codes and collection on $name', (backend) => {
  let chain: TestChain;
  let marketer: Session;
  let storeManager: Session;
  let ulyana: string;
  let doina: string;
  let codes: string[];
  const PERIOD = 'from=2026-11-01&to=2026-11-30';
  const campaigns = (as?: Session) => consoleCall(chain, 'GET', `/console/api/analytics/campaigns?${PERIOD}&currency=RON`, as ?? marketer);
  const path = () => consoleCall(chain, 'GET', `/console/api/analytics/path?${PERIOD}&windowDays=7`, marketer);
  const channels = () => consoleCall(chain, 'GET', `/console/api/analytics/channels?${PERIOD}&currency=RON`, marketer);

  beforeAll(async () => {
    if (!backend.available) return;
    await backend.setUp();
    chain = await setUpChain(await backend.freshDb());
    ({ marketer, store_manager: storeManager } = await consoleAccounts(chain));
    const customer = async (phone: string, name: string) => (await chain.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone, name })).json.customer.id as string;
    ulyana = await customer('+40722000201', 'Ulyana');
    doina = await customer('+40722000202', 'Doina');
    await createCampaign(chain.db, {
      id: 'nov-web',
      name: 'November web',
      channel: 'email',
      codeKind: 'unique',
      codePrefix: '',
      discountKind: 'percent',
      discountValue: 10,
      currency: null,
      startsAt: '2026-11-01T00:00:00.000Z',
      endsAt: '2027-06-01T00:00:00.000Z',
      offlineAllowed: false,
      offlineCapPerTill: 0,
      rules: {},
    });
    codes = (await issueCodes(chain.db, 'nov-web', { count: 11, expiresAt: null, customerId: null })).codes;
  });
  afterAll(async () => {
    if (!backend.available) return;
    await chain?.app.close();
    await backend.tearDown();
  });

  const redeem = async (code: string, saleId: string, channel: 'web' | 'app', discountMinor: number, redeemedAt: string) => {
    const reserved = await chain.call('POST', '/v1/promo/reserve', chain.channel, { code, saleId });
    expect(reserved.json.reserved, reserved.body).toBe(true);
    const r = await chain.call('POST', '/v1/promo/redeem', chain.channel, { redemptionId: newId(), code, saleId, discountMinor, currency: 'RON', redeemedAt, channel });
    expect(r.json.redeemed, r.body).toBe(true);
  };
  const order = (customerId: string, body: Record<string, unknown>) =>
    chain.call('POST', `/v1/customers/${customerId}/orders`, chain.channel, {
      channel: 'web',
      currency: 'RON',
      placedAt: '2026-11-10T10:00:00.000Z',
      totalMinor: 18000,
      lines: [{ sku: 'BAG', quantity: 1, priceMinor: 18000 }],
      ...body,
    });
  const orderCount = async () => Number((await chain.db.query<{ n: string }>(`SELECT count(*) AS n FROM online_orders`)).rows[0]!.n);
  const rollupsMatchRebuild = async () => {
    const snap = async () => ({
      redemptions: (await chain.db.query(`SELECT * FROM analytics_redemptions WHERE (redemptions, sales, revenue_minor) <> (0, 0, 0) ORDER BY 1, 2, 3, 4, 5`)).rows,
      collected: (await chain.db.query(`SELECT * FROM analytics_collected WHERE (redemptions, discount_minor, revenue_minor) <> (0, 0, 0) ORDER BY 1, 2, 3, 4`)).rows,
    });
    const kept = await snap();
    await chain.db.query(`SELECT analytics_rebuild()`);
    expect(kept).toEqual(await snap());
  };

  describe.skipIf(!backend.available)('codes on an order', () => {
    it('a web order and an app order with their codes: the campaign counts their redemptions and revenue by channel', async () => {
      const web = newId();
      await redeem(codes[0]!, web, 'web', 2000, '2026-11-10T10:00:00.000Z');
      const recorded = await order(doina, { orderId: 'W-10', promo: { saleId: web, codes: [{ code: codes[0], discountMinor: 2000 }] } });
      expect(recorded.status, recorded.body).toBe(200);
      expect(recorded.json).toMatchObject({ recorded: true, fulfilment: 'delivery', collectedAt: null, codes: [{ code: codes[0], campaignId: 'nov-web', discountMinor: 2000 }] });
      const app = newId();
      await redeem(codes[1]!, app, 'app', 500, '2026-11-11T09:00:00.000Z');
      const appOrder = await order(ulyana, { orderId: 'A-10', channel: 'app', totalMinor: 4500, placedAt: '2026-11-11T09:00:00.000Z', promo: { saleId: app, codes: [{ code: codes[1], discountMinor: 500 }] } });
      expect(appOrder.status, appOrder.body).toBe(200);

      const row = (await campaigns()).json.report[0];
      expect(row).toMatchObject({ campaignId: 'nov-web', redemptions: 2, discountMinor: 2500, sales: 2, revenueMinor: 22500, averageBasketMinor: 11250 });
      expect(row.byChannel).toEqual([
        { channel: 'store', redemptions: 0, discountMinor: 0, sales: 0, revenueMinor: 0 },
        { channel: 'web', redemptions: 1, discountMinor: 2000, sales: 1, revenueMinor: 18000 },
        { channel: 'app', redemptions: 1, discountMinor: 500, sales: 1, revenueMinor: 4500 },
      ]);
      const csv = await consoleCall(chain, 'GET', `/console/api/analytics/export/campaigns?${PERIOD}&currency=RON`, marketer);
      expect(parseCsv(csv.body)[1]!.slice(-6)).toEqual(['0', '0', '1', '18000', '1', '4500']);
      await rollupsMatchRebuild();
    });

    it('a retry answers the first order; the profile timeline shows the code used on the web order', async () => {
      const again = await order(doina, { orderId: 'W-10', totalMinor: 1 });
      expect(again.json).toMatchObject({ recorded: false, order: { orderRef: 'W-10', totalMinor: 18000 }, codes: [{ code: codes[0] }] });
      const profile = await consoleCall(chain, 'GET', `/console/api/customers/${doina}`, marketer);
      expect(profile.json.timeline).toContainEqual(
        expect.objectContaining({ kind: 'code_redeemed', channel: 'web', campaign: 'November web', code: codes[0], amountMinor: 2000, currency: 'RON', till: null }),
      );
    });

    it('an order cannot claim a code it did not redeem, hide one, change its discount or take another order’s', async () => {
      const before = await orderCount();
      const sale = newId();
      await redeem(codes[2]!, sale, 'web', 1000, '2026-11-12T10:00:00.000Z');
      const claims: [Record<string, unknown>, number, RegExp][] = [
        // Never redeemed under this ULID.
        [{ saleId: sale, codes: [{ code: codes[2], discountMinor: 1000 }, { code: codes[3], discountMinor: 1000 }] }, 409, /not redeemed/],
        [{ saleId: newId(), codes: [{ code: codes[2], discountMinor: 1000 }] }, 409, /not redeemed/],
        // Another discount than redeemed.
        [{ saleId: sale, codes: [{ code: codes[2], discountMinor: 9000 }] }, 409, /discount of 1000 RON/],
        // Listed twice.
        [{ saleId: sale, codes: [{ code: codes[2], discountMinor: 1000 }, { code: codes[2], discountMinor: 1000 }] }, 400, /listed twice/],
        // The codes of order W-10.
        [{ saleId: (await chain.db.query<{ sale_id: string }>(`SELECT sale_id FROM online_orders WHERE order_ref = 'W-10'`)).rows[0]!.sale_id, codes: [{ code: codes[0], discountMinor: 2000 }] }, 409, /belong to order W-10/],
      ];
      for (const [promo, status, message] of claims) {
        const r = await order(doina, { orderId: `BAD-${newId()}`, promo });
        expect(r.status, r.body).toBe(status);
        expect(r.json.error.message).toMatch(message);
      }
      // Redeemed for the web shop, claimed by an app order.
      const app = await order(doina, { orderId: 'BAD-APP', channel: 'app', promo: { saleId: sale, codes: [{ code: codes[2], discountMinor: 1000 }] } });
      expect(app.status).toBe(409);
      expect(app.json.error.message).toMatch(/web channel, not app/);
      // A second code under the same ULID, which the order leaves out.
      await redeem(codes[3]!, sale, 'web', 300, '2026-11-12T10:01:00.000Z');
      const hidden = await order(doina, { orderId: 'BAD-HIDE', promo: { saleId: sale, codes: [{ code: codes[2], discountMinor: 1000 }] } });
      expect(hidden.status).toBe(409);
      expect(hidden.json.error.message).toMatch(new RegExp(`${codes[3]} was redeemed .* does not list it`));
      // A till's sale is no order's.
      const till = saleOp('T1', 'S1', { total: 5000 });
      const tillRedeem = await chain.call('POST', '/v1/till/promo/reserve', chain.t1, { code: codes[4], saleId: till.payload.saleId });
      expect(tillRedeem.json.reserved).toBe(true);
      const op = redeemOp(codes[4]!, 'T1', 'S1');
      await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [{ ...op, payload: { ...op.payload, saleId: till.payload.saleId, redeemedAt: '2026-11-12T11:00:00.000Z' } }] });
      const tillClaim = await order(doina, { orderId: 'BAD-TILL', promo: { saleId: till.payload.saleId, codes: [{ code: codes[4], discountMinor: op.payload.discountMinor }] } });
      expect(tillClaim.status).toBe(400);
      expect(tillClaim.json.error.message).toMatch(/till's sale/);
      expect(await orderCount()).toBe(before);
      // Both codes listed: recorded.
      const whole = await order(doina, { orderId: 'W-12', promo: { saleId: sale, codes: [{ code: codes[3], discountMinor: 300 }, { code: codes[2], discountMinor: 1000 }] } });
      expect(whole.status, whole.body).toBe(200);
      expect(whole.json.codes.map((c: { code: string }) => c.code)).toEqual([codes[2], codes[3]].sort());
    });

    it('a redemption rolled back after its order leaves the campaign’s revenue with the rollups equal to a rebuild', async () => {
      const before = (await campaigns()).json.report[0].byChannel.find((c: { channel: string }) => c.channel === 'web');
      await chain.db.query(`UPDATE redemptions SET rolled_back_at = now() WHERE code = $1`, [codes[0]]);
      const after = (await campaigns()).json.report[0].byChannel.find((c: { channel: string }) => c.channel === 'web');
      expect(after).toEqual({ ...before, redemptions: before.redemptions - 1, discountMinor: before.discountMinor - 2000, sales: before.sales - 1, revenueMinor: before.revenueMinor - 18000 });
      await rollupsMatchRebuild();
    });

    it('a client redeems only for its own channels', async () => {
      const limited = (await chain.call('POST', '/v1/admin/channel-clients', ADMIN_KEY, { name: 'app only', channels: ['app'] })).json.key as string;
      const saleId = newId();
      const r = await chain.call('POST', '/v1/promo/redeem', limited, { redemptionId: newId(), code: codes[5], saleId, discountMinor: 1, currency: 'RON', redeemedAt: '2026-11-12T10:00:00.000Z', channel: 'web' });
      expect(r.status).toBe(403);
      expect((await chain.db.query(`SELECT 1 FROM redemptions WHERE sale_id = $1`, [saleId])).rowCount).toBe(0);
    });
  });

  describe.skipIf(!backend.available)('click and collect', () => {
    it('refuses a delivery with a store and a collection with none', async () => {
      const before = await orderCount();
      const delivery = await order(ulyana, { orderId: 'BAD-D', fulfilment: 'delivery', storeId: 'S1' });
      expect(delivery.status).toBe(400);
      expect(delivery.json.error.message).toMatch(/delivery is collected in no store/);
      const collect = await order(ulyana, { orderId: 'BAD-C', fulfilment: 'collect' });
      expect(collect.status).toBe(400);
      expect(collect.json.error.message).toMatch(/needs storeId/);
      expect(await orderCount()).toBe(before);
    });

    it('collected, it counts on the path as bought in its store on the day collected, and its revenue once, as the web’s', async () => {
      const customer = (await chain.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone: '+40722000203', name: 'Ana' })).json.customer.id as string;
      const placed = await order(customer, { orderId: 'C-1', fulfilment: 'collect', storeId: 'S1', placedAt: '2026-11-20T08:00:00.000Z', totalMinor: 7000 });
      expect(placed.status, placed.body).toBe(200);
      expect(placed.json).toMatchObject({ fulfilment: 'collect', collectedAt: null, order: { storeId: 'S1' } });
      const pathBefore = (await path()).json.report;
      const webBefore = (await channels()).json.report.find((c: { channel: string }) => c.channel === 'web');
      const storeSalesBefore = (await channels()).json.report.find((c: { channel: string }) => c.channel === 'store')?.sales ?? 0;
      const mine = async () => (await chain.db.query(`SELECT store_key, days FROM analytics_paths WHERE customer_id = $1`, [customer])).rows[0];
      expect(await mine()).toEqual({ store_key: '', days: -1 });

      const url = `/v1/customers/${customer}/orders/C-1/collected`;
      const early = await chain.call('POST', url, chain.channel, { collectedAt: '2026-11-19T08:00:00.000Z' });
      expect(early.status).toBe(400);
      expect(early.json.error.message).toMatch(/before it was placed/);
      const collected = await chain.call('POST', url, chain.channel, { collectedAt: '2026-11-22T17:30:00.000Z' });
      expect(collected.status, collected.body).toBe(200);
      expect(collected.json).toMatchObject({ recorded: true, collectedAt: '2026-11-22T17:30:00.000Z' });
      // Two days and a half after the order: bought in store one, 2 days after the intent.
      expect(await mine()).toEqual({ store_key: 'S1', days: 2 });
      const pathAfter = (await path()).json.report;
      expect(pathAfter.total.converted).toBe(pathBefore.total.converted + 1);
      expect(pathAfter.byStore.find((s: { key: string }) => s.key === 'S1').converted).toBe((pathBefore.byStore.find((s: { key: string }) => s.key === 'S1')?.converted ?? 0) + 1);
      // The channel report is unchanged: the order is the web's sale once, and no store sale.
      const now = (await channels()).json.report;
      expect(now.find((c: { channel: string }) => c.channel === 'web')).toEqual(webBefore);
      expect(now.find((c: { channel: string }) => c.channel === 'store')?.sales ?? 0).toBe(storeSalesBefore);
      // Once: a second collection answers the first.
      const again = await chain.call('POST', url, chain.channel, { collectedAt: '2026-11-25T10:00:00.000Z' });
      expect(again.json).toMatchObject({ recorded: false, collectedAt: '2026-11-22T17:30:00.000Z' });
      // On her timeline, with the store.
      const profile = await consoleCall(chain, 'GET', `/console/api/customers/${customer}`, marketer);
      expect(profile.json.timeline).toContainEqual(expect.objectContaining({ kind: 'order_collected', store: 'Store one', amountMinor: 7000, at: '2026-11-22T17:30:00.000Z' }));
      const kept = (await chain.db.query(`SELECT * FROM analytics_path_days WHERE customers <> 0 ORDER BY 1, 2, 3, 4, 5`)).rows;
      await chain.db.query(`SELECT analytics_rebuild()`);
      expect((await chain.db.query(`SELECT * FROM analytics_path_days WHERE customers <> 0 ORDER BY 1, 2, 3, 4, 5`)).rows).toEqual(kept);
    });

    it('refuses to collect a delivery, or an order that is not hers', async () => {
      const delivery = await chain.call('POST', `/v1/customers/${doina}/orders/W-10/collected`, chain.channel, { collectedAt: '2026-11-22T17:30:00.000Z' });
      expect(delivery.status).toBe(400);
      expect(delivery.json.error.message).toMatch(/is a delivery/);
      const notHers = await chain.call('POST', `/v1/customers/${ulyana}/orders/W-10/collected`, chain.channel, { collectedAt: '2026-11-22T17:30:00.000Z' });
      expect(notHers.status).toBe(404);
      expect((await chain.db.query(`SELECT count(*)::int AS n FROM online_orders WHERE collected_at IS NOT NULL`)).rows[0]).toEqual({ n: 1 });
    });

    it('coded orders collected in a store: the campaign report shows them by pick-up store, to its store manager too; the channel figures do not move', async () => {
      const customer = (await chain.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone: '+40722000204', name: 'Elena' })).json.customer.id as string;
      const coded = async (orderId: string, storeId: string, code: string, totalMinor: number, discountMinor: number) => {
        const saleId = newId();
        await redeem(code, saleId, 'web', discountMinor, '2026-11-12T10:00:00.000Z');
        const r = await order(customer, { orderId, fulfilment: 'collect', storeId, placedAt: '2026-11-12T10:00:00.000Z', totalMinor, promo: { saleId, codes: [{ code, discountMinor }] } });
        expect(r.status, r.body).toBe(200);
      };
      await coded('C-S1', 'S1', codes[8]!, 9000, 900);
      await coded('C-S2', 'S2', codes[9]!, 3000, 300);
      await coded('C-S1-later', 'S1', codes[10]!, 1000, 100);
      const mine = async () => (await campaigns(storeManager)).json.report.find((c: { campaignId: string }) => c.campaignId === 'nov-web');
      const all = async () => (await campaigns()).json.report.find((c: { campaignId: string }) => c.campaignId === 'nov-web');
      const [mineBefore, allBefore] = [await mine(), await all()];
      // Ordered online, not yet collected: nothing collected in anyone's stores.
      expect(mineBefore.collected).toEqual([]);
      expect(allBefore.collected).toEqual([]);

      const collect = async (orderId: string, collectedAt: string) => {
        const r = await chain.call('POST', `/v1/customers/${customer}/orders/${orderId}/collected`, chain.channel, { collectedAt });
        expect(r.status, r.body).toBe(200);
      };
      await collect('C-S1', '2026-11-13T09:00:00.000Z');
      await collect('C-S2', '2026-11-14T09:00:00.000Z');
      const [mineAfter, allAfter] = [await mine(), await all()];
      expect(mineAfter.collected).toEqual([{ storeId: 'S1', store: 'Store one', orders: 1, discountMinor: 900, revenueMinor: 9000 }]);
      expect(allAfter.collected).toEqual([
        { storeId: 'S1', store: 'Store one', orders: 1, discountMinor: 900, revenueMinor: 9000 },
        { storeId: 'S2', store: 'Store two', orders: 1, discountMinor: 300, revenueMinor: 3000 },
      ]);
      // The orders stay the web's: no channel figure moved with the collections.
      const { collected: _mine, ...mineRest } = mineAfter;
      const { collected: _mineWas, ...mineRestBefore } = mineBefore;
      expect(mineRest).toEqual(mineRestBefore);
      const { collected: _all, ...allRest } = allAfter;
      const { collected: _allWas, ...allRestBefore } = allBefore;
      expect(allRest).toEqual(allRestBefore);
      // Outside the period (collected in December): not in November's figure.
      await collect('C-S1-later', '2026-12-02T09:00:00.000Z');
      expect((await mine()).collected).toEqual(mineAfter.collected);
      // A collected order's code rolled back leaves it: the rollup follows, and equals a rebuild.
      await chain.db.query(`UPDATE redemptions SET rolled_back_at = now() WHERE code = $1`, [codes[9]]);
      expect((await all()).collected).toEqual([{ storeId: 'S1', store: 'Store one', orders: 1, discountMinor: 900, revenueMinor: 9000 }]);
      await rollupsMatchRebuild();
    });
  });
});
