import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../core/i18n/index.js';
import { rejectionMessage } from '../../core/promo/messages.js';
import { PROMO_REASONS } from '../../core/promo/reasons.js';

const money = (minor: number) => `${(minor / 100).toFixed(2)} L`;

describe('rejection messages', () => {
  it('every reason has a message in every language, placeholders filled', () => {
    for (const lang of LANGUAGES) {
      for (const reason of PROMO_REASONS) {
        const text = rejectionMessage(lang, { code: 'ABC', reason, params: { missing: 1250, cap: 3 } }, money);
        expect(text.length).toBeGreaterThan(5);
        expect(text).not.toMatch(/\{\{/);
      }
    }
  });
  it('formats the missing amount as money', () => {
    expect(rejectionMessage('ro', { code: 'GO', reason: 'min_basket', params: { missing: 1250 } }, money)).toBe('Pentru codul GO mai lipsesc 12.50 L în coș.');
  });
  it('Russian plural forms: 1 раз, 2 раза, 5 раз', () => {
    const m = (cap: number) => rejectionMessage('ru', { code: 'X', reason: 'offline_cap_reached', params: { cap } }, money);
    expect(m(1)).toContain('только 1 раз,');
    expect(m(2)).toContain('только 2 раза,');
    expect(m(5)).toContain('только 5 раз,');
    expect(m(21)).toContain('только 21 раз,');
  });
  it('Romanian plural forms: 1 dată, 2 ori, 20 de ori', () => {
    const m = (cap: number) => rejectionMessage('ro', { code: 'X', reason: 'offline_cap_reached', params: { cap } }, money);
    expect(m(1)).toContain('doar 1 dată');
    expect(m(2)).toContain('doar de 2 ori');
    expect(m(20)).toContain('doar de 20 de ori');
  });
  it('English plural forms', () => {
    const m = (cap: number) => rejectionMessage('en', { code: 'X', reason: 'offline_cap_reached', params: { cap } }, money);
    expect(m(1)).toContain('only 1 time,');
    expect(m(3)).toContain('only 3 times,');
  });
});
