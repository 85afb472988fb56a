import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { withCheckDigit } from '../../core/scan/barcode.js';
import { fromBase64Url, toBase64Url } from '../../core/scan/base64url.js';
import { PROMO_CODE_ALPHABET, promoCodeCheckCharacter } from '../../core/scan/promoCode.js';
import { MAX_SCAN_CHARS, resolveScan, saleLookup, type ResolvedScan } from '../../core/scan/resolve.js';
import { newScanSigningKeys, signScanToken } from '../../central/src/scanSigning.js';

const GS = '\u001d';
const ean13 = withCheckDigit('460701234567');
const gtin14 = `0${ean13}`;
/** A unique promo code as central issues it: prefix, nine random characters, check character. */
function promoCode(prefix: string, body = '7Q2X9K4MR'): string {
  const check = promoCodeCheckCharacter(body);
  if (check === null) throw new Error('body without a check symbol');
  return `${prefix}${body}${check}`;
}
const KINDS = ['product', 'weighed', 'internal', 'gs1', 'promoCode', 'promoLink', 'signedOffer', 'appCard', 'receipt', 'unknown'];
const SALE = '01JQ3Z5X8M4K2N7P9R1T6V0W3Y';

describe('resolveScan: product codes', () => {
  it('reads EAN-13, EAN-8, UPC-A and GTIN-14, with or without an AIM identifier', () => {
    expect(resolveScan(ean13)).toEqual({ kind: 'product', gtin: ean13, symbology: 'EAN-13' });
    expect(resolveScan(`]E0${ean13}`)).toEqual({ kind: 'product', gtin: ean13, symbology: 'EAN-13' });
    expect(resolveScan(`]Q1${ean13}\r\n`)).toEqual({ kind: 'product', gtin: ean13, symbology: 'EAN-13' });
    const ean8 = withCheckDigit('4607012');
    expect(resolveScan(ean8)).toMatchObject({ kind: 'product', gtin: ean8, symbology: 'EAN-8' });
    const upc = withCheckDigit('03600029145');
    expect(resolveScan(upc)).toMatchObject({ kind: 'product', gtin: `0${upc}`, symbology: 'UPC-A' });
    expect(resolveScan(gtin14)).toMatchObject({ kind: 'product', gtin: ean13, symbology: 'GTIN-14' });
  });

  it('reads a scale label as a weighed item and refuses a misread check digit', () => {
    const label = withCheckDigit('221234501250');
    expect(resolveScan(label)).toEqual({ kind: 'weighed', gtin: label, plu: '12345', valueKind: 'weight', value: 1250 });
    const bad = ean13.slice(0, 12) + String((Number(ean13[12]) + 1) % 10);
    expect(resolveScan(bad)).toEqual({ kind: 'unknown', reason: 'badCheckDigit' });
    expect(() => saleLookup(resolveScan(bad), bad)).toThrow(expect.objectContaining({ code: 'SCAN_BAD_CHECK_DIGIT', params: { code: bad } }));
  });

  it('keeps internal shelf codes for the catalogue', () => {
    expect(resolveScan('SKU-000123')).toEqual({ kind: 'internal', code: 'SKU-000123' });
    expect(saleLookup(resolveScan('SKU-000123'), 'SKU-000123')).toEqual({ kind: 'internal', code: 'SKU-000123' });
  });
});

describe('resolveScan: GS1 element strings', () => {
  it('reads the DataMatrix of a marked item: GTIN, serial and crypto tail kept, FNC1 as GS, AIM ]d2 stripped', () => {
    const serial = "5MqKG9'VN,uJb";
    const tail = `91EE10${GS}92${'dGhpcyBpcyBhIGNyeXB0byB0YWlsIG9mIDQ0IGNoYXJz'}`;
    const raw = `01${gtin14}21${serial}${GS}${tail}`;
    const resolved = resolveScan(`]d2${raw}`);
    expect(resolved).toMatchObject({
      kind: 'gs1',
      raw,
      gtin: gtin14,
      lookup: { kind: 'gtin', gtin: ean13 },
      serial,
      expiry: null,
      cryptoTail: [
        { ai: '91', value: 'EE10' },
        { ai: '92', value: 'dGhpcyBpcyBhIGNyeXB0byB0YWlsIG9mIDQ0IGNoYXJz' },
      ],
    });
    expect(saleLookup(resolved, raw)).toEqual({ kind: 'gtin', gtin: ean13, symbology: 'GTIN-14' });
  });

  it('reads expiry (AI 17), batch (AI 10) and serial (AI 21) from GS1-128, GS1 QR and a bare string', () => {
    const raw = `01${gtin14}17260300` + `10LOT-42${GS}21SN0001`;
    for (const scanned of [`]C1${raw}`, `]Q3${raw}`, `${GS}${raw}`, raw]) {
      expect(resolveScan(scanned), scanned).toMatchObject({ kind: 'gs1', gtin: gtin14, expiry: '2026-03-31', batch: 'LOT-42', serial: 'SN0001' });
    }
    expect(resolveScan(`]d2010${ean13}`)).toMatchObject({ kind: 'gs1', gtin: `0${ean13}`, serial: null });
  });

  it('refuses an element string that breaks the rules', () => {
    expect(resolveScan(`]d201${gtin14}17261340`)).toEqual({ kind: 'unknown', reason: 'badGs1' });
    expect(resolveScan(`]d20146070123456701`)).toEqual({ kind: 'unknown', reason: 'badCheckDigit' });
    expect(resolveScan(`]C1ZZ${GS}1`)).toEqual({ kind: 'unknown', reason: 'badGs1' });
  });
});

