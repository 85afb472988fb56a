import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { text, textProblem } from '../../core/text.js';

describe('text(): the one schema for free text', () => {
  const name = text({ min: 1, max: 10 });
  it('refuses NUL, control characters, lone surrogates and oversize with TEXT_INVALID', () => {
    for (const bad of ['a\u0000b', 'a\u0007', 'line\nbreak', '\uD800', 'x\uDC00y', '\uDBFFz', 'x'.repeat(11), '', '\u009B']) {
      const r = name.safeParse(bad);
      expect(r.success, JSON.stringify(bad)).toBe(false);
      if (!r.success) expect(r.error.issues[0]?.message).toMatch(/^TEXT_INVALID: /);
    }
  });
  it('accepts and NFC-normalises what the stores hold', () => {
    expect(name.parse('Ș and ș')).toBe('Ș and ș');
    expect(name.parse('Cafe\u0301')).toBe('Café');
    expect(name.parse('😀 Пётр')).toBe('😀 Пётр');
    expect(text({ max: 20, multiline: true }).parse('a\nb\tc')).toBe('a\nb\tc');
  });
  it('anything it accepts survives a UTF-8 round trip unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        if (textProblem(s, 100) !== null) return;
        expect(Buffer.from(s, 'utf8').toString('utf8')).toBe(s);
        expect(s.includes(String.fromCharCode(0))).toBe(false);
      }),
    );
  });
});
