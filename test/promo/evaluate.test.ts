import { describe, expect, it } from 'vitest';
import { evaluate } from '../../core/promo/evaluate.js';
import type { PromoCodeRecord, Promotion } from '../../core/promo/model.js';
import { promotionSet } from '../../core/promo/promotionSet.js';
import { normalisePromoCode as normalizeCode } from '../../core/scan/resolve.js';
import { basket, ctx, line, promo, validCode } from './fixtures.js';

const CODE = validCode('HELLO', '3C2WEWE5M');
const set = (promotions: Promotion[], codes: PromoCodeRecord[] = []) => promotionSet(promotions, codes);
const code = (c: string, promotionId: string, over: Partial<PromoCodeRecord> = {}): PromoCodeRecord => ({ code: c, promotionId, status: 'active', ...over });
const reasonOf = (r: ReturnType<typeof evaluate>) => r.rejected.map((x) => x.reason);

describe('benefits', () => {
  it('percent off the whole basket, allocated over lines', () => {
    const r = evaluate(basket(line('a', 1000), line('b', 2001)), set([promo('P')]), [], ctx());
    expect(r.discount).toBe(300); // 300.1
    expect(r.lineDiscounts).toEqual({ a: 100, b: 200 });
    expect(r.total).toBe(2701);
    expect(r.applied[0]?.lines.reduce((s, l) => s + l.discount, 0)).toBe(r.discount);
  });
  it('fixed amount never exceeds the basket', () => {
    const r = evaluate(basket(line('a', 300)), set([promo('A', { benefit: { kind: 'amount', amount: 500 } })]), [], ctx());
    expect(r.discount).toBe(300);
    expect(r.total).toBe(0);
  });
  it('fixed amount splits in proportion and sums exactly', () => {
    const r = evaluate(basket(line('a', 100), line('b', 100), line('c', 100)), set([promo('A', { benefit: { kind: 'amount', amount: 100 } })]), [], ctx());
    expect(r.lineDiscounts).toEqual({ a: 34, b: 33, c: 33 });
  });
  it('fixed price for a set: 3 units of X for 2000, the dearest units first', () => {
    const f = promo('F', { benefit: { kind: 'fixed_price_set', quantity: 3, price: 2000 }, conditions: { skus: ['X'] } });
    const r = evaluate(basket(line('a', 3000, { quantity: 3, sku: 'X' }), line('b', 500)), set([f]), [], ctx());
    expect(r.lineDiscounts).toEqual({ a: 1000 });
  });
  it('a set price above the units’ price gives nothing: no_discountable_amount, never a negative discount', () => {
    const f = promo('F', { code: 'shared', benefit: { kind: 'fixed_price_set', quantity: 2, price: 700 }, conditions: { skus: ['X'] } });
    const r = evaluate(basket(line('a', 500, { sku: 'X', quantity: 2 })), set([f], [code('SET', 'F')]), ['SET'], ctx());
    expect(r.discount).toBe(0);
    expect(r.rejected).toEqual([{ code: 'SET', reason: 'no_discountable_amount' }]);
  });
  it('buy 2 get 1: the two dearest are bought, the next dearest is free', () => {
    const p = promo('B', { benefit: { kind: 'buy_x_get_y', buy: 2, get: 1, reward: { kind: 'free' } }, conditions: { categories: ['tea'] } });
    const r = evaluate(basket(line('a', 900, { category: 'tea' }), line('b', 400, { category: 'tea' }), line('c', 600, { category: 'tea' }), line('d', 100)), set([p]), [], ctx());
    expect(r.lineDiscounts).toEqual({ b: 400 });
  });
  it('buy 2 get 1 over quantities: 7 units give 2 free', () => {
    const p = promo('B', { benefit: { kind: 'buy_x_get_y', buy: 2, get: 1, reward: { kind: 'free' } } });
    const r = evaluate(basket(line('a', 700, { quantity: 7 })), set([p]), [], ctx());
    expect(r.discount).toBe(200);
  });
  it('buy 2 get 1 with too few units is no discount', () => {
    const p = promo('B', { benefit: { kind: 'buy_x_get_y', buy: 2, get: 1, reward: { kind: 'free' } } });
    expect(evaluate(basket(line('a', 700, { quantity: 2 })), set([p]), [], ctx()).discount).toBe(0);
  });
  it('matches by brand, category or sku', () => {
    const p = promo('M', { conditions: { brands: ['Acme'], skus: ['S9'] } });
    const r = evaluate(basket(line('a', 1000, { brand: 'Acme' }), line('b', 1000, { sku: 'S9' }), line('c', 1000, { brand: 'Other' })), set([p]), [], ctx());
    expect(Object.keys(r.lineDiscounts).sort()).toEqual(['a', 'b']);
  });
  it('percent is clamped to 0..100', () => {
    const r = evaluate(basket(line('a', 1000)), set([promo('P', { benefit: { kind: 'percent', percent: 150 } })]), [], ctx());
    expect(r.discount).toBe(1000);
  });
});

