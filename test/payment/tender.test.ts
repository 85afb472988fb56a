import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTillError } from '../../core/errors.js';
import { planTender } from '../../core/payment/tender.js';

const codeOf = (f: () => unknown): string | undefined => {
  try {
    f();
    return undefined;
  } catch (e) {
    return isTillError(e) ? e.code : 'not a TillError';
  }
};

describe('planTender', () => {
  it('splits card and cash; change only from cash', () => {
    expect(planTender(10_000, 0, 4_000, 7_000)).toEqual({ card: 4_000, cash: { amount: 6_000, tendered: 7_000, change: 1_000 } });
    expect(planTender(10_000, 0, 10_000, 0)).toEqual({ card: 10_000, cash: null });
    expect(planTender(10_000, 0, 0, 10_000)).toEqual({ card: 0, cash: { amount: 10_000, tendered: 10_000, change: 0 } });
    expect(planTender(10_000, 2_500, 0, 7_500)).toEqual({ card: 0, cash: { amount: 7_500, tendered: 7_500, change: 0 } });
    expect(planTender(10_000, 10_000, 0, 0)).toEqual({ card: 0, cash: null });
  });

  it('refuses negative, fractional and absurd amounts, a card above the rest, a split short of the total, cards above the total', () => {
    expect(codeOf(() => planTender(10_000, 0, -1, 20_000))).toBe('PAYMENT_OUT_OF_RANGE');
    expect(codeOf(() => planTender(10_000, 0, 0, -1))).toBe('PAYMENT_OUT_OF_RANGE');
    expect(codeOf(() => planTender(10_000, 0, 0.5, 10_000))).toBe('PAYMENT_OUT_OF_RANGE');
    expect(codeOf(() => planTender(10_000, 0, 0, 2e12))).toBe('PAYMENT_OUT_OF_RANGE');
    expect(codeOf(() => planTender(10_000, 0, 10_001, 0))).toBe('PAYMENT_CARD_OVER_REMAINDER');
    expect(codeOf(() => planTender(10_000, 3_000, 7_001, 0))).toBe('PAYMENT_CARD_OVER_REMAINDER');
    expect(codeOf(() => planTender(10_000, 0, 4_000, 5_999))).toBe('PAYMENT_INSUFFICIENT');
    expect(codeOf(() => planTender(10_000, 12_000, 0, 0))).toBe('PAYMENT_CARD_OVER_TOTAL');
  });

  it('whatever it accepts pays the total exactly, with change from cash alone', () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.nat(1_000_000), fc.nat(1_000_000), fc.nat(2_000_000), (total, held, card, cash) => {
        let plan;
        try {
          plan = planTender(total, held, card, cash);
        } catch {
          return;
        }
        expect(held + plan.card + (plan.cash?.amount ?? 0)).toBe(total);
        expect(plan.cash === null || plan.cash.tendered - plan.cash.amount === plan.cash.change).toBe(true);
        expect(plan.cash?.change ?? 0).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
