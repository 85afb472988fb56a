import { describe, expect, it } from 'vitest';
import { isoToZoned, zonedToIso } from '../../core/console/zonedTime.js';

describe('campaign validity in the chain’s time zone', () => {
  it('reads a wall-clock time in the zone, summer and winter', () => {
    expect(zonedToIso('2026-12-24T09:00', 'Europe/Chisinau')).toBe('2026-12-24T07:00:00.000Z');
    expect(zonedToIso('2026-07-01T09:00', 'Europe/Chisinau')).toBe('2026-07-01T06:00:00.000Z');
    expect(zonedToIso('2026-07-01T09:00', 'UTC')).toBe('2026-07-01T09:00:00.000Z');
    expect(zonedToIso('2026-03-01T00:00', 'Europe/Moscow')).toBe('2026-02-28T21:00:00.000Z');
  });

  it('is right on the days the clocks change', () => {
    // 29 March 2026, 03:00 → 04:00 in Bucharest: 05:00 is already summer time.
    expect(zonedToIso('2026-03-29T05:00', 'Europe/Bucharest')).toBe('2026-03-29T02:00:00.000Z');
    expect(zonedToIso('2026-03-29T02:00', 'Europe/Bucharest')).toBe('2026-03-29T00:00:00.000Z');
  });

  it('shows an instant back as the zone’s clock, and round-trips', () => {
    expect(isoToZoned('2026-12-24T07:00:00.000Z', 'Europe/Chisinau')).toBe('2026-12-24T09:00');
    for (const local of ['2026-01-15T23:30', '2026-08-31T00:00', '2026-10-25T12:00']) expect(isoToZoned(zonedToIso(local, 'Europe/Bucharest') as string, 'Europe/Bucharest')).toBe(local);
  });

  it('refuses what is not a date and time', () => {
    expect(zonedToIso('', 'UTC')).toBeNull();
    expect(zonedToIso('24.12.2026 09:00', 'UTC')).toBeNull();
    expect(zonedToIso('2026-12-24', 'UTC')).toBeNull();
  });
});