describe('resolveScan: promo codes and links', () => {
  it('reads a unique code with a valid check character, bare or grouped as printed', () => {
    const code = promoCode('SPRING');
    expect(resolveScan(code)).toEqual({ kind: 'promoCode', code, check: 'valid' });
    const printed = `SPRING-${code.slice(6, 11)}-${code.slice(11)}`.toLowerCase();
    expect(resolveScan(printed)).toEqual({ kind: 'promoCode', code, check: 'valid' });
    expect(() => saleLookup(resolveScan(code), code)).toThrow(expect.objectContaining({ code: 'SCAN_NOT_A_PRODUCT' }));
  });

  it('calls a code mistyped when its campaign prefix is known and the check does not match', () => {
    const code = promoCode('SPRING');
    const typo = code.slice(0, 8) + (code[8] === 'A' ? 'B' : 'A') + code.slice(9);
    expect(resolveScan(typo, { promoPrefixes: ['SPRING'] })).toEqual({ kind: 'promoCode', code: typo, check: 'mistyped' });
    // Without the prefix known it could be anyone's shelf code: the catalogue decides.
    expect(resolveScan(typo)).toEqual({ kind: 'internal', code: typo });
  });

  it('reads a promo link on any host, shared codes too', () => {
    const code = promoCode('');
    expect(resolveScan(`https://shop.example.md/p/${code}?utm_source=stream`)).toEqual({
      kind: 'promoLink',
      url: `https://shop.example.md/p/${code}?utm_source=stream`,
      host: 'shop.example.md',
      code,
      check: 'valid',
    });
    expect(resolveScan('HTTPS://go.brand.ro/p/stream25/')).toMatchObject({ kind: 'promoLink', code: 'STREAM25', check: 'unchecked' });
    expect(resolveScan('https://brand.example/about')).toEqual({ kind: 'unknown', reason: 'notOurs' });
    expect(resolveScan('http://brand.example/p/STREAM25')).toEqual({ kind: 'unknown', reason: 'notOurs' });
  });
});

describe('resolveScan: receipts', () => {
  it('reads the receipt QR and an e-receipt link', () => {
    expect(resolveScan(`OTR1:${SALE}:till-01`)).toEqual({ kind: 'receipt', saleId: SALE, tillId: 'till-01' });
    expect(resolveScan(`https://r.omnitill.example/e/${SALE}`)).toEqual({ kind: 'receipt', saleId: SALE, tillId: null });
    expect(resolveScan(`OTR1:${SALE.slice(1)}:till-01`)).toEqual({ kind: 'unknown', reason: 'badToken' });
  });
});

