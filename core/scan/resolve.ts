import { TillError } from '../errors.js';
import { DEFAULT_WEIGHED_CONFIG, parseScan, type GtinSymbology, type ParsedScan, type WeighedBarcodeConfig, type WeighedValueKind } from './barcode.js';
import { parseGs1, type Gs1Element } from './scan.js';
import { PROMO_CODE_ALPHABET, promoCodeCheck, type PromoCodeCheck } from './promoCode.js';
import { parseSigned, type AppCardPayload, type OfferPayload, type SignedToken } from './signed.js';

/**
 * One resolver for every way a code reaches the till — keyboard-wedge and serial scanners,
 * the camera, the cashier typing — so each kind of code means the same thing from each.
 * Pure and total: any text or bytes give a kind, or `unknown` with the reason; never a throw.
 * The formats it reads are described in core/scan/README.md.
 */
export type ResolvedScan =
  | { readonly kind: 'product'; readonly gtin: string; readonly symbology: GtinSymbology }
  | { readonly kind: 'weighed'; readonly gtin: string; readonly plu: string; readonly valueKind: WeighedValueKind; readonly value: number }
  /** An internal shelf code or SKU (Code 128 labels, typed by hand). */
  | { readonly kind: 'internal'; readonly code: string }
  | Gs1Scan
  | { readonly kind: 'promoCode'; readonly code: string; readonly check: PromoCodeCheck }
  | { readonly kind: 'promoLink'; readonly url: string; readonly host: string; readonly code: string; readonly check: PromoCodeCheck }
  | { readonly kind: 'signedOffer'; readonly text: string; readonly offer: OfferPayload; readonly token: SignedToken }
  | { readonly kind: 'appCard'; readonly text: string; readonly card: AppCardPayload; readonly token: SignedToken }
  | { readonly kind: 'receipt'; readonly saleId: string; readonly tillId: string | null }
  | { readonly kind: 'unknown'; readonly reason: UnknownReason };

export type ScanKind = ResolvedScan['kind'];

/**
 * Why a payload is not a code we know: `empty`; `tooLong` (over MAX_SCAN_CHARS); `garbage`
 * (control characters, bytes that are not UTF-8: line noise, a wrong baud rate);
 * `badCheckDigit` (a GTIN misread); `badGs1` (an element string that breaks the GS1 rules);
 * `badToken` (our signed or receipt form, damaged); `notOurs` (readable, but no code of ours).
 */
export type UnknownReason = 'empty' | 'tooLong' | 'garbage' | 'badCheckDigit' | 'badGs1' | 'badToken' | 'notOurs';

/** A GS1 element string: a GTIN with the expiry, batch and serial a marked item carries. */
export interface Gs1Scan {
  readonly kind: 'gs1';
  /** The element string as read, AIM identifier stripped, GS separators kept: reported as-is for marked goods. */
  readonly raw: string;
  readonly elements: readonly Gs1Element[];
  /** AI 01 (or 02), 14 digits. */
  readonly gtin: string | null;
  /** What the catalogue knows the item by (indicator 0 → its 13-digit code), null without a GTIN. */
  readonly lookup: ParsedScan | null;
  /** AI 17 as an ISO date (YY read as 20YY; day 00 is the month's last day). */
  readonly expiry: string | null;
  /** AI 10. */
  readonly batch: string | null;
  /** AI 21: the unit's serial, kept for the marking system's reports. */
  readonly serial: string | null;
  /** AI 91–93: the marking system's verification key and crypto code, kept for later reporting. */
  readonly cryptoTail: readonly Gs1Element[];
}

export interface ResolveContext {
  readonly weighed?: WeighedBarcodeConfig;
  /**
   * Prefixes of the chain's unique-code campaigns ("SPRING"): a code with a known prefix and a
   * wrong check character is a mistyped promo code, not some shelf code.
   */
  readonly promoPrefixes?: readonly string[];
}

/** The longest payload any scanner path hands over (a 2D symbol's text); longer is noise. */
export const MAX_SCAN_CHARS = 4096;

