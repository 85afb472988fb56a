import { TillError } from '../errors.js';
import type { Country } from '../vat.js';
import { MAX_PHONE_INPUT, parsePhone } from './phone.js';

/**
 * What the cashier typed in the customer box, read the way she means it: the whole phone in
 * any form people say it, the last 4–6 digits of it, or a customer id (from her app card).
 * Pure; a wrong input is a TillError with a translated code, never a guess.
 */
export type CustomerQuery =
  | { readonly kind: 'phone'; readonly e164: string }
  | { readonly kind: 'lastDigits'; readonly digits: string }
  | { readonly kind: 'customerId'; readonly id: string };

/** How she was found, for the audit log: never the number itself. */
export type LookupMethod = CustomerQuery['kind'];

export const MIN_LAST_DIGITS = 4;
export const MAX_LAST_DIGITS = 6;

/** Customer ids are central's: `C-` and digits in the demo chain, ULIDs from channel sign-ups. */
const CUSTOMER_ID = /^(?:C-\d{1,12}|[0-9A-HJKMNP-TV-Z]{26})$/;
const SEPARATORS = /[\s().\-\u00a0]/g;

export function readCustomerQuery(input: string, country: Country): CustomerQuery {
  const text = input.trim();
  if (CUSTOMER_ID.test(text)) return { kind: 'customerId', id: text };
  if (text.length === 0 || text.length > MAX_PHONE_INPUT) throw new TillError('PHONE_INVALID');
  const digits = text.replace(SEPARATORS, '');
  if (!/^\+?\d+$/.test(digits)) throw new TillError('PHONE_INVALID');
  const count = digits.replace('+', '').length;
  // "0055" is the last digits of a number, not an international prefix with nothing after it.
  const international = text.startsWith('+') || (text.startsWith('00') && count > MAX_LAST_DIGITS);
  if (!international && count < MIN_LAST_DIGITS) throw new TillError('CUSTOMER_TOO_FEW_DIGITS', { min: MIN_LAST_DIGITS });
  if (!international && count <= MAX_LAST_DIGITS) return { kind: 'lastDigits', digits };
  const phone = parsePhone(text, country);
  if (!phone.ok) throw new TillError('PHONE_INVALID');
  return { kind: 'phone', e164: phone.value.e164 };
}
