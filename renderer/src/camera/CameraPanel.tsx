import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_CAMERA } from '../../../core/scan/camera.js';
import type { TillApi } from '../../../core/rpc/contract.js';
import { useReturnFocus } from '../shell/focus.js';
import { beep } from './beep.js';
import { startCamera, type CameraState } from './controller.js';
import './camera.css';

interface CameraPanelProps {
  readonly api: TillApi;
  /** A code read by the camera, as a scanner would have sent it. */
  readonly onRead: (payload: string) => void;
  readonly onClose: () => void;
}

const FLASH_MS = 250;

/** What a read shows: GS separators made visible, long tokens cut. */
function shown(payload: string): string {
  const text = payload.replace(/^\][A-Za-z][0-9A-Za-z]/, '').split('\u001d').join('␝');
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}

/**
 * The camera preview the cashier opens with F7: the picture, a frame to aim at, and what
 * happens — starting, scanning, or why it cannot. A read beeps, flashes and goes to `onRead`.
 */
export function CameraPanel({ api, onRead, onClose }: CameraPanelProps) {
  const { t } = useTranslation();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<CameraState>({ kind: 'starting' });
  const [flash, setFlash] = useState(0);
  const [last, setLast] = useState<string | null>(null);
  const readRef = useRef(onRead);
  // Closed (F7, Esc, Close), focus goes back where it was, else to the barcode field that replaces the panel.
  useReturnFocus(() => document.getElementById('barcode-input'));
  useEffect(() => {
    readRef.current = onRead;
  }, [onRead]);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    let controller: { stop(): void } | null = null;
    let live = true;
    void api['hardware.camera']({})
      .then((r) => (r.ok && r.value ? r.value : DEFAULT_CAMERA))
      .catch(() => DEFAULT_CAMERA)
      .then((settings) => {
        if (!live) return;
        controller = startCamera({
          video,
          settings,
          onState: setState,
          onRead: (payload) => {
            beep();
            setFlash((n) => n + 1);
            setLast(payload);
            readRef.current(payload);
          },
        });
      });
    return () => {
      live = false;
      controller?.stop();
    };
  }, [api]);

  useEffect(() => {
    if (!flash) return;
    const timer = setTimeout(() => setFlash(0), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flash]);

  const failed = state.kind === 'failed';
  return (
    <section className="camera-panel" aria-labelledby="camera-title" data-state={state.kind}>
      <div className="camera-head">
        <h2 id="camera-title">
          {t('ui.camera.title')} <kbd aria-hidden="true">F7</kbd>
        </h2>
        <button type="button" className="btn btn-secondary" onClick={onClose}>
          {t('ui.camera.close')}
        </button>
      </div>
      {/* The video stays mounted (the camera is started into it) but takes no room once the camera failed. */}
      <div className="camera-view" hidden={failed}>
        <video ref={videoRef} muted playsInline aria-hidden="true" />
        <div className="camera-aim" aria-hidden="true" />
        {flash > 0 && <div className="camera-flash" aria-hidden="true" data-testid="camera-flash" />}
      </div>
      {failed ? (
        <p className="camera-message camera-failure" role="alert" data-testid="camera-status">
          {t(`ui.camera.failure.${state.reason}`)}
        </p>
      ) : (
        <p className="camera-message" role="status" data-testid="camera-status">
          {state.kind === 'starting' ? t('ui.camera.starting') : t('ui.camera.hint')}
        </p>
      )}
      {last && (
        <p className="camera-last" data-testid="camera-last">
          {t('ui.camera.read', { code: shown(last) })}
        </p>
      )}
    </section>
  );
}
