import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { Country } from '../vat.js';

/**
 * Phone numbers as people type them → E.164, the one form the till and central store and
 * match on. "+7 903 123-45-67", "8 (903) 123-45-67" in a Russian store, "0722 123 456" in a
 * Romanian one, "00373 69 123 456" anywhere. Validation is libphonenumber-js with its full
 * metadata: the number must exist in its country's numbering plan, not only have its length.
 * Pure: no I/O, no global state.
 */

/** The error a malformed phone carries, with a translated message in core/i18n. */
export const PHONE_INVALID = 'PHONE_INVALID' as const;

export interface Phone {
  /** "+37369123456" */
  readonly e164: string;
  /** The number's country (ISO 3166 alpha-2, any country), when the numbering plan tells. */
  readonly country: string | null;
  /** "+373 69 123 456": readable, for staff screens that may show the whole number. */
  readonly international: string;
}

export type PhoneResult =
  | { readonly ok: true; readonly value: Phone }
  | { readonly ok: false; readonly error: { readonly code: typeof PHONE_INVALID; readonly params: Record<string, never> } };

/** Longest input we try to read: E.164 has at most 15 digits, plus room for separators. */
export const MAX_PHONE_INPUT = 40;

/** Digits, a leading +, and the separators people type. Letters, extensions and other text are refused. */
const TYPED_PHONE = /^\+?[\d\s().\-\u00a0]+$/;

const invalid: PhoneResult = { ok: false, error: { code: PHONE_INVALID, params: {} } };

/**
 * Reads a typed phone. Without a leading + or 00, `defaultCountry` (the store's country) says
 * how to read a national number; with neither, the number is refused rather than guessed.
 */
export function parsePhone(input: string, defaultCountry?: Country): PhoneResult {
  const trimmed = input.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_PHONE_INPUT || !TYPED_PHONE.test(trimmed)) return invalid;
  // "00" is the international prefix in all our markets (Russia also knows "810", handled by the library).
  const text = trimmed.startsWith('00') ? `+${trimmed.slice(2)}` : trimmed;
  if (!text.startsWith('+') && !defaultCountry) return invalid;
  const parsed = parsePhoneNumberFromString(text, defaultCountry ? { defaultCountry: defaultCountry as CountryCode } : undefined);
  if (!parsed || !parsed.isValid()) return invalid;
  return {
    ok: true,
    value: { e164: parsed.number, country: parsed.country ?? null, international: parsed.formatInternational() },
  };
}

/** The E.164 form of a typed phone, or null when it is not a valid number. */
export function normalisePhone(input: string, defaultCountry?: Country): string | null {
  const r = parsePhone(input, defaultCountry);
  return r.ok ? r.value.e164 : null;
}

export function isValidPhone(input: string, defaultCountry?: Country): boolean {
  return parsePhone(input, defaultCountry).ok;
}

export interface MaskOptions {
  /**
   * The character hiding digits. '•' by default; a receipt printer whose code page has no
   * bullet passes '*' so paper never shows '?'.
   */
  readonly hide?: string;
}

/**
 * "+373 ••• ••• 45": the country code and the last two digits, enough for a cashier to
 * confirm with the customer and for a customer display or receipt, not enough to copy.
 * The hidden part has a fixed width, so the mask does not tell the number's length either.
 * Anything that is not a valid E.164 number is hidden whole.
 */
export function maskPhone(e164: string, options: MaskOptions = {}): string {
  const hide = options.hide ?? '•';
  const group = hide.repeat(3);
  const parsed = /^\+[1-9]\d{6,14}$/.test(e164) ? parsePhoneNumberFromString(e164) : undefined;
  if (!parsed) return `${group} ${group} ${hide.repeat(2)}`;
  return `+${parsed.countryCallingCode} ${group} ${group} ${e164.slice(-2)}`;
}
