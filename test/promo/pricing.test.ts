import { describe, expect, it } from 'vitest';
import { allocate, percentOf } from '../../core/promo/pricing.js';

describe('allocate', () => {
  it('splits exactly, remainders to the largest fractions', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(10, [3, 7])).toEqual([3, 7]);
    expect(allocate(1, [1, 1])).toEqual([1, 0]);
  });
  it('always sums to the total', () => {
    for (let t = 0; t < 500; t += 7) {
      const weights = [13, 999, 1, 250, 77];
      expect(allocate(t, weights).reduce((a, b) => a + b, 0)).toBe(t);
    }
  });
  it('gives nothing on zero weights or a zero total', () => {
    expect(allocate(50, [0, 0])).toEqual([0, 0]);
    expect(allocate(0, [5, 5])).toEqual([0, 0]);
  });
  it('gives each part at most its share rounded up', () => {
    const parts = allocate(999, [100, 200, 300]);
    expect(parts).toEqual([167, 333, 499]);
  });
});

describe('percentOf', () => {
  it('rounds half away from zero', () => {
    expect(percentOf(1005, 10)).toBe(101); // 100.5
    expect(percentOf(1004, 10)).toBe(100);
    expect(percentOf(999, 12.5)).toBe(125); // 124.875
    expect(percentOf(12345, 100)).toBe(12345);
    expect(percentOf(12345, 0)).toBe(0);
  });
});
