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
/**
 * The customer display window's origin: another host of our scheme, so it is never a trusted
 * RPC sender and never gets a permission; it loads only its page and the built assets.
 */
export const DISPLAY_ORIGIN = `${APP_SCHEME}://display`;
export const DISPLAY_PAGE_URL = `${DISPLAY_ORIGIN}/display.html`;

/** What the display window may load of our files: its page and the bundled assets, nothing else. */
export function displayMayLoad(path: string): boolean {
  return path === '/display.html' || (path.startsWith('/assets/') && !path.includes('..'));
}

/** A screen the till may put the customer display on: any but the cashier's (the primary one). */
export function customerScreen<T extends { readonly id: number }>(screens: readonly T[], primary: T): T | null {
  return screens.find((s) => s.id !== primary.id) ?? null;
}

/**
 * The one permission the window may have: the camera (video only, never the microphone),
 * asked by our own page from our own page, for scanning QR codes. Everything else —
 * notifications, geolocation, the microphone, other origins — is refused.
 */
export function isPermissionGranted(
  permission: string,
  request: { readonly pageUrl?: string | null; readonly requestingUrl?: string | null; readonly mediaTypes?: readonly string[] },
): boolean {
  if (permission !== 'media' || !isTrustedSenderUrl(request.pageUrl) || !isTrustedSenderUrl(request.requestingUrl)) return false;
  const types = request.mediaTypes ?? [];
  return types.length > 0 && types.every((type) => type === 'video');
}

/**
 * Permission checks (not requests) carry one media type, or none when the page lists devices
 * (camera names): the same rule, for our own page only.
 */
export function isPermissionCheckGranted(
  permission: string,
  check: { readonly pageUrl?: string | null; readonly requestingOrigin?: string | null; readonly mediaType?: string },
): boolean {
  if (permission !== 'media' || !isTrustedSenderUrl(check.pageUrl) || !isTrustedSenderUrl(check.requestingOrigin)) return false;
  return check.mediaType === undefined || check.mediaType === 'video';
}

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
