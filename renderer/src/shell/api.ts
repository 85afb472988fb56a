import type { Method, Result, RpcResponse, TillApi } from '../../../core/rpc/contract.js';

/**
 * The renderer's side of the one RPC contract. Two transports give the same `TillApi`:
 *  - Electron: the preload's `window.omnitill.invoke` (IPC to the backend);
 *  - browser mode: a WebSocket to `ws://<this host>/rpc`, served by the till backend.
 * A backend answer is always a Result; a call that cannot reach the backend at all rejects
 * with a TransportError, so the screen can say "not connected" rather than guess.
 */

/** Every method of the contract, checked against it at compile time (no runtime import of zod). */
const METHODS = {
  'till.info': true,
  'sale.current': true,
  'sale.scan': true,
  'sale.addProduct': true,
  'sale.setQuantity': true,
  'sale.voidLine': true,
  'sale.cancel': true,
  'sale.payCash': true,
  'sale.lastCompleted': true,
  'catalog.search': true,
  'scan.target': true,
  'sync.status': true,
  'sync.now': true,
  'sync.pair': true,
  'sync.unpair': true,
  'till.events': true,
  'hardware.devices': true,
  'hardware.profiles': true,
  'hardware.printer': true,
  'hardware.setPrinter': true,
  'hardware.printerStatus': true,
  'hardware.testPrint': true,
  'hardware.scanner': true,
  'hardware.setScanner': true,
  'hardware.display': true,
  'hardware.setDisplay': true,
  'hardware.camera': true,
  'hardware.setCamera': true,
  'print.jobs': true,
  'print.reprint': true,
  'print.retry': true,
  'customer.lookup': true,
  'customer.profile': true,
  'customer.revealPhone': true,
  'customer.attachToSale': true,
  'customer.cartToSale': true,
  'customer.favouriteToSale': true,
  'customer.create': true,
  'promo.enterCode': true,
  'promo.removeCode': true,
  'staff.session': true,
  'staff.signIn': true,
  'staff.lock': true,
  'staff.signOut': true,
  'approval.grant': true,
  'shift.current': true,
  'shift.open': true,
  'shift.cash': true,
  'shift.x': true,
  'shift.close': true,
  'payment.state': true,
  'payment.pay': true,
  'payment.cancel': true,
  'payment.reverse': true,
  'payment.interrupted': true,
  'payment.resolveInterrupted': true,
  'return.find': true,
  'return.commit': true,
  'return.noReceiptPolicy': true,
  'return.noReceipt': true,
  'voucher.apply': true,
  'voucher.remove': true,
  'sale.overridePrice': true,
  'sale.discountLine': true,
  'sale.discountSale': true,
  'drawer.noSale': true,
} as const satisfies Record<Method, true>;

/**
 * Calls that wait on a person at a device (the card holder at the terminal): the backend ends
 * them at the terminal's own deadline (at most 300 s, settings.paymentTerminal), so the screen
 * waits a little longer than that rather than give up on a payment still in progress (a cancel
 * refunds the cards held on the sale first).
 */
const WAITS_ON_PEOPLE: Partial<Record<Method, number>> = { 'payment.pay': 310_000, 'payment.reverse': 310_000, 'sale.cancel': 310_000 };

export type TransportFailure = 'disconnected' | 'timeout';

export class TransportError extends Error {
  readonly reason: TransportFailure;
  constructor(reason: TransportFailure, detail: string) {
    super(detail);
    this.name = 'TransportError';
    this.reason = reason;
  }
}

export type Invoke = (method: Method, input: unknown) => Promise<Result<unknown>>;

export function apiFrom(invoke: Invoke): TillApi {
  const api: Record<string, (input: unknown) => Promise<Result<unknown>>> = {};
  for (const method of Object.keys(METHODS) as Method[]) api[method] = (input) => invoke(method, input ?? {});
  return api as unknown as TillApi;
}

export type ConnectionState = 'connecting' | 'open' | 'reconnecting';

export interface Connection {
  readonly api: TillApi;
  readonly state: () => ConnectionState;
  /** Called on every state change; returns an unsubscribe function. */
  readonly subscribe: (listener: (state: ConnectionState) => void) => () => void;
  readonly close: () => void;
}

