import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { VAT_CATEGORIES, COUNTRIES, vatRateOn, vatFromGross, formatRate } from '../../core/vat.js';
import { saleTotals, lineTotal, type PricedLine } from '../../core/sale/sale.js';

describe('VAT rates as dated data', () => {
  it('follows the law on the day of the sale', () => {
    expect(vatRateOn('RU', 'standard', '2025-12-31')).toBe(2000);
    expect(vatRateOn('RU', 'standard', '2026-01-01')).toBe(2200);
    expect(vatRateOn('RU', 'reduced', '2026-06-01')).toBe(1000);
    expect(vatRateOn('RO', 'standard', '2025-07-31')).toBe(1900);
    expect(vatRateOn('RO', 'standard', '2025-08-01')).toBe(2100);
    expect(vatRateOn('RO', 'reduced', '2025-08-01')).toBe(1100);
    expect(vatRateOn('UA', 'standard', '2026-11-22')).toBe(2000);
    expect(vatRateOn('UA', 'reduced', '2026-11-22')).toBe(700);
    expect(vatRateOn('UA', 'special', '2026-11-22')).toBe(1400);
    expect(vatRateOn('MD', 'standard', '2026-11-22')).toBe(2000);
    expect(vatRateOn('MD', 'reduced', '2026-11-22')).toBe(800);
  });

  it('has a rate for every country and category today', () => {
    for (const c of COUNTRIES) for (const cat of VAT_CATEGORIES) expect(vatRateOn(c, cat, '2026-11-22')).toBeGreaterThanOrEqual(0);
  });

  it('reports a day before any known rate as VAT_RATE_UNKNOWN', () => {
    expect(() => vatRateOn('UA', 'special', '2020-01-01')).toThrowError(expect.objectContaining({ code: 'VAT_RATE_UNKNOWN' }));
  });

  it('extracts VAT from a VAT-inclusive amount', () => {
    expect(vatFromGross(12200, 2200)).toBe(2200);
    expect(vatFromGross(11000, 1000)).toBe(1000);
    expect(vatFromGross(100, 2000)).toBe(17);
    expect(formatRate(2200)).toBe('22 %');
    expect(formatRate(1050)).toBe('10.5 %');
  });
});

const line = fc.record({
  quantity: fc.oneof(
    fc.record({ kind: fc.constant('unit' as const), units: fc.integer({ min: 1, max: 9999 }) }),
    fc.record({ kind: fc.constant('weight' as const), grams: fc.integer({ min: 1, max: 100_000 }) }),
  ),
  unitPrice: fc.integer({ min: 0, max: 10_000_00 }),
  fixedTotal: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
  vatBasisPoints: fc.constantFrom(0, 700, 800, 1000, 1100, 1400, 2000, 2100, 2200),
  voided: fc.boolean(),
});

describe('sale totals', () => {
  it('breakdown sums to the total to the minor unit, whatever the lines', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 60 }), (lines: PricedLine[]) => {
        const totals = saleTotals(lines, 'RUB');
        const live = lines.filter((l) => !l.voided);
        expect(totals.total).toBe(live.reduce((s, l) => s + lineTotal(l), 0));
        expect(totals.vat.reduce((s, r) => s + r.gross, 0)).toBe(totals.total);
        for (const row of totals.vat) {
          expect(row.net + row.vat).toBe(row.gross);
          expect(Number.isInteger(row.vat)).toBe(true);
          expect(row.vat).toBeLessThanOrEqual(row.gross);
        }
        expect(new Set(totals.vat.map((r) => r.basisPoints)).size).toBe(totals.vat.length);
      }),
      { numRuns: 500 },
    );
  });

  it('prices weighed items per kilogram with commercial rounding', () => {
    expect(lineTotal({ quantity: { kind: 'weight', grams: 1234 }, unitPrice: 9990, fixedTotal: null })).toBe(12328);
    expect(lineTotal({ quantity: { kind: 'weight', grams: 500 }, unitPrice: 1, fixedTotal: null })).toBe(1);
    expect(lineTotal({ quantity: { kind: 'unit', units: 3 }, unitPrice: 4990, fixedTotal: null })).toBe(14970);
  });
});
