import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTypedAmount, parseTypedPercent } from '../../core/adjust/typed.js';
import type { SaleView } from '../../core/sale/contract.js';
import { applyManual, deepestManual, manualAmount, type ManualDiscount } from '../../core/sale/manual.js';

describe('typed prices and percents', () => {
  it('reads money as each UI language writes it, grouping spaces included', () => {
    expect(parseTypedAmount('12.50', 'MDL')).toBe(1250);
    expect(parseTypedAmount('12,5', 'RON')).toBe(1250);
    expect(parseTypedAmount('1 234,50', 'RUB')).toBe(123_450);
    expect(parseTypedAmount('1\u00a0234,50', 'RUB')).toBe(123_450);
    expect(parseTypedAmount(new Intl.NumberFormat('ru', { minimumFractionDigits: 2 }).format(1234.5), 'RUB')).toBe(123_450);
    expect(parseTypedAmount(new Intl.NumberFormat('ro', { minimumFractionDigits: 2 }).format(1234.5), 'RON')).toBeNull(); // "1.234,50": a dot groups in Romanian; refused, never misread
    for (const bad of ['', '  ', '-5', '12.345', 'abc', '1e3']) expect(parseTypedAmount(bad, 'EUR')).toBeNull();
  });

  it('reads percents from 0.01 to 100 into basis points', () => {
    expect(parseTypedPercent('10')).toBe(1000);
    expect(parseTypedPercent('12,5')).toBe(1250);
    expect(parseTypedPercent('12.25 %')).toBe(1225);
    expect(parseTypedPercent('100')).toBe(10_000);
    for (const bad of ['0', '0,00', '100.01', '101', '-1', '', 'ten', '1.234']) expect(parseTypedPercent(bad)).toBeNull();
  });
});

describe('manual discounts on what promotions left', () => {
  const line = fc.record({ remaining: fc.integer({ min: 0, max: 1_000_000 }), discount: fc.option(fc.oneof(
    fc.record({ kind: fc.constant('percent' as const), value: fc.integer({ min: 1, max: 10_000 }) }),
    fc.record({ kind: fc.constant('amount' as const), value: fc.integer({ min: 1, max: 2_000_000 }) }),
  ), { nil: null }) });

  it('never takes a line below nothing, and the sale discount is spread over the lines to the minor unit', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 20 }), fc.option(fc.integer({ min: 1, max: 3_000_000 }), { nil: null }), (lines, saleAmount) => {
        const withIds = lines.map((l, i) => ({ ...l, id: `L${i}` }));
        const r = applyManual(withIds, saleAmount === null ? null : { kind: 'amount', value: saleAmount });
        let left = 0;
        for (const l of withIds) {
          const own = r.line.get(l.id) ?? 0;
          const share = r.share.get(l.id) ?? 0;
          expect(own).toBe(l.discount ? manualAmount(l.discount, l.remaining) : 0);
          expect(own + share).toBeLessThanOrEqual(l.remaining);
          expect(share).toBeGreaterThanOrEqual(0);
          left += l.remaining - own;
        }
        expect([...r.share.values()].reduce((a, b) => a + b, 0)).toBe(r.sale);
        expect(r.sale).toBe(saleAmount === null ? 0 : Math.min(saleAmount, left));
      }),
    );
  });

  it('rounds a percent per line as the sale service does', () => {
    expect(manualAmount({ kind: 'percent', value: 1250 }, 999)).toBe(125);
  });
});

/**
 * A sale's lines and manual discounts as saleView builds them: each line's remaining after
 * promotions (`promo` off its total), its own manual discount, then the sale's spread (applyManual).
 */
function saleOf(lines: { total: number; promo?: number; own?: ManualDiscount; voided?: boolean }[], sale: ManualDiscount | null = null): Pick<SaleView, 'lines' | 'manual'> {
  const live = lines.map((l, id) => ({ id: String(id), remaining: l.total - (l.promo ?? 0), discount: l.own ?? null, voided: l.voided ?? false })).filter((l) => !l.voided);
  const r = applyManual(live, sale);
  const view = (given: ManualDiscount | null | undefined, amount: number) => (given ? { ...given, reason: 'why', amount } : null);
  return {
    manual: view(sale, r.sale),
    lines: lines.map((l, i) => {
      const own = r.line.get(String(i)) ?? 0;
      const share = r.share.get(String(i)) ?? 0;
      return { lineTotal: l.total, discount: l.voided ? 0 : (l.promo ?? 0) + own + share, manual: l.voided ? null : view(l.own, own), saleShare: share, voided: l.voided ?? false } as SaleView['lines'][number];
    }),
  };
}

