import { describe, expect, it } from 'vitest';
import { MAX_SILENT_MINUTES, parseSilentMinutes } from '../../core/console/fleet.js';

describe('the fleet page’s silent limit', () => {
  it('takes whole minutes from 1 to a week, spaces around allowed', () => {
    expect(parseSilentMinutes('1')).toBe(1);
    expect(parseSilentMinutes(' 90 ')).toBe(90);
    expect(parseSilentMinutes(String(MAX_SILENT_MINUTES))).toBe(10_080);
  });

  it('refuses nothing, zero, fractions, signs, words and more than a week', () => {
    for (const typed of ['', ' ', '0', '1.5', '-5', '+5', '1e3', 'fifteen', '15 min', String(MAX_SILENT_MINUTES + 1)]) expect(parseSilentMinutes(typed), typed).toBeNull();
  });
});
