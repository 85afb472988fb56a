import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isValidPhone, maskPhone, normalisePhone, parsePhone, PHONE_INVALID } from '../../core/customer/phone.js';
import { ERROR_CODES } from '../../core/errors.js';
import { catalogues, LANGUAGES } from '../../core/i18n/index.js';

describe('normalisePhone: national input with the store country', () => {
  it.each([
    // Russia: trunk 8, or the number without it
    ['8 (903) 123-45-67', 'RU', '+79031234567'],
    ['903 123 45 67', 'RU', '+79031234567'],
    ['8-495-123-45-67', 'RU', '+74951234567'],
    // Ukraine: trunk 0
    ['050 123 4567', 'UA', '+380501234567'],
    ['(067) 123-45-67', 'UA', '+380671234567'],
    ['044 123 4567', 'UA', '+380441234567'],
    // Romania
    ['0722 123 456', 'RO', '+40722123456'],
    ['0722-123-456', 'RO', '+40722123456'],
    ['021 123 4567', 'RO', '+40211234567'],
    // Moldova
    ['069 123 456', 'MD', '+37369123456'],
    ['(0)69-123-456', 'MD', '+37369123456'],
    ['022 123 456', 'MD', '+37322123456'],
  ] as const)('%s in %s → %s', (input, country, expected) => {
    expect(normalisePhone(input, country)).toBe(expected);
  });
});

describe('normalisePhone: international input', () => {
  it.each([
    ['+7 903 123-45-67', '+79031234567'],
    ['+7 (903) 123 45 67', '+79031234567'],
    ['+380 50 123 4567', '+380501234567'],
    ['00380 50 123 4567', '+380501234567'],
    ['+40 722 123 456', '+40722123456'],
    ['0040722123456', '+40722123456'],
    ['+373 69 123 456', '+37369123456'],
    ['00373 69 123 456', '+37369123456'],
    ['+49 30 1234567', '+49301234567'],
    ['  +40 722 123 456  ', '+40722123456'],
    ['+40\u00a0722\u00a0123\u00a0456', '+40722123456'],
  ])('%s → %s without a country', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });

  it('reads an international number the same whatever the store country', () => {
    for (const country of ['RU', 'UA', 'RO', 'MD'] as const) {
      expect(normalisePhone('+373 69 123 456', country)).toBe('+37369123456');
      expect(normalisePhone('00380 50 123 4567', country)).toBe('+380501234567');
    }
  });

  it('reports the country and a readable international form', () => {
    expect(parsePhone('069 123 456', 'MD')).toEqual({
      ok: true,
      value: { e164: '+37369123456', country: 'MD', international: '+373 691 23 456' },
    });
  });
});

describe('normalisePhone: refusals', () => {
  it.each([
    // national numbers need the store country
    ['0722 123 456', undefined],
    ['8 903 123 45 67', undefined],
    // wrong lengths for the country
    ['0722 123 45', 'RO'],
    ['0722 123 4567', 'RO'],
    ['+40 722 123 45', undefined],
    ['+7 903 123 45 678', undefined],
    ['+7 903 123 45 6', undefined],
    ['050 123 456', 'UA'],
    ['069 123 45', 'MD'],
    ['+373 69 123 4567', undefined],
    // digits that do not exist in the numbering plan (a length check alone would pass them)
    ['+40 122 123 456', undefined],
    ['+7 003 123 45 67', undefined],
    // garbage
    ['', 'RO'],
    ['   ', 'RO'],
    ['call me', 'RO'],
    ['+', 'RO'],
    ['+0123456789', undefined],
    ['0722 123 456 ext. 12', 'RO'],
    ['0722x123456', 'RO'],
    ['tel:+40722123456', undefined],
    ['+40 722 123 456; DROP TABLE customers', undefined],
    ['1'.repeat(50), 'RU'],
    ['+40 722 123 456\u0007', undefined],
  ] as const)('refuses %j (%s)', (input, country) => {
    expect(normalisePhone(input, country)).toBeNull();
    expect(isValidPhone(input, country)).toBe(false);
    expect(parsePhone(input, country)).toEqual({ ok: false, error: { code: PHONE_INVALID, params: {} } });
  });

  it('never throws, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), fc.constantFrom(undefined, 'RU', 'UA', 'RO', 'MD' as const), (input, country) => {
        const e164 = normalisePhone(input, country);
        if (e164 !== null) expect(e164).toMatch(/^\+[1-9]\d{6,14}$/);
      }),
    );
  });

  it('is idempotent: an E.164 result reads back as itself', () => {
    for (const input of ['8 (903) 123-45-67', '050 123 4567', '0722 123 456', '069 123 456']) {
      for (const country of ['RU', 'UA', 'RO', 'MD'] as const) {
        const e164 = normalisePhone(input, country);
        if (e164) expect(normalisePhone(e164, country)).toBe(e164);
      }
    }
  });
});

describe('maskPhone', () => {
  it.each([
    ['+37369123445', '+373 ••• ••• 45'],
    ['+79031234567', '+7 ••• ••• 67'],
    ['+380501234567', '+380 ••• ••• 67'],
    ['+40722123456', '+40 ••• ••• 56'],
  ])('%s → %s', (e164, masked) => {
    expect(maskPhone(e164)).toBe(masked);
  });

  it('hides the length and everything but the country code and the last two digits', () => {
    const masked = maskPhone('+79031234567');
    expect(masked.replace(/\D/g, '')).toBe('767');
    expect(maskPhone('+40722123456').length - '+40'.length).toBe(maskPhone('+79031234567').length - '+7'.length);
  });

  it('uses another character where a printer has no bullet', () => {
    expect(maskPhone('+40722123456', { hide: '*' })).toBe('+40 *** *** 56');
  });

  it('hides all of something that is not an E.164 number', () => {
    expect(maskPhone('0722 123 456')).toBe('••• ••• ••');
    expect(maskPhone('')).toBe('••• ••• ••');
    expect(maskPhone('+999123456789')).toBe('••• ••• ••');
  });
});

describe('PHONE_INVALID', () => {
  it('is a stable error code with a message in every language', () => {
    expect(ERROR_CODES).toContain(PHONE_INVALID);
    for (const lang of LANGUAGES) expect(catalogues[lang].errors[PHONE_INVALID].length).toBeGreaterThan(10);
  });
});
