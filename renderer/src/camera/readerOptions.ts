import type { ReaderOptions } from 'zxing-wasm/reader';

/**
 * How the camera worker asks zxing-cpp to read a frame. Chosen on the QR benchmark
 * (bench/qr.bench.ts: every mask and error level, clean and degraded frames at 1280×720):
 *  - QR and DataMatrix (phones, marked goods) and the retail linear codes (EAN/UPC on a
 *    package held to the camera); every other format only costs time;
 *  - tryDownscale on: without it two noisy level-L frames went unread;
 *  - tryHarder off: it read no frame more (320/320 either way) and cost about a third more
 *    time (best of three runs a frame: 13.6 against 9.5 ms median, most on noisy frames);
 *  - tryRotate off: QR and DataMatrix are found at any angle without it (it turns linear codes);
 *  - tryInvert off: no phone shows a light-on-dark QR at a till;
 *  - the local-average binarizer: the global histogram lost low-contrast and noisy frames;
 *  - one symbol per frame: the cashier shows one code at a time;
 *  - Plain text: GS1 separators come out as GS (U+001D), the symbology identifier separately.
 */
export const READER_OPTIONS: ReaderOptions = {
  formats: ['QRCode', 'DataMatrix', 'EAN-13', 'EAN-8', 'UPC-A'],
  tryHarder: false,
  tryRotate: false,
  tryInvert: false,
  tryDownscale: true,
  binarizer: 'LocalAverage',
  maxNumberOfSymbols: 1,
  textMode: 'Plain',
};
