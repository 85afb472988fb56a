import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../core/ids.js';
import type { CampaignDoc } from '../../core/sync/pull.js';
import { allBackends, postgresBackend } from './support/backends.js';
import { sweepExpiredHolds } from '../src/promo/usage.js';
import { ADMIN_KEY, campaign, pullAll, redeemOp, saleOp, sharedCode, useChain, type TestChain } from './support/chain.js';

/** Issue 9 limits: a campaign's total uses and total budget, counted once across the web shop and the tills. */

const base = {
  channel: 'stream',
  codeKind: 'shared',
  codePrefix: '',
  discountKind: 'percent',
  discountValue: 10,
  startsAt: '2026-01-01T00:00:00.000Z',
  endsAt: '2030-01-01T00:00:00.000Z',
  offlineAllowed: true,
  offlineCapPerTill: 1000,
};

async function limited(chain: TestChain, id: string, rules: Record<string, unknown>): Promise<string> {
  // A budget is money: in lei, so only S1 (Romania) and the web shop in lei may spend it.
  await campaign(chain, { ...base, id, name: id, ...('budgetMinor' in rules ? { currency: 'RON' } : {}), rules });
  const code = id.replace(/[^A-Z0-9]/gi, '').toUpperCase();
  await sharedCode(chain, id, code);
  return code;
}

const webReserve = (chain: TestChain, code: string, saleId = newId()) => chain.call('POST', '/v1/promo/reserve', chain.channel, { code, saleId });
const webRedeem = (chain: TestChain, code: string, discountMinor: number, saleId = newId(), redemptionId = newId(), currency = 'RON') =>
  chain.call('POST', '/v1/promo/redeem', chain.channel, { redemptionId, code, saleId, discountMinor, currency, redeemedAt: new Date().toISOString() });

async function tillRedeem(chain: TestChain, code: string, tillId: 'T1' | 'T2', discountMinor: number, offline: boolean, saleId?: string) {
  const op = redeemOp(code, tillId, tillId === 'T1' ? 'S1' : 'S2', offline);
  op.payload.discountMinor = discountMinor;
  if (saleId) op.payload.saleId = saleId;
  const r = await chain.call('POST', '/v1/sync/push', tillId === 'T1' ? chain.t1 : chain.t2, { ops: [op] });
  expect(r.status, r.body).toBe(200);
  return r.json.results[0] as { status: string; result?: { outcome: string; reason?: string } };
}

async function usage(chain: TestChain, id: string): Promise<{ uses: number; held: number; spent: number }> {
  const { rows } = await chain.db.query<{ uses: number; held: number; spent: number }>(
    `SELECT uses::int, held::int, spent_minor::int AS spent FROM campaign_usage WHERE campaign_id = $1`,
    [id],
  );
  return rows[0] ?? { uses: 0, held: 0, spent: 0 };
}

/** Time passes for a reservation: it expired a second ago (as if its time-to-live had run out). */
async function expire(chain: TestChain, saleId: string): Promise<void> {
  const r = await chain.db.query(
    `UPDATE promo_reservations SET reserved_at = now() - interval '1 hour', expires_at = now() - interval '1 second' WHERE sale_id = $1`,
    [saleId],
  );
  expect(r.rowCount).toBe(1);
}

/** A campaign of `maxUses` whose every use is held by a web reservation that has expired. */
async function expiredHolds(chain: TestChain, id: string, maxUses: number): Promise<{ code: string; sales: string[] }> {
  const code = await limited(chain, id, { maxUses });
  const sales = Array.from({ length: maxUses }, () => newId());
  for (const saleId of sales) expect((await webReserve(chain, code, saleId)).json.reserved).toBe(true);
  expect((await webReserve(chain, code)).json).toMatchObject({ reserved: false, reason: 'usage_exhausted' });
  for (const saleId of sales) await expire(chain, saleId);
  return { code, sales };
}

