import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkCharacter, formatPromoCode, hasValidCheckCharacter, newPromoCode, RANDOM_CHARS } from '../src/codes.js';
import { UNAMBIGUOUS_ALPHABET } from '../src/secrets.js';
import { parseCsv, toCsv } from '../src/csv.js';
import { decodeCursor, encodeCursor } from '../src/pull.js';
import { opHash } from '../src/push.js';

describe('promo codes', () => {
  it('carry at least 40 bits of randomness from an alphabet without look-alikes', () => {
    expect(RANDOM_CHARS * Math.log2(UNAMBIGUOUS_ALPHABET.length)).toBeGreaterThanOrEqual(40);
    expect(UNAMBIGUOUS_ALPHABET).not.toMatch(/[01OILU]/);
    const code = newPromoCode('SPR');
    expect(code).toMatch(/^SPR[2-9A-HJKMNP-TV-Z]{10}$/);
    expect(hasValidCheckCharacter(code)).toBe(true);
    expect(formatPromoCode(code, 'SPR')).toBe(`SPR-${code.slice(3, 8)}-${code.slice(8)}`);
  });

  const body = fc.array(fc.constantFrom(...UNAMBIGUOUS_ALPHABET), { minLength: RANDOM_CHARS, maxLength: RANDOM_CHARS }).map((a) => a.join(''));

  it('catch every single mistyped character', () => {
    fc.assert(
      fc.property(body, fc.nat(RANDOM_CHARS), fc.constantFrom(...UNAMBIGUOUS_ALPHABET), (b, i, ch) => {
        const check = checkCharacter(b);
        fc.pre(check !== null && b[i] !== ch && (i < RANDOM_CHARS || check !== ch));
        const code = b + check;
        const typo = code.slice(0, i) + ch + code.slice(i + 1);
        expect(hasValidCheckCharacter(typo)).toBe(false);
      }),
    );
  });

  it('catch every swap of two different neighbours', () => {
    fc.assert(
      fc.property(body, fc.nat(RANDOM_CHARS - 1), (b, i) => {
        const check = checkCharacter(b);
        fc.pre(check !== null);
        const code = b + check;
        fc.pre(code[i] !== code[i + 1]);
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(hasValidCheckCharacter(swapped)).toBe(false);
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
