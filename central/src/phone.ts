import type { Country } from '../../core/vat.js';

/**
 * Phone numbers to E.164, the one form central stores and matches on. Channels send what
 * people typed: "+7 903 123-45-67", "8 (903) 123-45-67", "0722 123 456" with the store's
 * country, "00373 69 123 456". Numbers in our markets are checked for their national length;
 * other countries only for E.164's shape.
 */
interface Plan {
  readonly cc: string;
  readonly trunk: string;
  readonly nationalDigits: number;
}

const PLANS: Record<Country, Plan> = {
  RU: { cc: '7', trunk: '8', nationalDigits: 10 },
  UA: { cc: '380', trunk: '0', nationalDigits: 9 },
  RO: { cc: '40', trunk: '0', nationalDigits: 9 },
  MD: { cc: '373', trunk: '0', nationalDigits: 8 },
};

const E164 = /^\+[1-9]\d{6,14}$/;

export function normalisePhone(input: string, defaultCountry?: Country): string | null {
  if (input.length > 40 || !/^[\d\s()+\-.]+$/.test(input)) return null;
  const plus = input.trim().startsWith('+');
  let digits = input.replace(/\D/g, '');
  let international: string | null = null;
  if (plus) international = digits;
  else if (digits.startsWith('00')) international = digits.slice(2);
  if (international === null) {
    if (!defaultCountry) return null;
    const plan = PLANS[defaultCountry];
    if (digits.startsWith(plan.trunk) && digits.length === plan.nationalDigits + plan.trunk.length) {
      digits = digits.slice(plan.trunk.length);
    }
    if (digits.length !== plan.nationalDigits) return null;
    international = plan.cc + digits;
  }
  const e164 = `+${international}`;
  if (!E164.test(e164)) return null;
  for (const plan of Object.values(PLANS)) {
    // Our four country codes are prefix-free, so the first match is the only one.
    if (international.startsWith(plan.cc)) {
      return international.length === plan.cc.length + plan.nationalDigits ? e164 : null;
    }
  }
  return e164;
}

/** "+40 7** *** *56": enough for a cashier to confirm with the customer, not enough to copy. */
export function maskPhone(e164: string): string {
  if (e164.length <= 6) return '*'.repeat(e164.length);
  const head = e164.slice(0, 4);
  const tail = e164.slice(-2);
  return `${head}${'*'.repeat(e164.length - 6)}${tail}`;
}