describe('stacking, exclusivity, priority', () => {
  it('stacks in priority order, each on what is left', () => {
    const a = promo('A', { priority: 2, benefit: { kind: 'amount', amount: 200 } });
    const b = promo('B', { priority: 1, benefit: { kind: 'percent', percent: 10 } });
    const r = evaluate(basket(line('a', 1000)), set([b, a]), [], ctx());
    expect(r.applied.map((x) => x.promotionId)).toEqual(['A', 'B']);
    expect(r.discount).toBe(280);
  });
  it('ties of priority go to the earlier in the list (campaigns by id), whatever order they were given in', () => {
    const a = promo('A', { benefit: { kind: 'amount', amount: 100 } });
    const b = promo('B');
    const one = evaluate(basket(line('a', 1000)), set([a, b]), [], ctx());
    expect(one.applied.map((x) => [x.promotionId, x.discount])).toEqual([['A', 100], ['B', 90]]);
    expect(evaluate(basket(line('a', 1000)), set([b, a]), [], ctx())).toEqual(one);
  });
  it('combinable promotions apply around a non-combinable one, each on what is left', () => {
    const x = promo('X', { priority: 0, exclusive: true, code: 'shared' });
    const r = evaluate(basket(line('a', 1000)), set([x, promo('A', { priority: 5 })], [code('STREAMMDL', 'X')]), ['STREAMMDL'], ctx());
    expect(r.applied.map((p) => [p.promotionId, p.discount])).toEqual([['A', 100], ['X', 90]]);
    expect(r.rejected).toEqual([]);
  });
  it('non-combinable: the largest discount wins on the same state, the others are not_combinable', () => {
    const x = promo('X', { priority: 9, exclusive: true, code: 'shared' });
    const y = promo('Y', { priority: 1, exclusive: true, code: 'shared', benefit: { kind: 'amount', amount: 300 } });
    const z = promo('Z', { priority: 1, exclusive: true, code: 'shared', benefit: { kind: 'amount', amount: 300 } });
    const r = evaluate(basket(line('a', 1000)), set([x, y, z], [code('XX', 'X'), code('YY', 'Y'), code('ZZ', 'Z')]), ['XX', 'ZZ', 'YY'], ctx());
    expect(r.applied.map((p) => [p.promotionId, p.discount])).toEqual([['Y', 300]]);
    expect(r.rejected).toEqual([
      { code: 'XX', reason: 'not_combinable', params: { promotion: 'Promo Y' } },
      { code: 'ZZ', reason: 'not_combinable', params: { promotion: 'Promo Y' } },
    ]);
  });
  it('the discount never exceeds the basket, however much stacks', () => {
    const ps = [1, 2, 3].map((i) => promo(`A${i}`, { benefit: { kind: 'amount', amount: 600 } }));
    const r = evaluate(basket(line('a', 1000), line('b', 500)), set(ps), [], ctx());
    expect(r.discount).toBe(1500);
    expect(r.total).toBe(0);
    expect(r.applied.map((x) => x.discount)).toEqual([600, 600, 300]);
  });
});

