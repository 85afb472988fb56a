import { PROMO_CODE_RANDOM_CHARS, promoCodeCheckCharacter } from '../../core/scan/promoCode.js';
import { randomChars } from './secrets.js';

/**
 * A fresh unique code: the campaign's prefix, then random characters, then the check
 * character. The check algorithm lives in core (core/scan/promoCode.ts), so a till checks
 * what central issues.
 */
export function newPromoCode(prefix: string): string {
  for (;;) {
    const body = randomChars(PROMO_CODE_RANDOM_CHARS);
    const check = promoCodeCheckCharacter(body);
    if (check !== null) return `${prefix}${body}${check}`;
  }
}

/** How a code is printed: groups of five after the prefix, easier to read aloud. */
export function formatPromoCode(code: string, prefix: string): string {
  const rest = code.slice(prefix.length);
  const groups = rest.match(/.{1,5}/g) ?? [];
  return [prefix.replace(/-$/, ''), ...groups].filter((g) => g.length > 0).join('-');
}
