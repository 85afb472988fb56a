import { describe, expect, it } from 'vitest';
import { consoleFormat } from '../../core/console/format.js';
import { dealInWords, termsInWords, validDays } from '../../central/console/src/campaigns/describe.js';
import type { Campaign } from '../../central/console/src/campaigns/types.js';
import type { Language } from '../../core/i18n/index.js';

const base: Campaign = {
  id: 'c', name: 'C', names: null, channel: 'email', codeKind: 'unique', codePrefix: '', discountKind: 'percent', discountValue: 10, currency: null,
  startsAt: '2026-12-01T08:00:00.000Z', endsAt: '2026-12-31T22:00:00.000Z', offlineAllowed: false, offlineCapPerTill: 0, rules: {},
  issued: 0, reserved: 0, redeemed: 0, byChannel: [], byStore: [], openConflicts: 0, namedCustomers: [],
};
const segmentName = (id: string) => (id === 'lapsed' ? 'No purchase in 30 days' : id);

describe('a campaign in words (the list and the detail page share it)', () => {
  it('says a percent without a currency: spent everywhere, each unit by default, from a time to a time', () => {
    const en = consoleFormat('en');
    expect(dealInWords(en, base)).toBe('10%');
    expect(termsInWords(en, base, 'Europe/Chisinau', segmentName)).toEqual([
      `${en.dateTime(base.startsAt)} – ${en.dateTime(base.endsAt)} (Europe/Chisinau)`,
      'Spent: everywhere',
      'Falls on the items: Each unit',
    ]);
    expect(validDays(en, base)).toEqual({ from: en.date(base.startsAt), to: en.date(base.endsAt) });
  });

  it('says every rule that is set, money in the campaign’s currency, in each language', () => {
    const c: Campaign = {
      ...base, discountKind: 'amount', discountValue: 1250, currency: 'MDL',
      rules: {
        automatic: true, days: { first: '2026-12-24', last: '2026-12-26' }, channels: ['store', 'app'], segments: ['lapsed'], customers: ['a', 'b'],
        firstPurchaseOnly: true, minBasketMinor: 5000, minQuantity: 2, skus: ['S1'], categories: ['dairy'], brands: ['Codru', 'Acme'], maxQuantity: 3,
        capMinor: 500, perCustomer: 1, maxUses: 1000, budgetMinor: 100_000, exclusive: true, priority: 5,
      },
    };
    const en = consoleFormat('en');
    const money = (minor: number) => en.money(minor, 'MDL');
    expect(dealInWords(en, c)).toBe(money(1250));
    expect(termsInWords(en, c, 'Europe/Chisinau', segmentName)).toEqual([
      'Automatic, no code needed', 'Whole days 24 Dec 2026 – 26 Dec 2026, each store in its own time zone', 'Spent: Store, App', 'Sales in MDL only',
      'Falls on the items: Spread across the items', 'Segment: No purchase in 30 days', 'Named customers only: 2', 'First purchase only',
      `Basket from ${money(5000)}`, 'Fewest units: 2', 'SKUs: S1', 'Categories: dairy', 'Brands: Codru, Acme', 'Most units: 3', `Most per sale: ${money(500)}`,
      'Uses per customer: 1', 'Total uses: 1,000', `Budget: ${money(100_000)}`, 'Applies alone', 'Priority: 5',
    ]);
    // The days, not the widened instants central stores for them.
    expect(validDays(en, c)).toEqual({ from: '24 Dec 2026', to: '26 Dec 2026' });
    const ru = consoleFormat('ru');
    expect(termsInWords(ru, c, 'Europe/Chisinau', segmentName)).toContain('Где использовать: Магазин, Приложение');
    expect(termsInWords(ru, c, 'Europe/Chisinau', segmentName)).toContain(`Бюджет: ${ru.money(100_000, 'MDL')}`);
    const ro = consoleFormat('ro');
    expect(termsInWords(ro, c, 'Europe/Chisinau', segmentName)).toContain('Se aplică pe produse: Repartizată pe produse');
    expect(termsInWords(ro, c, 'Europe/Chisinau', segmentName)).toContain('Doar clienții numiți: 2');
  });

  it('names no allocation for a deal, and says a deal’s amounts in its currency', () => {
    const en = consoleFormat('en');
    const set: Campaign = { ...base, currency: 'RON', rules: { benefit: { kind: 'fixed_price_set', quantity: 3, priceMinor: 1000 } } };
    expect(dealInWords(en, set)).toBe(`3 for ${en.money(1000, 'RON')}`);
    expect(termsInWords(en, set, 'UTC', segmentName).some((t) => t.startsWith('Falls on'))).toBe(false);
    const free: Campaign = { ...base, rules: { benefit: { kind: 'buy_x_get_y', buy: 2, get: 1, reward: { kind: 'free' } } } };
    expect(dealInWords(consoleFormat('ro'), free)).toBe('Cumperi 2, primești 1: Gratuit');
  });

  it('says when a campaign has amounts but no currency (an older one in a chain of several currencies), and not for a plain percent', () => {
    const older: Campaign = { ...base, rules: { minBasketMinor: 5000 } };
    const said = { en: 'No currency for its amounts: it applies to no sale until one is chosen', ru: 'У сумм нет валюты', ro: 'Sumele nu au monedă' };
    for (const [lang, words] of Object.entries(said)) {
      expect(termsInWords(consoleFormat(lang as Language), older, 'UTC', segmentName).some((t) => t.startsWith(words)), lang).toBe(true);
      expect(termsInWords(consoleFormat(lang as Language), base, 'UTC', segmentName).some((t) => t.startsWith(words)), lang).toBe(false);
    }
  });
});
