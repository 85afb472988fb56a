/// <reference lib="webworker" />
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { READER_OPTIONS } from './readerOptions.js';
import type { DecoderFailed, FrameReply, FrameRequest } from './protocol.js';

/**
 * The camera's decoder: zxing-cpp compiled to WebAssembly, off the UI thread. The .wasm is
 * one of the app's own files (bundled by Vite, served by the till itself): its default
 * location is a CDN, which a till offline cannot reach and the CSP would refuse anyway.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

const ready = prepareZXingModule({
  overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? new URL(wasmUrl, scope.location.href).href : prefix + path) },
  fireImmediately: true,
}).then(
  () => true,
  () => {
    scope.postMessage({ failed: true } satisfies DecoderFailed);
    return false;
  },
);

let canvas: OffscreenCanvas | null = null;

function pixelsOf(frame: ImageBitmap): ImageData {
  if (!canvas || canvas.width !== frame.width || canvas.height !== frame.height) canvas = new OffscreenCanvas(frame.width, frame.height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2D context in the worker');
  context.drawImage(frame, 0, 0);
  return context.getImageData(0, 0, frame.width, frame.height);
}

scope.onmessage = async (event: MessageEvent<FrameRequest>) => {
  const { id, frame } = event.data;
  const started = performance.now();
  try {
    if (!(await ready)) throw new Error('decoder not ready');
    const image = pixelsOf(frame);
    const decodeStarted = performance.now();
    const results = await readBarcodes(image, READER_OPTIONS);
    const done = performance.now();
    const reads = results.filter((r) => r.isValid).map((r) => ({ payload: r.symbologyIdentifier + r.text, format: r.format }));
    scope.postMessage({ id, ok: true, reads, decodeMs: done - decodeStarted, frameMs: done - started } satisfies FrameReply);
  } catch {
    scope.postMessage({ id, ok: false } satisfies FrameReply);
  } finally {
    frame.close();
  }
};
