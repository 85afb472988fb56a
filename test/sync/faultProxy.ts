import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy between the till and a real central that misbehaves on purpose, one fault per
 * request from a schedule (then passes everything through).
 */
export const FAULTS = [
  'none',
  /** The request never reaches central; the connection breaks. */
  'drop_request',
  /** Central handles (and commits) the request; the answer is lost. */
  'drop_response',
  /** Central receives the request twice; the till sees the second answer. */
  'duplicate',
  /** The connection breaks at once and the request reaches central later, after the till has retried. */
  'reorder',
  /** Central answers after a random delay the till still waits for. */
  'delay',
  /** No answer before the till's timeout; the request reaches central late. */
  'stall',
  'status_500',
  'status_409',
  /** Half of central's answer, then the connection breaks. */
  'truncated',
  /** A 200 larger than the till accepts (with or without Content-Length). */
  'oversized',
  'invalid_json',
  /** Valid JSON that does not match the schema. */
  'wrong_schema',
] as const;
export type Fault = (typeof FAULTS)[number];

export interface FaultProxy {
  readonly url: string;
  /** Faults for the next requests, in order. */
  schedule: Fault[];
  /** Rewrites successful pull answers (a newer central). */
  rewritePull: ((body: Record<string, unknown>, headers: Record<string, string>) => void) | null;
  /** How often each fault was applied. */
  readonly applied: Record<string, number>;
  /** Bodies of push requests as sent by the till, in order of arrival. */
  readonly pushBodies: string[];
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Upstream {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function forward(target: URL, req: IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const headers = { ...req.headers, host: target.host };
    delete headers.connection;
    const r = request(
      { hostname: target.hostname, port: target.port, path: req.url, method: req.method, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const out: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string' && !['connection', 'transfer-encoding', 'keep-alive', 'content-length'].includes(k)) out[k] = v;
          resolve({ status: res.statusCode ?? 502, headers: out, body: Buffer.concat(chunks) });
        });
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    r.end(body);
  });
}

export async function startFaultProxy(targetUrl: string, options: { maxBodyBytes: number; random?: () => number }): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const random = options.random ?? Math.random;
  const state: { schedule: Fault[]; rewritePull: FaultProxy['rewritePull']; applied: Record<string, number>; pushBodies: string[] } = {
    schedule: [],
    rewritePull: null,
    applied: {},
    pushBodies: [],
  };
  const isPull = (req: IncomingMessage) => (req.url ?? '').startsWith('/v1/sync/pull');

  const send = (res: ServerResponse, up: Upstream) => {
    res.writeHead(up.status, { ...up.headers, 'content-length': String(up.body.length) });
    res.end(up.body);
  };

  async function handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    if ((req.url ?? '').startsWith('/v1/sync/push')) state.pushBodies.push(body.toString('utf8'));
    const fault: Fault = state.schedule.shift() ?? 'none';
    state.applied[fault] = (state.applied[fault] ?? 0) + 1;
    const json = (status: number, value: unknown) => {
      const text = JSON.stringify(value);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
      res.end(text);
    };
    switch (fault) {
      case 'drop_request':
        req.socket.destroy();
        return;
      case 'drop_response':
        await forward(target, req, body);
        req.socket.destroy();
        return;
      case 'duplicate':
        await forward(target, req, body);
        send(res, await forward(target, req, body));
        return;
      case 'reorder':
        req.socket.destroy();
        await sleep(100 + random() * 200);
        await forward(target, req, body).catch(() => undefined);
        return;
      case 'delay':
        await sleep(random() * 150);
        break;
      case 'stall':
        await sleep(1_500);
        await forward(target, req, body).catch(() => undefined);
        req.socket.destroy();
        return;
      case 'status_500':
        return json(500, { error: { code: 'INTERNAL', message: 'internal error' } });
      case 'status_409':
        return json(409, { error: { code: 'SYNC_RESYNC_REQUIRED', message: 'restored' }, epoch: `fault-${Date.now()}` });
      case 'truncated': {
        const up = await forward(target, req, body);
        res.writeHead(up.status, { ...up.headers, 'content-length': String(up.body.length) });
        res.write(up.body.subarray(0, Math.floor(up.body.length / 2)));
        await sleep(10);
        req.socket.destroy();
        return;
      }
      case 'oversized': {
        const padding = `{"epoch":"e","cursor":"c","hasMore":false,"changes":[],"pad":"${'x'.repeat(options.maxBodyBytes + 1024)}"}`;
        if (random() < 0.5) {
          res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(padding.length) });
          res.end(padding);
        } else {
          res.writeHead(200, { 'content-type': 'application/json' });
          for (let i = 0; i < padding.length; i += 16_384) res.write(padding.slice(i, i + 16_384));
          res.end();
        }
        return;
      }
      case 'invalid_json':
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"epoch":"e","changes":[{"entity":');
        return;
      case 'wrong_schema':
        return json(
          200,
          isPull(req)
            ? { epoch: 'e', cursor: 'c', hasMore: false, changes: [{ entity: 'customer', key: 'k', op: 'upsert', data: { id: 1 } }] }
            : { results: [] },
        );
      case 'none':
        break;
    }
    const up = await forward(target, req, body);
    if (state.rewritePull && isPull(req) && up.status === 200) {
      const parsed = JSON.parse(up.body.toString('utf8')) as Record<string, unknown>;
      state.rewritePull(parsed, up.headers);
      up.body = Buffer.from(JSON.stringify(parsed));
    }
    send(res, up);
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks)).catch(() => {
        if (!res.headersSent) res.writeHead(502).end();
        else req.socket.destroy();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    get schedule() {
      return state.schedule;
    },
    set schedule(s: Fault[]) {
      state.schedule = s;
    },
    get rewritePull() {
      return state.rewritePull;
    },
    set rewritePull(f) {
      state.rewritePull = f;
    },
    applied: state.applied,
    pushBodies: state.pushBodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
