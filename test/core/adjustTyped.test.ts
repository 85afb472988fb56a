import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTypedAmount, parseTypedPercent } from '../../core/adjust/typed.js';
import { applyManual, depthBasisPoints, manualAmount } from '../../core/sale/manual.js';

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

  it('measures an amount’s depth against its base, rounding up so just over a limit is over', () => {
    expect(depthBasisPoints(1000, 10_000)).toBe(1000);
    expect(depthBasisPoints(1001, 10_000)).toBe(1001);
    expect(depthBasisPoints(1, 30_000)).toBe(1);
    expect(depthBasisPoints(0, 100)).toBe(0);
    expect(manualAmount({ kind: 'percent', value: 1250 }, 999)).toBe(125);
  });
});
