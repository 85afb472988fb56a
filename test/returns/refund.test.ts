import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { lineRefund, refundVat, remaining } from '../../core/returns/refund.js';

describe('refund of a returned line', () => {
  it('gives back its share of what was paid; the parts of a line returned in any steps add up to exactly what was paid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 10_000_000 }), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 50 }), (quantity, paid, steps) => {
        let returned = 0;
        let refunded = 0;
        for (const step of steps) {
          const q = Math.min(step, quantity - returned);
          if (q === 0) break;
          const r = lineRefund({ quantity, paid, returned }, q);
          expect(r).toBeGreaterThanOrEqual(0);
          expect(r).toBeLessThanOrEqual(Math.ceil((paid * q) / quantity));
          refunded += r;
          returned += q;
        }
        if (returned === quantity) expect(refunded).toBe(paid);
        else expect(refunded).toBeLessThanOrEqual(paid);
        expect(remaining({ quantity, paid, returned })).toBe(quantity - returned);
      }),
    );
  });

  it('a line with a discount gives back what was paid, not its shelf price', () => {
    // 3 × 10.00 with 3.00 off: 27.00 paid; one back is 9.00, not 10.00.
    expect(lineRefund({ quantity: 3, paid: 2_700, returned: 0 }, 1)).toBe(900);
    expect(lineRefund({ quantity: 3, paid: 1_000, returned: 0 }, 1)).toBe(333);
    expect(lineRefund({ quantity: 3, paid: 1_000, returned: 1 }, 2)).toBe(667);
  });

  it('splits the refund by VAT rate, the VAT taken from inside the gross', () => {
    expect(refundVat([
      { vatBasisPoints: 2000, refund: 1_200 },
      { vatBasisPoints: 800, refund: 1_080 },
      { vatBasisPoints: 2000, refund: 600 },
    ])).toEqual([
      { basisPoints: 2000, gross: 1_800, net: 1_500, vat: 300 },
      { basisPoints: 800, gross: 1_080, net: 1_000, vat: 80 },
    ]);
  });
});
