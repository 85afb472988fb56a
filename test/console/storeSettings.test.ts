import { describe, expect, it } from 'vitest';
import { parseLimitPercent, parsePolicyAmount, typedAmount, typedPercent } from '../../core/console/storeSettings.js';

describe('the store settings page’s typed fields', () => {
  it('shows money in major units by the UI language, and reads back what it shows', () => {
    expect(typedAmount(50_000, 'MDL', 'en')).toBe('500.00');
    expect(typedAmount(50_000, 'MDL', 'ru')).toBe('500,00');
    expect(typedAmount(123_456_78, 'RON', 'ro')).toBe('123456,78');
    for (const lang of ['en', 'ru', 'ro'] as const) expect(parsePolicyAmount(typedAmount(1_234_567, 'RUB', lang), 'RUB')).toBe(1_234_567);
  });

  it('parses amounts typed either way, refuses what is not one', () => {
    expect(parsePolicyAmount('500', 'RON')).toBe(50_000);
    expect(parsePolicyAmount('500,5', 'RON')).toBe(50_050);
    expect(parsePolicyAmount('1 234.50', 'RON')).toBe(123_450);
    expect(parsePolicyAmount('0', 'RON')).toBe(0);
    for (const bad of ['', 'abc', '-5', '5.123', '1,234.50', '1000001', '12e3']) expect(parsePolicyAmount(bad, 'RON'), bad).toBeNull();
    expect(parsePolicyAmount('5', 'XYZ')).toBeNull();
  });

  it('reads a discount limit from 0 to 100 with two decimals at most', () => {
    expect(parseLimitPercent('10')).toBe(10);
    expect(parseLimitPercent('12,5')).toBe(12.5);
    expect(parseLimitPercent('7.25 %')).toBe(7.25);
    expect(parseLimitPercent('0')).toBe(0);
    expect(parseLimitPercent('100')).toBe(100);
    for (const bad of ['', '100.01', '101', '-1', '5.555', 'ten']) expect(parseLimitPercent(bad), bad).toBeNull();
    expect(typedPercent(12.5, 'ru')).toBe('12,5');
    expect(typedPercent(10, 'en')).toBe('10');
  });
});