export interface SocketOptions {
  readonly url: string;
  /** A call with no answer after this long fails (the backend answers in milliseconds). */
  readonly timeoutMs?: number;
  readonly minBackoffMs?: number;
  readonly maxBackoffMs?: number;
  readonly WebSocketImpl?: typeof WebSocket;
  /** Subprotocols offered: browser mode's per-start key (`omnitill.<key>`). */
  readonly protocols?: readonly string[];
}

interface Pending {
  resolve: (r: Result<unknown>) => void;
  reject: (e: TransportError) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * A WebSocket client with request ids (answers may come in any order), reconnection with
 * exponential backoff, and no silent waiting: a call made while disconnected fails at once,
 * and calls in flight when the socket drops fail with `disconnected` (their effect on the
 * backend is unknown; the screen reloads the sale when the connection is back).
 */
export function connectSocket(options: SocketOptions): Connection {
  const WS = options.WebSocketImpl ?? WebSocket;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const minBackoff = options.minBackoffMs ?? 250;
  const maxBackoff = options.maxBackoffMs ?? 5_000;
  const pending = new Map<number, Pending>();
  const listeners = new Set<(s: ConnectionState) => void>();
  const waiters: (() => void)[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let state: ConnectionState = 'connecting';
  let backoff = minBackoff;
  let closed = false;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;

  function setState(next: ConnectionState) {
    if (state === next) return;
    state = next;
    for (const l of listeners) l(next);
  }

  function failAll(reason: string) {
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      p.reject(new TransportError('disconnected', reason));
      pending.delete(id);
    }
  }

  function open() {
    if (closed) return;
    const ws = new WS(options.url, options.protocols ? [...options.protocols] : undefined);
    socket = ws;
    ws.onopen = () => {
      backoff = minBackoff;
      setState('open');
      waiters.splice(0).forEach((w) => w());
    };
    ws.onmessage = (event: MessageEvent) => {
      let response: RpcResponse;
      try {
        response = JSON.parse(String(event.data)) as RpcResponse;
      } catch {
        return;
      }
      const p = pending.get(response.id);
      if (!p) return;
      pending.delete(response.id);
      clearTimeout(p.timer);
      p.resolve(response.result);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      failAll('the connection to the till backend was lost');
      if (closed) return;
      setState('reconnecting');
      retryTimer = setTimeout(open, backoff);
      backoff = Math.min(maxBackoff, backoff * 2);
    };
    ws.onerror = () => {
      // onclose follows and does the work
    };
  }

  function send(method: Method, input: unknown): Promise<Result<unknown>> {
    const ws = socket;
    if (!ws || ws.readyState !== WS.OPEN) {
      // Before the first connection, wait for it; after a drop, say so at once.
      if (state === 'connecting' && !closed) {
        return new Promise<void>((resolve) => waiters.push(resolve)).then(() => send(method, input));
      }
      return Promise.reject(new TransportError('disconnected', 'not connected to the till backend'));
    }
    const id = nextId++;
    const waitMs = Math.max(timeoutMs, WAITS_ON_PEOPLE[method] ?? 0);
    return new Promise<Result<unknown>>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new TransportError('timeout', `no answer to ${method} in ${waitMs} ms`));
      }, waitMs);
      pending.set(id, { resolve, reject, timer });
      ws.send(JSON.stringify({ id, method, input }));
    });
  }

  open();
  return {
    api: apiFrom(send),
    state: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      socket?.close();
      failAll('closed');
    },
  };
}

/** Electron's preload bridge, else browser mode's WebSocket on the page's own host. */
export function connect(): Connection {
  const bridge = window.omnitill;
  if (bridge) {
    const invoke: Invoke = async (method, input) => {
      try {
        return await bridge.invoke(method, input);
      } catch (e) {
        throw new TransportError('disconnected', e instanceof Error ? e.message : String(e));
      }
    };
    return { api: apiFrom(invoke), state: () => 'open', subscribe: () => () => undefined, close: () => undefined };
  }
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  // The till put its per-start key in the page it served; the socket is refused without it.
  const key = document.querySelector('meta[name="omnitill-key"]')?.getAttribute('content') ?? '';
  return connectSocket({ url: `${scheme}://${location.host}/rpc`, protocols: [`omnitill.${key}`] });
}