const GS = '\u001d';
const AIM = /^\][A-Za-z][0-9A-Za-z]/;
/** AIM identifiers that say the symbol carries GS1 data: GS1-128, GS1 DataMatrix, GS1 QR, GS1 DataBar, GS1 DotCode. */
const AIM_GS1 = new Set([']C1', ']d2', ']Q3', ']e0', ']J1']);
/** A GS1 string read without AIM identifier or separators: a GTIN followed by another AI. */
const BARE_GS1 = /^01\d{14}(1[0-7]|2[01]|3\d|10|9[1-3])/;
const ULID = '[0-9A-HJKMNP-TV-Z]{26}';
const RECEIPT = new RegExp(`^OTR1:(${ULID}):([A-Za-z0-9_-]{1,64})$`);
const E_RECEIPT_PATH = new RegExp(`^/e/(${ULID})/?$`);
const PROMO_PATH = /^\/p\/([^/]{3,64})\/?$/;
const PROMO_CODE = /^[A-Z0-9]{3,32}$/;
const UNIQUE_CODE = new RegExp(`^([A-Z]{0,8})[${PROMO_CODE_ALPHABET}]{10}$`);

const unknown = (reason: UnknownReason): ResolvedScan => ({ kind: 'unknown', reason });
const utf8 = new TextDecoder('utf-8', { fatal: true });

function asText(payload: string | Uint8Array): string | null {
  if (typeof payload === 'string') return payload;
  try {
    return utf8.decode(payload);
  } catch {
    return null;
  }
}

/** Control characters other than GS (C0, DEL, C1) and unpaired surrogates never belong to a code. */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x1d) || (c >= 0x7f && c <= 0x9f)) return true;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}

export function resolveScan(payload: string | Uint8Array, context: ResolveContext = {}): ResolvedScan {
  const text = asText(payload);
  if (text === null) return unknown('garbage');
  let code = text.replace(/[\r\n]+$/, '');
  if (code.length > MAX_SCAN_CHARS) return unknown('tooLong');
  if (code.trim().length === 0) return unknown('empty');
  if (hasControl(code)) return unknown('garbage');
  let gs1 = false;
  if (AIM.test(code)) {
    gs1 = AIM_GS1.has(code.slice(0, 3));
    code = code.slice(3);
    if (code.trim().length === 0) return unknown('empty');
  }
  try {
    if (gs1 || code.includes(GS) || BARE_GS1.test(code)) return resolveGs1(code);
    return resolveText(code.trim(), context);
  } catch {
    // Every reader above returns a kind; a throw here would be a bug in one of them, and a
    // scan must still never take the sale down with it.
    return unknown('notOurs');
  }
}

function resolveText(code: string, context: ResolveContext): ResolvedScan {
  if (code.startsWith('OT1.')) return resolveSigned(code);
  if (code.startsWith('OTR1:')) {
    const match = RECEIPT.exec(code);
    return match ? { kind: 'receipt', saleId: match[1] as string, tillId: match[2] as string } : unknown('badToken');
  }
  if (/^https:\/\//i.test(code)) return resolveLink(code);
  if (/^\d+$/.test(code) && [8, 12, 13, 14].includes(code.length)) return resolveGtin(code, context);
  return resolvePromoCode(code, context) ?? resolveInternal(code);
}

function resolveGtin(code: string, context: ResolveContext): ResolvedScan {
  try {
    const parsed = parseScan(code, context.weighed ?? DEFAULT_WEIGHED_CONFIG);
    if (parsed.kind === 'gtin') return { kind: 'product', gtin: parsed.gtin, symbology: parsed.symbology };
    if (parsed.kind === 'weighed') return { kind: 'weighed', gtin: parsed.gtin, plu: parsed.plu, valueKind: parsed.valueKind, value: parsed.value };
    return { kind: 'internal', code: parsed.code };
  } catch (e) {
    return unknown(e instanceof TillError && e.code === 'SCAN_BAD_CHECK_DIGIT' ? 'badCheckDigit' : 'notOurs');
  }
}

function resolveInternal(code: string): ResolvedScan {
  try {
    const parsed = parseScan(code);
    return parsed.kind === 'internal' ? { kind: 'internal', code: parsed.code } : unknown('notOurs');
  } catch {
    return unknown('notOurs');
  }
}

/** Codes are typed and printed in groups ("SPRING-7Q2X9-K4M2P"); the ledger keeps them bare. */
export function normalisePromoCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '');
}

function resolvePromoCode(text: string, context: ResolveContext): ResolvedScan | null {
  const code = normalisePromoCode(text);
  const match = UNIQUE_CODE.exec(code);
  if (!match) return null;
  const check = promoCodeCheck(code);
  if (check === 'valid') return { kind: 'promoCode', code, check };
  const prefix = match[1] as string;
  return prefix.length > 0 && (context.promoPrefixes ?? []).includes(prefix) ? { kind: 'promoCode', code, check } : null;
}

