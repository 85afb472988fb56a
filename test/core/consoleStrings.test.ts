import { describe, expect, it } from 'vitest';
import { consoleStrings } from '../../core/console/i18n.js';
import { consoleFormat, pickConsoleLanguage } from '../../core/console/format.js';
import { AREAS_BY_ROLE, CONSOLE_AREAS, CONSOLE_ROLES, mayOpen } from '../../core/console/roles.js';

function leaves(node: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('console strings', () => {
  it('every language has every string, none empty, with the same placeholders', () => {
    const reference = leaves(consoleStrings.en);
    for (const lang of ['en', 'ru', 'ro'] as const) {
      const messages = leaves(consoleStrings[lang]);
      expect([...messages.keys()].sort(), lang).toEqual([...reference.keys()].sort());
      for (const [key, text] of messages) {
        expect(text.trim().length, `${lang} ${key}`).toBeGreaterThan(0);
        expect(placeholders(text), `${lang} ${key}`).toEqual(placeholders(reference.get(key) as string));
      }
    }
  });

  it('counts with the plural form of each language, and formats numbers, money and dates by language', () => {
    const ru = consoleFormat('ru');
    const stores = consoleStrings.ru.ui.home.stores;
    expect([1, 3, 5, 21].map((n) => ru.plural(stores, n))).toEqual([
      'Вам доступен 1 магазин:',
      'Вам доступны 3 магазина:',
      'Вам доступны 5 магазинов:',
      'Вам доступен 21 магазин:',
    ]);
    const ro = consoleFormat('ro');
    expect([1, 3, 20].map((n) => ro.plural(consoleStrings.ro.ui.home.stores, n))).toEqual(['Vedeți 1 magazin:', 'Vedeți 3 magazine:', 'Vedeți 20 de magazine:']);
    expect(consoleFormat('en').plural(consoleStrings.en.ui.home.stores, 2)).toBe('You see 2 stores:');
    expect(ru.number(1234567).replace(/\s/g, ' ')).toBe('1 234 567');
    expect(consoleFormat('en').number(1234567)).toBe('1,234,567');
    expect(ro.money(123450, 'RON').replace(/\s/g, ' ')).toBe('1.234,50 RON');
    expect(ru.date('2026-11-05T10:00:00Z')).toMatch(/^5 нояб\. 2026/);
    expect(consoleFormat('en').date('2026-11-05T10:00:00Z')).toBe('5 Nov 2026');
  });

  it('picks the first language it has, English otherwise', () => {
    expect(pickConsoleLanguage(null, 'ro-MD', 'ru')).toBe('ro');
    expect(pickConsoleLanguage('de-DE', undefined, 'ru-RU')).toBe('ru');
    expect(pickConsoleLanguage('de')).toBe('en');
  });

  it('roles open their areas only: users for IT, fleet not for marketers, campaigns not for store managers', () => {
    expect(CONSOLE_ROLES.every((r) => AREAS_BY_ROLE[r].every((a) => CONSOLE_AREAS.includes(a)))).toBe(true);
    expect(mayOpen('it_admin', 'users')).toBe(true);
    expect(mayOpen('marketer', 'users')).toBe(false);
    expect(mayOpen('marketer', 'fleet')).toBe(false);
    expect(mayOpen('store_manager', 'campaigns')).toBe(false);
    expect(mayOpen('store_manager', 'customers')).toBe(true);
  });
});
