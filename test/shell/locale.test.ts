import { describe, expect, it } from 'vitest';
import { cashierName, formatters } from '../../renderer/src/shell/format.js';
import { i18n } from '../../renderer/src/shell/i18n.js';

/** Locale on the till's screens (issue 14, item 11): plural forms by language, times in the store's zone and the UI language. */

describe('plural forms', () => {
  it('counts operations the way each language does (one / few / other)', () => {
    const ro = i18n.getFixedT('ro');
    expect(ro('ui.sync.queuedOps', { count: 1 })).toBe('1 operațiune');
    expect(ro('ui.sync.queuedOps', { count: 2 })).toBe('2 operațiuni');
    expect(ro('ui.sync.queuedOps', { count: 19 })).toBe('19 operațiuni');
    expect(ro('ui.sync.queuedOps', { count: 20 })).toBe('20 de operațiuni');
    const ru = i18n.getFixedT('ru');
    expect(ru('ui.sync.queuedOps', { count: 1 })).toBe('1 операция');
    expect(ru('ui.sync.queuedOps', { count: 3 })).toBe('3 операции');
    expect(ru('ui.sync.queuedOps', { count: 5 })).toBe('5 операций');
    expect(ru('ui.sync.queuedOps', { count: 21 })).toBe('21 операция');
    const en = i18n.getFixedT('en');
    expect(en('ui.sync.queuedOps', { count: 1 })).toBe('1 operation');
    expect(en('ui.sync.queuedOps', { count: 0 })).toBe('0 operations');
  });
});

describe('times', () => {
  it('show the store’s wall clock in the UI language, never US dates in UTC', () => {
    const at = '2026-12-03T07:33:19Z'; // 09:33:19 in Chișinău
    for (const lang of ['en', 'ru', 'ro'] as const) {
      const shown = formatters(lang, 'MDL', 'Europe/Chisinau').dateTime(at);
      expect(shown, lang).toContain('09:33:19');
      expect(shown, lang).not.toMatch(/AM|PM|12\/3\/2026/);
    }
    expect(formatters('ru', 'MDL', 'Europe/Chisinau').dateTime(at)).toContain('3 дек');
    expect(formatters('ro', 'MDL', 'Europe/Chisinau').dateTime(at)).toContain('3 dec');
  });
});

describe('the demo cashier', () => {
  it('is named in the UI language; a real cashier’s name stays as it is', () => {
    expect(cashierName('Demo Cashier', i18n.getFixedT('ru'))).toBe('Демо-кассир');
    expect(cashierName('Demo Cashier', i18n.getFixedT('ro'))).toBe('Casier demo');
    expect(cashierName('Ion Popescu', i18n.getFixedT('ro'))).toBe('Ion Popescu');
  });
});