function resolveLink(text: string): ResolvedScan {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return unknown('notOurs');
  }
  const path = url.pathname;
  const receipt = E_RECEIPT_PATH.exec(path);
  if (receipt) return { kind: 'receipt', saleId: receipt[1] as string, tillId: null };
  const promo = PROMO_PATH.exec(path);
  if (!promo) return unknown('notOurs');
  let code: string;
  try {
    code = normalisePromoCode(decodeURIComponent(promo[1] as string));
  } catch {
    return unknown('notOurs');
  }
  if (!PROMO_CODE.test(code)) return unknown('notOurs');
  return { kind: 'promoLink', url: url.href, host: url.host, code, check: promoCodeCheck(code) };
}

function resolveSigned(text: string): ResolvedScan {
  const token = parseSigned(text);
  if (!token) return unknown('badToken');
  return token.kind === 'offer'
    ? { kind: 'signedOffer', text, offer: token.payload, token }
    : { kind: 'appCard', text, card: token.payload, token };
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** GS1 dates are YYMMDD; DD 00 means the month's last day. Null for a date that cannot be. */
function gs1Date(yymmdd: string): string | null {
  if (!/^\d{6}$/.test(yymmdd)) return null;
  const year = 2000 + Number(yymmdd.slice(0, 2));
  const month = Number(yymmdd.slice(2, 4));
  let day = Number(yymmdd.slice(4, 6));
  if (month < 1 || month > 12) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const last = (DAYS_IN_MONTH[month - 1] as number) + (month === 2 && leap ? 1 : 0);
  if (day === 0) day = last;
  if (day > last) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function resolveGs1(raw: string): ResolvedScan {
  let elements: Gs1Element[];
  try {
    elements = parseGs1(raw);
  } catch (e) {
    return unknown(e instanceof TillError && e.code === 'SCAN_BAD_CHECK_DIGIT' ? 'badCheckDigit' : 'badGs1');
  }
  if (elements.length === 0) return unknown('badGs1');
  const value = (ai: string) => elements.find((e) => e.ai === ai)?.value ?? null;
  const gtin = value('01') ?? value('02');
  const expiryText = value('17');
  const expiry = expiryText === null ? null : gs1Date(expiryText);
  if (expiryText !== null && expiry === null) return unknown('badGs1');
  let lookup: ParsedScan | null = null;
  if (gtin !== null) {
    try {
      lookup = parseScan(gtin);
    } catch {
      return unknown('badCheckDigit');
    }
  }
  return {
    kind: 'gs1',
    raw,
    elements,
    gtin,
    lookup,
    expiry,
    batch: value('10'),
    serial: value('21'),
    cryptoTail: elements.filter((e) => ['91', '92', '93'].includes(e.ai)),
  };
}

/**
 * What the sale adds for a scan, or the coded error the cashier reads. Only product kinds add
 * a line; a promo code, an offer, an app card or a receipt is refused here with a message
 * that says so, and an unknown payload with the reason, so nothing in the sale changes.
 */
export function saleLookup(resolved: ResolvedScan, raw: string): ParsedScan {
  switch (resolved.kind) {
    case 'product':
      return { kind: 'gtin', gtin: resolved.gtin, symbology: resolved.symbology };
    case 'weighed':
      return { kind: 'weighed', gtin: resolved.gtin, plu: resolved.plu, valueKind: resolved.valueKind, value: resolved.value };
    case 'internal':
      return { kind: 'internal', code: resolved.code };
    case 'gs1':
      if (resolved.lookup) return resolved.lookup;
      throw new TillError('SCAN_UNKNOWN_CODE');
    case 'unknown':
      throw unknownError(resolved.reason, raw);
    default:
      throw new TillError('SCAN_NOT_A_PRODUCT', { kind: resolved.kind });
  }
}

function unknownError(reason: UnknownReason, raw: string): TillError {
  switch (reason) {
    case 'empty':
      return new TillError('SCAN_EMPTY');
    case 'garbage':
    case 'tooLong':
      return new TillError('SCAN_GARBAGE', { length: raw.length });
    case 'badCheckDigit':
      return new TillError('SCAN_BAD_CHECK_DIGIT', { code: raw.replace(/^\][A-Za-z][0-9A-Za-z]/, '').trim().slice(0, 64) });
    default:
      return new TillError('SCAN_UNKNOWN_CODE', { reason });
  }
}
