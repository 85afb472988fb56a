import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../../core/i18n/index.js';
import { rejectionMessage } from '../../core/promo/messages.js';
import { PROMO_REASONS } from '../../core/promo/reasons.js';

const money = (minor: number) => `${(minor / 100).toFixed(2)} L`;

describe('rejection messages', () => {
  it('every reason has a message in every language, placeholders filled', () => {
    for (const lang of LANGUAGES) {
      for (const reason of PROMO_REASONS) {
        const text = rejectionMessage(lang, { code: 'ABC', reason, params: { missing: 1250, cap: 3, promotion: 'Stream −20 %' } }, money);
        expect(text.length).toBeGreaterThan(5);
        expect(text).not.toMatch(/\{\{/);
      }
    }
  });
  it('not_combinable names the promotion that gives more', () => {
    const m = (lang: 'en' | 'ru' | 'ro') => rejectionMessage(lang, { code: 'GO', reason: 'not_combinable', params: { promotion: 'Stream −20 %' } }, money);
    expect(m('en')).toBe('Code GO does not combine with “Stream −20 %” on this sale, which gives more. To use this code instead, remove that one.');
    expect(m('ru')).toBe('Код GO не совмещается с акцией «Stream −20 %» в этой продаже, она выгоднее. Чтобы применить этот код, уберите ту акцию.');
    expect(m('ro')).toBe('Codul GO nu se combină cu „Stream −20 %” de pe această vânzare, care dă mai mult. Ca să folosiți acest cod în locul ei, eliminați-o.');
  });
  it('formats the missing amount as money', () => {
    expect(rejectionMessage('ro', { code: 'GO', reason: 'below_minimum', params: { missing: 1250 } }, money)).toBe('Adăugați produse eligibile de încă 12.50 L pentru a folosi codul GO.');
    expect(rejectionMessage('en', { code: 'GO', reason: 'below_minimum', params: { missing: 12000 } }, money)).toBe('Add 120.00 L more of the eligible items to use code GO.');
  });
  it('below_min_qty counts items, with plural forms by language', () => {
    const m = (lang: 'en' | 'ru' | 'ro', missing: number) => rejectionMessage(lang, { code: 'GO', reason: 'below_min_qty', params: { missing } }, money);
    expect(m('en', 1)).toBe('Add 1 more eligible item to use code GO.');
    expect(m('en', 2)).toBe('Add 2 more eligible items to use code GO.');
    expect(m('ru', 1)).toContain('ещё 1 подходящий товар,');
    expect(m('ru', 2)).toContain('ещё 2 подходящих товара,');
    expect(m('ru', 5)).toContain('ещё 5 подходящих товаров,');
    expect(m('ro', 1)).toContain('încă 1 produs eligibil');
    expect(m('ro', 2)).toContain('încă 2 produse eligibile');
    expect(m('ro', 20)).toContain('încă 20 de produse eligibile');
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
