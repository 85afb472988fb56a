import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import type { AddressInfo } from 'node:net';
import { connectSocket, TransportError, type Connection, type ConnectionState } from '../../renderer/src/shell/api.js';
import { quickAmounts } from '../../renderer/src/sale/payment.js';

/**
 * The renderer's WebSocket client against a real WebSocket server (the `ws` package stands
 * in for the browser's WebSocket, which Node 20 lacks).
 */

type Handler = (msg: { id: number; method: string; input: unknown }, reply: (value: unknown) => void, socket: WebSocket) => void;

async function server(handler: Handler) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  wss.on('connection', (socket) => {
    socket.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { id: number; method: string; input: unknown };
      handler(msg, (value) => socket.send(JSON.stringify({ id: msg.id, result: { ok: true, value } })), socket);
    });
  });
  const port = (wss.address() as AddressInfo).port;
  return { wss, url: `ws://127.0.0.1:${port}/rpc`, close: () => new Promise<void>((r) => wss.close(() => r())) };
}

function waitFor(conn: Connection, state: ConnectionState): Promise<void> {
  if (conn.state() === state) return Promise.resolve();
  return new Promise((resolve) => {
    const off = conn.subscribe((s) => {
      if (s === state) {
        off();
        resolve();
      }
    });
  });
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('WebSocket transport', () => {
  it('matches answers to calls by id, whatever order they come back in', async () => {
    const srv = await server((msg, reply) => {
      const code = (msg.input as { code: string }).code;
      setTimeout(() => reply({ echoed: code }), code === 'slow' ? 80 : 0);
    });
    cleanups.push(srv.close);
    const conn = connectSocket({ url: srv.url, WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket });
    cleanups.push(conn.close);
    const slow = conn.api['sale.scan']({ code: 'slow' });
    const fast = conn.api['sale.scan']({ code: 'fast' });
    const order: string[] = [];
    await Promise.all([slow.then(() => order.push('slow')), fast.then(() => order.push('fast'))]);
    expect(order).toEqual(['fast', 'slow']);
    expect(await slow).toEqual({ ok: true, value: { echoed: 'slow' } });
    expect(await fast).toEqual({ ok: true, value: { echoed: 'fast' } });
  });

  it('fails calls in flight when the socket drops, fails new calls at once, and reconnects', async () => {
    let dropNext = true;
    const srv = await server((msg, reply, socket) => {
      if (dropNext) {
        dropNext = false;
        socket.terminate(); // the backend went away mid-call
        return;
      }
      reply(msg.method);
    });
    cleanups.push(srv.close);
    const conn = connectSocket({ url: srv.url, minBackoffMs: 50, WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket });
    cleanups.push(conn.close);
    const states: ConnectionState[] = [];
    conn.subscribe((s) => states.push(s));

    const lost = conn.api['sale.payCash']({ tenderedMinor: 10_000 });
    await expect(lost).rejects.toBeInstanceOf(TransportError);
    await expect(lost).rejects.toMatchObject({ reason: 'disconnected' });
    expect(conn.state()).toBe('reconnecting');
    await expect(conn.api['sale.current']({})).rejects.toMatchObject({ reason: 'disconnected' });

    await waitFor(conn, 'open');
    expect(await conn.api['sale.current']({})).toEqual({ ok: true, value: 'sale.current' });
    expect(states).toEqual(['open', 'reconnecting', 'open']);
  });

  it('a call that gets no answer times out instead of hanging the till', async () => {
    const srv = await server(() => undefined);
    cleanups.push(srv.close);
    const conn = connectSocket({ url: srv.url, timeoutMs: 100, WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket });
    cleanups.push(conn.close);
    await expect(conn.api['till.info']({})).rejects.toMatchObject({ name: 'TransportError', reason: 'timeout' });
  });

  it('calls made before the first connection opens wait for it', async () => {
    const srv = await server((msg, reply) => reply(msg.method));
    cleanups.push(srv.close);
    const conn = connectSocket({ url: srv.url, WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket });
    cleanups.push(conn.close);
    expect(conn.state()).toBe('connecting');
    expect(await conn.api['till.info']({})).toEqual({ ok: true, value: 'till.info' });
  });
});

describe('quick cash amounts', () => {
  it('offers the exact total, then the notes a customer would hand over', () => {
    expect(quickAmounts(47_696, 'MDL')).toEqual([47_696, 48_000, 50_000, 60_000, 100_000]);
    expect(quickAmounts(10_000, 'RON')).toEqual([10_000, 20_000, 50_000, 100_000, 500_000]); // a round total skips to bigger notes
    expect(quickAmounts(0, 'EUR')).toEqual([]);
  });
});
