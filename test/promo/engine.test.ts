import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, localDay } from '../../core/promo/evaluate.js';
import type { BasketLine, PromoCodeRecord, Promotion } from '../../core/promo/model.js';
import { promotionSet } from '../../core/promo/promotionSet.js';
import { saleTotals, type PricedLine } from '../../core/sale/sale.js';
import { vatFromGross } from '../../core/vat.js';
import { basket, ctx, line, promo } from './fixtures.js';

/** Issue 9 item 1 worked examples (the same as core/promo/README.md). */
const set = (promotions: Promotion[], codes: PromoCodeRecord[] = []) => promotionSet(promotions, codes);
const shared = (p: Promotion, c = 'GO') => set([{ ...p, code: 'shared' }], [{ code: c, promotionId: p.id, status: 'active' }]);
const run = (p: Promotion, lines: BasketLine[], over: Parameters<typeof ctx>[0] = {}) => evaluate(basket(...lines), set([p]), [], ctx(over));
const refusal = (p: Promotion, lines: BasketLine[], over: Parameters<typeof ctx>[0] = {}) => evaluate(basket(...lines), shared(p), ['GO'], ctx(over)).rejected[0];

describe('allocation of percent and amount', () => {
  it('each: 10 % of every unit, per line, at most max_quantity units per line', () => {
    const p = promo('P', { allocation: 'each', maxQuantity: 2 });
    expect(run(p, [line('a', 3000, { quantity: 3 }), line('b', 1005)]).lineDiscounts).toEqual({ a: 200, b: 101 }); // 100.5 rounds half away from zero
  });
  it('each with an amount: 150 off every unit, never more than the unit', () => {
    const p = promo('A', { benefit: { kind: 'amount', amount: 150 }, allocation: 'each' });
    expect(run(p, [line('a', 3000, { quantity: 3 }), line('b', 100)]).lineDiscounts).toEqual({ a: 450, b: 100 });
  });
  it('once: the cheapest units first, max_quantity one quota over the lines', () => {
    const p = promo('O', { benefit: { kind: 'percent', percent: 50 }, allocation: 'once', maxQuantity: 3 });
    const r = run(p, [line('a', 900, { quantity: 3 }), line('b', 400, { quantity: 2 }), line('c', 1000)]);
    expect(r.lineDiscounts).toEqual({ a: 150, b: 200 }); // units 200, 200, 300 → 100 + 100 + 150
  });
  it('once without max_quantity: one unit', () => {
    const p = promo('O', { benefit: { kind: 'amount', amount: 500 }, allocation: 'once' });
    expect(run(p, [line('a', 900, { quantity: 3 }), line('b', 1000)]).lineDiscounts).toEqual({ a: 300 });
  });
  it('across: a fixed amount spread by what remains, largest remainder, ties to the earlier line', () => {
    const p = promo('A', { benefit: { kind: 'amount', amount: 100 } });
    expect(run(p, [line('c', 100), line('a', 100), line('b', 100)]).lineDiscounts).toEqual({ a: 34, b: 33, c: 33 });
  });
  it('across with a percent: rounded once for the promotion', () => {
    const p = promo('P', { allocation: 'across', benefit: { kind: 'percent', percent: 15 } });
    expect(run(p, [line('a', 1005), line('b', 1005)]).discount).toBe(302); // 301.5 → 302; each would give 151 + 151
  });
  it('a binding cap is re-spread weighted by the uncapped discounts', () => {
    const p = promo('P', { benefit: { kind: 'percent', percent: 50 }, cap: 600 });
    const r = run(p, [line('a', 2000), line('b', 1000)]);
    expect(r.lineDiscounts).toEqual({ a: 400, b: 200 });
    expect(r.applied[0]?.discount).toBe(600);
  });
});

