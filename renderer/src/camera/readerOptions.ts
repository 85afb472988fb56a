import type { ReaderOptions } from 'zxing-wasm/reader';

/**
 * How the camera worker asks zxing-cpp to read a frame. Chosen on the QR benchmark
 * (bench/qr.bench.ts: every mask and error level, clean and degraded frames at 1280×720):
 *  - QR and DataMatrix (phones, marked goods) and the retail linear codes (EAN/UPC on a
 *    package held to the camera); every other format only costs time;
 *  - tryHarder on: the degraded frames (blur, glare, low contrast) need the denser scan;
 *  - tryRotate off: QR and DataMatrix are found at any angle without it; it only helps
 *    linear codes held sideways, and triples the time of a frame with nothing in it;
 *  - tryInvert off: no phone shows a light-on-dark QR at a till;
 *  - tryDownscale on: large symbols close to the lens are found on the smaller copy;
 *  - the local-average binarizer, the only one that survives glare and uneven light;
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
