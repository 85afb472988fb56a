import type { FrameReply, FrameRequest } from '../../renderer/src/camera/protocol.js';
import type { RefReply, RefRequest } from './refWorker.js';

/**
 * The benchmark page: fetches a frame of the corpus, hands it to the app's own camera worker
 * (the built renderer's decodeWorker, zxing-wasm, as an ImageBitmap exactly as the camera
 * controller does) and to the reference worker, and returns what each read and how long it took.
 */
export interface FrameOutcome {
  readonly wasm: { readonly texts: readonly string[]; readonly decodeMs: number; readonly frameMs: number };
  readonly refs: RefReply;
}

const WIDTH = 1280;
const HEIGHT = 720;
let app: Worker;
let refs: Worker;
let nextId = 1;

function reply<T>(worker: Worker, send: () => void): Promise<T> {
  return new Promise((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<T>) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(event.message));
    send();
  });
}

async function appDecode(bitmap: ImageBitmap): Promise<FrameOutcome['wasm']> {
  const id = nextId++;
  for (;;) {
    const answer = await reply<FrameReply | { failed: true }>(app, () => app.postMessage({ id, frame: bitmap } satisfies FrameRequest, [bitmap]));
    if ('failed' in answer) throw new Error('the camera decoder did not start');
    if (answer.id !== id) continue;
    if (!answer.ok) throw new Error('the camera decoder failed on a frame');
    return { texts: answer.reads.map((r) => r.payload.replace(/^\][A-Za-z][0-9A-Za-z]/, '')), decodeMs: answer.decodeMs, frameMs: answer.frameMs };
  }
}

Object.assign(globalThis, {
  startBench(appWorkerUrl: string): void {
    app = new Worker(appWorkerUrl, { type: 'module' });
    refs = new Worker('/ref-worker.js', { type: 'module' });
  },
  async decodeFrame(index: number): Promise<FrameOutcome> {
    const gray = new Uint8ClampedArray(await (await fetch(`/frame/${index}`)).arrayBuffer());
    const rgba = new Uint8ClampedArray(WIDTH * HEIGHT * 4);
    for (let i = 0; i < gray.length; i++) {
      rgba[4 * i] = rgba[4 * i + 1] = rgba[4 * i + 2] = gray[i]!;
      rgba[4 * i + 3] = 255;
    }
    const wasm = await appDecode(await createImageBitmap(new ImageData(rgba, WIDTH, HEIGHT)));
    const refReply = await reply<RefReply>(refs, () => refs.postMessage({ rgba, gray, width: WIDTH, height: HEIGHT } satisfies RefRequest));
    return { wasm, refs: refReply };
  },
});
