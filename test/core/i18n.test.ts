import { describe, expect, it } from 'vitest';
import { catalogues, errorMessage, pickLanguage, LANGUAGES } from '../../core/i18n/index.js';
import { ERROR_CODES } from '../../core/errors.js';
import { tillLanguage } from '../../electron/backend/till.js';

function leaves(node: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of leaves(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('every language has every message, none empty, with the same placeholders', () => {
    const reference = leaves(catalogues.en);
    for (const lang of LANGUAGES) {
      const messages = leaves(catalogues[lang]);
      expect([...messages.keys()].sort(), lang).toEqual([...reference.keys()].sort());
      for (const [key, text] of messages) {
        expect(text.trim().length, `${lang} ${key}`).toBeGreaterThan(0);
        expect(placeholders(text), `${lang} ${key}`).toEqual(placeholders(reference.get(key) as string));
      }
    }
  });

  it('each error code is listed by one feature only', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it('every error code has a message and a stray placeholder stays visible rather than vanishing', () => {
    for (const code of ERROR_CODES) expect(errorMessage('ro', code).length).toBeGreaterThan(0);
    expect(errorMessage('en', 'SCAN_UNKNOWN_BARCODE', { code: '123' })).toContain('123');
    expect(errorMessage('en', 'SCAN_UNKNOWN_BARCODE')).toContain('{{code}}');
  });

  it('takes --lang first, then the OS locale, and falls back to English', () => {
    expect(pickLanguage('ru_RU.UTF-8')).toBe('ru');
    expect(pickLanguage('ro-MD')).toBe('ro');
    expect(pickLanguage('de_DE')).toBe('en');
    expect(pickLanguage(undefined)).toBe('en');
    expect(tillLanguage('ro', { LANG: 'ru_RU.UTF-8' })).toBe('ro');
    expect(tillLanguage(undefined, { LANG: 'ru_RU.UTF-8' })).toBe('ru');
    expect(tillLanguage(undefined, { LC_ALL: 'ro_RO.UTF-8', LANG: 'en_US.UTF-8' })).toBe('ro');
  });
});
