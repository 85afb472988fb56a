import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { divRound, parseAmount, toDecimalString, money, add } from '../../core/money.js';
import { TillError } from '../../core/errors.js';

describe('money', () => {
  it('rounds half away from zero, exactly', () => {
    expect(divRound(5, 2)).toBe(3);
    expect(divRound(-5, 2)).toBe(-3);
    expect(divRound(4, 3)).toBe(1);
    expect(divRound(2, 3)).toBe(1);
    expect(divRound(1, 3)).toBe(0);
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 1, max: 1e6 }), (n, d) => {
        const r = divRound(n, d);
        expect(Math.abs(r * d - n) * 2).toBeLessThanOrEqual(d);
      }),
    );
  });

  it('parses what a cashier types into minor units and refuses the rest', () => {
    expect(parseAmount('150', 'MDL')).toBe(15000);
    expect(parseAmount('150,5', 'RON')).toBe(15050);
    expect(parseAmount(' 0.07 ', 'RUB')).toBe(7);
    for (const bad of ['', '-1', '1.234', 'abc', '1e3', '1,2,3', '99999999999']) expect(parseAmount(bad, 'EUR')).toBeNull();
  });

  it('formats without locale or float error', () => {
    expect(toDecimalString(money(123450, 'RUB'))).toBe('1234.50');
    expect(toDecimalString(money(-7, 'EUR'))).toBe('-0.07');
  });

  it('refuses floats, overflow and mixed currencies with a code', () => {
    expect(() => money(1.5, 'EUR')).toThrow(TillError);
    expect(() => money(2e9, 'EUR')).toThrowError(expect.objectContaining({ code: 'MONEY_OVERFLOW' }));
    expect(() => add(money(1, 'EUR'), money(1, 'RON'))).toThrowError(expect.objectContaining({ code: 'MONEY_CURRENCY_MISMATCH' }));
  });
});
