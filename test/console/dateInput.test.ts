import { describe, expect, it } from 'vitest';
import { readDate, readDateTime, showDate, showDateTime } from '../../core/console/dateInput.js';

describe('console dates typed in the UI language', () => {
  it('shows a date in the language’s order, not the browser’s', () => {
    expect(showDate('2026-12-04', 'en')).toBe('04/12/2026');
    expect(showDate('2026-12-04', 'ru')).toBe('04.12.2026');
    expect(showDate('2026-12-04', 'ro')).toBe('04.12.2026');
    expect(showDateTime('2026-12-04T09:05', 'ru')).toBe('04.12.2026 09:05');
    expect(showDateTime('2026-12-04T21:30', 'en')).toBe('04/12/2026 21:30');
  });

  it('leaves what is not an ISO date as it is (a half-typed field shows what was typed)', () => {
    expect(showDate('', 'en')).toBe('');
    expect(showDateTime('4.12', 'ro')).toBe('4.12');
  });

  it('reads back what it shows, day first, with any usual separator and without leading zeros', () => {
    for (const lang of ['en', 'ru', 'ro'] as const) {
      expect(readDate(showDate('2026-12-04', lang), lang)).toBe('2026-12-04');
      expect(readDateTime(showDateTime('2027-01-31T23:59', lang), lang)).toBe('2027-01-31T23:59');
    }
    expect(readDate('4.12.2026', 'ru')).toBe('2026-12-04');
    expect(readDate('4/12/2026', 'ro')).toBe('2026-12-04');
    expect(readDateTime(' 1.2.2027, 7:00 ', 'ro')).toBe('2027-02-01T07:00');
  });

  it('refuses what is not a real date or time', () => {
    expect(readDate('31.02.2026', 'ru')).toBeNull();
    expect(readDate('12/31/2026', 'en')).toBeNull();
    expect(readDate('04.12.26', 'ru')).toBeNull();
    expect(readDate('2026-12-04', 'ru')).toBeNull();
    expect(readDate('tomorrow', 'en')).toBeNull();
    expect(readDateTime('04.12.2026', 'ru')).toBeNull();
    expect(readDateTime('04.12.2026 24:00', 'ru')).toBeNull();
    expect(readDateTime('04.12.2026 10:60', 'ru')).toBeNull();
    expect(readDateTime('04.12.2026 10:5', 'ru')).toBeNull();
  });
});
