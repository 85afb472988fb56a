/// <reference lib="webworker" />
import jsQR from 'jsqr';
import { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';

/**
 * The reference decoders of the QR benchmark, in a worker of their own: jsQR and
 * @zxing/library (TRY_HARDER), each timed on the decode call alone, like zxing-wasm.
 */
export interface RefRequest {
  readonly rgba: Uint8ClampedArray;
  readonly gray: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}
export interface RefResult {
  readonly text: string | null;
  readonly ms: number;
}
export interface RefReply {
  readonly jsqr: RefResult;
  readonly zxingLibrary: RefResult;
}

const scope = self as unknown as DedicatedWorkerGlobalScope;
const reader = new QRCodeReader();
const hints = new Map<DecodeHintType, unknown>([[DecodeHintType.TRY_HARDER, true]]);

function timed(decode: () => string | null): RefResult {
  const started = performance.now();
  let text: string | null;
  try {
    text = decode();
  } catch {
    text = null; // NotFoundException and friends: nothing read
  }
  return { text, ms: performance.now() - started };
}

scope.onmessage = (event: MessageEvent<RefRequest>) => {
  const { rgba, gray, width, height } = event.data;
  // jsqr is CommonJS: its function is the default export's `default`, whichever interop the bundler applies.
  const jsqr = timed(() => jsQR.default(rgba, width, height, { inversionAttempts: 'dontInvert' })?.data ?? null);
  const zxingLibrary = timed(() => reader.decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(gray, width, height))), hints).getText());
  scope.postMessage({ jsqr, zxingLibrary } satisfies RefReply);
};
