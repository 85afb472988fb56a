import { describe, expect, it } from 'vitest';
import { evaluate } from '../../core/promo/evaluate.js';
import { codeRecordFromDoc, promotionFromCampaign, usageFromCampaigns } from '../../core/promo/fromSync.js';
import { promotionSet } from '../../core/promo/promotionSet.js';
import { CampaignRules, type CampaignDoc } from '../../core/sync/pull.js';
import { basket, ctx, line } from './fixtures.js';

const campaign: CampaignDoc = {
  id: 'stream-mdl',
  name: 'Stream',
  channel: 'stream',
  codeKind: 'shared',
  discountKind: 'percent',
  discountValue: 15,
  currency: null,
  startsAt: '2026-12-01T00:00:00.000Z',
  endsAt: '2027-01-01T00:00:00.000Z',
  offlineAllowed: true,
  offlineCapPerTill: 1,
};
const doc = { code: 'STREAMMDL', campaignId: 'stream-mdl', singleUse: false, state: 'issued' as const, expiresAt: null };

describe('synced campaigns and codes', () => {
  it('a percent campaign applies in the till currency', () => {
    const s = promotionSet([promotionFromCampaign(campaign, 'MDL')], [codeRecordFromDoc(doc)]);
    expect(evaluate(basket(line('a', 10000)), s, ['stream mdl'], ctx()).discount).toBe(1500);
  });
  it('an amount campaign in another currency is refused', () => {
    const s = promotionSet([promotionFromCampaign({ ...campaign, discountKind: 'amount', discountValue: 500, currency: 'RON' }, 'MDL')], [codeRecordFromDoc(doc)]);
    expect(evaluate(basket(line('a', 10000)), s, ['STREAMMDL'], ctx()).rejected[0]?.reason).toBe('wrong_currency');
  });
  it('a campaign with any amount and no currency applies to no sale (no_currency), whatever the till sells in', () => {
    const withoutCurrency: CampaignDoc[] = [
      { ...campaign, discountKind: 'amount', discountValue: 500 },
      { ...campaign, rules: { minBasketMinor: 10000 } },
      { ...campaign, rules: { capMinor: 900 } },
      { ...campaign, rules: { budgetMinor: 50_000 } },
      { ...campaign, rules: { benefit: { kind: 'fixed_price_set', quantity: 2, priceMinor: 2000 } } },
      { ...campaign, rules: { benefit: { kind: 'buy_x_get_y', buy: 1, get: 1, reward: { kind: 'amount', amountMinor: 250 } } } },
    ];
    for (const c of withoutCurrency) {
      for (const till of ['MDL', 'RON'] as const) {
        const p = promotionFromCampaign(c, till);
        expect(p.currency, JSON.stringify(c.rules)).toBeNull();
        const result = evaluate(basket(line('a', 10000), line('b', 10000)), promotionSet([p], [codeRecordFromDoc(doc)]), ['STREAMMDL'], ctx());
        expect(result.rejected[0]?.reason, JSON.stringify(c.rules)).toBe('no_currency');
        expect(result.discount).toBe(0);
      }
    }
    const automatic = promotionFromCampaign({ ...campaign, rules: { automatic: true, minBasketMinor: 100 } }, 'MDL');
    expect(evaluate(basket(line('a', 10000)), promotionSet([automatic], []), [], ctx()).discount).toBe(0);
    for (const free of [{ benefit: { kind: 'buy_x_get_y' as const, buy: 1, get: 1, reward: { kind: 'free' as const } } }, { minQuantity: 2 }]) {
      expect(promotionFromCampaign({ ...campaign, rules: free }, 'RON').currency).toBe('RON');
    }
    expect(promotionFromCampaign({ ...campaign, currency: 'MDL', rules: { minBasketMinor: 10000 } }, 'RON').currency).toBe('MDL');
  });
  it('offline: the per-till cap counts, and a campaign that does not allow offline refuses', () => {
    const s = promotionSet([promotionFromCampaign(campaign, 'MDL')], [codeRecordFromDoc(doc)]);
    expect(evaluate(basket(line('a', 10000)), s, ['STREAMMDL'], ctx({ online: false })).discount).toBe(1500);
    expect(evaluate(basket(line('a', 10000)), s, ['STREAMMDL'], ctx({ online: false, offlineUsed: { 'stream-mdl': 1 } })).rejected[0]?.reason).toBe('offline_cap_reached');
    const denied = promotionSet([promotionFromCampaign({ ...campaign, offlineAllowed: false }, 'MDL')], [codeRecordFromDoc(doc)]);
    expect(evaluate(basket(line('a', 10000)), denied, ['STREAMMDL'], ctx({ online: false })).rejected[0]?.reason).toBe('offline_not_allowed');
  });
  it('the pulled usage of a campaign\'s total limits refuses at the limit and holds the discount to the budget left', () => {
    const limited = (uses: number, spentMinor: number): CampaignDoc => ({ ...campaign, currency: 'MDL', rules: { maxUses: 7, budgetMinor: 5000 }, usage: { uses, spentMinor } });
    const run = (c: CampaignDoc) => evaluate(basket(line('a', 10000)), promotionSet([promotionFromCampaign(c, 'MDL')], [codeRecordFromDoc(doc)]), ['STREAMMDL'], ctx({ campaignUsage: usageFromCampaigns([c]) }));
    expect(run(limited(6, 0)).discount).toBe(1500);
    expect(run(limited(7, 0)).rejected[0]?.reason).toBe('usage_exhausted');
    expect(run(limited(3, 5000)).rejected[0]?.reason).toBe('budget_exhausted');
    expect(run(limited(3, 4000)).discount).toBe(1000);
  });
  it('offline policy "signed": typed offline it asks for the QR offer; a verified offer applies within the cap', () => {
    const s = promotionSet([promotionFromCampaign({ ...campaign, rules: { signedOffers: true } }, 'MDL')], [codeRecordFromDoc(doc)]);
    expect(evaluate(basket(line('a', 10000)), s, ['STREAMMDL'], ctx({ online: false })).rejected[0]?.reason).toBe('signed_offer_required');
    expect(evaluate(basket(line('a', 10000)), s, ['STREAMMDL'], ctx({ online: false, signedOffers: ['stream-mdl'] })).discount).toBe(1500);
    const full = ctx({ online: false, signedOffers: ['stream-mdl'], offlineUsed: { 'stream-mdl': 1 } });
    expect(evaluate(basket(line('a', 10000)), s, ['STREAMMDL'], full).rejected[0]?.reason).toBe('offline_cap_reached');
    expect(evaluate(basket(line('a', 10000)), s, ['STREAMMDL'], ctx()).discount).toBe(1500);
  });
  it('a code’s own expiry and states', () => {
    const s = promotionSet([promotionFromCampaign(campaign, 'MDL')], [
      codeRecordFromDoc({ ...doc, expiresAt: '2026-12-03T00:00:00.000Z' }),
      codeRecordFromDoc({ ...doc, code: 'USED', state: 'redeemed' }),
      codeRecordFromDoc({ ...doc, code: 'GONE', state: 'void' }),
    ]);
    expect(evaluate(basket(line('a', 10000)), s, ['STREAMMDL', 'USED', 'GONE'], ctx()).rejected.map((r) => r.reason)).toEqual(['expired', 'code_redeemed', 'code_void']);
  });
  it('outside the campaign window', () => {
    const s = promotionSet([promotionFromCampaign(campaign, 'MDL')], [codeRecordFromDoc(doc)]);
    expect(evaluate(basket(line('a', 10000)), s, ['STREAMMDL'], ctx({ now: '2027-01-01T00:00:00.000Z' })).rejected[0]?.reason).toBe('expired');
  });
  it('every rules field of the contract reaches the promotion', () => {
    const rules = CampaignRules.parse({
      channels: ['web', 'app'],
      customers: ['c1'],
      brands: ['acme'],
      minQuantity: 2,
      minBasketMinor: 1000,
      allocation: 'once',
      maxQuantity: 3,
      capMinor: 900,
      maxUses: 100,
      budgetMinor: 50_000,
      benefit: { kind: 'buy_x_get_y', buy: 2, get: 1, reward: { kind: 'amount', amountMinor: 250 } },
      days: { first: '2026-12-01', last: '2026-12-03' },
      exclusive: true,
    });
    const p = promotionFromCampaign({ ...campaign, rules }, 'MDL');
    expect(p).toMatchObject({
      conditions: { channels: ['web', 'app'], customers: ['c1'], brands: ['acme'], minQuantity: 2, minBasket: 1000, days: { first: '2026-12-01', last: '2026-12-03' } },
      benefit: { kind: 'buy_x_get_y', buy: 2, get: 1, reward: { kind: 'amount', amount: 250 } },
      allocation: 'once',
      maxQuantity: 3,
      cap: 900,
      maxUses: 100,
      budget: 50_000,
      exclusive: true,
    });
    const set = promotionFromCampaign({ ...campaign, rules: { benefit: { kind: 'fixed_price_set', quantity: 3, priceMinor: 2000 } } }, 'MDL');
    expect(set.benefit).toEqual({ kind: 'fixed_price_set', quantity: 3, price: 2000 });
  });
  it('bad rules are refused by the schema', () => {
    for (const bad of [
      { days: { first: '2026-12-03', last: '2026-12-01' } },
      { days: { first: '2026-02-30', last: '2026-03-01' } },
      { benefit: { kind: 'fixed_price_set', quantity: 1, priceMinor: 100 } },
      { benefit: { kind: 'buy_x_get_y', buy: 0, get: 1, reward: { kind: 'free' } } },
      { benefit: { kind: 'buy_x_get_y', buy: 1, get: 1, reward: { kind: 'percent', percent: 0 } } },
      { allocation: 'sometimes' },
      { channels: ['fax'] },
      { capMinor: 0 },
      { maxUses: 0 },
    ]) {
      expect(CampaignRules.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