describe('resolveScan: signed offers and app cards', () => {
  const keys = newScanSigningKeys();
  const offer = { code: promoCode('STREAM'), campaign: 'stream-qr', expiry: 1_900_000_000, nonce: 'n0nce-AbC123', chain: 'omni' };
  const card = { customer: 'cus_01JQ3Z5X8M', chain: 'omni', issued: 1_780_000_000, expiry: 1_790_000_000 };

  it('reads both kinds and verifies them offline with the chain key', async () => {
    const { verifySigned } = await import('../../core/scan/signed.js');
    const offerText = signScanToken('offer', { ...offer, customer: 'cus_42' }, keys.privateKeyPem);
    const cardText = signScanToken('appCard', card, keys.privateKeyPem);
    expect(offerText).toMatch(/^OT1\.O\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
    expect(resolveScan(offerText)).toMatchObject({ kind: 'signedOffer', offer: { ...offer, customer: 'cus_42' } });
    expect(resolveScan(cardText)).toMatchObject({ kind: 'appCard', card });
    expect(await verifySigned(offerText, keys.publicKey, { chain: 'omni', now: 1_800_000_000 })).toMatchObject({ ok: true, token: { kind: 'offer' } });
    expect(await verifySigned(cardText, [newScanSigningKeys().publicKey, keys.publicKey], { chain: 'omni', now: 1_785_000_000 })).toMatchObject({ ok: true });
  });

  it('refuses a forged, swapped, foreign, expired or damaged token', async () => {
    const { verifySigned } = await import('../../core/scan/signed.js');
    const text = signScanToken('offer', offer, keys.privateKeyPem);
    const [v, k, payload, signature] = text.split('.') as [string, string, string, string];
    const richer = toBase64Url(new TextEncoder().encode(JSON.stringify({ ...offer, code: 'FREE100' })));
    expect(await verifySigned(`${v}.${k}.${richer}.${signature}`, keys.publicKey)).toEqual({ ok: false, reason: 'signature' });
    expect(await verifySigned(text, newScanSigningKeys().publicKey)).toEqual({ ok: false, reason: 'signature' });
    const other = newScanSigningKeys();
    const foreign = signScanToken('offer', { ...offer, chain: 'rival' }, other.privateKeyPem);
    expect(await verifySigned(foreign, other.publicKey, { chain: 'omni' })).toEqual({ ok: false, reason: 'otherChain' });
    expect(await verifySigned(text, keys.publicKey, { now: offer.expiry + 1 })).toEqual({ ok: false, reason: 'expired' });
    // An app card's signature never passes for an offer: the kind letter is signed too.
    const cardText = signScanToken('appCard', card, keys.privateKeyPem);
    expect(await verifySigned(`OT1.O.${cardText.split('.')[2]}.${cardText.split('.')[3]}`, keys.publicKey)).toEqual({ ok: false, reason: 'malformed' });
    expect(await verifySigned(`${v}.${k}.${payload}.${signature.slice(0, -2)}`, keys.publicKey)).toEqual({ ok: false, reason: 'malformed' });
    expect(resolveScan(`${v}.${k}.${payload}x.${signature}`)).toEqual({ kind: 'unknown', reason: 'badToken' });
  });

  it('fits a QR at level M: an offer with a customer stays under 330 characters', () => {
    const text = signScanToken('offer', { ...offer, customer: '01JQ3Z5X8M4K2N7P9R1T6V0W3Y', campaign: 'spring-2026-email' }, keys.privateKeyPem);
    expect(text.length).toBeLessThan(331); // QR version 13 at level M holds 331 bytes
  });
});

describe('resolveScan never throws', () => {
  const kinds = new Set(KINDS);
  const check = (r: ResolvedScan): void => {
    expect(kinds.has(r.kind)).toBe(true);
  };

  it('for arbitrary strings, unicode and bytes', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => check(resolveScan(s))), { numRuns: 2000 });
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => check(resolveScan(s))), { numRuns: 1000 });
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), (b) => check(resolveScan(b))), { numRuns: 1000 });
  });

  it('for strings built from the pieces of our formats', () => {
    const piece = fc.constantFrom(']d2', ']Q3', ']C1', ']E0', GS, '01', gtin14, '17', '10', '21', '91', '92', 'OT1.', 'O.', 'C.', 'OTR1:', SALE, 'https://x.example/p/', '/e/', '.', ':', 'SPRING', ...PROMO_CODE_ALPHABET);
    fc.assert(fc.property(fc.array(piece, { maxLength: 40 }), (parts) => check(resolveScan(parts.join('')))), { numRuns: 3000 });
  });

  it('for long, binary and control-laden payloads, with a reason', () => {
    expect(resolveScan('A'.repeat(MAX_SCAN_CHARS))).toEqual({ kind: 'unknown', reason: 'notOurs' });
    expect(resolveScan('A'.repeat(MAX_SCAN_CHARS + 1))).toEqual({ kind: 'unknown', reason: 'tooLong' });
    expect(resolveScan(new Uint8Array([0xff, 0xfe, 0x00, 0x41]))).toEqual({ kind: 'unknown', reason: 'garbage' });
    expect(resolveScan(`${ean13.slice(0, 6)}\u0007${ean13.slice(6)}`)).toEqual({ kind: 'unknown', reason: 'garbage' });
    expect(resolveScan('  \r\n')).toEqual({ kind: 'unknown', reason: 'empty' });
    expect(resolveScan('Привет, мир')).toEqual({ kind: 'unknown', reason: 'notOurs' });
    expect(resolveScan(new TextEncoder().encode(`]Q1${ean13}`))).toMatchObject({ kind: 'product', gtin: ean13 });
    expect(() => saleLookup(resolveScan('Привет'), 'Привет')).toThrow(expect.objectContaining({ code: 'SCAN_UNKNOWN_CODE' }));
  });

  it('base64url round-trips every byte string and refuses non-canonical text', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
        expect(fromBase64Url(toBase64Url(b))).toEqual(b);
      }),
    );
    expect(fromBase64Url('QQ==')).toBeNull();
    expect(fromBase64Url('QR')).toBeNull();
    expect(fromBase64Url('Q')).toBeNull();
  });
});
