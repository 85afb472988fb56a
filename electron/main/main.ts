import { app, BrowserWindow, ipcMain, net, protocol, safeStorage, session, utilityProcess, type UtilityProcess } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { errorMessage, pickLanguage } from '../../core/i18n/index.js';
import type { Result, RpcResponse } from '../../core/rpc/contract.js';
import { appRoot } from '../backend/paths.js';
import { databaseKey } from './dbKey.js';
import { deviceTokenKey } from './tokenKey.js';
import { APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY, WEB_PREFERENCES, isPermissionCheckGranted, isPermissionGranted, isTrustedSenderUrl } from './security.js';

/**
 * The Electron main process is thin: a hardened window, the app:// scheme for our files, and
 * a relay between the renderer and the backend utility process. It never touches the database.
 */
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const root = appRoot();
const rendererDir = join(root, 'dist', 'renderer');

function startBackend(): { call: (method: string, input: unknown) => Promise<Result<unknown>> } {
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
  backend.on('message', (message: RpcResponse | { ready: true }) => {
    if ('id' in message) {
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

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    show: false,
    title: 'Omnitill',
    webPreferences: { ...WEB_PREFERENCES, preload: join(root, 'dist', 'electron', 'preload.cjs') },
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

void app.whenReady().then(() => {
  // No remote content: every request that is not our own scheme is refused.
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !details.url.startsWith(`${APP_ORIGIN}/`) && !details.url.startsWith('devtools://') });
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
  const backend = startBackend();
  ipcMain.handle('omnitill:rpc', (event, method: unknown, input: unknown): Promise<Result<unknown>> | Result<unknown> => {
    if (!isTrustedSenderUrl(event.senderFrame?.url)) {
      return { ok: false, error: { code: 'RPC_FORBIDDEN', message: errorMessage(pickLanguage(app.getLocale()), 'RPC_FORBIDDEN') } };
    }
    return backend.call(String(method), input);
  });
  createWindow();
});

app.on('window-all-closed', () => app.quit());
