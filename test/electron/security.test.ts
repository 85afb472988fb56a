import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOKEN_KEY_FILE } from '../../electron/main/tokenKey.js';
import { CONTENT_SECURITY_POLICY, WEB_PREFERENCES, isTrustedSenderUrl, APP_ORIGIN, DISPLAY_ORIGIN, DISPLAY_PAGE_URL, customerScreen, displayMayLoad } from '../../electron/main/security.js';

/**
 * The Electron binary cannot run here, so `electron` is replaced by a recorder: the test runs
 * the real main.ts and asserts what it asked Electron to do.
 */
const recorded = vi.hoisted(() => ({
  windowOptions: [] as Record<string, unknown>[],
  loaded: [] as string[],
  sent: [] as { channel: string; message: unknown }[],
  backendListener: undefined as undefined | ((message: unknown) => void),
  webContents: { handlers: new Map<string, (e: { preventDefault: () => void }) => void>(), openHandler: undefined as undefined | (() => { action: string }) },
  ipc: new Map<string, (...args: unknown[]) => unknown>(),
  beforeRequest: undefined as undefined | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
  permission: undefined as undefined | ((c: { getURL: () => string }, p: string, cb: (ok: boolean) => void, d: Record<string, unknown>) => void),
  permissionCheck: undefined as undefined | ((c: { getURL: () => string } | null, p: string, origin: string, d: Record<string, unknown>) => boolean),
  forked: [] as unknown[],
  backendMessages: [] as unknown[],
  userData: '',
  ready: undefined as undefined | (() => void),
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = {
      on: (event: string, handler: (e: { preventDefault: () => void }) => void) => recorded.webContents.handlers.set(event, handler),
      setWindowOpenHandler: (handler: () => { action: string }) => (recorded.webContents.openHandler = handler),
      send: (channel: string, message: unknown) => recorded.sent.push({ channel, message }),
    };
    isDestroyed() {
      return false;
    }
    constructor(options: Record<string, unknown>) {
      recorded.windowOptions.push(options);
    }
    once() {}
    loadURL(url: string) {
      recorded.loaded.push(url);
      return Promise.resolve();
    }
  }
  const app = {
    whenReady: () => new Promise<void>((resolve) => (recorded.ready = resolve)),
    on: () => undefined,
    getPath: () => recorded.userData,
    getLocale: () => 'en-US',
    quit: () => undefined,
    exit: () => undefined,
  };
  return {
    app,
    BrowserWindow,
    ipcMain: { handle: (channel: string, fn: (...args: unknown[]) => unknown) => recorded.ipc.set(channel, fn) },
    net: { fetch: () => Promise.resolve(new Response('')) },
    // A stand-in keychain: reversible, but the bytes on disk are not the key.
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (plain: string) => Buffer.from([...Buffer.from(plain)].map((b) => b ^ 0x5a)),
      decryptString: (sealed: Buffer) => Buffer.from([...sealed].map((b) => b ^ 0x5a)).toString(),
    },
    // The cashier's screen and a second one for the customer display.
    screen: {
      getPrimaryDisplay: () => ({ id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } }),
      getAllDisplays: () => [
        { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
        { id: 2, bounds: { x: 1920, y: 0, width: 1024, height: 768 } },
      ],
    },
    protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
    session: {
      defaultSession: {
        webRequest: { onBeforeRequest: (fn: typeof recorded.beforeRequest) => (recorded.beforeRequest = fn) },
        setPermissionRequestHandler: (fn: typeof recorded.permission) => (recorded.permission = fn),
        setPermissionCheckHandler: (fn: typeof recorded.permissionCheck) => (recorded.permissionCheck = fn),
      },
    },
    utilityProcess: {
      fork: (...args: unknown[]) => {
        recorded.forked.push(args);
        return {
          on: (event: string, listener: (message: unknown) => void) => {
            if (event === 'message') recorded.backendListener = listener;
          },
          postMessage: (m: unknown) => recorded.backendMessages.push(m),
        };
      },
    },
  };
});

