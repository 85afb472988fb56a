import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../core/scan/barcode.js';
import type { TillError } from '../../core/errors.js';
import { parseGs1, scanEvent, type ScanEvent } from '../../core/scan/scan.js';
import { resolveScan } from '../../core/scan/resolve.js';
import { createScanFramer } from '../../native/scanner/scanFramer.js';
import { openSerialScanner, type SerialScannerConfig } from '../../native/scanner/serialScanner.js';
import { createPtyPair, type PtyPair } from '../emulators/pty.js';
import { EmulatedScanner, type Suffix } from '../emulators/scanner.js';

const GS = '\u001d';
const EAN13 = withCheckDigit('460123456789');
const EAN8 = withCheckDigit('4601234');
const UPCA = withCheckDigit('03600029145');
const GTIN14 = withCheckDigit('0460123456789');
/** A Russian "Честный знак" DataMatrix: GTIN, serial, then crypto tail AIs 91/92 after GS. */
const HONEST_SIGN = `01${GTIN14}21ABC123def4567${GS}91EE06${GS}92Yf4mQd0Zy3Xw7Vv8u1T2s3R4q5P6o7N8m9L0kJ1iH2g=`;

describe('symbology detection (core/scan)', () => {
  it.each([
    [EAN13, 'EAN-13'],
    [EAN8, 'EAN-8'],
    [UPCA, 'UPC-A'],
    [GTIN14, 'GTIN-14'],
    ['SKU-00042/B', 'Code 128'],
    ['https://omnitill.example/p/PROMO-7Q2X-9K?src=stream', '2D'],
    [HONEST_SIGN, 'GS1'],
    [`]C101${GTIN14}17270101`, 'GS1'],
    [`]E0${EAN13}`, 'EAN-13'],
  ])('%s is %s', (code, symbology) => {
    expect(scanEvent(code, 'serial').symbology).toBe(symbology);
  });

  it('splits GS1 element strings into AIs, fixed and variable length, with or without a leading FNC1', () => {
    expect(parseGs1(HONEST_SIGN)).toEqual([
      { ai: '01', value: GTIN14 },
      { ai: '21', value: 'ABC123def4567' },
      { ai: '91', value: 'EE06' },
      { ai: '92', value: 'Yf4mQd0Zy3Xw7Vv8u1T2s3R4q5P6o7N8m9L0kJ1iH2g=' },
    ]);
    expect(parseGs1(`${GS}01${GTIN14}3103000750${GS}10LOT42`)).toEqual([
      { ai: '01', value: GTIN14 },
      { ai: '3103', value: '000750' },
      { ai: '10', value: 'LOT42' },
    ]);
    const event = scanEvent(HONEST_SIGN, 'keyboard');
    // Indicator digit 0: the item is looked up by its EAN-13.
    expect(event.lookup).toEqual({ kind: 'gtin', gtin: GTIN14.slice(1), symbology: 'GTIN-14' });
  });

  it('rejects control bytes, C1 controls, undecodable bytes, bad check digits and unknown AIs with coded errors', () => {
    const code = (raw: string): string => {
      try {
        scanEvent(raw, 'serial');
        return 'ok';
      } catch (e) {
        return (e as TillError).code;
      }
    };
    expect(code(`4601\u0007234567`)).toBe('SCAN_GARBAGE');
    expect(code('46012\u00853456789')).toBe('SCAN_GARBAGE');
    expect(code('46012\ufffd3456789')).toBe('SCAN_GARBAGE');
    // Text a 2D symbol carries is not noise: it reaches the resolver.
    expect(code('Иванова Мария, ул. Ştefan cel Mare 1')).toBe('ok');
    expect(code(EAN13.slice(0, -1) + String((Number(EAN13.at(-1)) + 1) % 10))).toBe('SCAN_BAD_CHECK_DIGIT');
    expect(code(`01${GTIN14}${GS}77XYZ`)).toBe('SCAN_GARBAGE');
    expect(code('\r\n')).toBe('SCAN_EMPTY');
  });

  it('never throws anything but a TillError, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        try {
          scanEvent(String.fromCharCode(...bytes), 'serial');
        } catch (e) {
          expect((e as TillError).name).toBe('TillError');
        }
      }),
    );
  });
});

describe('scan framing', () => {
  it('yields the same events however the reads split the bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 30 }), (cuts) => {
        const stream = Buffer.from([EAN13, HONEST_SIGN, 'SKU-9', EAN8].map((c) => `${c}\r\n`).join(''), 'latin1');
        const events: ScanEvent[] = [];
        const framer = createScanFramer({ suffix: 'CRLF', interCharTimeoutMs: 1000, onScan: (e) => events.push(e), onError: (e) => { throw e; } });
        let at = 0;
        for (const cut of cuts) {
          framer.push(stream.subarray(at, at + cut));
          at += cut;
        }
        framer.push(stream.subarray(at));
        framer.close();
        expect(events.map((e) => e.code)).toEqual([EAN13, HONEST_SIGN, 'SKU-9', EAN8]);
      }),
    );
  });
});

