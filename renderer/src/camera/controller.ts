import type { CameraSettings } from '../../../core/scan/camera.js';
import { failureOf, type CameraFailure } from './cameraFailure.js';
import type { DecoderFailed, FrameReply, FrameRequest } from './protocol.js';
import { createRepeatFilter } from './repeatFilter.js';

export type CameraState = { readonly kind: 'starting' } | { readonly kind: 'scanning' } | { readonly kind: 'failed'; readonly reason: CameraFailure };

export interface CameraControllerOptions {
  readonly video: HTMLVideoElement;
  readonly settings: CameraSettings;
  /** A payload read from a frame; the same one is not reported again within two seconds. */
  readonly onRead: (payload: string) => void;
  readonly onState: (state: CameraState) => void;
}

export interface CameraController {
  stop(): void;
}

function constraints(settings: CameraSettings, deviceId: string | null): MediaStreamConstraints {
  return {
    audio: false,
    video: {
      ...(deviceId ? { deviceId: { exact: deviceId } } : {}),
      width: { ideal: settings.width },
      height: { ideal: settings.height },
    },
  };
}

/**
 * The chosen camera by id, else by its name (ids change with the page's origin), else any
 * camera: a till whose camera was swapped for another still scans.
 */
async function openStream(settings: CameraSettings): Promise<MediaStream> {
  if (!settings.deviceId) return navigator.mediaDevices.getUserMedia(constraints(settings, null));
  try {
    return await navigator.mediaDevices.getUserMedia(constraints(settings, settings.deviceId));
  } catch (e) {
    if (failureOf(e) !== 'noCamera') throw e;
  }
  const byLabel = (await navigator.mediaDevices.enumerateDevices()).find((d) => d.kind === 'videoinput' && d.label === settings.label);
  return navigator.mediaDevices.getUserMedia(constraints(settings, byLabel?.deviceId ?? null));
}

/**
 * Opens the camera into `video` and reads codes from it continuously: each new frame goes to
 * the decoding worker unless the worker is still busy with the last one (frame skipping: at
 * most one frame in the worker, so a slow machine reads less often, never later).
 */
export function startCamera(options: CameraControllerOptions): CameraController {
  const { video, onState } = options;
  const repeats = createRepeatFilter();
  let stopped = false;
  let stream: MediaStream | null = null;
  let worker: Worker | null = null;
  let busy = false;
  let nextId = 1;
  let frameHandle = 0;

  const fail = (reason: CameraFailure): void => {
    if (stopped) return;
    onState({ kind: 'failed', reason });
    stop();
  };

  function onReply(event: MessageEvent<FrameReply | DecoderFailed>): void {
    if ('failed' in event.data) return fail('decoder');
    busy = false;
    if (!event.data.ok) return;
    const now = performance.now();
    for (const read of event.data.reads) if (repeats.accept(read.payload, now)) options.onRead(read.payload);
  }

  function sendFrame(): void {
    if (stopped || busy || !worker || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return;
    busy = true;
    const target = worker;
    createImageBitmap(video).then(
      (frame) => {
        if (stopped) return frame.close();
        target.postMessage({ id: nextId++, frame } satisfies FrameRequest, [frame]);
      },
      () => {
        busy = false;
      },
    );
  }

  function nextFrame(): void {
    if (stopped) return;
    const onFrame = () => {
      sendFrame();
      nextFrame();
    };
    frameHandle = 'requestVideoFrameCallback' in video ? video.requestVideoFrameCallback(onFrame) : requestAnimationFrame(onFrame);
  }

  function stop(): void {
    stopped = true;
    if ('cancelVideoFrameCallback' in video) video.cancelVideoFrameCallback(frameHandle);
    else cancelAnimationFrame(frameHandle);
    worker?.terminate();
    worker = null;
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = null;
    video.srcObject = null;
  }

  void (async () => {
    onState({ kind: 'starting' });
    if (!navigator.mediaDevices?.getUserMedia) return fail('unsupported');
    try {
      stream = await openStream(options.settings);
    } catch (e) {
      return fail(failureOf(e));
    }
    if (stopped) return stop();
    for (const track of stream.getVideoTracks()) track.addEventListener('ended', () => fail('ended'));
    video.srcObject = stream;
    try {
      await video.play();
    } catch (e) {
      return fail(failureOf(e));
    }
    worker = new Worker(new URL('./decodeWorker.ts', import.meta.url), { type: 'module', name: 'camera-decoder' });
    worker.onmessage = onReply;
    worker.onerror = () => fail('decoder');
    onState({ kind: 'scanning' });
    nextFrame();
  })();

  return { stop };
}