describe('codes', () => {
  const personal = promo('W', { code: 'personal', benefit: { kind: 'amount', amount: 5000 } });
  const records = [code(CODE, 'W', { customerId: 'c1' })];
  const withCustomer = ctx({ customer: { id: 'c1', segments: [], purchases: 0 } });

  it('applies a personal code for its customer, typed loosely', () => {
    const typed = `${CODE.slice(0, 5).toLowerCase()}-${CODE.slice(5)} `;
    const r = evaluate(basket(line('a', 20000)), set([personal], records), [typed], withCustomer);
    expect(r.applied).toEqual([{ promotionId: 'W', name: 'Promo W', code: CODE, discount: 5000, lines: [{ lineId: 'a', discount: 5000 }] }]);
  });
  it('a code promotion does nothing without its code', () => {
    expect(evaluate(basket(line('a', 20000)), set([personal], records), [], withCustomer).discount).toBe(0);
  });
  it('mistyped: one character changed', () => {
    const wrong = CODE.slice(0, -2) + (CODE.at(-2) === 'A' ? 'B' : 'A') + CODE.at(-1);
    expect(reasonOf(evaluate(basket(line('a', 1)), set([personal], records), [wrong], withCustomer))).toEqual(['mistyped_code']);
  });
  it('unknown: well formed but not issued, or a shared word nobody made', () => {
    const other = validCode('HELLO', '22222222B');
    expect(reasonOf(evaluate(basket(line('a', 1)), set([personal], records), [other, 'SUMMER'], withCustomer))).toEqual(['unknown_code', 'unknown_code']);
  });
  it('a code whose promotion is missing is unknown', () => {
    expect(reasonOf(evaluate(basket(line('a', 1)), set([], records), [CODE], withCustomer))).toEqual(['unknown_code']);
  });
  it('redeemed and void codes', () => {
    const s = set([personal], [code(CODE, 'W', { status: 'redeemed' }), code('OLDCODE', 'W', { status: 'void' })]);
    expect(reasonOf(evaluate(basket(line('a', 1)), s, [CODE, 'OLDCODE'], withCustomer))).toEqual(['code_redeemed', 'code_void']);
  });
  it('the same code twice: already applied', () => {
    const r = evaluate(basket(line('a', 20000)), set([personal], records), [CODE, CODE.toLowerCase()], withCustomer);
    expect(r.applied).toHaveLength(1);
    expect(reasonOf(r)).toEqual(['duplicate_code']);
  });
  it('two codes of one promotion: already applied', () => {
    const s = set([promo('S', { code: 'shared' })], [code('ONE', 'S'), code('TWO', 'S')]);
    const r = evaluate(basket(line('a', 1000)), s, ['ONE', 'TWO'], ctx());
    expect(r.discount).toBe(100);
    expect(reasonOf(r)).toEqual(['duplicate_code']);
  });
  it('someone else’s personal code, or no customer identified', () => {
    const s = set([personal], records);
    expect(reasonOf(evaluate(basket(line('a', 20000)), s, [CODE], ctx({ customer: { id: 'c2', segments: [], purchases: 0 } })))).toEqual(['not_your_code']);
    expect(reasonOf(evaluate(basket(line('a', 20000)), s, [CODE], ctx()))).toEqual(['not_your_code']);
  });
  it('a code whose items are not in the basket', () => {
    const s = set([promo('T', { code: 'shared', conditions: { categories: ['tea'] } })], [code('TEA', 'T')]);
    expect(reasonOf(evaluate(basket(line('a', 1000, { category: 'coffee' })), s, ['TEA'], ctx()))).toEqual(['no_eligible_items']);
  });
});

describe('conditions', () => {
  const shared = (conditions: Promotion['conditions'], over: Partial<Promotion> = {}) => set([promo('C', { code: 'shared', conditions, ...over })], [code('GO', 'C')]);
  const reject = (s: ReturnType<typeof set>, c = ctx(), b = basket(line('a', 1000))) => evaluate(b, s, ['GO'], c).rejected;

  it('validity window: not yet, valid, expired (end exclusive)', () => {
    const s = shared({ validFrom: '2026-12-01T00:00:00.000Z', validTo: '2026-12-05T00:00:00.000Z' });
    expect(reject(s, ctx({ now: '2026-11-30T23:59:59.999Z' }))[0]?.reason).toBe('not_yet_valid');
    expect(reject(s, ctx({ now: '2026-12-01T00:00:00.000Z' }))).toEqual([]);
    expect(reject(s, ctx({ now: '2026-12-05T00:00:00.000Z' }))[0]?.reason).toBe('expired');
  });
  it('store and channel', () => {
    expect(reject(shared({ stores: ['S2'] }))[0]?.reason).toBe('wrong_store');
    expect(reject(shared({ stores: ['S1', 'S2'] }))).toEqual([]);
    expect(reject(shared({ channels: ['web'] }))[0]?.reason).toBe('wrong_channel');
    expect(reject(shared({ channels: ['web'] }), ctx({ channel: 'web' }))).toEqual([]);
  });
  it('currency', () => {
    expect(reject(shared({}, { currency: 'RON' }))[0]?.reason).toBe('wrong_currency');
  });
  it('segment', () => {
    const s = shared({ segments: ['lapsed_30d'] });
    expect(reject(s)[0]?.reason).toBe('customer_required');
    expect(reject(s, ctx({ customer: { id: 'c', segments: ['vip'], purchases: 3 } }))[0]?.reason).toBe('wrong_segment');
    expect(reject(s, ctx({ customer: { id: 'c', segments: ['lapsed_30d'], purchases: 3 } }))).toEqual([]);
  });
  it('first purchase', () => {
    const s = shared({ firstPurchaseOnly: true });
    expect(reject(s, ctx({ customer: { id: 'c', segments: [], purchases: 1 } }))[0]?.reason).toBe('not_first_purchase');
    expect(reject(s)[0]?.reason).toBe('customer_required');
    expect(reject(s, ctx({ customer: { id: 'c', segments: [], purchases: 0 } }))).toEqual([]);
  });
  it('minimum basket says how much is missing', () => {
    const s = shared({ minBasket: 5000 });
    expect(reject(s)).toEqual([{ code: 'GO', reason: 'below_minimum', params: { missing: 4000 } }]);
    expect(reject(s, ctx(), basket(line('a', 5000)))).toEqual([]);
  });
  it('automatic promotions that fail a condition are skipped with their reason', () => {
    const s = set([promo('A', { conditions: { minBasket: 5000 } })]);
    const r = evaluate(basket(line('a', 1000)), s, [], ctx());
    expect(r).toMatchObject({ discount: 0, rejected: [], applied: [], skipped: [{ promotionId: 'A', reason: 'below_minimum', params: { missing: 4000 } }] });
  });
});

