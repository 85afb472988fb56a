import type { ReaderOptions } from 'zxing-wasm/reader';

/**
 * How the camera worker asks zxing-cpp to read a frame. Chosen on the QR benchmark
 * (bench/qr.bench.ts: every mask and error level, clean and degraded frames at 1280×720):
 *  - QR and DataMatrix (phones, marked goods) and the retail linear codes (EAN/UPC on a
 *    package held to the camera); every other format only costs time;
 *  - tryDownscale on: without it two noisy level-L frames went unread;
 *  - tryHarder on, tryRotate off: on the corpus every setting of the two read every frame,
 *    and their cost differed by less than the noise of a loaded 2-core machine; QR and
 *    DataMatrix are found at any angle without tryRotate (it only turns linear codes);
 *  - tryInvert off: no phone shows a light-on-dark QR at a till;
 *  - the local-average binarizer: the global histogram lost low-contrast and noisy frames;
 *  - one symbol per frame: the cashier shows one code at a time;
 *  - Plain text: GS1 separators come out as GS (U+001D), the symbology identifier separately.
 */
export const READER_OPTIONS: ReaderOptions = {
  formats: ['QRCode', 'DataMatrix', 'EAN-13', 'EAN-8', 'UPC-A'],
  tryHarder: true,
  tryRotate: false,
  tryInvert: false,
  tryDownscale: true,
  binarizer: 'LocalAverage',
  maxNumberOfSymbols: 1,
  textMode: 'Plain',
};
