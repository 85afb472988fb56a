import { app, BrowserWindow, ipcMain, net, protocol, safeStorage, screen, session, utilityProcess, type UtilityProcess } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { errorMessage, pickLanguage } from '../../core/i18n/index.js';
import type { Result, RpcResponse } from '../../core/rpc/contract.js';
import { appRoot } from '../backend/paths.js';
import { databaseKey } from './dbKey.js';
import { deviceTokenKey } from './tokenKey.js';
import {
  APP_ORIGIN,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  DISPLAY_ORIGIN,
  DISPLAY_PAGE_URL,
  WEB_PREFERENCES,
  customerScreen,
  displayMayLoad,
  isPermissionCheckGranted,
  isPermissionGranted,
  isTrustedSenderUrl,
} from './security.js';

/**
 * The Electron main process is thin: a hardened window, the app:// scheme for our files, and
 * a relay between the renderer and the backend utility process. It never touches the database.
 */
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const root = appRoot();
const rendererDir = join(root, 'dist', 'renderer');

/** `onDisplay`: the backend's customer-display messages, for the display window. */
function startBackend(onDisplay: (message: unknown) => void): { call: (method: string, input: unknown) => Promise<Result<unknown>> } {
  const backend: UtilityProcess = utilityProcess.fork(join(root, 'dist', 'backend', 'utility.mjs'), [], {
    serviceName: 'Omnitill till backend',
    env: {
      ...process.env,
      OMNITILL_DATA_DIR: app.getPath('userData'),
      OMNITILL_LANG: process.env.OMNITILL_LANG ?? app.getLocale(),
      OMNITILL_DEMO: process.argv.includes('--demo') ? '1' : '0',
    },
  });
  // The first message: the device-token and database keys, unwrapped here because only main may use safeStorage.
  const userData = app.getPath('userData');
  backend.postMessage({ init: { tokenKey: deviceTokenKey(userData, safeStorage), databaseKey: databaseKey(userData, safeStorage) } });
  const pending = new Map<number, (result: Result<unknown>) => void>();
  let nextId = 1;
  backend.on('message', (message: RpcResponse | { ready: true } | { display: unknown }) => {
    if ('display' in message) onDisplay(message.display);
    else if ('id' in message) {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    }
  });
  backend.on('exit', (code) => {
    const lang = pickLanguage(app.getLocale());
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: { code: 'INTERNAL', message: errorMessage(lang, 'INTERNAL') } });
    }
    pending.clear();
    if (code !== 0) app.exit(1);
  });
  return {
    call: (method, input) =>
      new Promise((resolve) => {
        const id = nextId++;
        pending.set(id, resolve);
        backend.postMessage({ id, method, input });
      }),
  };
}

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    let path: string;
    try {
      // A malformed escape (`%`) is a bad request, never an exception that ends the app.
      path = decodeURIComponent(new URL(request.url).pathname);
    } catch {
      return new Response('bad request', { status: 400 });
    }
    if (path.includes('\0')) return new Response('not found', { status: 404 });
    if (new URL(request.url).host === 'display' && !displayMayLoad(path)) return new Response('not found', { status: 404 });
    const file = normalize(join(rendererDir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(rendererDir + sep)) return new Response('not found', { status: 404 });
    let response: Response;
    try {
      response = await net.fetch(pathToFileURL(file).toString());
    } catch {
      return new Response('not found', { status: 404 });
    }
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    // WebAssembly compiles while it downloads only when served as application/wasm.
    if (file.endsWith('.wasm')) headers.set('Content-Type', 'application/wasm');
    return new Response(response.body, { status: response.status, headers });
  });
}

/** Both windows: no navigation away, no new windows, shown when drawn. */
function lockDown(window: BrowserWindow, url: string): BrowserWindow {
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(url);
  return window;
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    title: 'Omnitill',
    webPreferences: { ...WEB_PREFERENCES, preload: join(root, 'dist', 'electron', 'preload.cjs') },
  });
  return lockDown(window, `${APP_ORIGIN}/index.html`);
}

/**
 * The customer display: a second window, full screen on the second screen, as hardened as the
 * cashier's; its preload only hears display messages (never the RPC). No second screen, no window.
 */
function createDisplayWindow(): BrowserWindow | null {
  const target = customerScreen(screen.getAllDisplays(), screen.getPrimaryDisplay());
  if (!target) return null;
  const window = new BrowserWindow({
    ...target.bounds,
    show: false,
    frame: false,
    fullscreen: true,
    title: 'Omnitill',
    webPreferences: { ...WEB_PREFERENCES, preload: join(root, 'dist', 'electron', 'displayPreload.cjs') },
  });
  return lockDown(window, DISPLAY_PAGE_URL);
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

void app.whenReady().then(() => {
  // No remote content: every request that is not our own scheme is refused.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const ours = [`${APP_ORIGIN}/`, `${DISPLAY_ORIGIN}/`, 'devtools://'].some((prefix) => details.url.startsWith(prefix));
    callback({ cancel: !ours });
  });
  session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(
      isPermissionGranted(permission, {
        pageUrl: contents.getURL(),
        requestingUrl: details.requestingUrl,
        mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined,
      }),
    ),
  );
  session.defaultSession.setPermissionCheckHandler((contents, permission, requestingOrigin, details) =>
    isPermissionCheckGranted(permission, { pageUrl: contents?.getURL(), requestingOrigin, mediaType: details.mediaType }),
  );
  serveRenderer();
  let display: BrowserWindow | null = null;
  let lastDisplayMessage: unknown = null;
  const backend = startBackend((message) => {
    lastDisplayMessage = message;
    if (display && !display.isDestroyed()) display.webContents.send('omnitill:display', message);
  });
  ipcMain.handle('omnitill:rpc', (event, method: unknown, input: unknown): Promise<Result<unknown>> | Result<unknown> => {
    if (!isTrustedSenderUrl(event.senderFrame?.url)) {
      return { ok: false, error: { code: 'RPC_FORBIDDEN', message: errorMessage(pickLanguage(app.getLocale()), 'RPC_FORBIDDEN') } };
    }
    return backend.call(String(method), input);
  });
  createWindow();
  display = createDisplayWindow();
  // A display that (re)loads hears the current screen at once.
  display?.webContents.on('did-finish-load', () => {
    if (lastDisplayMessage !== null) display?.webContents.send('omnitill:display', lastDisplayMessage);
  });
});

app.on('window-all-closed', () => app.quit());
