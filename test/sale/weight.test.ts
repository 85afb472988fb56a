import { describe, expect, it } from 'vitest';
import { MAX_WEIGHT_GRAMS, parseWeight } from '../../core/sale/weight.js';

describe('a typed weight', () => {
  it('reads whole numbers as grams and decimals as kilograms, with a comma or a point, units in any of our languages', () => {
    expect(parseWeight('350')).toBe(350);
    expect(parseWeight(' 350 g ')).toBe(350);
    expect(parseWeight('350г')).toBe(350);
    expect(parseWeight('350 гр.')).toBe(350);
    expect(parseWeight('1,5')).toBe(1500);
    expect(parseWeight('1.5')).toBe(1500);
    expect(parseWeight('0,35')).toBe(350);
    expect(parseWeight('1,250 кг')).toBe(1250);
    expect(parseWeight('2 kg')).toBe(2000);
    expect(parseWeight('2KG')).toBe(2000);
    expect(parseWeight('100')).toBe(100);
    expect(parseWeight(String(MAX_WEIGHT_GRAMS))).toBe(MAX_WEIGHT_GRAMS);
  });

  it('refuses what is not a weight, nothing, finer than a gram, or more than the scale takes', () => {
    for (const bad of ['', 'abc', '0', '0,0', '-5', '1,2345', '12,5 g', '100001', '100,001 kg', '1 5', '1e3', '½']) {
      expect(parseWeight(bad), bad).toBeNull();
    }
  });
});
