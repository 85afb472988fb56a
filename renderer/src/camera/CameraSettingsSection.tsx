import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CAMERA_RESOLUTIONS, DEFAULT_CAMERA, type CameraSettings } from '../../../core/scan/camera.js';
import type { TillApi } from '../../../core/rpc/contract.js';
import { translateError } from '../shell/i18n.js';
import { failureOf, type CameraFailure } from './cameraFailure.js';

type Note = { readonly ok: boolean; readonly text: string } | null;

/** The cameras the system offers; names are empty until the page has been allowed a camera once. */
async function listCameras(): Promise<MediaDeviceInfo[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return [];
  return (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
}

/**
 * The camera picker and resolution of the hardware settings screen. Browsers hide camera
 * names until the page may use a camera: "Show camera names" asks once, then lists them.
 */
export function CameraSettingsSection({ api }: { readonly api: TillApi }) {
  const { t } = useTranslation();
  const deviceId = useId();
  const resolutionId = useId();
  const [settings, setSettings] = useState<CameraSettings>(DEFAULT_CAMERA);
  const [cameras, setCameras] = useState<MediaDeviceInfo[]>([]);
  const [note, setNote] = useState<Note>(null);

  const refresh = useCallback(async () => setCameras(await listCameras().catch(() => [])), []);

  useEffect(() => {
    let live = true;
    void api['hardware.camera']({}).then((r) => {
      if (live && r.ok && r.value) setSettings(r.value);
    });
    void listCameras()
      .catch(() => [])
      .then((found) => {
        if (live) setCameras(found);
      });
    return () => {
      live = false;
    };
  }, [api]);

  const showNames = async () => {
    setNote(null);
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
      for (const track of stream.getTracks()) track.stop();
      await refresh();
    } catch (e) {
      const reason: CameraFailure = navigator.mediaDevices ? failureOf(e) : 'unsupported';
      setNote({ ok: false, text: t(`ui.camera.failure.${reason}`) });
    }
  };

  const save = async () => {
    setNote(null);
    const result = await api['hardware.setCamera']({ camera: settings }).catch(() => null);
    if (result?.ok) setNote({ ok: true, text: t('ui.hardware.saved') });
    else setNote({ ok: false, text: result ? translateError(result.error.code, result.error.params, result.error.message) : t('errors.INTERNAL') });
  };

  const resolution = `${settings.width}x${settings.height}`;
  const named = cameras.some((c) => c.label);
  return (
    <section className="hw-section" aria-labelledby="hw-camera-title">
      <h2 id="hw-camera-title">{t('ui.camera.settings.title')}</h2>
      <form
        className="hw-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="field">
          <label htmlFor={deviceId}>{t('ui.camera.settings.device')}</label>
          <select
            id={deviceId}
            className="input"
            value={settings.deviceId ?? ''}
            onChange={(e) => {
              const camera = cameras.find((c) => c.deviceId === e.target.value);
              setSettings({ ...settings, deviceId: camera?.deviceId ?? null, label: camera?.label || null });
            }}
          >
            <option value="">{t('ui.camera.settings.anyCamera')}</option>
            {settings.deviceId && !cameras.some((c) => c.deviceId === settings.deviceId) && (
              <option value={settings.deviceId}>{settings.label ?? settings.deviceId}</option>
            )}
            {cameras.map((c, i) => (
              <option key={c.deviceId || i} value={c.deviceId}>
                {c.label || `${t('ui.camera.settings.device')} ${i + 1}`}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={resolutionId}>{t('ui.camera.settings.resolution')}</label>
          <select
            id={resolutionId}
            className="input"
            value={resolution}
            onChange={(e) => {
              const picked = CAMERA_RESOLUTIONS.find((r) => `${r.width}x${r.height}` === e.target.value);
              if (picked) setSettings({ ...settings, width: picked.width, height: picked.height });
            }}
          >
            {CAMERA_RESOLUTIONS.map((r) => (
              <option key={`${r.width}x${r.height}`} value={`${r.width}x${r.height}`}>
                {r.width} × {r.height}
              </option>
            ))}
          </select>
        </div>
        {cameras.length === 0 && <p className="hw-muted">{t('ui.camera.settings.none')}</p>}
        <div className="hw-actions">
          <button type="submit" className="btn btn-primary">
            {t('ui.camera.settings.save')}
          </button>
          {!named && cameras.length > 0 && (
            <button type="button" className="btn btn-secondary" onClick={() => void showNames()}>
              {t('ui.camera.settings.showNames')}
            </button>
          )}
        </div>
        {note && (
          <p className={note.ok ? 'hw-note hw-note-ok' : 'hw-note hw-note-error'} role={note.ok ? 'status' : 'alert'}>
            {note.text}
          </p>
        )}
      </form>
    </section>
  );
}
