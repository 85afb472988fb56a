import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatPromoCode, newPromoCode } from '../src/codes.js';
import { PROMO_CODE_ALPHABET, PROMO_CODE_RANDOM_CHARS, promoCodeCheck, promoCodeCheckCharacter } from '../../core/scan/promoCode.js';
import { parseCsv, toCsv } from '../src/csv.js';
import { decodeCursor, encodeCursor } from '../src/pull.js';
import { opHash } from '../src/push.js';

describe('promo codes', () => {
  it('carry at least 40 bits of randomness from an alphabet without look-alikes', () => {
    expect(PROMO_CODE_RANDOM_CHARS * Math.log2(PROMO_CODE_ALPHABET.length)).toBeGreaterThanOrEqual(40);
    expect(PROMO_CODE_ALPHABET).not.toMatch(/[01OILU]/);
    const code = newPromoCode('SPR');
    expect(code).toMatch(/^SPR[2-9A-HJKMNP-TV-Z]{10}$/);
    expect(promoCodeCheck(code)).toBe('valid');
    expect(formatPromoCode(code, 'SPR')).toBe(`SPR-${code.slice(3, 8)}-${code.slice(8)}`);
  });

  const body = fc.array(fc.constantFrom(...PROMO_CODE_ALPHABET), { minLength: PROMO_CODE_RANDOM_CHARS, maxLength: PROMO_CODE_RANDOM_CHARS }).map((a) => a.join(''));

  it('catch every single mistyped character', () => {
    fc.assert(
      fc.property(body, fc.nat(PROMO_CODE_RANDOM_CHARS), fc.constantFrom(...PROMO_CODE_ALPHABET), (b, i, ch) => {
        const check = promoCodeCheckCharacter(b);
        fc.pre(check !== null && b[i] !== ch && (i < PROMO_CODE_RANDOM_CHARS || check !== ch));
        const code = b + check;
        const typo = code.slice(0, i) + ch + code.slice(i + 1);
        expect(promoCodeCheck(typo)).toBe('mistyped');
      }),
    );
  });

  it('catch every swap of two different neighbours', () => {
    fc.assert(
      fc.property(body, fc.nat(PROMO_CODE_RANDOM_CHARS - 1), (b, i) => {
        const check = promoCodeCheckCharacter(b);
        fc.pre(check !== null);
        const code = b + check;
        fc.pre(code[i] !== code[i + 1]);
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(promoCodeCheck(swapped)).toBe('mistyped');
      }),
    );
  });
});

describe('CSV', () => {
  it('round-trips quotes, commas, new lines and Cyrillic', () => {
    const rows = [['a,b', 'say "hi"', 'line\nbreak', 'Молоко'], ['', 'x', 'y', 'z']];
    expect(parseCsv(toCsv(['h1', 'h2', 'h3', 'h4'], rows)).slice(1)).toEqual(rows);
  });
});

describe('pull cursor and op hash', () => {
  it('round-trips a cursor and refuses anything else', () => {
    const c = { epoch: 'e-1', txid: '123', seq: '45' };
    expect(decodeCursor(encodeCursor(c))).toEqual(c);
    expect(() => decodeCursor('garbage')).toThrow(/cursor/);
    expect(() => decodeCursor(Buffer.from('e|1|x').toString('base64url'))).toThrow(/cursor/);
  });

  it('hashes an op the same whatever its key order', () => {
    expect(opHash({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(opHash({ b: { d: 'x', c: [1, 2] }, a: 1 }));
    expect(opHash({ a: 1 })).not.toBe(opHash({ a: 2 }));
  });
});
