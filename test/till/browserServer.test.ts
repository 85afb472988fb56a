import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_RPC_BYTES } from '../../core/rpc/contract.js';
import { startBrowserServer } from '../../electron/backend/browserServer.js';
import { openTestTill } from '../helpers/till.js';
import { tempDir } from '../helpers/tmp.js';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

async function serve() {
  const till = openTestTill();
  const rendererDir = tempDir();
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Omnitill</title>');
  const web = await startBrowserServer({ port: 0, rendererDir, dispatch: till.dispatch });
  closers.push(() => till.close(), web.close);
  return { till, web, origin: web.url.replace(/\/$/, '') };
}

function connect(url: string, origin: string, key?: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const protocols = key === undefined ? [] : [`omnitill.${key}`];
    const ws = new WebSocket(url.replace('http', 'ws') + 'rpc', protocols, { origin, headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    closers.push(() => ws.terminate());
  });
}

function call(ws: WebSocket, id: number, method: string, input: unknown): Promise<{ id: number; result: { ok: boolean; value?: unknown; error?: { code: string } } }> {
  return new Promise((resolve) => {
    ws.once('message', (data) => resolve(JSON.parse(data.toString())));
    ws.send(JSON.stringify({ id, method, input }));
  });
}

function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

describe('browser-mode transport', () => {
  it('serves the renderer with the CSP and answers contract calls', async () => {
    const { web, origin } = await serve();
    const page = await fetch(web.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    const key = /<meta name="omnitill-key" content="([^"]+)">/.exec(html)?.[1];
    expect(key).toBe(web.key);
    const ws = await connect(web.url, origin, key);
    const reply = await call(ws, 7, 'till.info', {});
    expect(reply.id).toBe(7);
    expect(reply.result.ok).toBe(true);
    expect((await call(ws, 8, 'sale.scan', { code: '4006381333932' })).result.error?.code).toBe('SCAN_BAD_CHECK_DIGIT');
  });

  it('listens on loopback only and refuses path traversal', async () => {
    const { web } = await serve();
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await fetch(`${web.url}..%2f..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    expect((await fetch(`${web.url}%2e%2e/package.json`)).status).toBe(404);
  });

  it('refuses a socket from a foreign page, a rebound host or without the per-start key', async () => {
    const { web, origin } = await serve();
    const port = new URL(web.url).port;
    await expect(connect(web.url, 'https://evil.example', web.key)).rejects.toThrow(/403/);
    // DNS rebinding: the Host and Origin agree with each other, but not with loopback.
    await expect(connect(web.url, `http://evil.example:${port}`, web.key, { Host: `evil.example:${port}` })).rejects.toThrow(/403/);
    await expect(connect(web.url, `http://127.0.0.1:${Number(port) + 1}`, web.key, { Host: `127.0.0.1:${Number(port) + 1}` })).rejects.toThrow(/403/);
    await expect(connect(web.url, origin)).rejects.toThrow(/403/);
    await expect(connect(web.url, origin, 'wrong-key')).rejects.toThrow(/403/);
    await expect(connect(web.url, origin, web.key.slice(1))).rejects.toThrow(/403/);
    // localhost is the same loopback page.
    const ws = await connect(web.url, `http://localhost:${port}`, web.key, { Host: `localhost:${port}` });
    expect((await call(ws, 1, 'till.info', {})).result.ok).toBe(true);
  });

  it('no malformed request ends the till: bad escapes, NUL, odd methods and headers', async () => {
    const { web, origin } = await serve();
    for (const path of ['%', '%E0%A4%A', '%zz/x', 'a%00b', '%ff%fe']) {
      const r = await fetch(web.url + path);
      expect([400, 404]).toContain(r.status);
    }
    expect((await fetch(web.url, { method: 'POST', body: 'x' })).status).toBe(404);
    const { request } = await import('node:http');
    const raw = (path: string, headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const req = request(web.url + path.replace(/^\//, ''), { headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', () => resolve(-1));
        req.end();
      });
    expect(await raw('/%', { Upgrade: 'websocket', Connection: 'Upgrade' })).toBeGreaterThanOrEqual(400);
    // The server is still up and serves the socket.
    const ws = await connect(web.url, origin, web.key);
    expect((await call(ws, 1, 'till.info', {})).result.ok).toBe(true);
  });

  it('drops oversized and malformed messages without touching the sale', async () => {
    const { web, origin, till } = await serve();
    const big = await connect(web.url, origin, web.key);
    const bigClosed = closeCode(big);
    big.send(JSON.stringify({ id: 1, method: 'sale.scan', input: { code: 'x'.repeat(MAX_RPC_BYTES) } }));
    expect(await bigClosed).toBe(1009);
    const bad = await connect(web.url, origin, web.key);
    const badClosed = closeCode(bad);
    bad.send('{not json');
    expect(await badClosed).toBe(1003);
    const ok = await connect(web.url, origin, web.key);
    expect((await call(ok, 2, 'sale.current', {})).result).toEqual({ ok: true, value: null });
    expect(till.db.prepare('SELECT COUNT(*) AS n FROM sales').get()).toEqual({ n: 0 });
  });
});
