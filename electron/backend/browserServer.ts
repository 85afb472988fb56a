import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_RPC_BYTES, RpcRequest, type RpcResponse } from '../../core/rpc/contract.js';
import { CONTENT_SECURITY_POLICY } from '../../core/csp.js';
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
}

/**
 * Browser mode: the renderer's files and the RPC WebSocket on loopback only. Only pages this
 * server served may open the socket (Origin check), so a web page in the same browser cannot
 * drive the till.
 */
export async function startBrowserServer(options: BrowserServerOptions): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  const root = normalize(options.rendererDir + sep);
  const server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      const file = normalize(join(root, path === '/' ? 'index.html' : path));
      if (!file.startsWith(root) || req.method !== 'GET') {
        res.writeHead(404).end();
        return;
      }
      try {
        const body = await readFile(file);
        res.writeHead(200, {
          'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
          'Cache-Control': 'no-cache',
        });
        res.end(body);
      } catch {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found');
      }
    })();
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_RPC_BYTES });
  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const host = req.headers.host ?? '';
    const allowed = [`http://${host}`];
    if (new URL(req.url ?? '/', 'http://localhost').pathname !== '/rpc' || !allowed.includes(req.headers.origin ?? '')) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => serveRpc(ws, options.dispatch));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
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
    void dispatch(request.method, request.input).then((result) => {
      const response: RpcResponse = { id: request.id, result };
      ws.send(JSON.stringify(response));
    });
  });
}
