/**
 * Why the camera does not scan, in words the panel translates (`ui.camera.failure.*`):
 *  - noCamera: none connected, or the chosen one is gone;
 *  - busy: another program holds it (NotReadableError);
 *  - denied: the system or the browser refuses this page the camera;
 *  - ended: it went away while scanning (unplugged);
 *  - decoder: the WebAssembly reader did not start;
 *  - unsupported: this window has no camera API at all (not a secure context).
 */
export type CameraFailure = 'noCamera' | 'busy' | 'denied' | 'ended' | 'decoder' | 'unsupported';

/** getUserMedia's rejection → the reason the cashier reads. */
export function failureOf(error: unknown): CameraFailure {
  const name = error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error) ? String((error as { name: unknown }).name) : '';
  switch (name) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
    case 'SecurityError':
      return 'denied';
    case 'NotReadableError':
    case 'TrackStartError':
    case 'AbortError':
      return 'busy';
    case 'TypeError':
      return 'unsupported';
    default:
      // NotFoundError, OverconstrainedError (the chosen camera is not there) and anything new.
      return 'noCamera';
  }
}
