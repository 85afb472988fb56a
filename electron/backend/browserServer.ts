import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_RPC_BYTES, RpcRequest, type RpcResponse } from '../../core/rpc/contract.js';
import { CONTENT_SECURITY_POLICY } from '../../core/csp.js';
import type { DisplayMessage } from '../../core/display/message.js';
import type { Dispatch } from './rpc.js';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

export interface BrowserServerOptions {
  readonly port: number;
  readonly rendererDir: string;
  readonly dispatch: Dispatch;
  /** The per-start secret; random unless a test fixes it. */
  readonly key?: string;
  readonly log?: (detail: object, message: string) => void;
  /** The customer display's feed: the `/display` page hears it on `/display-feed`, and nothing else. */
  readonly display?: DisplaySource;
}

export interface DisplaySource {
  current(): DisplayMessage;
  subscribe(listener: (message: DisplayMessage) => void): () => void;
}

/** The customer display page: served at `/display`, without the RPC key. */
export const DISPLAY_PAGE = 'display.html';
const DISPLAY_FEED = '/display-feed';
/** The display only listens: anything it sends is tiny or the socket closes. */
const DISPLAY_MAX_INBOUND = 256;

/** The page learns the per-start key from this meta tag and offers it as `omnitill.<key>` subprotocol. */
export const KEY_META = 'omnitill-key';
export const KEY_PROTOCOL_PREFIX = 'omnitill.';

/**
 * Browser mode: the renderer's files and the RPC WebSocket on loopback only. A socket opens
 * only for a loopback Host, the exact Origin this server serves, and the per-start secret key
 * that only the page it served knows (DNS rebinding and other pages cannot drive the till).
 * No request may end the process: a malformed path is a 400, an unexpected error a logged 500.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<{ server: Server; url: string; key: string; close: () => Promise<void> }> {
  const root = normalize(options.rendererDir + sep);
  const key = options.key ?? randomBytes(24).toString('base64url');
  let port = options.port;
  const server = createServer((req, res) => {
    serveFile(req, res).catch((e: unknown) => {
      options.log?.({ err: e instanceof Error ? e.message : String(e), url: req.url }, 'browser-mode request failed');
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('internal error');
    });
  });
  async function serveFile(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let path: string;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('bad request');
      return;
    }
    const file = normalize(join(root, path === '/' ? 'index.html' : path === '/display' ? DISPLAY_PAGE : path));
    if (!file.startsWith(root) || req.method !== 'GET' || path.includes('\0')) {
      res.writeHead(404).end();
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    // Only the cashier's page learns the key; the customer display's page never can drive the till.
    if (file === join(root, 'index.html')) body = withKey(body.toString('utf8'), key);
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    });
    res.end(body);
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_RPC_BYTES, handleProtocols: (protocols) => [...protocols].find((p) => keyMatches(p, key)) ?? false });
  const displayWss = new WebSocketServer({ noServer: true, maxPayload: DISPLAY_MAX_INBOUND });
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    socket.on('error', () => socket.destroy());
    try {
      const display = options.display;
      if (display && displayUpgradeAllowed(req, port)) {
        displayWss.handleUpgrade(req, socket, head, (ws) => serveDisplay(ws, display));
        return;
      }
      if (!upgradeAllowed(req, port, key)) {
        socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => serveRpc(ws, options.dispatch));
    } catch (e) {
      options.log?.({ err: e instanceof Error ? e.message : String(e) }, 'browser-mode upgrade failed');
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    key,
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of [...wss.clients, ...displayWss.clients]) client.terminate();
        wss.close();
        displayWss.close();
        server.close(() => resolve());
      }),
  };
}

function serveRpc(ws: WebSocket, dispatch: Dispatch): void {
  // An oversized or broken frame closes this socket (ws sends 1009/1002); it must never take the till down.
  ws.on('error', () => ws.terminate());
  ws.on('message', (data, isBinary) => {
    let request: RpcRequest;
    try {
      if (isBinary) throw new Error('binary frame');
      request = RpcRequest.parse(JSON.parse(data.toString()));
    } catch {
      // Not a request we can answer by id: drop the connection rather than guess.
      ws.close(1003, 'malformed request');
      return;
    }
    void dispatch(request.method, request.input)
      .then((result) => {
        const response: RpcResponse = { id: request.id, result };
        ws.send(JSON.stringify(response));
      })
      // dispatch answers every error itself; anything escaping it closes this socket, never the till.
      .catch(() => ws.close(1011, 'internal error'));
  });
}

/** The display hears the current message at once, then every one after; what it sends closes it. */
function serveDisplay(ws: WebSocket, display: DisplaySource): void {
  const send = (message: DisplayMessage): void => ws.send(JSON.stringify(message));
  send(display.current());
  const stop = display.subscribe(send);
  ws.on('error', () => ws.terminate());
  ws.on('message', () => ws.close(1003, 'the display only listens'));
  ws.on('close', stop);
}

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://localhost').pathname;
}

/** A loopback Host on our port, and the Origin that Host serves (no other page, no DNS rebinding). */
function sameOriginLoopback(req: IncomingMessage, port: number): boolean {
  const host = (req.headers.host ?? '').toLowerCase();
  return LOOPBACK_HOSTS.some((h) => host === `${h}:${port}`) && req.headers.origin === `http://${host}`;
}

/** The display feed needs no key: it carries only what the customer sees on the screen anyway. */
export function displayUpgradeAllowed(req: IncomingMessage, port: number): boolean {
  return pathOf(req) === DISPLAY_FEED && sameOriginLoopback(req, port);
}

/** Only `/rpc`, a loopback Host on our port, the Origin that Host serves, and our key. */
export function upgradeAllowed(req: IncomingMessage, port: number, key: string): boolean {
  if (pathOf(req) !== '/rpc' || !sameOriginLoopback(req, port)) return false;
  const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  return offered.some((p) => keyMatches(p, key));
}

function keyMatches(protocol: string, key: string): boolean {
  const a = Buffer.from(protocol);
  const b = Buffer.from(KEY_PROTOCOL_PREFIX + key);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The page, with the key as the first thing in its head. */
function withKey(html: string, key: string): Buffer {
  const meta = `<meta name="${KEY_META}" content="${key}">`;
  const head = /<head(\s[^>]*)?>/i.exec(html);
  return Buffer.from(head ? html.slice(0, head.index + head[0].length) + meta + html.slice(head.index + head[0].length) : meta + html);
}
