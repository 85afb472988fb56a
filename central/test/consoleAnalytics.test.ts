import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../core/ids.js';
import { createCampaign, issueCodes } from '../src/campaigns.js';
import { parseCsv } from '../src/csv.js';
import { allBackends } from './support/backends.js';
import { redeemOp, saleOp, setUpChain, type TestChain } from './support/chain.js';
import { consoleAccounts, consoleCall, type Session } from './support/console.js';

/**
 * The analytics reports through the console API: one small chain whose figures are known by
 * hand (two customers, an e-mail campaign, carts and sales in two stores), the CSV exports, the
 * store manager's scope and the refusals of bad input.
 */
describe.each(allBackends())('console analytics on $name', (backend) => {
  let chain: TestChain;
  let sessions: Record<'it_admin' | 'marketer' | 'store_manager', Session>;
  let ulyana: string;
  let doina: string;
  const PERIOD = 'from=2026-11-01&to=2026-11-30';

  const get = (path: string, as: Session = sessions.marketer) => consoleCall(chain, 'GET', `/console/api/analytics/${path}`, as);

  beforeAll(async () => {
    if (!backend.available) return;
    await backend.setUp();
    chain = await setUpChain(await backend.freshDb());
    sessions = await consoleAccounts(chain);
    const customer = async (phone: string, name: string) => (await chain.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone, name })).json.customer.id as string;
    ulyana = await customer('+40722000101', 'Ulyana');
    doina = await customer('+40722000102', 'Doina');
    await createCampaign(chain.db, {
      id: 'nov-email',
      name: 'November e-mail',
      channel: 'email',
      codeKind: 'unique',
      codePrefix: '',
      discountKind: 'percent',
      discountValue: 10,
      currency: null,
      startsAt: '2026-11-01T00:00:00.000Z',
      endsAt: '2026-12-01T00:00:00.000Z',
      offlineAllowed: false,
      offlineCapPerTill: 0,
      rules: {},
    });
    const { codes } = await issueCodes(chain.db, 'nov-email', { count: 5, expiresAt: null, customerId: null });
    await chain.db.query(`UPDATE promo_codes SET issued_at = '2026-11-02T09:00:00Z' WHERE campaign_id = 'nov-email'`);
    await chain.db.query(`SELECT analytics_rebuild()`);
    const touch = (customerId: string, channel: string, occurredAt: string, campaignId: string | null = null) =>
      chain.call('POST', '/v1/touchpoints', chain.channel, { touchpointId: newId(), channel, kind: 'visit', customerId, campaignId, saleId: null, occurredAt });
    // Both got the e-mail; Ulyana then filled her web cart and bought it in store one two days later.
    await touch(ulyana, 'email', '2026-11-02T10:00:00.000Z', 'nov-email');
    await touch(doina, 'email', '2026-11-02T10:05:00.000Z', 'nov-email');
    await touch(doina, 'web', '2026-11-03T08:00:00.000Z');
    await chain.call('PUT', `/v1/customers/${ulyana}/carts/web`, chain.channel, { lines: [{ sku: 'SNEAKER', quantity: 1, priceSeenMinor: 50000, currency: 'RON', addedAt: '2026-11-03T12:00:00.000Z' }] });
    await chain.call('PUT', `/v1/customers/${doina}/favourites/BAG`, chain.channel, { channel: 'app', addedAt: '2026-11-04T12:00:00.000Z' });
    const sale = saleOp('T1', 'S1', { customerId: ulyana, total: 45000 });
    const bought = { ...sale, payload: { ...sale.payload, completedAt: '2026-11-05T13:00:00.000Z', lines: sale.payload.lines.map((l) => ({ ...l, sku: 'SNEAKER', origin: 'cart:web' })) } };
    const redeem = redeemOp(codes[0]!, 'T1', 'S1');
    const redeemed = { ...redeem, payload: { ...redeem.payload, saleId: sale.payload.saleId, redeemedAt: '2026-11-05T13:00:00.000Z', discountMinor: 5000 } };
    const pushed = await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [bought, redeemed] });
    expect(pushed.json.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);
    // A plain sale in store two (Moldova, in lei of Moldova), no customer.
    const other = saleOp('T2', 'S2', { total: 9900 });
    await chain.call('POST', '/v1/sync/push', chain.t2, { ops: [{ ...other, payload: { ...other.payload, currency: 'MDL', country: 'MD', completedAt: '2026-11-06T09:00:00.000Z' } }] });
    // Doina ordered on the web shop; Ulyana ordered in the app and collects it in store one.
    expect((await order(doina, { orderId: 'W-1', channel: 'web', placedAt: '2026-11-07T10:00:00.000Z', totalMinor: 12000 })).status).toBe(200);
    expect((await order(ulyana, { orderId: 'A-1', channel: 'app', placedAt: '2026-11-08T10:00:00.000Z', totalMinor: 8000, storeId: 'S1' })).status).toBe(200);
  });

  const order = (customerId: string, o: { orderId: string; channel: 'web' | 'app'; placedAt: string; totalMinor: number; storeId?: string }) =>
    chain.call('POST', `/v1/customers/${customerId}/orders`, chain.channel, { ...o, currency: 'RON', lines: [{ sku: 'BAG', quantity: 1, priceMinor: o.totalMinor }] });
  afterAll(async () => {
    if (!backend.available) return;
    await chain?.app.close();
    await backend.tearDown();
  });

  describe.skipIf(!backend.available)('reports', () => {
    it('per channel: touches, reach, codes, redemptions, the sales a cart brought, revenue, basket', async () => {
      const r = await get(`channels?${PERIOD}&currency=RON`);
      expect(r.status).toBe(200);
      expect(r.json.scope).toEqual({ from: '2026-11-01', to: '2026-11-30', timeZone: 'UTC', stores: null, currency: 'RON' });
      const row = (channel: string) => r.json.report.find((x: { channel: string }) => x.channel === channel);
      // Her purchase redeemed the e-mail's code, so it is the e-mail's sale as well as her web cart's.
      expect(row('email')).toMatchObject({ touches: 2, reach: 2, codesIssued: 5, redemptions: 1, discountMinor: 5000, sales: 1, onlineOrders: 0, revenueMinor: 45000 });
      // The web's sales: the store sale her web cart brought, and Doina's web order.
      expect(row('web')).toMatchObject({ touches: 1, reach: 1, sales: 2, onlineOrders: 1, revenueMinor: 57000, averageBasketMinor: 28500 });
      expect(row('app')).toMatchObject({ touches: 0, sales: 1, onlineOrders: 1, revenueMinor: 8000, averageBasketMinor: 8000 });
      // Her purchase and code redeemed at the till, and store two's sale are the store's touches; only her purchase names a customer.
      expect(row('store')).toMatchObject({ touches: 3, reach: 1, sales: 0 });
      // In lei of Moldova, the plain sale of store two is the store channel's.
      const mdl = await get(`channels?${PERIOD}&currency=MDL`);
      expect(mdl.json.report.find((x: { channel: string }) => x.channel === 'store')).toMatchObject({ sales: 1, revenueMinor: 9900 });
    });

    it('per campaign: reach, codes, redemptions and the revenue of the sales that redeemed', async () => {
      const r = await get(`campaigns?${PERIOD}&currency=RON`);
      expect(r.json.report).toEqual([
        {
          campaignId: 'nov-email',
          name: 'November e-mail',
          names: null,
          channel: 'email',
          touches: 3,
          reach: 2,
          codesIssued: 5,
          redemptions: 1,
          discountMinor: 5000,
          sales: 1,
          revenueMinor: 45000,
          averageBasketMinor: 45000,
          byChannel: [
            { channel: 'store', redemptions: 1, discountMinor: 5000, sales: 1, revenueMinor: 45000 },
            { channel: 'web', redemptions: 0, discountMinor: 0, sales: 0, revenueMinor: 0 },
            { channel: 'app', redemptions: 0, discountMinor: 0, sales: 0, revenueMinor: 0 },
          ],
          // No click-and-collect order with its codes was collected.
          collected: [],
        },
      ]);
      expect((await get(`campaigns?${PERIOD}&currency=RON&campaignId=nov-email`)).json.report).toEqual(r.json.report);
    });

    it('online to store: conversion within N days, median days, by first channel, campaign, store and day', async () => {
      const r = await get(`path?${PERIOD}&windowDays=7`);
      const p = r.json.report;
      expect(p.total).toEqual({ key: '*', customers: 2, converted: 1, conversion: 0.5, medianDays: 2 });
      // Both were first touched by the e-mail, before their cart or favourite.
      expect(p.byChannel).toEqual([{ key: 'email', customers: 2, converted: 1, conversion: 0.5, medianDays: 2 }]);
      expect(p.byCampaign).toEqual([{ key: 'nov-email', name: 'November e-mail', customers: 2, converted: 1, conversion: 0.5, medianDays: 2 }]);
      expect(p.byStore).toEqual([{ key: 'S1', name: 'Store one', converted: 1, medianDays: 2 }]);
      expect(p.byDay).toHaveLength(30);
      expect(p.byDay.find((d: { day: string }) => d.day === '2026-11-03')).toEqual({ day: '2026-11-03', customers: 1, converted: 1 });
      // Within one day she had not bought yet.
      expect((await get(`path?${PERIOD}&windowDays=1`)).json.report.total.converted).toBe(0);
    });

    it('by day and by store', async () => {
      const r = await get(`daily?${PERIOD}&currency=RON`);
      const day = (d: string) => r.json.report.days.find((x: { day: string }) => x.day === d);
      expect(day('2026-11-05')).toEqual({ day: '2026-11-05', touches: 2, redemptions: 1, sales: 1, onlineOrders: 0, revenueMinor: 45000, averageBasketMinor: 45000 });
      expect(day('2026-11-07')).toEqual({ day: '2026-11-07', touches: 0, redemptions: 0, sales: 1, onlineOrders: 1, revenueMinor: 12000, averageBasketMinor: 12000 });
      // The app order collected in store one is that store's.
      expect(r.json.report.stores).toEqual([
        { storeId: 'S1', name: 'Store one', redemptions: 1, sales: 2, onlineOrders: 1, revenueMinor: 53000, averageBasketMinor: 26500 },
        { storeId: 'S2', name: 'Store two', redemptions: 0, sales: 0, onlineOrders: 0, revenueMinor: 0, averageBasketMinor: null },
      ]);
    });

    it('a report read after a push already counts it: the rollups move in the push', async () => {
      const before = (await get(`daily?${PERIOD}&currency=MDL`)).json.report.stores.find((s: { storeId: string }) => s.storeId === 'S2').sales;
      const sale = saleOp('T2', 'S2', { total: 100 });
      await chain.call('POST', '/v1/sync/push', chain.t2, { ops: [{ ...sale, payload: { ...sale.payload, currency: 'MDL', completedAt: '2026-11-20T09:00:00.000Z' } }] });
      const after = (await get(`daily?${PERIOD}&currency=MDL`)).json.report.stores.find((s: { storeId: string }) => s.storeId === 'S2').sales;
      expect(after).toBe(before + 1);
    });

    it('exports every report as CSV with the same figures', async () => {
      const channels = await get(`export/channels?${PERIOD}&currency=RON`);
      expect(channels.status).toBe(200);
      expect(channels.headers['content-type']).toMatch(/^text\/csv/);
      expect(channels.headers['content-disposition']).toBe('attachment; filename="omnitill-channels-2026-11-01-2026-11-30.csv"');
      const rows = parseCsv(channels.body);
      expect(rows[0]).toEqual(['channel', 'touches', 'reach', 'codes_issued', 'redemptions', 'discount_minor', 'online_orders', 'sales', 'revenue_minor', 'average_basket_minor', 'currency']);
      expect(rows.find((r) => r[0] === 'web')).toEqual(['web', '1', '1', '0', '0', '0', '1', '2', '57000', '28500', 'RON']);
      const campaigns = parseCsv((await get(`export/campaigns?${PERIOD}&currency=RON`)).body);
      expect(campaigns[0]!.slice(-6)).toEqual(['store_redemptions', 'store_revenue_minor', 'web_redemptions', 'web_revenue_minor', 'app_redemptions', 'app_revenue_minor']);
      expect(campaigns[1]).toEqual(['nov-email', 'November e-mail', 'email', '3', '2', '5', '1', '5000', '1', '45000', '45000', 'RON', '1', '45000', '0', '0', '0', '0']);
      const path = parseCsv((await get(`export/path?${PERIOD}&windowDays=7`)).body);
      expect(path[0]![4]).toBe('bought_in_store_within_7_days');
      expect(path[1]).toEqual(['total', '*', '', '2', '1', '0.5', '2']);
      expect(path.filter((r) => r[0] === 'day')).toHaveLength(30);
      const daily = parseCsv((await get(`export/daily?${PERIOD}&currency=RON`)).body);
      expect(daily.find((r) => r[0] === 'store' && r[1] === 'S1')).toEqual(['store', 'S1', 'Store one', '', '1', '1', '2', '53000', '26500', 'RON']);
      expect(daily.find((r) => r[0] === 'day' && r[1] === '2026-11-07')).toEqual(['day', '2026-11-07', '', '0', '0', '1', '1', '12000', '12000', 'RON']);
    });

    it("counts by the chain's local days: a change of zone rebuilds, and later writes land on the local day", async () => {
      const dayOf = async (d: string) => (await get(`daily?${PERIOD}&currency=RON`)).json.report.days.find((x: { day: string }) => x.day === d);
      // 22:30 UTC on the 9th is 00:30 on the 10th in Chișinău (UTC+2 in November).
      await order(doina, { orderId: 'W-late', channel: 'web', placedAt: '2026-11-09T22:30:00.000Z', totalMinor: 700 });
      expect(await dayOf('2026-11-09')).toMatchObject({ sales: 1, revenueMinor: 700 });
      await chain.db.query(`UPDATE central_meta SET value = 'Europe/Chisinau' WHERE key = 'time_zone'`);
      try {
        expect((await get(`daily?${PERIOD}`)).json.scope.timeZone).toBe('Europe/Chisinau');
        expect(await dayOf('2026-11-09')).toMatchObject({ sales: 0, revenueMinor: 0 });
        expect(await dayOf('2026-11-10')).toMatchObject({ sales: 1, onlineOrders: 1, revenueMinor: 700 });
        // A minute before local midnight and local midnight itself, written after the change.
        await order(doina, { orderId: 'W-2359', channel: 'web', placedAt: '2026-11-11T21:59:00.000Z', totalMinor: 100 });
        await order(doina, { orderId: 'W-0000', channel: 'web', placedAt: '2026-11-11T22:00:00.000Z', totalMinor: 200 });
        expect(await dayOf('2026-11-11')).toMatchObject({ sales: 1, revenueMinor: 100 });
        expect(await dayOf('2026-11-12')).toMatchObject({ sales: 1, revenueMinor: 200 });
        // The campaign ends at midnight UTC on 1 December, 02:00 on that day in Chișinău: it ran on that local day.
        expect((await get(`campaigns?from=2026-12-01&to=2026-12-01&currency=RON`)).json.report.map((c: { campaignId: string }) => c.campaignId)).toEqual(['nov-email']);
      } finally {
        await chain.db.query(`UPDATE central_meta SET value = 'UTC' WHERE key = 'time_zone'`);
      }
      expect(await dayOf('2026-11-11')).toMatchObject({ sales: 2, revenueMinor: 300 });
      expect((await get(`campaigns?from=2026-12-01&to=2026-12-01&currency=RON`)).json.report).toEqual([]);
    });
  });

  describe.skipIf(!backend.available)('a store manager', () => {
    it('reads their own stores only, and is refused another store', async () => {
      const mine = await get(`daily?${PERIOD}`, sessions.store_manager);
      expect(mine.status).toBe(200);
      expect(mine.json.scope).toMatchObject({ stores: ['S1'], currency: 'RON' });
      expect(mine.json.report.stores.map((s: { storeId: string }) => s.storeId)).toEqual(['S1']);
      const channels = (await get(`channels?${PERIOD}`, sessions.store_manager)).json.report;
      // Online touches and chain-wide codes are not a store's: only what happened in store one.
      // The app order collected in store one is theirs; Doina's web order collected nowhere is not.
      expect(channels.map((c: { channel: string }) => c.channel).sort()).toEqual(['app', 'email', 'store', 'web']);
      expect(channels.map((c: { codesIssued: number | null; touches: number }) => [c.codesIssued, c.touches])).toEqual([[null, 0], [null, 0], [null, 2], [null, 0]]);
      expect(channels.find((c: { channel: string }) => c.channel === 'web')).toMatchObject({ sales: 1, onlineOrders: 0, revenueMinor: 45000 });
      expect(channels.find((c: { channel: string }) => c.channel === 'app')).toMatchObject({ sales: 1, onlineOrders: 1, revenueMinor: 8000 });
      const other = await get(`daily?${PERIOD}&storeId=S2`, sessions.store_manager);
      expect(other.status).toBe(403);
      expect(other.json.error.code).toBe('FORBIDDEN');
      expect((await get(`export/daily?${PERIOD}&storeId=S2`, sessions.store_manager)).status).toBe(403);
      const csv = parseCsv((await get(`export/daily?${PERIOD}`, sessions.store_manager)).body);
      expect(csv.filter((r) => r[0] === 'store').map((r) => r[1])).toEqual(['S1']);
    });
  });

  describe.skipIf(!backend.available)('bad input', () => {
    it('refuses bad dates, a period backwards or too long, an unknown campaign, store or report, with a code', async () => {
      const refused = async (path: string, status: number, code: string) => {
        const r = await get(path);
        expect([path, r.status, r.json.error.code]).toEqual([path, status, code]);
      };
      await refused('channels?from=2026-13-01&to=2026-12-31', 400, 'INPUT_INVALID');
      await refused('channels?from=yesterday', 400, 'INPUT_INVALID');
      await refused('channels?from=2026-11-30&to=2026-11-01', 400, 'RANGE_INVALID');
      await refused('channels?from=2020-01-01&to=2026-11-30', 400, 'RANGE_TOO_LONG');
      await refused('campaigns?campaignId=no-such-campaign', 404, 'NOT_FOUND');
      await refused('daily?storeId=S9', 404, 'NOT_FOUND');
      await refused('path?windowDays=0', 400, 'INPUT_INVALID');
      await refused('path?windowDays=366', 400, 'INPUT_INVALID');
      await refused('channels?currency=USD', 400, 'INPUT_INVALID');
      await refused('channels?limit=5', 400, 'INPUT_INVALID');
      await refused('export/everything', 400, 'INPUT_INVALID');
      expect((await get('channels?from=2025-01-01&to=2026-12-31')).status).toBe(200);
    });

    it('defaults to the last 30 days in the first visible store’s currency', async () => {
      const r = await get('daily');
      expect(r.json.scope.currency).toBe('RON');
      expect(r.json.report.days).toHaveLength(30);
      expect(r.json.scope).toMatchObject({ timeZone: 'UTC', to: new Date().toISOString().slice(0, 10) });
    });
  });
});