describe('Electron hardening', () => {
  beforeEach(async () => {
    if (!recorded.userData) recorded.userData = mkdtempSync(join(tmpdir(), 'omnitill-electron-'));
    if (!recorded.ready) await import('../../electron/main/main.js');
  });

  it('declares the window options the brief requires', () => {
    expect(WEB_PREFERENCES).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    // WebAssembly compilation is the one allowance (the camera's code reader); JavaScript eval is not.
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).toContain("worker-src 'self'");
    expect(CONTENT_SECURITY_POLICY.replace("'wasm-unsafe-eval'", '')).not.toMatch(/unsafe-(inline|eval)|https?:|\*|blob:|data:.*script/);
  });

  it('creates the window with exactly those options, denies navigation, new windows, permissions and remote requests', async () => {
    recorded.ready?.();
    await vi.waitFor(() => expect(recorded.windowOptions).toHaveLength(2));
    const prefs = (recorded.windowOptions[0] as { webPreferences: Record<string, unknown> }).webPreferences;
    expect(prefs).toMatchObject(WEB_PREFERENCES);
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);

    for (const event of ['will-navigate', 'will-redirect']) {
      const preventDefault = vi.fn();
      recorded.webContents.handlers.get(event)?.({ preventDefault });
      expect(preventDefault, event).toHaveBeenCalled();
    }
    expect(recorded.webContents.openHandler?.()).toEqual({ action: 'deny' });

    const decide = (url: string) => new Promise<boolean>((resolve) => recorded.beforeRequest?.({ url }, (r) => resolve(r.cancel)));
    expect(await decide('https://evil.example/x.js')).toBe(true);
    expect(await decide('file:///etc/passwd')).toBe(true);
    expect(await decide(`${APP_ORIGIN}/index.html`)).toBe(false);
    const page = { getURL: () => `${APP_ORIGIN}/index.html` };
    const ask = (permission: string, details: Record<string, unknown>, contents = page) =>
      new Promise<boolean>((resolve) => recorded.permission?.(contents, permission, resolve, details));
    const ours = { requestingUrl: `${APP_ORIGIN}/index.html` };
    // The camera, for our own page: granted.
    expect(await ask('media', { ...ours, mediaTypes: ['video'] })).toBe(true);
    // The microphone, camera and microphone, a media request without types: refused.
    expect(await ask('media', { ...ours, mediaTypes: ['audio'] })).toBe(false);
    expect(await ask('media', { ...ours, mediaTypes: ['video', 'audio'] })).toBe(false);
    expect(await ask('media', { ...ours })).toBe(false);
    // Another page (a navigated-away frame, a remote origin) never gets the camera.
    expect(await ask('media', { requestingUrl: 'https://evil.example/', mediaTypes: ['video'] })).toBe(false);
    expect(await ask('media', { ...ours, mediaTypes: ['video'] }, { getURL: () => 'https://evil.example/' })).toBe(false);
    // Every other permission stays denied.
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'display-capture', 'hid', 'serial', 'usb', 'midi', 'openExternal']) {
      expect(await ask(permission, { ...ours, mediaTypes: ['video'] }), permission).toBe(false);
    }
    // Checks (device names, permission queries): the camera for our page only.
    const check = (permission: string, origin: string, details: Record<string, unknown>, contents: { getURL: () => string } | null = page) =>
      recorded.permissionCheck?.(contents, permission, origin, details);
    expect(check('media', APP_ORIGIN, { mediaType: 'video' })).toBe(true);
    expect(check('media', APP_ORIGIN, {})).toBe(true);
    expect(check('media', APP_ORIGIN, { mediaType: 'audio' })).toBe(false);
    expect(check('media', 'https://evil.example', { mediaType: 'video' })).toBe(false);
    expect(check('media', APP_ORIGIN, { mediaType: 'video' }, null)).toBe(false);
    expect(check('geolocation', APP_ORIGIN, {})).toBe(false);
    expect(recorded.forked).toHaveLength(1);
  });

  it('hands the backend the device-token key unwrapped through safeStorage, and keeps only the wrapped key on disk', () => {
    const init = recorded.backendMessages[0] as { init: { tokenKey: string } };
    expect(init.init.tokenKey).toMatch(/^[0-9a-f]{64}$/);
    const onDisk = readFileSync(join(recorded.userData, TOKEN_KEY_FILE));
    expect(onDisk.toString('latin1')).not.toContain(init.init.tokenKey);
    expect(statSync(join(recorded.userData, TOKEN_KEY_FILE)).mode & 0o777).toBe(0o600);
  });

  it('answers IPC only from our own page', async () => {
    const handler = recorded.ipc.get('omnitill:rpc');
    expect(handler).toBeDefined();
    const result = (await handler?.({ senderFrame: { url: 'https://evil.example/' } }, 'sale.current', {})) as { ok: boolean; error?: { code: string } };
    expect(result).toMatchObject({ ok: false, error: { code: 'RPC_FORBIDDEN' } });
    expect(isTrustedSenderUrl(`${APP_ORIGIN}/index.html`)).toBe(true);
    for (const url of ['omnitill://evil/', 'file:///x', 'http://127.0.0.1:5170/', '', undefined, 'not a url']) expect(isTrustedSenderUrl(url)).toBe(false);
  });

  it('puts the customer display on the second screen, as hardened, hearing only display messages', async () => {
    const options = recorded.windowOptions[1] as { x: number; y: number; width: number; height: number; webPreferences: Record<string, unknown> };
    expect(options).toMatchObject({ x: 1920, y: 0, width: 1024, height: 768, fullscreen: true });
    expect(options.webPreferences).toMatchObject(WEB_PREFERENCES);
    expect(String(options.webPreferences.preload)).toMatch(/displayPreload\.cjs$/);
    expect(recorded.loaded).toEqual([`${APP_ORIGIN}/index.html`, DISPLAY_PAGE_URL]);
    // The display's page is not ours for the RPC and gets no permission, not even the camera.
    expect(isTrustedSenderUrl(DISPLAY_PAGE_URL)).toBe(false);
    const result = (await recorded.ipc.get('omnitill:rpc')?.({ senderFrame: { url: DISPLAY_PAGE_URL } }, 'customer.find', { query: '0721' })) as { ok: boolean };
    expect(result).toMatchObject({ ok: false, error: { code: 'RPC_FORBIDDEN' } });
    const asked = await new Promise<boolean>((resolve) =>
      recorded.permission?.({ getURL: () => DISPLAY_PAGE_URL }, 'media', resolve, { requestingUrl: DISPLAY_PAGE_URL, mediaTypes: ['video'] }),
    );
    expect(asked).toBe(false);
    // Its requests are let through, but the protocol serves it only its page and the assets.
    const decide = (url: string) => new Promise<boolean>((resolve) => recorded.beforeRequest?.({ url }, (r) => resolve(r.cancel)));
    expect(await decide(DISPLAY_PAGE_URL)).toBe(false);
    expect(displayMayLoad('/display.html')).toBe(true);
    expect(displayMayLoad('/assets/display-abc.js')).toBe(true);
    for (const path of ['/index.html', '/', '/assets/../index.html', '/display.html/../index.html']) expect(displayMayLoad(path), path).toBe(false);
    expect(DISPLAY_ORIGIN).not.toBe(APP_ORIGIN);
    // The backend's display messages reach the display window; RPC answers do not.
    recorded.backendListener?.({ display: { kind: 'idle', language: 'en', store: 'Omnitill' } });
    recorded.backendListener?.({ id: 99, result: { ok: true, value: null } });
    expect(recorded.sent).toEqual([{ channel: 'omnitill:display', message: { kind: 'idle', language: 'en', store: 'Omnitill' } }]);
  });

  it('leaves the customer display off with one screen', () => {
    const primary = { id: 1 };
    expect(customerScreen([primary], primary)).toBeNull();
    expect(customerScreen([primary, { id: 7 }], primary)).toEqual({ id: 7 });
  });
});