describe('buy X get Y', () => {
  const bxgy = (buy: number, get: number, reward: Extract<Promotion['benefit'], { kind: 'buy_x_get_y' }>['reward'], over: Partial<Promotion> = {}) =>
    promo('B', { benefit: { kind: 'buy_x_get_y', buy, get, reward }, ...over });
  it('buy 1 get 1 at half price: the dearer bought, the next dearest the reward, repeated', () => {
    const r = run(bxgy(1, 1, { kind: 'percent', percent: 50 }), [line('a', 1000), line('b', 800), line('c', 600), line('d', 400)]);
    expect(r.lineDiscounts).toEqual({ b: 400, d: 200 });
  });
  it('buy 2 get 1 at 100 off', () => {
    expect(run(bxgy(2, 1, { kind: 'amount', amount: 100 }), [line('a', 300, { quantity: 3 })]).lineDiscounts).toEqual({ a: 100 });
  });
  it('max_quantity limits the deals; a unit serves one deal', () => {
    const r = run(bxgy(1, 1, { kind: 'free' }, { maxQuantity: 1 }), [line('a', 400, { quantity: 4 })]);
    expect(r.discount).toBe(100);
    expect(run(bxgy(1, 1, { kind: 'free' }), [line('a', 400, { quantity: 4 })]).discount).toBe(200);
  });
  it('the buy units come first from lines that cannot be the reward (nothing left on them)', () => {
    const free = promo('F', { priority: 9, benefit: { kind: 'percent', percent: 100 }, conditions: { skus: ['X'] } });
    const b = bxgy(1, 1, { kind: 'free' });
    const r = evaluate(basket(line('x', 5000, { sku: 'X' }), line('y', 700), line('z', 300)), set([free, b]), [], ctx());
    expect(r.applied.map((a) => [a.promotionId, a.discount])).toEqual([['F', 5000], ['B', 700]]);
  });
  it('too few units says how many to add', () => {
    expect(refusal(bxgy(2, 1, { kind: 'free' }), [line('a', 400)])).toEqual({ code: 'GO', reason: 'below_min_qty', params: { missing: 2 } });
  });
});

describe('fixed price for a set', () => {
  it('two sets of 2 for 1500, at most max_quantity sets, the dearest units first', () => {
    const p = promo('S', { benefit: { kind: 'fixed_price_set', quantity: 2, price: 1500 }, maxQuantity: 1 });
    expect(run(p, [line('a', 2000, { quantity: 2 }), line('b', 1800, { quantity: 2 })]).lineDiscounts).toEqual({ a: 500 });
    const two = run({ ...p, maxQuantity: undefined }, [line('a', 2000, { quantity: 2 }), line('b', 1800, { quantity: 2 })]);
    expect(two.lineDiscounts).toEqual({ a: 500, b: 300 });
  });
  it('a set over two lines spreads its saving by the units’ prices', () => {
    const p = promo('S', { benefit: { kind: 'fixed_price_set', quantity: 2, price: 1000 } });
    expect(run(p, [line('a', 900), line('b', 600)]).lineDiscounts).toEqual({ a: 300, b: 200 });
  });
});

describe('conditions', () => {
  it('minimum subtotal of the matching lines’ remaining amount, inclusive', () => {
    const first = promo('F', { priority: 2, benefit: { kind: 'amount', amount: 1000 } });
    const min = promo('M', { code: 'shared', priority: 1, conditions: { minBasket: 5000 } });
    const s = set([first, min], [{ code: 'GO', promotionId: 'M', status: 'active' }]);
    expect(evaluate(basket(line('a', 6000)), s, ['GO'], ctx()).applied.map((a) => a.promotionId)).toEqual(['F', 'M']);
    expect(evaluate(basket(line('a', 5999)), s, ['GO'], ctx()).rejected).toEqual([{ code: 'GO', reason: 'below_minimum', params: { missing: 1 } }]);
  });
  it('minimum quantity of the matching lines', () => {
    const p = promo('Q', { conditions: { minQuantity: 3, categories: ['tea'] } });
    expect(refusal(p, [line('a', 100, { category: 'tea' }), line('b', 100, { quantity: 5 })])).toEqual({ code: 'GO', reason: 'below_min_qty', params: { missing: 2 } });
    expect(run(p, [line('a', 100, { category: 'tea', quantity: 3 })]).discount).toBe(10);
  });
  it('validity as whole local days of the store, inclusive', () => {
    const p = promo('D', { conditions: { days: { first: '2026-12-04', last: '2026-12-05' }, validFrom: '2030-01-01T00:00:00Z' } });
    const at = (now: string) => refusal(p, [line('a', 1000)], { now, timeZone: 'Europe/Chisinau' })?.reason;
    expect(at('2026-12-03T21:59:59Z')).toBe('not_yet_valid'); // 23:59:59 on the 3rd in Chișinău
    expect(at('2026-12-03T22:00:00Z')).toBeUndefined(); // midnight of the 4th
    expect(at('2026-12-05T21:59:59Z')).toBeUndefined();
    expect(at('2026-12-05T22:00:00Z')).toBe('expired');
    expect(localDay('2026-12-05T22:00:00Z', 'America/New_York')).toBe('2026-12-05');
  });
  it('named customers, and a customer is required', () => {
    const p = promo('N', { conditions: { customers: ['c1'] } });
    expect(refusal(p, [line('a', 1000)])?.reason).toBe('customer_required');
    expect(refusal(p, [line('a', 1000)], { customer: { id: 'c2', segments: [], purchases: 0 } })?.reason).toBe('wrong_customer');
    expect(refusal(p, [line('a', 1000)], { customer: { id: 'c1', segments: [], purchases: 0 } })).toBeUndefined();
  });
  it('channel store / web / app', () => {
    const p = promo('C', { conditions: { channels: ['app'] } });
    expect(refusal(p, [line('a', 1000)])?.reason).toBe('wrong_channel');
    expect(refusal(p, [line('a', 1000)], { channel: 'app' })).toBeUndefined();
  });
  it('nothing left on the eligible lines', () => {
    const all = promo('F', { priority: 9, benefit: { kind: 'percent', percent: 100 } });
    const s = set([all, { ...promo('G'), code: 'shared' }], [{ code: 'GO', promotionId: 'G', status: 'active' }]);
    expect(evaluate(basket(line('a', 1000)), s, ['GO'], ctx()).rejected).toEqual([{ code: 'GO', reason: 'no_eligible_items' }]);
  });
});

