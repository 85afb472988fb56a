import { describe, expect, it } from 'vitest';
import { campaignWindow } from '../src/campaigns.js';
import { localDay } from '../../core/promo/evaluate.js';

describe('campaign validity as whole local days', () => {
  it('the stored instants cover those days in every time zone', () => {
    const [startsAt, endsAt] = campaignWindow({ startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-02T00:00:00Z', rules: { days: { first: '2026-12-04', last: '2026-12-05' } } });
    expect([startsAt, endsAt]).toEqual(['2026-12-03T10:00:00.000Z', '2026-12-06T12:00:00.000Z']);
    for (const zone of ['Pacific/Kiritimati', 'Europe/Chisinau', 'UTC', 'Etc/GMT+12']) {
      expect(localDay(startsAt, zone) <= '2026-12-04').toBe(true);
      expect(localDay(new Date(Date.parse(endsAt) - 1).toISOString(), zone) >= '2026-12-05').toBe(true);
    }
  });
  it('without days the instants are kept', () => {
    expect(campaignWindow({ startsAt: '2026-12-01T00:00:00Z', endsAt: '2026-12-02T00:00:00Z', rules: {} })).toEqual(['2026-12-01T00:00:00Z', '2026-12-02T00:00:00Z']);
  });
});
