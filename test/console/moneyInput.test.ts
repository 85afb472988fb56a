import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT } from '../../core/money.js';
import { decimalMark, readMajor, showMajor } from '../../core/console/moneyInput.js';

describe('campaign amounts typed in major units', () => {
  it('reads "12.50" and "12,50" exactly into minor units, spaces between digits ignored', () => {
    expect(readMajor('12.50', 'MDL')).toEqual({ minor: 1250 });
    expect(readMajor('12,5', 'RON')).toEqual({ minor: 1250 });
    expect(readMajor(' 12 ', 'EUR')).toEqual({ minor: 1200 });
    expect(readMajor('1 250,05', 'RUB')).toEqual({ minor: 125_005 });
    expect(readMajor('1\u00a0250.99', 'UAH')).toEqual({ minor: 125_099 });
    expect(readMajor('0.01', 'EUR')).toEqual({ minor: 1 });
    expect(readMajor('007', 'EUR')).toEqual({ minor: 700 });
    expect(readMajor('0', 'EUR')).toEqual({ minor: 0 });
  });

  it('has no float error: every cent from 0.00 to 99.99 reads back to itself', () => {
    for (let minor = 0; minor < 10_000; minor++) {
      const typed = `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
      expect(readMajor(typed, 'EUR')).toEqual({ minor });
    }
    // 0.29 * 100 is 28.999999999999996 in floating point; 1.005 rounds wrongly through a float.
    expect(readMajor('0.29', 'EUR')).toEqual({ minor: 29 });
    expect(readMajor('4.35', 'EUR')).toEqual({ minor: 435 });
  });

  it('refuses more decimals than the currency has, a minus, too much, and what is not an amount', () => {
    expect(readMajor('12.505', 'EUR')).toEqual({ error: 'decimals' });
    expect(readMajor('1.250', 'RON')).toEqual({ error: 'decimals' });
    expect(readMajor('-5', 'EUR')).toEqual({ error: 'negative' });
    expect(readMajor('−5,00', 'EUR')).toEqual({ error: 'negative' });
    expect(readMajor(String(MAX_AMOUNT / 100 + 1), 'EUR')).toEqual({ error: 'too_large' });
    expect(readMajor('10000000.01', 'EUR')).toEqual({ error: 'too_large' });
    expect(readMajor('99999999999999999999999', 'EUR')).toEqual({ error: 'too_large' });
    expect(readMajor('10000000.00', 'EUR')).toEqual({ minor: MAX_AMOUNT });
    for (const typed of ['', 'abc', '12.', '.50', '1,250.50', '12,50,1', '1e3', '0x10', '12 €', '+5', 'Infinity', '5 -']) {
      expect(readMajor(typed, 'EUR'), typed).toEqual({ error: 'format' });
    }
  });

  it('shows minor units with the UI language’s decimal mark and no grouping, and reads them back', () => {
    expect(decimalMark('en')).toBe('.');
    expect(decimalMark('ru')).toBe(',');
    expect(decimalMark('ro')).toBe(',');
    expect(showMajor(125_050, 'EUR', 'en')).toBe('1250.50');
    expect(showMajor(125_050, 'MDL', 'ru')).toBe('1250,50');
    expect(showMajor(5, 'RON', 'ro')).toBe('0,05');
    for (const lang of ['en', 'ru', 'ro'] as const) {
      for (const minor of [0, 1, 99, 100, 123_456, MAX_AMOUNT]) expect(readMajor(showMajor(minor, 'RUB', lang), 'RUB')).toEqual({ minor });
    }
  });
});