const tillReserve = (chain: TestChain, code: string, saleId = newId()) => chain.call('POST', '/v1/till/promo/reserve', chain.t1, { code, saleId });
const release = (chain: TestChain, code: string, saleId: string) => chain.call('POST', '/v1/promo/release', chain.channel, { code, saleId });

async function pulledCampaign(chain: TestChain, id: string): Promise<CampaignDoc | undefined> {
  let found: CampaignDoc | undefined;
  for (const c of (await pullAll(chain, chain.t2, undefined, 1000)).changes) if (c.entity === 'campaign' && c.key === id && c.op === 'upsert') found = c.data as CampaignDoc;
  return found;
}

/** The whole of a one-line sale returned at a till: its redemptions roll back. */
function fullReturnOp(sale: ReturnType<typeof saleOp>, tillId: string, storeId: string) {
  const line = sale.payload.lines[0]!;
  const total = sale.payload.totalMinor;
  return {
    opId: newId(),
    type: 'sale.returned',
    payload: {
      returnId: newId(), returnNo: 1, saleId: sale.payload.saleId, tillId, storeId, cashier: 'Ion', currency: 'RON',
      returnedAt: new Date().toISOString(), method: 'cash', refundMinor: total,
      lines: [{ lineId: line.lineId, sku: line.sku, quantity: 1, refundMinor: total, vatBasisPoints: 1100 }],
      vat: [{ vatBasisPoints: 1100, grossMinor: total, netMinor: total - 128, vatMinor: 128 }],
    },
  };
}

