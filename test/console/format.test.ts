import { afterEach, describe, expect, it } from 'vitest';
import { consoleFormat } from '../../core/console/format.js';

/**
 * A local day ('YYYY-MM-DD') has no instant. Read as noon UTC it showed the next day in a browser
 * at UTC+14 (Kiritimati); read as midnight it would show the day before west of UTC.
 */
describe('local days in the console', () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  for (const tz of ['Pacific/Kiritimati', 'Etc/GMT+12', 'Europe/Chisinau', 'UTC']) {
    it(`shows the day it is, with the browser at ${tz}`, () => {
      process.env.TZ = tz;
      expect(consoleFormat('en').day('2026-12-24')).toBe('24 Dec 2026');
      expect(consoleFormat('ru').day('2026-12-31')).toBe('31 дек. 2026 г.');
      expect(consoleFormat('ro').day('2027-01-01')).toBe('1 ian. 2027');
    });
  }

  it('the way it was done before moves the day at Kiritimati (so the test above can fail)', () => {
    process.env.TZ = 'Pacific/Kiritimati';
    expect(consoleFormat('en').date('2026-12-24T12:00:00Z')).toBe('25 Dec 2026');
    process.env.TZ = 'Etc/GMT+12';
    expect(consoleFormat('en').date('2026-12-24T00:00:00Z')).toBe('23 Dec 2026');
  });
});

describe('percents in the console', () => {
  it('follow the UI language, fractions included', () => {
    const [en, ru, ro] = (['en', 'ru', 'ro'] as const).map(consoleFormat);
    expect([en!.percent(10), en!.percent(12.5), en!.percent(33.333)]).toEqual(['10%', '12.5%', '33.33%']);
    expect([ru!.percent(10), ru!.percent(12.5)].map((s) => s.replace(/\s/g, ' '))).toEqual(['10 %', '12,5 %']);
    expect([ro!.percent(10), ro!.percent(0.07)].map((s) => s.replace(/\s/g, ' '))).toEqual(['10 %', '0,07 %']);
    expect(en!.percent(0.29)).toBe('0.29%');
  });
});

describe('a reward percent typed in the campaign form', () => {
  it('takes two decimals with a point or a comma, and nothing else', async () => {
    const { rewardPercent } = await import('../../central/console/src/campaigns/CampaignForm.js');
    expect(['12.5', '12,5', ' 7.25 ', '100', '0.5'].map(rewardPercent)).toEqual([12.5, 12.5, 7.25, 100, 0.5]);
    for (const bad of ['', '12.555', '1e2', '-5', '12 %', '1.2.3', 'abc', '1000']) expect(rewardPercent(bad), bad).toBeNaN();
  });
});
