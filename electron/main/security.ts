export { CONTENT_SECURITY_POLICY } from '../../core/csp.js';

/**
 * The desktop window's security posture, as data, so a test can hold it to the brief without
 * an Electron binary. main.ts applies exactly these values.
 */
export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  spellcheck: false,
} as const;

/** The renderer is loaded from this custom scheme; nothing else may talk to the backend. */
export const APP_SCHEME = 'omnitill';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

/** An IPC sender is ours only if its frame shows our own page, never a navigated-away or injected frame. */
export function isTrustedSenderUrl(url: string | undefined | null): boolean {
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}
