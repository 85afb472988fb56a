import { PROMO_CODE_ALPHABET, PROMO_CODE_RANDOM_CHARS, promoCodeCheck, promoCodeCheckCharacter } from '../scan/promoCode.js';

/**
 * A store-credit voucher's code: `SC`, nine random characters of the promo-code alphabet and a
 * check character (core/scan/promoCode.ts), so a mistyped voucher is caught at the till before
 * anything is asked. Printed in groups (`SC-7Q2X9-K4MPH`) and as a QR code of the bare code.
 */
export const VOUCHER_PREFIX = 'SC';
export const VOUCHER_PATTERN = /^SC[23456789ABCDEFGHJKMNPQRSTVWXYZ]{10}$/;

/** A new code from `random(n)`: an integer in 0..n-1 (node:crypto's randomInt on the till). */
export function newVoucherCode(random: (n: number) => number): string {
  for (;;) {
    let body = '';
    for (let i = 0; i < PROMO_CODE_RANDOM_CHARS; i++) body += PROMO_CODE_ALPHABET[random(PROMO_CODE_ALPHABET.length)];
    const check = promoCodeCheckCharacter(body);
    if (check !== null) return `${VOUCHER_PREFIX}${body}${check}`;
  }
}

/** What a cashier typed or scanned, as a code: spaces and dashes dropped, upper case; null when it is no voucher code. */
export function normaliseVoucherCode(text: string): string | null {
  const code = text.replace(/[\s-]/g, '').toUpperCase();
  return /^SC[A-Z0-9]{10}$/.test(code) ? code : null;
}

/** `valid`, or `mistyped` when its check character does not match (one character wrong, or two swapped). */
export function voucherCheck(code: string): 'valid' | 'mistyped' {
  return VOUCHER_PATTERN.test(code) && promoCodeCheck(code) === 'valid' ? 'valid' : 'mistyped';
}

/** How it is printed: `SC-7Q2X9-K4MPH`. */
export function formatVoucherCode(code: string): string {
  return `${code.slice(0, 2)}-${code.slice(2, 7)}-${code.slice(7)}`;
}