describe('offline', () => {
  const offline = (policy: Promotion['offline'], over: Partial<Promotion> = {}) => set([promo('O', { code: 'shared', offline: policy, ...over })], [code('OFF', 'O')]);
  const run = (s: ReturnType<typeof set>, c: Parameters<typeof ctx>[0]) => evaluate(basket(line('a', 1000)), s, ['OFF'], ctx({ online: false, ...c }));

  it('allow', () => expect(run(offline('allow'), {}).discount).toBe(100));
  it('deny', () => expect(reasonOf(run(offline('deny'), {}))).toEqual(['offline_not_allowed']));
  it('online, every policy applies', () => {
    for (const p of ['allow', 'deny', 'cap', 'signed_offer_required'] as const) expect(evaluate(basket(line('a', 1000)), offline(p), ['OFF'], ctx()).discount).toBe(100);
  });
  it('cap: under, at the cap', () => {
    const s = offline('cap', { offlineCap: 2 });
    expect(run(s, { offlineUsed: { O: 1 } }).discount).toBe(100);
    expect(run(s, { offlineUsed: { O: 2 } }).rejected).toEqual([{ code: 'OFF', reason: 'offline_cap_reached', params: { cap: 2 } }]);
  });
  it('signed offer required, then given', () => {
    const s = offline('signed_offer_required');
    expect(reasonOf(run(s, {}))).toEqual(['signed_offer_required']);
    expect(run(s, { signedOffers: ['O'] }).discount).toBe(100);
  });
  it('a signed offer stays within the per-till cap when the promotion has one', () => {
    const s = offline('signed_offer_required', { offlineCap: 2 });
    expect(run(s, { signedOffers: ['O'], offlineUsed: { O: 1 } }).discount).toBe(100);
    expect(run(s, { signedOffers: ['O'], offlineUsed: { O: 2 } }).rejected).toEqual([{ code: 'OFF', reason: 'offline_cap_reached', params: { cap: 2 } }]);
    expect(run(offline('deny'), { signedOffers: ['O'], offlineUsed: { O: 99 } }).discount).toBe(100);
  });
  it('automatic promotions work offline whatever their policy', () => {
    expect(evaluate(basket(line('a', 1000)), set([promo('A', { offline: 'deny' })]), [], ctx({ online: false })).discount).toBe(100);
  });
});

describe('set and inputs', () => {
  it('normalizes codes', () => {
    expect(normalizeCode(' stream-mdl ')).toBe('STREAMMDL');
    expect(normalizeCode('a b\tc')).toBe('ABC');
  });
  it('refuses a promotion listed twice', () => {
    expect(() => promotionSet([promo('A'), promo('A')], [])).toThrow(/twice/);
  });
  it('an empty basket gets no discount and no error', () => {
    expect(evaluate(basket(), set([promo('A')]), [], ctx())).toMatchObject({ discount: 0, total: 0, applied: [] });
  });
  it('does not mutate its inputs', () => {
    const b = basket(line('a', 1000));
    const frozen = JSON.stringify(b);
    evaluate(b, set([promo('A')]), ['X'], ctx());
    expect(JSON.stringify(b)).toBe(frozen);
  });
  it('line discounts always sum to the total discount (random baskets)', () => {
    let seed = 42;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const ps = [promo('P', { benefit: { kind: 'percent', percent: 7.5 } }), promo('A', { priority: 1, benefit: { kind: 'amount', amount: 333 } }), promo('B', { benefit: { kind: 'buy_x_get_y', buy: 3, get: 1, reward: { kind: 'free' } } })];
    for (let t = 0; t < 200; t++) {
      const lines = Array.from({ length: 1 + rnd(8) }, (_, i) => line(`l${i}`, 1 + rnd(10000), { quantity: 1 + rnd(4) }));
      const r = evaluate(basket(...lines), set(ps), [], ctx());
      expect(Object.values(r.lineDiscounts).reduce((a, b) => a + b, 0)).toBe(r.discount);
      for (const l of lines) expect(r.lineDiscounts[l.lineId] ?? 0).toBeLessThanOrEqual(l.amount);
      expect(r.total).toBeGreaterThanOrEqual(0);
    }
  });
});