describe('limits', () => {
  it('total uses', () => {
    const p = promo('U', { maxUses: 100 });
    expect(refusal(p, [line('a', 1000)], { campaignUsage: { U: { uses: 100, spent: 0 } } })?.reason).toBe('usage_exhausted');
    expect(refusal(p, [line('a', 1000)], { campaignUsage: { U: { uses: 99, spent: 0 } } })).toBeUndefined();
  });
  it('total budget: refused when spent, the discount capped at what is left', () => {
    const p = promo('B', { budget: 10_000, benefit: { kind: 'percent', percent: 50 } });
    expect(refusal(p, [line('a', 1000)], { campaignUsage: { B: { uses: 7, spent: 10_000 } } })?.reason).toBe('budget_exhausted');
    expect(run(p, [line('a', 1000), line('b', 600)], { campaignUsage: { B: { uses: 7, spent: 9_800 } } }).lineDiscounts).toEqual({ a: 125, b: 75 });
  });
  it('per customer', () => {
    const p = promo('P', { conditions: { perCustomer: 1 } });
    expect(refusal(p, [line('a', 1000)], { customer: { id: 'c', segments: [], purchases: 3, uses: { P: 1 } } })?.reason).toBe('per_customer_limit');
  });
});

describe('VAT from the discounted lines', () => {
  it('each rate’s VAT is taken from its lines’ discounted gross, and the breakdown sums to the total', () => {
    const lines = [line('a', 10_000, { quantity: 2 }), line('b', 3_333), line('c', 2_001, { quantity: 3 })];
    const rates: Record<string, number> = { a: 2000, b: 800, c: 2000 };
    const r = evaluate(basket(...lines), set([promo('P', { benefit: { kind: 'percent', percent: 15 } }), promo('A', { benefit: { kind: 'amount', amount: 777 } })]), [], ctx());
    const priced: PricedLine[] = lines.map((l) => ({ quantity: { kind: 'unit', units: 1 }, unitPrice: l.amount, fixedTotal: null, vatBasisPoints: rates[l.lineId] as number, voided: false, discount: r.lineDiscounts[l.lineId] ?? 0 }));
    const totals = saleTotals(priced, 'MDL');
    expect(totals.total).toBe(r.total);
    expect(totals.discount).toBe(r.discount);
    expect(totals.vat.reduce((s, v) => s + v.gross, 0)).toBe(r.total);
    const at20 = 10_000 + 2_001 - (r.lineDiscounts.a ?? 0) - (r.lineDiscounts.c ?? 0);
    expect(totals.vat).toEqual([
      { basisPoints: 2000, gross: at20, vat: vatFromGross(at20, 2000), net: at20 - vatFromGross(at20, 2000) },
      { basisPoints: 800, gross: 3_333 - (r.lineDiscounts.b ?? 0), vat: vatFromGross(3_333 - (r.lineDiscounts.b ?? 0), 800), net: 3_333 - (r.lineDiscounts.b ?? 0) - vatFromGross(3_333 - (r.lineDiscounts.b ?? 0), 800) },
    ]);
  });
});

