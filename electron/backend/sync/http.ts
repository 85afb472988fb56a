/**
 * The till's HTTP calls to central: a timeout on every request, a cap on the body it will
 * read, and failures sorted into the few kinds the sync worker acts on. Never logs the token.
 */

export type SyncFailureKind =
  /** Central could not be reached, or the connection broke before a whole answer came. */
  | 'network'
  | 'timeout'
  /** Central answered 5xx (or 429): try again later. */
  | 'server'
  /** Central answered with something this till cannot use: bad JSON, wrong schema, wrong length. */
  | 'bad_response'
  | 'too_large'
  /** The device token was refused: revoked, or the till was never paired with this central. */
  | 'unauthorized'
  /** A 4xx about the request itself. */
  | 'refused';

export class SyncFailure extends Error {
  constructor(
    readonly kind: SyncFailureKind,
    message: string,
    readonly status?: number,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'SyncFailure';
  }
}

export interface HttpOptions {
  readonly timeoutMs: number;
  readonly maxBodyBytes: number;
  /** Headers every request carries (the till's version, protocol and queue, for central's fleet page). */
  readonly clientHeaders?: () => Record<string, string>;
}

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly json: unknown;
}

async function readCapped(response: Response, max: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > max) {
    await response.body?.cancel().catch(() => undefined);
    throw new SyncFailure('too_large', `the answer is ${declared} bytes, more than the ${max} this till accepts`);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new SyncFailure('too_large', `the answer is more than the ${max} bytes this till accepts`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** One request; resolves with the parsed JSON body whatever the status, or throws a SyncFailure. */
export async function requestJson(
  url: string,
  init: { method: 'GET' | 'POST'; token?: string | null; body?: unknown; signal?: AbortSignal },
  options: HttpOptions,
): Promise<HttpAnswer> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    let response: Response;
    try {
      response = await fetch(url, {
        method: init.method,
        headers: {
          accept: 'application/json',
          ...(options.clientHeaders?.() ?? {}),
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
        signal: init.signal ? AbortSignal.any([controller.signal, init.signal]) : controller.signal,
      });
    } catch (e) {
      if (controller.signal.aborted) throw new SyncFailure('timeout', `no answer from central in ${options.timeoutMs} ms`);
      throw new SyncFailure('network', `central cannot be reached (${causeOf(e)})`);
    }
    let text: string;
    try {
      text = await readCapped(response, options.maxBodyBytes);
    } catch (e) {
      if (e instanceof SyncFailure) throw e;
      if (controller.signal.aborted) throw new SyncFailure('timeout', `the answer did not finish in ${options.timeoutMs} ms`);
      throw new SyncFailure('network', `the answer was cut off (${causeOf(e)})`);
    }
    let json: unknown;
    try {
      json = text.length === 0 ? null : JSON.parse(text);
    } catch {
      if (response.status >= 500) throw new SyncFailure('server', `central answered ${response.status}`, response.status);
      throw new SyncFailure('bad_response', `the answer (HTTP ${response.status}) is not valid JSON`, response.status);
    }
    return { status: response.status, headers: response.headers, json };
  } finally {
    clearTimeout(timer);
  }
}

function causeOf(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e));
}

/** The error code central put in an error body, if any. */
export function errorCodeOf(json: unknown): string | undefined {
  const code = (json as { error?: { code?: unknown } } | null)?.error?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Sorts a non-2xx answer into a failure (409 is handled by the caller before this). */
export function failureFor(answer: HttpAnswer): SyncFailure {
  const code = errorCodeOf(answer.json);
  if (answer.status === 401 || answer.status === 403) return new SyncFailure('unauthorized', 'central refused the device token', answer.status, code);
  if (answer.status === 413) return new SyncFailure('too_large', 'central refused the request as too large', answer.status, code);
  if (answer.status >= 500 || answer.status === 429) return new SyncFailure('server', `central answered ${answer.status}`, answer.status, code);
  return new SyncFailure('refused', `central refused the request (${answer.status}${code ? ` ${code}` : ''})`, answer.status, code);
}

/** `http://host:port/base` + `/v1/...`, tolerating a trailing slash. */
export function endpoint(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}
