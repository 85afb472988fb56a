import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOKEN_KEY_FILE } from '../../electron/main/tokenKey.js';
import { CONTENT_SECURITY_POLICY, WEB_PREFERENCES, isTrustedSenderUrl, APP_ORIGIN } from '../../electron/main/security.js';

/**
 * The Electron binary cannot run here, so `electron` is replaced by a recorder: the test runs
 * the real main.ts and asserts what it asked Electron to do.
 */
const recorded = vi.hoisted(() => ({
  windowOptions: [] as Record<string, unknown>[],
  webContents: { handlers: new Map<string, (e: { preventDefault: () => void }) => void>(), openHandler: undefined as undefined | (() => { action: string }) },
  ipc: new Map<string, (...args: unknown[]) => unknown>(),
  beforeRequest: undefined as undefined | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
  permission: undefined as undefined | ((c: unknown, p: string, cb: (ok: boolean) => void) => void),
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
    };
    constructor(options: Record<string, unknown>) {
      recorded.windowOptions.push(options);
    }
    once() {}
    loadURL() {
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
    protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
    session: {
      defaultSession: {
        webRequest: { onBeforeRequest: (fn: typeof recorded.beforeRequest) => (recorded.beforeRequest = fn) },
        setPermissionRequestHandler: (fn: typeof recorded.permission) => (recorded.permission = fn),
      },
    },
    utilityProcess: {
      fork: (...args: unknown[]) => {
        recorded.forked.push(args);
        return { on: () => undefined, postMessage: (m: unknown) => recorded.backendMessages.push(m) };
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
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-(inline|eval)|https?:|\*/);
  });

  it('creates the window with exactly those options, denies navigation, new windows, permissions and remote requests', async () => {
    recorded.ready?.();
    await vi.waitFor(() => expect(recorded.windowOptions).toHaveLength(1));
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
    const granted = await new Promise<boolean>((resolve) => recorded.permission?.({}, 'media', resolve));
    expect(granted).toBe(false);
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
});