describe.each(allBackends())('campaign total uses and budget on $name', (backend) => {
  let chain: TestChain;
  useChain(backend, (c) => (chain = c));

  it.skipIf(!backend.available)('a reservation holds a use and its release gives it back; web and online tills are refused at the limit; an offline sale beyond it is a conflict', async () => {
    const code = await limited(chain, 'uses-2', { maxUses: 2 });
    const saleA = newId();
    expect((await webReserve(chain, code, saleA)).json.reserved).toBe(true);
    const saleB = newId();
    expect((await chain.call('POST', '/v1/till/promo/reserve', chain.t1, { code, saleId: saleB })).json.reserved).toBe(true);
    expect(await usage(chain, 'uses-2')).toEqual({ uses: 0, held: 2, spent: 0 });
    // Two uses are promised: a third sale is told so, on either side.
    expect((await webReserve(chain, code)).json).toMatchObject({ reserved: false, reason: 'usage_exhausted' });
    expect((await chain.call('POST', '/v1/till/promo/reserve', chain.t2, { code, saleId: newId() })).json).toMatchObject({ reserved: false, reason: 'usage_exhausted' });
    expect((await webRedeem(chain, code, 100)).json).toMatchObject({ redeemed: false, reason: 'usage_exhausted' });

    expect((await chain.call('POST', '/v1/till/promo/release', chain.t1, { code, saleId: saleB })).json).toEqual({ released: true });
    expect((await chain.call('POST', '/v1/till/promo/release', chain.t1, { code, saleId: saleB })).json).toEqual({ released: false });
    expect(await usage(chain, 'uses-2')).toEqual({ uses: 0, held: 1, spent: 0 });

    // The held use becomes the redemption (a retry answers the same), the freed one goes to a till online.
    const redemptionId = newId();
    expect((await webRedeem(chain, code, 120, saleA, redemptionId)).json).toEqual({ redeemed: true, redemptionId, code });
    expect((await webRedeem(chain, code, 120, saleA, newId())).json).toEqual({ redeemed: true, redemptionId, code });
    expect(await tillRedeem(chain, code, 'T2', 80, false)).toMatchObject({ status: 'applied', result: { outcome: 'accepted' } });
    expect(await usage(chain, 'uses-2')).toEqual({ uses: 2, held: 0, spent: 200 });

    // Offline, the till did not know: the sale stands, the manager sees which limit it went over.
    expect(await tillRedeem(chain, code, 'T1', 90, true)).toMatchObject({ status: 'applied', result: { outcome: 'conflict', reason: 'usage_exhausted' } });
    expect(await usage(chain, 'uses-2')).toEqual({ uses: 2, held: 0, spent: 200 });
    const conflicts = await chain.call('GET', '/v1/admin/redemption-conflicts', ADMIN_KEY);
    expect(conflicts.json.conflicts.filter((c: { campaignId: string }) => c.campaignId === 'uses-2')).toMatchObject([{ reason: 'usage_exhausted', discountMinor: 90 }]);

    // The web shop's quote says so before checkout, from the same count.
    const quoted = await chain.call('POST', '/v1/promo/quote', chain.channel, { currency: 'RON', lines: [{ lineId: 'l1', sku: 'SKU-1', quantity: 1, amountMinor: 5_000 }], codes: [code] });
    expect(quoted.json.rejected).toEqual([{ code, reason: 'usage_exhausted' }]);
    // The tills pull what central counted, so the engine can refuse offline at a known limit.
    expect((await pulledCampaign(chain, 'uses-2'))?.usage).toEqual({ uses: 2, spentMinor: 200 });
  });

  it.skipIf(!backend.available)('a budget gives at most its amount: a redemption that does not fit is refused, a smaller one still fits', async () => {
    const code = await limited(chain, 'budget-250', { budgetMinor: 250 });
    expect((await webRedeem(chain, code, 100)).json.redeemed).toBe(true);
    expect(await tillRedeem(chain, code, 'T1', 100, false)).toMatchObject({ result: { outcome: 'accepted' } });
    expect((await webRedeem(chain, code, 100)).json).toMatchObject({ redeemed: false, reason: 'budget_exhausted' });
    expect(await tillRedeem(chain, code, 'T1', 51, true)).toMatchObject({ result: { outcome: 'conflict', reason: 'budget_exhausted' } });
    expect(await tillRedeem(chain, code, 'T2', 10, false)).toMatchObject({ status: 'rejected', reason: 'currency_mismatch' });
    expect((await webRedeem(chain, code, 50)).json.redeemed).toBe(true);
    expect(await usage(chain, 'budget-250')).toEqual({ uses: 3, held: 0, spent: 250 });
    expect((await webReserve(chain, code)).json).toMatchObject({ reserved: false, reason: 'budget_exhausted' });
    const { rows } = await chain.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM redemptions WHERE campaign_id = 'budget-250'`);
    expect(rows[0]?.n).toBe(3);
  });

  it.skipIf(!backend.available)('a web order in another currency than the budget\'s is refused and counts nothing; a campaign with amounts but no currency redeems nowhere', async () => {
    const code = await limited(chain, 'budget-lei', { budgetMinor: 1_000 });
    expect((await webRedeem(chain, code, 100, newId(), newId(), 'MDL')).json).toMatchObject({ redeemed: false, reason: 'wrong_currency' });
    expect(await usage(chain, 'budget-lei')).toEqual({ uses: 0, held: 0, spent: 0 });
    expect((await webRedeem(chain, code, 100)).json.redeemed).toBe(true);
    // Made before central required a currency (0037 backfills only a one-currency chain; this one has lei and MDL).
    const older = await limited(chain, 'older-basket', { maxUses: 5 });
    await chain.db.query(`UPDATE campaigns SET rules = '{"minBasketMinor": 5000}' WHERE id = 'older-basket'`);
    expect((await webRedeem(chain, older, 100)).json).toMatchObject({ redeemed: false, reason: 'no_currency' });
    const { rows } = await chain.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM redemptions WHERE campaign_id IN ('budget-lei', 'older-basket')`);
    expect(rows[0]?.n).toBe(1);
  });

  it.skipIf(!backend.available)('a full return rolls the redemption back and gives its use and discount back', async () => {
    const code = await limited(chain, 'uses-1', { maxUses: 1, budgetMinor: 1_000 });
    const sale = saleOp('T1', 'S1');
    const redeem = redeemOp(code, 'T1', 'S1');
    redeem.payload.saleId = sale.payload.saleId;
    redeem.payload.discountMinor = 129;
    const pushed = await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [sale, redeem] });
    expect(pushed.json.results.map((r: { status: string }) => r.status)).toEqual(['applied', 'applied']);
    expect((await webRedeem(chain, code, 10)).json).toMatchObject({ redeemed: false, reason: 'usage_exhausted' });

    const returned = await chain.call('POST', '/v1/sync/push', chain.t2, { ops: [fullReturnOp(sale, 'T2', 'S2')] });
    expect(returned.json.results[0].status, returned.body).toBe('applied');
    expect(await usage(chain, 'uses-1')).toEqual({ uses: 0, held: 0, spent: 0 });
    expect((await webRedeem(chain, code, 10)).json.redeemed).toBe(true);
    expect(await usage(chain, 'uses-1')).toEqual({ uses: 1, held: 0, spent: 10 });
  });

  it.skipIf(!backend.available)('a hold that expired blocks no one: a web redemption without a reservation, an online till\'s hold, its push, the quote and the pull', async () => {
    const web = await expiredHolds(chain, 'expired-web', 1);
    expect((await webRedeem(chain, web.code, 100)).json).toMatchObject({ redeemed: true });
    expect(await usage(chain, 'expired-web')).toEqual({ uses: 1, held: 0, spent: 100 });

    const hold = await expiredHolds(chain, 'expired-hold', 1);
    expect((await tillReserve(chain, hold.code)).json).toMatchObject({ reserved: true });
    expect(await usage(chain, 'expired-hold')).toEqual({ uses: 0, held: 1, spent: 0 });

    const push = await expiredHolds(chain, 'expired-push', 1);
    expect(await tillRedeem(chain, push.code, 'T1', 70, false)).toMatchObject({ status: 'applied', result: { outcome: 'accepted' } });
    expect(await usage(chain, 'expired-push')).toEqual({ uses: 1, held: 0, spent: 70 });

    const quoted = await expiredHolds(chain, 'expired-quote', 2);
    const cart = { currency: 'RON', lines: [{ lineId: 'l1', sku: 'SKU-1', quantity: 1, amountMinor: 5_000 }], codes: [quoted.code] };
    const q = await chain.call('POST', '/v1/promo/quote', chain.channel, cart);
    expect(q.json.rejected).toEqual([]);
    expect(q.json.discount).toBe(500);
    expect((await pulledCampaign(chain, 'expired-quote'))?.usage).toEqual({ uses: 0, spentMinor: 0 });
  });

  it.skipIf(!backend.available)('the sweep gives back the holds of a campaign no one touches, once; a live hold stays held', async () => {
    await sweepExpiredHolds(chain.db); // what earlier tests left expired
    const { code, sales } = await expiredHolds(chain, 'swept', 3);
    await chain.db.query(`UPDATE promo_reservations SET expires_at = now() + interval '10 minutes' WHERE sale_id = $1`, [sales[0]]);
    expect(await sweepExpiredHolds(chain.db)).toBe(1);
    expect(await usage(chain, 'swept')).toEqual({ uses: 0, held: 1, spent: 0 });
    expect(await sweepExpiredHolds(chain.db)).toBe(0);
    expect(await usage(chain, 'swept')).toEqual({ uses: 0, held: 1, spent: 0 });
    const { rows } = await chain.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM promo_reservations WHERE campaign_id = 'swept' AND released_at = expires_at`);
    expect(rows[0]?.n).toBe(2);
    // Two uses are free again, not more.
    expect((await webReserve(chain, code)).json.reserved).toBe(true);
    expect((await tillReserve(chain, code)).json.reserved).toBe(true);
    expect((await webReserve(chain, code)).json).toMatchObject({ reserved: false, reason: 'usage_exhausted' });
  });

  it.skipIf(!backend.available)('a hold released twice gives its use back once: expiry then release, release then expiry', async () => {
    // Expired, then released by the sale: the expiry gave it back, the release answers false.
    const a = await expiredHolds(chain, 'twice-a', 2);
    await chain.db.query(`UPDATE promo_reservations SET expires_at = now() + interval '10 minutes' WHERE sale_id = $1`, [a.sales[1]]);
    expect(await sweepExpiredHolds(chain.db)).toBe(1);
    expect((await release(chain, a.code, a.sales[0]!)).json).toEqual({ released: false });
    expect(await usage(chain, 'twice-a')).toEqual({ uses: 0, held: 1, spent: 0 });
    // Expired and not yet swept when the sale releases it: given back once all the same.
    const b = await expiredHolds(chain, 'twice-b', 2);
    await chain.db.query(`UPDATE promo_reservations SET expires_at = now() + interval '10 minutes' WHERE sale_id = $1`, [b.sales[1]]);
    expect((await chain.call('POST', '/v1/till/promo/release', chain.t1, { code: b.code, saleId: b.sales[0] })).json).toEqual({ released: false });
    expect(await sweepExpiredHolds(chain.db)).toBe(0);
    expect(await usage(chain, 'twice-b')).toEqual({ uses: 0, held: 1, spent: 0 });
    // Released by the sale, then its time runs out: the expiry finds nothing to give back.
    const code = await limited(chain, 'twice-c', { maxUses: 2 });
    const [first, second] = [newId(), newId()];
    expect((await webReserve(chain, code, first)).json.reserved).toBe(true);
    expect((await webReserve(chain, code, second)).json.reserved).toBe(true);
    expect((await release(chain, code, first)).json).toEqual({ released: true });
    await expire(chain, first);
    expect(await sweepExpiredHolds(chain.db)).toBe(0);
    expect((await webRedeem(chain, code, 10)).json.redeemed).toBe(true);
    expect(await usage(chain, 'twice-c')).toEqual({ uses: 1, held: 1, spent: 10 });
    expect((await webRedeem(chain, code, 10)).json).toMatchObject({ redeemed: false, reason: 'usage_exhausted' });
  });

  it.skipIf(!backend.available)('a reservation retried after its sale redeemed the code holds nothing', async () => {
    const code = await limited(chain, 'retried-late', { maxUses: 2 });
    const saleId = newId();
    expect((await webReserve(chain, code, saleId)).json.reserved).toBe(true);
    expect((await webRedeem(chain, code, 10, saleId)).json.redeemed).toBe(true);
    expect((await webReserve(chain, code, saleId)).json).toMatchObject({ reserved: false, reason: 'code_redeemed' });
    expect(await usage(chain, 'retried-late')).toEqual({ uses: 1, held: 0, spent: 10 });
  });

  it.skipIf(!backend.available)('refuses negative, zero, fractional and oversized limits with a clear error and creates nothing', async () => {
    for (const rules of [{ maxUses: 0 }, { maxUses: -3 }, { maxUses: 2.5 }, { maxUses: 1e12 }, { budgetMinor: -100 }, { budgetMinor: 0 }, { budgetMinor: 1e16 }, { maxUses: '7' }]) {
      const r = await chain.call('POST', '/v1/admin/campaigns', ADMIN_KEY, { ...base, id: 'bad-limit', name: 'bad', rules });
      expect(r.status, JSON.stringify(rules)).toBe(400);
      expect(r.body).toMatch(/maxUses|budgetMinor/);
    }
    const { rows } = await chain.db.query(`SELECT 1 FROM campaigns WHERE id = 'bad-limit'`);
    expect(rows).toEqual([]);
  });
});

/** What PGlite (one session) cannot show: the web shop and two tills racing for the last uses and the last of the budget. */
const pg = postgresBackend(40);
describe.skipIf(!pg.available)('campaign limits under concurrency on a real PostgreSQL', () => {
  let chain: TestChain;
  /** A second till in S1: a budget is in lei, so both racing tills sell in lei. */
  let t3: string;
  useChain(pg, (c) => (chain = c));
  beforeAll(async () => {
    if (!pg.available) return;
    expect((await chain.call('PUT', '/v1/admin/tills/T3', ADMIN_KEY, { storeId: 'S1', name: 'Till 3' })).status).toBeLessThan(300);
    t3 = (await chain.pair('T3')).token;
  });

  type Attempt = { channel: 'web' | 'T1' | 'T3'; saleId: string; redemptionId: string; opId: string; at: string };
  const attempts = (n: number): Attempt[] =>
    Array.from({ length: n }, (_, i) => ({ channel: (['web', 'T1', 'T3'] as const)[i % 3]!, saleId: newId(), redemptionId: newId(), opId: newId(), at: new Date().toISOString() }));

  /**
   * One delivery of an attempt, the same ids every time: the web shop reserves then redeems (a retry
   * only redeems again), a till pushes its online redemption.
   */
  async function deliver(code: string, a: Attempt, discountMinor: number, retry = false): Promise<boolean> {
    if (a.channel === 'web') {
      if (!retry && !(await webReserve(chain, code, a.saleId)).json.reserved) return false;
      const r = await chain.call('POST', '/v1/promo/redeem', chain.channel, { redemptionId: a.redemptionId, code, saleId: a.saleId, discountMinor, currency: 'RON', redeemedAt: a.at });
      expect(r.status, r.body).toBe(200);
      return r.json.redeemed === true;
    }
    const op = redeemOp(code, a.channel, 'S1');
    Object.assign(op, { opId: a.opId });
    Object.assign(op.payload, { saleId: a.saleId, redemptionId: a.redemptionId, discountMinor, redeemedAt: a.at });
    const r = await chain.call('POST', '/v1/sync/push', a.channel === 'T1' ? chain.t1 : t3, { ops: [op] });
    expect(r.status, r.body).toBe(200);
    expect(['applied', 'duplicate']).toContain(r.json.results[0].status);
    return r.json.results[0].result?.outcome === 'accepted';
  }

  const redemptions = async (id: string) =>
    (await chain.db.query<{ n: number; spent: number }>(`SELECT count(*)::int AS n, coalesce(sum(discount_minor), 0)::int AS spent FROM redemptions WHERE campaign_id = $1 AND rolled_back_at IS NULL`, [id])).rows[0]!;

  it('100 concurrent redemptions against maxUses 7: exactly 7; a rollback frees one', async () => {
    const code = await limited(chain, 'race-uses', { maxUses: 7 });
    // One use is a sale already made at T1, returned later.
    const sale = saleOp('T1', 'S1');
    const first = redeemOp(code, 'T1', 'S1');
    first.payload.saleId = sale.payload.saleId;
    expect((await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [sale, first] })).json.results[1].result.outcome).toBe('accepted');

    const won = await Promise.all(attempts(100).map((a) => deliver(code, a, 100)));
    expect(won.filter(Boolean)).toHaveLength(6);
    expect(await redemptions('race-uses')).toMatchObject({ n: 7 });
    expect(await usage(chain, 'race-uses')).toMatchObject({ uses: 7, held: 0 });
    const { rows } = await chain.db.query<{ reason: string }>(`SELECT DISTINCT limit_reason AS reason FROM redemption_conflicts WHERE campaign_id = 'race-uses'`);
    expect(rows).toEqual([{ reason: 'usage_exhausted' }]);

    await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [fullReturnOp(sale, 'T1', 'S1')] });
    expect(await usage(chain, 'race-uses')).toMatchObject({ uses: 6 });
    const again = await Promise.all(attempts(30).map((a) => deliver(code, a, 100)));
    expect(again.filter(Boolean)).toHaveLength(1);
    expect(await redemptions('race-uses')).toMatchObject({ n: 7 });
  }, 120_000);

  it('100 concurrent redemptions against a budget for 7 discounts: exactly 7, never over the budget', async () => {
    const code = await limited(chain, 'race-budget', { budgetMinor: 7 * 150 + 149 });
    const won = await Promise.all(attempts(100).map((a) => deliver(code, a, 150)));
    expect(won.filter(Boolean)).toHaveLength(7);
    const counted = await redemptions('race-budget');
    expect(counted).toEqual({ n: 7, spent: 1050 });
    expect(await usage(chain, 'race-budget')).toEqual({ uses: 7, held: 0, spent: 1050 });
  }, 120_000);

  it('answers lost and requests delivered twice and retried (what the fault proxy does): no use counted twice', async () => {
    const code = await limited(chain, 'race-retry', { maxUses: 10, budgetMinor: 100_000 });
    const batch = attempts(12);
    // Every attempt arrives twice at once (duplicate), then once more later (the retry after a lost answer).
    const twice = await Promise.all(batch.flatMap((a) => [deliver(code, a, 100), deliver(code, a, 100)]));
    const retried = await Promise.all(batch.map((a) => deliver(code, a, 100, true)));
    const winners = batch.filter((_, i) => retried[i]);
    expect(winners).toHaveLength(10);
    // An attempt that won once keeps winning on every delivery; one that lost never wins later.
    for (const [i] of batch.entries()) if (twice[2 * i] || twice[2 * i + 1]) expect(retried[i]).toBe(true);
    expect(await redemptions('race-retry')).toEqual({ n: 10, spent: 1000 });
    expect(await usage(chain, 'race-retry')).toMatchObject({ uses: 10, spent: 1000 });
  }, 120_000);
  it('expired holds released while 50 redemptions race for the last uses: never over the limit, nothing given back or counted twice', async () => {
    // maxUses 10: 5 redeemed, 2 held by live reservations, 3 held by reservations that expired — 3 uses are really free.
    const code = await limited(chain, 'race-expiry', { maxUses: 10 });
    for (const a of attempts(5)) expect(await deliver(code, a, 100)).toBe(true);
    const holders = attempts(5).map((a) => ({ ...a, channel: 'web' as const }));
    for (const h of holders) expect((await webReserve(chain, code, h.saleId)).json.reserved).toBe(true);
    const [expired, live] = [holders.slice(0, 3), holders.slice(3)];
    for (const h of expired) await expire(chain, h.saleId);
    expect(await usage(chain, 'race-expiry')).toEqual({ uses: 5, held: 5, spent: 500 });

    // The racers redeem without a reservation (web) or push online (tills); meanwhile the sweep runs,
    // the expired holds' sales release them, and the live holders redeem what they hold.
    const racers = attempts(50);
    const web = (a: Attempt) =>
      chain.call('POST', '/v1/promo/redeem', chain.channel, { redemptionId: a.redemptionId, code, saleId: a.saleId, discountMinor: 100, currency: 'RON', redeemedAt: a.at });
    const [won, , released, holdersWon] = await Promise.all([
      Promise.all(racers.map(async (a) => (a.channel === 'web' ? (await web(a)).json.redeemed === true : deliver(code, a, 100)))),
      Promise.all(Array.from({ length: 5 }, () => sweepExpiredHolds(chain.db))),
      Promise.all(expired.map((h) => release(chain, code, h.saleId))),
      Promise.all(live.map((h) => deliver(code, h, 100, true))),
    ]);
    expect(holdersWon).toEqual([true, true]);
    expect(won.filter(Boolean)).toHaveLength(3);
    expect(released.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(released.map((r) => r.json.released)).toEqual([false, false, false]);
    expect(await redemptions('race-expiry')).toEqual({ n: 10, spent: 1000 });
    expect(await usage(chain, 'race-expiry')).toEqual({ uses: 10, held: 0, spent: 1000 });
    const { rows } = await chain.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM promo_reservations WHERE campaign_id = 'race-expiry' AND released_at IS NULL AND redeemed_at IS NULL`);
    expect(rows[0]?.n).toBe(0);
  }, 120_000);
});
