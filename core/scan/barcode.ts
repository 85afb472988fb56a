import { TillError } from '../errors.js';

export type GtinSymbology = 'EAN-13' | 'EAN-8' | 'UPC-A' | 'GTIN-14';

/** What a weighed-item prefix carries in its value digits. */
export type WeighedValueKind = 'weight' | 'price';

/**
 * In-store (scale) barcodes: EAN-13 with a prefix from 20–29, then the item's PLU, then the
 * weight in grams or the price in minor units, then the check digit. Scale vendors differ in
 * the PLU length and in what each prefix means, so the layout is till configuration.
 */
export interface WeighedBarcodeConfig {
  /** Two-digit prefixes (20–29) that mark a scale label, and what their value digits hold. */
  readonly prefixes: Readonly<Record<string, WeighedValueKind>>;
  /** Digits of the PLU after the prefix (4–6); the value has 10 − pluDigits digits. */
  readonly pluDigits: number;
}

export const DEFAULT_WEIGHED_CONFIG: WeighedBarcodeConfig = {
  prefixes: Object.fromEntries(
    ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29'].map((p) => [p, 'weight' as const]),
  ),
  pluDigits: 5,
};

export type ParsedScan =
  | { readonly kind: 'gtin'; readonly gtin: string; readonly symbology: GtinSymbology }
  | {
      readonly kind: 'weighed';
      readonly gtin: string;
      readonly plu: string;
      readonly valueKind: WeighedValueKind;
      /** Grams for 'weight', minor units for 'price'. */
      readonly value: number;
    }
  | { readonly kind: 'internal'; readonly code: string };

export const MAX_SCAN_LENGTH = 64;

/** Internal shelf codes (Code 128 labels, SKUs typed by hand): letters, digits and a few separators. */
const INTERNAL_CODE = /^[A-Za-z0-9][A-Za-z0-9\-_./]{0,47}$/;

/** GS1 mod-10 check digit over all digits but the last. */
export function gtinCheckDigit(digitsWithoutCheck: string): number {
  let sum = 0;
  const n = digitsWithoutCheck.length;
  for (let i = 0; i < n; i++) {
    const d = digitsWithoutCheck.charCodeAt(n - 1 - i) - 48;
    sum += i % 2 === 0 ? d * 3 : d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidGtin(code: string): boolean {
  if (!/^\d{8}$|^\d{12,14}$/.test(code)) return false;
  return gtinCheckDigit(code.slice(0, -1)) === code.charCodeAt(code.length - 1) - 48;
}

/** Appends the check digit: used by the demo generator and by tests. */
export function withCheckDigit(digitsWithoutCheck: string): string {
  return digitsWithoutCheck + String(gtinCheckDigit(digitsWithoutCheck));
}

/**
 * Turns what a scanner or a cashier produced into a lookup key, or a coded error.
 * Trailing CR/LF (scanner suffixes) are tolerated; any other control byte means the
 * input is garbage (line noise, a wrong baud rate, a stuck key) and is rejected whole.
 */
export function parseScan(raw: string, config: WeighedBarcodeConfig = DEFAULT_WEIGHED_CONFIG): ParsedScan {
  const text = raw.replace(/[\r\n]+$/, '').trim();
  if (text.length === 0) throw new TillError('SCAN_EMPTY');
  if (text.length > MAX_SCAN_LENGTH || /[^\x20-\x7e]/.test(text)) {
    throw new TillError('SCAN_GARBAGE', { length: text.length });
  }
  if (/^\d+$/.test(text) && (text.length === 8 || (text.length >= 12 && text.length <= 14))) {
    if (!isValidGtin(text)) {
      throw new TillError('SCAN_BAD_CHECK_DIGIT', { code: text });
    }
    if (text.length === 12) return { kind: 'gtin', gtin: `0${text}`, symbology: 'UPC-A' };
    if (text.length === 8) return { kind: 'gtin', gtin: text, symbology: 'EAN-8' };
    // Indicator digit 0 is the retail item itself: the catalogue knows it by its 13-digit code.
    if (text.length === 14) return { kind: 'gtin', gtin: text.startsWith('0') ? text.slice(1) : text, symbology: 'GTIN-14' };
    const valueKind = config.prefixes[text.slice(0, 2)];
    if (valueKind) {
      const pluEnd = 2 + config.pluDigits;
      return {
        kind: 'weighed',
        gtin: text,
        plu: text.slice(2, pluEnd),
        valueKind,
        value: Number(text.slice(pluEnd, 12)),
      };
    }
    return { kind: 'gtin', gtin: text, symbology: 'EAN-13' };
  }
  if (!INTERNAL_CODE.test(text)) throw new TillError('SCAN_GARBAGE', { length: text.length });
  return { kind: 'internal', code: text };
}
