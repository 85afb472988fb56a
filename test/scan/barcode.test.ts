import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseScan, isValidGtin, withCheckDigit, gtinCheckDigit } from '../../core/scan/barcode.js';

describe('barcodes', () => {
  it('validates GS1 check digits of EAN-13, EAN-8, UPC-A', () => {
    expect(isValidGtin('4006381333931')).toBe(true);
    expect(isValidGtin('4006381333932')).toBe(false);
    expect(isValidGtin('96385074')).toBe(true);
    expect(isValidGtin('036000291452')).toBe(true);
    expect(gtinCheckDigit('400638133393')).toBe(1);
  });

  it('classifies scans', () => {
    expect(parseScan('4006381333931')).toEqual({ kind: 'gtin', gtin: '4006381333931', symbology: 'EAN-13' });
    expect(parseScan('036000291452\r\n')).toEqual({ kind: 'gtin', gtin: '0036000291452', symbology: 'UPC-A' });
    expect(parseScan('96385074')).toEqual({ kind: 'gtin', gtin: '96385074', symbology: 'EAN-8' });
    expect(parseScan('SKU-0000042')).toEqual({ kind: 'internal', code: 'SKU-0000042' });
    expect(parseScan('04006381333931')).toEqual({ kind: 'gtin', gtin: '4006381333931', symbology: 'GTIN-14' });
    expect(parseScan('14006381333938')).toEqual({ kind: 'gtin', gtin: '14006381333938', symbology: 'GTIN-14' });
  });

  it('reads weight and price from scale labels with a configurable layout', () => {
    const weight = withCheckDigit('21000120' + '1234'.padStart(4, '0'));
    expect(parseScan(weight)).toMatchObject({ kind: 'weighed', plu: '00012', valueKind: 'weight', value: 1234 });
    const config = { prefixes: { '28': 'price' as const }, pluDigits: 4 };
    const priced = withCheckDigit('28' + '0042' + '012990');
    expect(parseScan(priced, config)).toMatchObject({ kind: 'weighed', plu: '0042', valueKind: 'price', value: 12990 });
    // With 20-29 not configured, a 2x code is an ordinary EAN-13.
    expect(parseScan(weight, { prefixes: {}, pluDigits: 5 })).toMatchObject({ kind: 'gtin', symbology: 'EAN-13' });
  });

  it('rejects wrong check digits, garbage and control characters with codes', () => {
    expect(() => parseScan('4006381333932')).toThrowError(expect.objectContaining({ code: 'SCAN_BAD_CHECK_DIGIT' }));
    expect(() => parseScan('')).toThrowError(expect.objectContaining({ code: 'SCAN_EMPTY' }));
    expect(() => parseScan('\r\n')).toThrowError(expect.objectContaining({ code: 'SCAN_EMPTY' }));
    expect(() => parseScan('4006\x1b381333931')).toThrowError(expect.objectContaining({ code: 'SCAN_GARBAGE' }));
    expect(() => parseScan('ÿþ\x00\x01')).toThrowError(expect.objectContaining({ code: 'SCAN_GARBAGE' }));
    expect(() => parseScan('x'.repeat(65))).toThrowError(expect.objectContaining({ code: 'SCAN_GARBAGE' }));
    expect(() => parseScan('DROP TABLE;')).toThrowError(expect.objectContaining({ code: 'SCAN_GARBAGE' }));
  });

  it('never throws anything but a coded TillError, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100, unit: 'binary' }), (s) => {
        try {
          parseScan(s);
        } catch (e) {
          expect((e as { code?: string }).code).toMatch(/^SCAN_/);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every generated GTIN and catches every single-digit misread', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 9 }), (body, pos, delta) => {
        const code = withCheckDigit(body);
        expect(isValidGtin(code)).toBe(true);
        const digit = (Number(code[pos]) + delta) % 10;
        const misread = code.slice(0, pos) + String(digit) + code.slice(pos + 1);
        expect(isValidGtin(misread)).toBe(false);
      }),
    );
  });
});
