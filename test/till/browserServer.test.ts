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

function connect(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url.replace('http', 'ws') + 'rpc', { origin });
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
    const ws = await connect(web.url, origin);
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

  it('refuses a socket from a foreign page', async () => {
    const { web } = await serve();
    await expect(connect(web.url, 'https://evil.example')).rejects.toThrow(/403/);
  });

  it('drops oversized and malformed messages without touching the sale', async () => {
    const { web, origin, till } = await serve();
    const big = await connect(web.url, origin);
    const bigClosed = closeCode(big);
    big.send(JSON.stringify({ id: 1, method: 'sale.scan', input: { code: 'x'.repeat(MAX_RPC_BYTES) } }));
    expect(await bigClosed).toBe(1009);
    const bad = await connect(web.url, origin);
    const badClosed = closeCode(bad);
    bad.send('{not json');
    expect(await badClosed).toBe(1003);
    const ok = await connect(web.url, origin);
    expect((await call(ok, 2, 'sale.current', {})).result).toEqual({ ok: true, value: null });
    expect(till.db.prepare('SELECT COUNT(*) AS n FROM sales').get()).toEqual({ n: 0 });
  });
});
