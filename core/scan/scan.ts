import { TillError } from '../errors.js';
import { isValidGtin, parseScan, type ParsedScan } from './barcode.js';

/**
 * One scan, whichever way it reached the till: a keyboard-wedge scanner typing into the
 * renderer, a serial scanner read by native/, or the camera. All three build it with
 * `scanEvent`, so the sale sees the same thing from each.
 */
export type ScanSource = 'keyboard' | 'serial' | 'camera';

export type Symbology = 'EAN-13' | 'EAN-8' | 'UPC-A' | 'GTIN-14' | 'GS1' | 'Code 128' | '2D';

export interface Gs1Element {
  readonly ai: string;
  readonly value: string;
}

export interface ScanEvent {
  readonly source: ScanSource;
  readonly symbology: Symbology;
  /** The code as scanned, without scanner prefix or suffix; GS1 separators kept as GS (U+001D). */
  readonly code: string;
  /** Everything the scanner sent but the suffix, AIM identifier included: what the scan resolver reads. */
  readonly payload: string;
  /** What the sale looks up: a GTIN, a scale label, or an internal code; null for a 2D payload. */
  readonly lookup: ParsedScan | null;
  /** GS1 element strings split into application identifiers. */
  readonly elements: readonly Gs1Element[];
}

/** A 2D symbol carries up to a few kilobytes (signed tokens, marking codes); anything longer is noise. */
export const MAX_SCAN_PAYLOAD = 4096;

const GS = '\u001d';

/**
 * AIM symbology identifiers (]Xm) some scanners are set to prefix: they say what was
 * scanned, including whether a Code 128, QR or DataMatrix symbol carries GS1 data.
 */
const AIM_GS1 = new Set([']C1', ']e0', ']d2', ']Q3', ']J1']);
const AIM_PREFIX = /^\][A-Za-z][0-9A-Za-z]/;

/**
 * Lengths of the GS1 application identifiers a store meets (GS1 General Specifications,
 * section 3): the AI's digits, then a fixed data length, or a maximum for variable ones,
 * which end at a GS or at the end of the string.
 */
const AI_TABLE: readonly { readonly prefix: RegExp; readonly aiLength: number; readonly fixed?: number; readonly max?: number }[] = [
  { prefix: /^00/, aiLength: 2, fixed: 18 },
  { prefix: /^0[12]/, aiLength: 2, fixed: 14 },
  { prefix: /^1[1-7]/, aiLength: 2, fixed: 6 },
  { prefix: /^10/, aiLength: 2, max: 20 },
  { prefix: /^2[12]/, aiLength: 2, max: 20 },
  { prefix: /^20/, aiLength: 2, fixed: 2 },
  { prefix: /^30|^37/, aiLength: 2, max: 8 },
  { prefix: /^3[1-6]\d\d/, aiLength: 4, fixed: 6 },
  { prefix: /^39[0-3]\d/, aiLength: 4, max: 18 },
  { prefix: /^24[01]|^25[0134]|^400|^40[13]/, aiLength: 3, max: 30 },
  { prefix: /^41[0-7]/, aiLength: 3, fixed: 13 },
  { prefix: /^8200/, aiLength: 4, max: 70 },
  { prefix: /^9[1-9]/, aiLength: 2, max: 90 },
];

/** Splits a GS1 element string into AIs; throws SCAN_GARBAGE on an unknown AI or a bad GTIN. */
export function parseGs1(data: string): Gs1Element[] {
  const elements: Gs1Element[] = [];
  let rest = data.startsWith(GS) ? data.slice(1) : data;
  while (rest.length > 0) {
    const spec = AI_TABLE.find((s) => s.prefix.test(rest));
    if (!spec) throw new TillError('SCAN_GARBAGE', { length: data.length }, `unknown GS1 AI at "${rest.slice(0, 4)}"`);
    const ai = rest.slice(0, spec.aiLength);
    rest = rest.slice(spec.aiLength);
    let value: string;
    if (spec.fixed !== undefined) {
      value = rest.slice(0, spec.fixed);
      if (value.length !== spec.fixed || value.includes(GS)) {
        throw new TillError('SCAN_GARBAGE', { length: data.length }, `GS1 AI ${ai} needs ${spec.fixed} characters`);
      }
      rest = rest.slice(spec.fixed);
      if (rest.startsWith(GS)) rest = rest.slice(1);
    } else {
      const end = rest.indexOf(GS);
      value = end < 0 ? rest : rest.slice(0, end);
      rest = end < 0 ? '' : rest.slice(end + 1);
      if (value.length === 0 || value.length > (spec.max ?? 0)) {
        throw new TillError('SCAN_GARBAGE', { length: data.length }, `GS1 AI ${ai} value length ${value.length}`);
      }
    }
    if ((ai === '01' || ai === '02') && !isValidGtin(value)) throw new TillError('SCAN_BAD_CHECK_DIGIT', { code: value });
    elements.push({ ai, value });
  }
  return elements;
}

/**
 * Characters a scanner must never send inside a code: control characters other than GS, DEL,
 * the C1 controls and U+FFFD (bytes that were not UTF-8). Other non-ASCII text is a 2D
 * symbol's content (a name, a Cyrillic address) and reaches the resolver as it is.
 */
function hasGarbage(code: string): boolean {
  for (let i = 0; i < code.length; i++) {
    const c = code.charCodeAt(i);
    if ((c < 0x20 && c !== 0x1d) || (c >= 0x7f && c <= 0x9f) || c === 0xfffd) return true;
  }
  return false;
}

/**
 * Classifies and validates one scan. Trailing CR/LF (scanner suffixes) are tolerated; any
 * other control or non-ASCII byte means line noise, a wrong baud rate or a stuck key, and the
 * whole scan is rejected with SCAN_GARBAGE, never half-used.
 */
export function scanEvent(raw: string, source: ScanSource): ScanEvent {
  const payload = raw.replace(/[\r\n]+$/, '');
  let code = payload;
  if (code.trim().length === 0) throw new TillError('SCAN_EMPTY');
  if (code.length > MAX_SCAN_PAYLOAD || hasGarbage(code)) throw new TillError('SCAN_GARBAGE', { length: code.length });
  let gs1 = false;
  if (AIM_PREFIX.test(code)) {
    gs1 = AIM_GS1.has(code.slice(0, 3));
    code = code.slice(3);
  }
  // A GS1 symbol read without AIM prefix: GS separators, or FNC1 sent as a leading GS.
  if (gs1 || code.includes(GS) || /^01\d{14}(1[0-7]|2[01]|3\d|10)/.test(code)) {
    const elements = parseGs1(code);
    const gtin = elements.find((e) => e.ai === '01')?.value;
    return { source, symbology: 'GS1', code, payload, lookup: gtin ? parseScan(gtin) : null, elements };
  }
  const trimmed = code.trim();
  if (/^\d+$/.test(trimmed) && [8, 12, 13, 14].includes(trimmed.length)) {
    const lookup = parseScan(trimmed);
    const symbology: Symbology =
      trimmed.length === 8 ? 'EAN-8' : trimmed.length === 12 ? 'UPC-A' : trimmed.length === 14 ? 'GTIN-14' : 'EAN-13';
    return { source, symbology, code: trimmed, payload, lookup, elements: [] };
  }
  try {
    return { source, symbology: 'Code 128', code: trimmed, payload, lookup: parseScan(trimmed), elements: [] };
  } catch {
    // Not an item code: a link, a promo token, a loyalty card payload from a 2D symbol.
    return { source, symbology: '2D', code, payload, lookup: null, elements: [] };
  }
}