/** Random carts against random promotions of every kind. */
const lineArb = fc.record({
  sku: fc.constantFrom('A', 'B', 'C'),
  category: fc.constantFrom('tea', 'coffee'),
  brand: fc.constantFrom('acme', 'zeta'),
  quantity: fc.integer({ min: 1, max: 5 }),
  amount: fc.integer({ min: 0, max: 20_000 }),
});
const benefitArb: fc.Arbitrary<Promotion['benefit']> = fc.oneof(
  fc.record({ kind: fc.constant('percent' as const), percent: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ kind: fc.constant('amount' as const), amount: fc.integer({ min: 1, max: 30_000 }) }),
  fc.record({
    kind: fc.constant('buy_x_get_y' as const),
    buy: fc.integer({ min: 1, max: 3 }),
    get: fc.integer({ min: 1, max: 2 }),
    reward: fc.oneof(fc.constant({ kind: 'free' as const }), fc.record({ kind: fc.constant('percent' as const), percent: fc.integer({ min: 1, max: 100 }) }), fc.record({ kind: fc.constant('amount' as const), amount: fc.integer({ min: 1, max: 5000 }) })),
  }),
  fc.record({ kind: fc.constant('fixed_price_set' as const), quantity: fc.integer({ min: 2, max: 4 }), price: fc.integer({ min: 0, max: 20_000 }) }),
);
const promoArb = (i: number) =>
  fc.record({
    benefit: benefitArb,
    priority: fc.integer({ min: 0, max: 3 }),
    exclusive: fc.boolean(),
    allocation: fc.option(fc.constantFrom('each' as const, 'once' as const, 'across' as const), { nil: undefined }),
    maxQuantity: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    cap: fc.option(fc.integer({ min: 1, max: 5000 }), { nil: undefined }),
    target: fc.constantFrom<Promotion['conditions']>({}, { skus: ['A'] }, { categories: ['tea'] }, { brands: ['zeta'] }, { minBasket: 3000 }, { minQuantity: 3 }),
  }).map((r): Promotion => ({ ...promo(`P${i}`), benefit: r.benefit, priority: r.priority, exclusive: r.exclusive, conditions: r.target, ...(r.allocation ? { allocation: r.allocation } : {}), ...(r.maxQuantity ? { maxQuantity: r.maxQuantity } : {}), ...(r.cap ? { cap: r.cap } : {}) }));
const caseArb = fc.record({
  lines: fc.array(lineArb, { maxLength: 8 }).map((ls) => ls.map((l, i) => ({ lineId: `L${i}`, ...l }))),
  promotions: fc.integer({ min: 0, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => promoArb(i)))),
  shuffle: fc.array(fc.nat(), { maxLength: 8 }),
});

describe('properties', () => {
  it('no line below zero, lines sum to each promotion, total never negative', () => {
    fc.assert(
      fc.property(caseArb, ({ lines, promotions }) => {
        const r = evaluate(basket(...lines), set(promotions), [], ctx());
        for (const a of r.applied) {
          expect(a.lines.reduce((s, l) => s + l.discount, 0)).toBe(a.discount);
          expect(a.discount).toBeGreaterThan(0);
          for (const l of a.lines) expect(l.discount).toBeGreaterThan(0);
        }
        for (const l of lines) expect(l.amount - (r.lineDiscounts[l.lineId] ?? 0)).toBeGreaterThanOrEqual(0);
        expect(r.total).toBeGreaterThanOrEqual(0);
        expect(r.discount).toBe(r.applied.reduce((s, a) => s + a.discount, 0));
        expect(r.applied.filter((a) => promotions.find((p) => p.id === a.promotionId)?.exclusive).length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
  it('re-evaluation is idempotent and independent of the order lines were scanned', () => {
    fc.assert(
      fc.property(caseArb, ({ lines, promotions, shuffle }) => {
        const s = set(promotions);
        const once = evaluate(basket(...lines), s, [], ctx());
        expect(evaluate(basket(...lines), s, [], ctx())).toEqual(once);
        const shuffled: BasketLine[] = [...lines];
        shuffle.forEach((k, i) => {
          const j = k % shuffled.length;
          if (shuffled.length > 0) [shuffled[i % shuffled.length], shuffled[j]] = [shuffled[j] as BasketLine, shuffled[i % shuffled.length] as BasketLine];
        });
        expect(evaluate(basket(...shuffled), s, [], ctx())).toEqual(once);
      }),
      { numRuns: 300 },
    );
  });
});
