import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PROMO_CODE_ALPHABET } from '../../core/scan/promoCode.js';
import { formatVoucherCode, newVoucherCode, normaliseVoucherCode, VOUCHER_PATTERN, voucherCheck } from '../../core/voucher/code.js';

const codes = fc.array(fc.nat(), { minLength: 40, maxLength: 40 }).map((draws) => {
  let i = 0;
  return newVoucherCode((n) => (draws[i++ % draws.length] as number) % n);
});

describe('store-credit voucher codes', () => {
  it('are SC, nine random characters and a check character that catches any one wrong character and any swap of neighbours', () => {
    fc.assert(
      fc.property(codes, fc.nat(), fc.nat(), (code, at, by) => {
        expect(code).toMatch(VOUCHER_PATTERN);
        expect(voucherCheck(code)).toBe('valid');
        const i = 2 + (at % 10);
        const wrong = PROMO_CODE_ALPHABET[(PROMO_CODE_ALPHABET.indexOf(code[i] as string) + 1 + (by % 29)) % 30] as string;
        expect(voucherCheck(code.slice(0, i) + wrong + code.slice(i + 1))).toBe('mistyped');
        const j = 2 + (at % 9);
        if (code[j] !== code[j + 1]) expect(voucherCheck(code.slice(0, j) + code[j + 1] + code[j] + code.slice(j + 2))).toBe('mistyped');
      }),
    );
  });

  it('are read back as printed or typed loosely; anything else is no voucher code', () => {
    const code = newVoucherCode(() => 3);
    expect(normaliseVoucherCode(formatVoucherCode(code))).toBe(code);
    expect(normaliseVoucherCode(` ${formatVoucherCode(code).toLowerCase()} `)).toBe(code);
    for (const bad of ['', 'SC', 'PROMO12345', 'SC123', `${code}X`, 'SC-ÄÄÄÄÄ-ÄÄÄÄÄ']) expect(normaliseVoucherCode(bad)).toBeNull();
    expect(voucherCheck('SC0000000000')).toBe('mistyped');
  });
});