const pct = (value: number): ManualDiscount => ({ kind: 'percent', value });
const amt = (value: number): ManualDiscount => ({ kind: 'amount', value });

describe('how deep the manual discounts go: a line’s own and its share of the sale’s, together, on what promotions left', () => {
  it('a line discount and a sale discount add up on that line (10 % then 10 % is 19 %); the other lines carry the sale’s alone', () => {
    expect(deepestManual(saleOf([{ total: 10_000, own: pct(1000) }, { total: 5000 }], pct(1000)))).toBe(1900);
    expect(deepestManual(saleOf([{ total: 10_000 }, { total: 5000 }], pct(1000)))).toBe(1000);
    expect(deepestManual(saleOf([{ total: 10_000, own: pct(500) }, { total: 5000 }], null))).toBe(500);
    expect(deepestManual(saleOf([{ total: 10_000 }], null))).toBe(0);
  });

  it('a percent is as deep as it says whatever the cents, and exactly a limit is exactly it; a hair over is over', () => {
    // 12.5 % of 999 is 124.875, taken as 125: still 12.5 %.
    expect(deepestManual(saleOf([{ total: 999, own: pct(1250) }]))).toBe(1250);
    // 10 % of the sale spread over uneven lines (3333, 3333, 3334): exact shares, no line over 10 %.
    expect(deepestManual(saleOf([{ total: 3333 }, { total: 3333 }, { total: 3334 }], amt(1000)))).toBe(1000);
    expect(deepestManual(saleOf([{ total: 10_000, own: amt(1000) }]))).toBe(1000);
    expect(deepestManual(saleOf([{ total: 10_000, own: amt(1001) }]))).toBe(1001);
    expect(deepestManual(saleOf([{ total: 30_000, own: amt(1) }]))).toBe(1);
  });

  it('measures on what promotions left, not on the shelf price; voided lines and lines promotions took whole are not counted', () => {
    // 900 off a line a promotion took to 9000 is 10 %.
    expect(deepestManual(saleOf([{ total: 10_000, promo: 1000, own: amt(900) }]))).toBe(1000);
    expect(deepestManual(saleOf([{ total: 10_000, promo: 10_000 }, { total: 4000, own: pct(300) }], pct(200)))).toBe(494);
    expect(deepestManual(saleOf([{ total: 10_000, own: pct(5000), voided: true }, { total: 4000 }], amt(400)))).toBe(1000);
  });

  it('an amount off the sale weighs more when a line goes (the same 10.00 on less)', () => {
    expect(deepestManual(saleOf([{ total: 5000 }, { total: 5000 }], amt(1000)))).toBe(1000);
    expect(deepestManual(saleOf([{ total: 5000 }, { total: 5000, voided: true }], amt(1000)))).toBe(2000);
  });

  it('percents only: the depth is 1 − (1 − line)(1 − sale), rounded up, on the deepest line; a sale percent on nothing left is no depth', () => {
    // Near 100 % a line's own percent rounds (half away from zero) to the whole line: 99.95 % of 10.00
    // takes 10.00. When every line's own discount took all of it, the sale's percent has nothing to
    // work on and takes nothing, so it adds no depth (seed 830705635: [[9995], 1] is 99.95 %).
    const own = fc.oneof(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 9990, max: 10_000 }));
    fc.assert(
      fc.property(fc.array(own, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 10_000 }), (owns, sale) => {
        const lines = owns.map((p, i) => ({ total: 1000 + i * 777, own: p > 0 ? pct(p) : undefined }));
        const left = lines.reduce((sum, l) => sum + l.total - (l.own ? manualAmount(l.own, l.total) : 0), 0);
        const onSale = left > 0 ? sale : 0;
        const expected = Math.max(...owns.map((p) => Math.ceil(10_000 - ((10_000 - p) * (10_000 - onSale)) / 10_000)));
        expect(deepestManual(saleOf(lines, sale > 0 ? pct(sale) : null))).toBe(expected);
      }),
    );
    expect(deepestManual(saleOf([{ total: 1000, own: pct(9995) }], pct(1)))).toBe(9995);
    expect(deepestManual(saleOf([{ total: 1000, own: pct(9995) }, { total: 1777 }], pct(1)))).toBe(9996);
  });
});