describe('serial scanner on a PTY', () => {
  let pair: PtyPair;
  let scanner: EmulatedScanner;
  let close: () => Promise<void>;
  let events: ScanEvent[];
  let errors: TillError[];

  async function open(suffix: Suffix, interCharTimeoutMs = 80): Promise<void> {
    events = [];
    errors = [];
    const config: SerialScannerConfig = {
      path: pair.tillPath,
      baudRate: 9600,
      dataBits: 8,
      parity: 'none',
      stopBits: 1,
      flowControl: 'none',
      suffix,
      interCharTimeoutMs,
    };
    const device = await openSerialScanner(config, { onScan: (e) => events.push(e), onError: (e) => errors.push(e) });
    close = () => device.close();
  }

  async function settle(predicate: () => boolean, timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`scanner: timed out; events ${JSON.stringify(events)} errors ${errors.map((e) => e.message)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  beforeEach(async () => {
    pair = await createPtyPair();
    scanner = await EmulatedScanner.attach(pair.devicePath);
  });
  afterEach(async () => {
    await close();
    await scanner.close();
    await pair.close();
  });

  it.each(['CR', 'LF', 'CRLF'] as const)('valid codes with a %s suffix, split across reads', async (suffix) => {
    await open(suffix);
    await scanner.scan(EAN13, suffix);
    await scanner.scan(HONEST_SIGN, suffix, { pieces: 5, gapMs: 15 });
    await scanner.scan(UPCA, suffix, { pieces: 3, gapMs: 10 });
    await settle(() => events.length === 3);
    expect(events.map((e) => [e.symbology, e.code, e.source])).toEqual([
      ['EAN-13', EAN13, 'serial'],
      ['GS1', HONEST_SIGN, 'serial'],
      ['UPC-A', UPCA, 'serial'],
    ]);
    expect(errors).toEqual([]);
  });

  it('2D payloads reach the resolver intact: AIM identifier, GS, 4 KB, UTF-8 split mid-character', async () => {
    // A generous pause limit: on a loaded test machine the pieces of 4 KB may arrive 100 ms apart.
    await open('CR', 1000);
    const marked = `]d2${HONEST_SIGN}`;
    const long = `https://shop.example/p/STREAM25?${'q'.repeat(4096 - 32)}`;
    const cyrillic = 'Покупатель: Ионеску Ștefan';
    await scanner.scan(marked, 'CR', { pieces: 4, gapMs: 10 });
    await scanner.send(Buffer.from(`${long}\r`, 'latin1'), { pieces: 8, gapMs: 5 });
    // Odd piece sizes split the two-byte Cyrillic letters between reads.
    await scanner.send(Buffer.from(`${cyrillic}\r`, 'utf8'), { pieces: 7, gapMs: 10 });
    await scanner.send(Uint8Array.from([0x34, 0x36, 0xc3, 0x28, 0x0d]));
    await settle(() => events.length === 3 && errors.length === 1, 10_000);
    expect(long.length).toBe(4096);
    expect(events.map((e) => e.payload)).toEqual([marked, long, cyrillic]);
    expect(resolveScan(events[0]!.payload)).toMatchObject({ kind: 'gs1', gtin: GTIN14, serial: 'ABC123def4567', cryptoTail: [{ ai: '91' }, { ai: '92' }] });
    expect(resolveScan(events[1]!.payload)).toMatchObject({ kind: 'promoLink', code: 'STREAM25' });
    expect(resolveScan(events[2]!.payload)).toEqual({ kind: 'unknown', reason: 'notOurs' });
    expect(errors[0]?.code).toBe('SCAN_GARBAGE'); // 0xC3 0x28 is not UTF-8
  });

  it('without a suffix the inter-character pause ends each code', async () => {
    await open('none', 250);
    await scanner.scan(EAN8, 'none', { pieces: 2, gapMs: 10 });
    // Only the pause can end the first code; waiting for it (not a fixed sleep) keeps a loaded
    // machine's late PTY delivery from joining both codes.
    await settle(() => events.length === 1);
    await scanner.scan('SKU-00042', 'none');
    await settle(() => events.length === 2);
    expect(events.map((e) => e.code)).toEqual([EAN8, 'SKU-00042']);
  });

  it('garbage, control bytes and wrong-baud noise are errors; the next good scan still works', async () => {
    await open('CR');
    await scanner.send(Buffer.from('4601\u0007\u0000234\r', 'latin1'));
    // What 9600-baud codes look like to a port set to a different rate: high bytes, no suffix.
    await scanner.send(Uint8Array.from([0xf8, 0x80, 0xfe, 0x9c, 0xe0, 0x00, 0xff, 0x86]));
    await settle(() => errors.length === 2);
    expect(errors.map((e) => e.code)).toEqual(['SCAN_GARBAGE', 'SCAN_GARBAGE']);
    expect(events).toEqual([]);
    await scanner.scan(EAN13, 'CR');
    await settle(() => events.length === 1);
    expect(events[0]?.code).toBe(EAN13);
  });

  it('a code cut short by a pause is dropped, not guessed', async () => {
    await open('CR', 50);
    await scanner.send(Buffer.from(EAN13.slice(0, 6), 'latin1'));
    await settle(() => errors.length === 1);
    await scanner.scan(EAN13, 'CR');
    await settle(() => events.length === 1);
    expect(events.map((e) => e.code)).toEqual([EAN13]);
    expect(errors[0]?.code).toBe('SCAN_GARBAGE');
  });

  it('random noise never crashes the driver', async () => {
    await open('CR', 30);
    const noise = fc.sample(fc.uint8Array({ minLength: 1, maxLength: 64 }), { numRuns: 20, seed: 4 });
    for (const bytes of noise) await scanner.send(bytes);
    await new Promise((r) => setTimeout(r, 100));
    await scanner.scan(EAN8, 'CR');
    await settle(() => events.some((e) => e.code === EAN8));
    expect(errors.every((e) => e.name === 'TillError')).toBe(true);
  });
});
