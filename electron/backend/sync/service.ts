import { StoreDoc } from '../../../core/store/policy.js';
import { applyStorePolicy, auditRefusedPolicy } from '../store/policy.js';
import { hostname } from 'node:os';
import { writeScanKeys } from '../scan/keys.js';
import { tillHeaders } from '../../../core/sync/fleet.js';
import { appVersion } from '../version.js';
import { z } from 'zod';
import { TillError, type ErrorCode, type ErrorParams } from '../../../core/errors.js';
import { errorMessage, type Language } from '../../../core/i18n/index.js';
import { CURRENCIES } from '../../../core/money.js';
import { COUNTRIES } from '../../../core/vat.js';
import { MAX_PUSH_OPS, PushResponse, type PushOpResult } from '../../../core/sync/ops.js';
import { LiveCustomerDoc, ONLINE_CHANNELS, ResyncRequired, SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION, type Change } from '../../../core/sync/pull.js';
import type { SyncError, SyncStatus } from '../../../core/sync/status.js';
import type { TillDatabase } from '../db.js';
import { writeSettings, type TillSettings } from '../settings.js';
import { checkPage, createCache, PageInvalid, sweep } from './cache.js';
import { endpoint, failureFor, requestJson, SyncFailure, type HttpAnswer, type HttpOptions } from './http.js';
import { syncLock, type SyncLock } from './lock.js';
import { createAuditPush } from './auditPush.js';
import { readSyncState, writeSyncState } from './state.js';
import type { TokenStore } from './tokenStore.js';

export interface SyncLogger {
  error(details: Record<string, unknown>, message: string): void;
  warn?(details: Record<string, unknown>, message: string): void;
  info?(details: Record<string, unknown>, message: string): void;
}

export interface SyncOptions {
  readonly db: TillDatabase;
  /** The till's live settings: pairing updates them in place (till and store ids). */
  readonly settings: TillSettings;
  readonly dataDir: string;
  readonly tokens: TokenStore;
  readonly language: Language;
  readonly log: SyncLogger;
  readonly now?: () => Date;
  /** Start pulling and pushing by itself (on start, on a timer, after sales). Tests drive it by hand. */
  readonly autoStart?: boolean;
  readonly pullIntervalMs?: number;
  /** How soon after a completed sale the push starts (sales in a burst share one batch). */
  readonly pushDelayMs?: number;
  readonly pageSize?: number;
  readonly pushBatch?: number;
  readonly http?: Partial<HttpOptions>;
  readonly backoff?: { readonly baseMs?: number; readonly maxMs?: number; readonly random?: () => number };
  readonly lock?: SyncLock;
  /** The store's policies changed at a pull (after the page committed): the screens are told. */
  readonly onStorePolicy?: () => void;
  /** Central's answer to an op the till pushed, inside the transaction that marks it done: features learn what central decided. */
  readonly onApplied?: (op: { readonly type: string; readonly entityId: string }, result: Record<string, unknown>) => void;
}

const PairReply = z.object({
  deviceId: z.string().min(1).max(64),
  tillId: z.string().min(1).max(64),
  storeId: z.string().min(1).max(64),
  token: z.string().min(16).max(200),
  /** Its policies are read as the pull's store document is (a central of an earlier release sends fewer: the first pull brings them). */
  store: z.object({ name: z.string().max(200), country: z.string(), currency: z.string() }).loose().optional(),
});

const TIME_ZONES: Record<(typeof COUNTRIES)[number], string> = {
  RU: 'Europe/Moscow',
  UA: 'Europe/Kyiv',
  RO: 'Europe/Bucharest',
  MD: 'Europe/Chisinau',
};

const FAILURE_CODES: Record<SyncFailure['kind'], ErrorCode> = {
  network: 'SYNC_CENTRAL_UNREACHABLE',
  timeout: 'SYNC_TIMEOUT',
  server: 'SYNC_CENTRAL_ERROR',
  bad_response: 'SYNC_BAD_RESPONSE',
  too_large: 'SYNC_RESPONSE_TOO_LARGE',
  unauthorized: 'SYNC_UNAUTHORIZED',
  refused: 'SYNC_CENTRAL_ERROR',
};

interface OutboxRow {
  seq: number;
  op_id: string;
  op_type: string;
  entity_id: string;
  payload: string;
}

/** Full jitter: a random wait up to the exponential cap, so tills that failed together do not retry together. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.min(attempt, 30));
  return Math.round(cap / 2 + (random() * cap) / 2);
}

/**
 * The till's one sync worker: pull (central → cache), push (outbox → central), pairing and
 * status. Pull and push run independently, each one request at a time; both need the data
 * dir's sync lock, so a second process on the same till stays out.
 */
export function createSyncService(options: SyncOptions) {
  const { db, settings, tokens, log } = options;
  const now = options.now ?? (() => new Date());
  const http: HttpOptions = {
    timeoutMs: options.http?.timeoutMs ?? 15_000,
    maxBodyBytes: options.http?.maxBodyBytes ?? 32 * 1024 * 1024,
    clientHeaders: () => {
      const queue = q.queue.get() as { n: number; oldest: string | null };
      return tillHeaders(appVersion(), { depth: queue.n, oldest: queue.oldest });
    },
  };
  const pageSize = options.pageSize ?? 2_000;
  const baseMs = options.backoff?.baseMs ?? 1_000;
  const maxMs = options.backoff?.maxMs ?? 60_000;
  const random = options.backoff?.random ?? Math.random;
  const lock = options.lock ?? syncLock(options.dataDir);
  const cache = createCache(db);
  const auditPush = createAuditPush(db);
  let batchSize = Math.min(options.pushBatch ?? 100, MAX_PUSH_OPS);

  let online: SyncStatus['online'] = 'unknown';
  let lastError: SyncError | null = null;
  let lastLogged = '';
  let lockedElsewhere = false;
  let stopped = false;
  let started = false;
  let pullRunning: Promise<void> | null = null;
  let pushRunning: Promise<void> | null = null;
  let pullFailures = 0;
  let pushFailures = 0;
  let pullTimer: NodeJS.Timeout | null = null;
  let pushTimer: NodeJS.Timeout | null = null;
  let intervalTimer: NodeJS.Timeout | null = null;
  /** Aborts requests in flight when the till closes. */
  const closing = new AbortController();
  /** The batch sent last and not answered: sent again, identical, until it is. */
  let inFlight: { rows: OutboxRow[]; ops: unknown[] } | null = null;
  /** A sale central took since the last pull: it changed her carts, so pull at once, not at the next tick. */
  let saleApplied = false;

  const q = {
    pending: db.prepare(`SELECT seq, op_id, op_type, entity_id, payload FROM outbox WHERE status = 'pending' ORDER BY seq LIMIT ?`),
    done: db.prepare(`UPDATE outbox SET status = 'done', done_at = ?, attempts = attempts + 1, last_error = NULL WHERE op_id = ? AND status = 'pending'`),
    rejected: db.prepare(
      `UPDATE outbox SET status = 'rejected', reject_reason = ?, last_error = ?, done_at = ?, attempts = attempts + 1 WHERE op_id = ? AND status = 'pending'`,
    ),
    failed: db.prepare(`UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE op_id = ? AND status = 'pending'`),
    queue: db.prepare(`SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM outbox WHERE status = 'pending'`),
    rejectedCount: db.prepare(`SELECT COUNT(*) FROM outbox WHERE status = 'rejected'`).pluck(),
    rejectedList: db.prepare(
      `SELECT op_id, op_type, entity_id, reject_reason, last_error, created_at FROM outbox WHERE status = 'rejected' ORDER BY seq DESC LIMIT 50`,
    ),
    openSale: db.prepare(`SELECT id FROM sales WHERE status = 'open'`).pluck(),
    moveOpenSale: db.prepare(`UPDATE sales SET till_id = ?, store_id = ? WHERE status = 'open'`),
    favouriteSkus: db.prepare('SELECT sku FROM favourites WHERE customer_id = ?').pluck(),
  };

  const paired = (): boolean => readSyncState(db).centralUrl !== null && tokens.read() !== null;

  function setOnline(next: 'online' | 'offline', reason?: string): void {
    if (online === next) return;
    const was = online;
    online = next;
    if (next === 'offline') log.warn?.({ reason }, 'central unreachable: the till works offline');
    else if (was === 'offline') log.info?.({}, 'central reachable again');
  }

  function recordError(direction: 'pull' | 'push', code: ErrorCode, params: ErrorParams, detail: string): void {
    lastError = { code, message: errorMessage(options.language, code, params), params, direction, at: now().toISOString() };
    // One line per new kind of trouble, not one per retry.
    const key = `${direction}:${code}`;
    if (key !== lastLogged) {
      lastLogged = key;
      if (code !== 'SYNC_CENTRAL_UNREACHABLE' && code !== 'SYNC_TIMEOUT') log.warn?.({ direction, code, detail }, 'sync failed; retrying with backoff');
    }
  }

  function clearError(direction: 'pull' | 'push'): void {
    if (lastError?.direction === direction) lastError = null;
    if (lastLogged.startsWith(`${direction}:`)) lastLogged = '';
  }

  function fail(direction: 'pull' | 'push', e: unknown): void {
    if (e instanceof SyncFailure) {
      if (e.kind === 'network' || e.kind === 'timeout') setOnline('offline', e.message);
      else setOnline('online');
      recordError(direction, FAILURE_CODES[e.kind], e.status ? { status: e.status } : {}, e.message);
      return;
    }
    if (e instanceof PageInvalid) {
      setOnline('online');
      recordError(direction, 'SYNC_BAD_RESPONSE', {}, e.message);
      return;
    }
    if (e instanceof TillError) {
      recordError(direction, e.code, e.params, e.message);
      return;
    }
    log.error({ direction, err: e instanceof Error ? { message: e.message, stack: e.stack } : String(e) }, 'sync failed unexpectedly');
    recordError(direction, 'INTERNAL', {}, String(e));
  }

  /** The token and URL for a request, and the lock; throws when this process must not sync. */
  function credentials(): { base: string; token: string } {
    const state = readSyncState(db);
    const token = tokens.read();
    if (!state.centralUrl || !token) throw new TillError('SYNC_NOT_PAIRED');
    if (!lock.acquire()) {
      lockedElsewhere = true;
      throw new TillError('SYNC_LOCKED');
    }
    lockedElsewhere = false;
    return { base: state.centralUrl, token };
  }

  const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

  /**
   * A pull page and its cursor in one transaction, committed with synchronous=NORMAL: in WAL
   * mode a power cut can then lose the last pages, never corrupt the file, and a lost page
   * loses its cursor with it, so it is fetched again. Sales commit with FULL on this same
   * connection (which also makes every earlier page durable), so FULL is back before anything
   * else can run: the transaction is synchronous and nothing interleaves with it.
   */
  function pageTransaction<T>(fn: () => T): T {
    db.pragma('synchronous = NORMAL');
    try {
      return db.transaction(fn)();
    } finally {
      db.pragma('synchronous = FULL');
    }
  }

  /** A request for one pull page, abortable on its own (a page asked for ahead and not needed). */
  interface PageRequest {
    readonly cursor: string | null;
    readonly gen: number;
    readonly answer: Promise<HttpAnswer>;
    readonly abort: () => void;
  }

  /** Pulls page after page until central has nothing more; each page with its cursor in one transaction. */
  async function pullToEnd(): Promise<void> {
    const { base, token } = credentials();
    cache.repairSearchMap();
    if (!readSyncState(db).resync) writeSyncState(db, { pulledRows: 0 });
    const request = (cursor: string | null, gen: number): PageRequest => {
      const url = endpoint(base, `/v1/sync/pull?limit=${pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      const own = new AbortController();
      const answer = requestJson(url, { method: 'GET', token, signal: AbortSignal.any([closing.signal, own.signal]) }, http);
      // Awaited later or dropped: a failure of a dropped request must not surface as unhandled.
      answer.catch(() => undefined);
      return { cursor, gen, answer, abort: () => own.abort() };
    };
    // The next page, asked for before this one is applied so that central builds it and the
    // network carries it while this page is written. Used only if the state it was asked for
    // (cursor and generation) is still the state when its turn comes; dropped otherwise.
    let ahead: PageRequest | null = null;
    try {
      for (;;) {
        if (stopped) return;
        const before = readSyncState(db);
        const current: PageRequest = ahead !== null && ahead.cursor === before.cursor && ahead.gen === before.gen ? ahead : request(before.cursor, before.gen);
        if (ahead !== current) ahead?.abort();
        ahead = null;
        const answer = await current.answer;
        setOnline('online');
        if (stopped) return;
        if (answer.status === 409) {
          const reset = ResyncRequired.safeParse(answer.json);
          if (!reset.success || before.cursor === null) throw new SyncFailure('bad_response', 'central asked for a resync the till cannot act on', 409);
          // Central was restored or reset: refetch everything under a new generation. The old rows
          // stay usable (the till keeps selling) until the full pull completes and sweeps them.
          log.warn?.({ epoch: reset.data.epoch }, 'central asks for a full resync');
          writeSyncState(db, { cursor: null, epoch: reset.data.epoch, gen: before.gen + 1, resync: true, pulledRows: 0, pullTotal: null });
          continue;
        }
        if (answer.status !== 200) throw failureFor(answer);
        const protocol = Number(answer.headers.get(SYNC_PROTOCOL_HEADER) ?? NaN);
        const page = checkPage(answer.json);
        if (page.hasMore) ahead = request(page.cursor, before.gen);
        const at = now().toISOString();
        let policy: Partial<TillSettings> = {};
        const applied = pageTransaction(() => {
          const current = readSyncState(db);
          // Someone (a resync, an unpair) moved the state while this page was on its way: drop it.
          if (current.cursor !== before.cursor || current.gen !== before.gen) return false;
          cache.apply(page.changes, current.gen, { storeId: settings.storeId, currency: settings.currency }, at);
          if (page.storeRefused !== null) auditRefusedPolicy(db, settings, at, page.storeRefused);
          if (page.store !== null && page.store.id === settings.storeId) policy = applyStorePolicy(db, settings, page.store, at, 'pull');
          if (page.scanKeys) writeScanKeys(db, page.scanKeys);
          const skipped = { ...current.skipped };
          for (const [entity, n] of Object.entries(page.skipped)) skipped[entity] = (skipped[entity] ?? 0) + n;
          const newer = Number.isInteger(protocol) && protocol > SYNC_PROTOCOL_VERSION;
          writeSyncState(db, {
            cursor: page.cursor,
            epoch: page.epoch,
            pulledRows: current.pulledRows + page.size,
            ...(page.estimatedTotal !== undefined ? { pullTotal: page.estimatedTotal } : {}),
            skipped,
            ...(Number.isInteger(protocol) ? { centralProtocol: protocol } : {}),
            needsUpdate: newer || Object.keys(skipped).length > 0,
          });
          return true;
        });
        if (!applied) continue;
        // What the screens and the backend read, once the page is committed.
        if (Object.keys(policy).length > 0) {
          Object.assign(settings, policy);
          options.onStorePolicy?.();
        }
        if (page.storeRefused !== null) log.warn?.({ reason: page.storeRefused }, 'the store policy central sent was refused: the policy in force stays');
        if (!page.hasMore) {
          const state = readSyncState(db);
          if (state.resync) {
            const removed = await sweep(db, cache, state.gen, 5_000, pause);
            if (removed > 0) log.info?.({ removed }, 'full sync done: rows central no longer has were removed');
            if (readSyncState(db).gen === state.gen) writeSyncState(db, { resync: false });
          }
          writeSyncState(db, { lastPullAt: now().toISOString() });
          return;
        }
        // Between pages the event loop serves the cashier: no page holds the database for long.
        await pause();
      }
    } finally {
      (ahead as PageRequest | null)?.abort();
    }
  }

  function opOf(row: OutboxRow): unknown {
    return { opId: row.op_id, type: row.op_type, payload: JSON.parse(row.payload) as unknown };
  }

  /** Pushes the outbox in order until it is empty; a failed batch is sent again, identical. */
  async function pushToEnd(): Promise<void> {
    const { base, token } = credentials();
    for (;;) {
      if (stopped) return;
      if (!inFlight) {
        const rows = q.pending.all(batchSize) as OutboxRow[];
        if (rows.length === 0) return pushAuditToEnd(base, token);
        inFlight = { rows, ops: rows.map(opOf) };
      }
      const batch = inFlight;
      let answer;
      try {
        answer = await requestJson(endpoint(base, '/v1/sync/push'), { method: 'POST', token, body: { ops: batch.ops }, signal: closing.signal }, http);
      } catch (e) {
        db.transaction(() => batch.rows.forEach((r) => q.failed.run(e instanceof Error ? e.message.slice(0, 300) : 'failed', r.op_id)))();
        throw e;
      }
      if (stopped) return;
      setOnline('online');
      if (answer.status === 413) {
        inFlight = null;
        if (batch.rows.length > 1) {
          batchSize = Math.max(1, Math.floor(batch.rows.length / 2));
          continue;
        }
        // One op central will never take: acknowledged as rejected so it cannot block the queue.
        const row = batch.rows[0] as OutboxRow;
        q.rejected.run('too_large', 'central refuses this op as too large', now().toISOString(), row.op_id);
        continue;
      }
      if (answer.status !== 200) throw failureFor(answer);
      const parsed = PushResponse.safeParse(answer.json);
      if (!parsed.success || parsed.data.results.length !== batch.rows.length) {
        throw new SyncFailure('bad_response', 'the push answer does not match the batch sent');
      }
      const results = parsed.data.results;
      results.forEach((r: PushOpResult, i) => {
        if (r.opId !== null && r.opId !== (batch.rows[i] as OutboxRow).op_id) throw new SyncFailure('bad_response', 'the push answer is for other ops');
      });
      const at = now().toISOString();
      db.transaction(() => {
        results.forEach((r, i) => {
          const row = batch.rows[i] as OutboxRow;
          if (r.status === 'rejected') {
            q.rejected.run(r.reason, r.detail.slice(0, 1_000), at, row.op_id);
            log.warn?.({ opId: row.op_id, type: row.op_type, reason: r.reason }, 'central rejected an op: shown to the manager');
          } else {
            q.done.run(at, row.op_id);
            options.onApplied?.({ type: row.op_type, entityId: row.entity_id }, r.result);
            if (row.op_type === 'sale.completed') saleApplied = true;
          }
        });
        writeSyncState(db, { lastPushAt: at });
      })();
      inFlight = null;
      if (batchSize < (options.pushBatch ?? 100)) batchSize = Math.min(options.pushBatch ?? 100, batchSize * 2);
    }
  }

  /**
   * After the outbox, the audit log, in order. A row central refuses is logged and passed: the
   * till keeps its own copy, and one bad row must not hold back the rest.
   */
  async function pushAuditToEnd(base: string, token: string): Promise<void> {
    for (;;) {
      if (stopped) return;
      const batch = auditPush.next(batchSize);
      if (!batch) return;
      const answer = await requestJson(endpoint(base, '/v1/sync/push'), { method: 'POST', token, body: { ops: batch.ops }, signal: closing.signal }, http);
      if (stopped) return;
      if (answer.status !== 200) throw failureFor(answer);
      const parsed = PushResponse.safeParse(answer.json);
      if (!parsed.success || parsed.data.results.length !== batch.ops.length) {
        throw new SyncFailure('bad_response', 'the push answer does not match the batch sent');
      }
      parsed.data.results.forEach((r, i) => {
        if (r.status === 'rejected') log.warn?.({ auditNo: batch.ops[i]?.payload.auditNo, reason: r.reason, detail: r.detail }, 'central refused an audit row');
      });
      auditPush.acknowledge(batch.through);
    }
  }

  function runPull(): Promise<void> {
    if (pullRunning) return pullRunning;
    pullRunning = (async () => {
      try {
        await pullToEnd();
        pullFailures = 0;
        clearError('pull');
      } catch (e) {
        pullFailures++;
        fail('pull', e);
        throw e;
      } finally {
        pullRunning = null;
      }
    })();
    return pullRunning;
  }

  function runPush(): Promise<void> {
    if (pushRunning) return pushRunning;
    pushRunning = (async () => {
      try {
        await pushToEnd();
        pushFailures = 0;
        clearError('push');
      } catch (e) {
        pushFailures++;
        fail('push', e);
        throw e;
      } finally {
        pushRunning = null;
      }
    })();
    return pushRunning;
  }

  const retryable = (e: unknown): boolean => !(e instanceof TillError && e.code === 'SYNC_NOT_PAIRED') && !(e instanceof SyncFailure && e.kind === 'unauthorized');

  function schedulePull(delayMs: number): void {
    if (stopped || !started) return;
    if (pullTimer) clearTimeout(pullTimer);
    pullTimer = setTimeout(() => {
      pullTimer = null;
      runPull().then(
        () => undefined,
        (e: unknown) => {
          if (retryable(e)) schedulePull(backoffDelay(pullFailures, baseMs, maxMs, random));
        },
      );
    }, delayMs);
    pullTimer.unref();
  }

  function schedulePush(delayMs: number): void {
    if (stopped || !started) return;
    if (pushTimer) return;
    pushTimer = setTimeout(() => {
      pushTimer = null;
      runPush().then(
        () => {
          // A sale completed while the last batch was on its way.
          if ((q.pending.all(1) as OutboxRow[]).length > 0) schedulePush(0);
          if (saleApplied) {
            saleApplied = false;
            schedulePull(0);
          }
        },
        (e: unknown) => {
          if (retryable(e)) schedulePush(backoffDelay(pushFailures, baseMs, maxMs, random));
        },
      );
    }, delayMs);
    pushTimer.unref();
  }

  function status(): SyncStatus {
    const state = readSyncState(db);
    const queue = q.queue.get() as { n: number; oldest: string | null };
    const rejected = q.rejectedList.all() as { op_id: string; op_type: string; entity_id: string; reject_reason: string | null; last_error: string | null; created_at: string }[];
    return {
      paired: paired(),
      centralUrl: state.centralUrl,
      demoCentral: state.demoCentral,
      online,
      lockedElsewhere,
      lastPullAt: state.lastPullAt,
      lastPushAt: state.lastPushAt,
      lastError,
      queued: queue.n,
      oldestQueuedAt: queue.oldest,
      oldestQueuedAgeSeconds: queue.oldest ? Math.max(0, Math.round((now().getTime() - Date.parse(queue.oldest)) / 1000)) : null,
      rejectedCount: q.rejectedCount.get() as number,
      rejected: rejected.map((r) => ({
        opId: r.op_id,
        opType: r.op_type,
        entityId: r.entity_id,
        reason: r.reject_reason ?? 'invalid',
        detail: r.last_error ?? '',
        createdAt: r.created_at,
      })),
      pull: { running: pullRunning !== null, fullSync: state.resync, rowsDone: state.pulledRows, estimatedTotal: state.resync ? state.pullTotal : null },
      skippedUnknown: state.skipped,
      needsUpdate: state.needsUpdate,
    };
  }

  async function pair(input: { centralUrl: string; pairingCode: string; demo?: boolean }): Promise<SyncStatus> {
    let url: URL;
    try {
      url = new URL(input.centralUrl);
    } catch {
      throw new TillError('SYNC_URL_INVALID');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TillError('SYNC_URL_INVALID');
    // The device token travels on every request: only https, or plain http to this machine itself.
    if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) throw new TillError('SYNC_URL_INSECURE');
    // Re-pairing would silently move the till (and its queued sales) to another central.
    if (paired()) throw new TillError('SYNC_ALREADY_PAIRED');
    const base = url.toString().replace(/\/+$/, '');
    let answer;
    try {
      answer = await requestJson(
        endpoint(base, '/v1/devices/pair'),
        { method: 'POST', body: { pairingCode: input.pairingCode, deviceName: `${settings.tillId} on ${hostname()}`.slice(0, 100) } },
        http,
      );
    } catch (e) {
      if (e instanceof SyncFailure && (e.kind === 'network' || e.kind === 'timeout')) throw new TillError('SYNC_CENTRAL_UNREACHABLE');
      throw new TillError('SYNC_BAD_RESPONSE');
    }
    if (answer.status !== 201) {
      const f = failureFor(answer);
      if (f.code === 'PAIRING_CODE_INVALID' || f.code === 'INPUT_INVALID') throw new TillError('SYNC_PAIRING_CODE_INVALID');
      throw new TillError('SYNC_CENTRAL_ERROR', { status: answer.status });
    }
    const reply = PairReply.safeParse(answer.json);
    if (!reply.success) throw new TillError('SYNC_BAD_RESPONSE');
    const { tillId, storeId, store, token, deviceId } = reply.data;
    const patch: Partial<TillSettings> = { tillId, storeId };
    if (store) {
      patch.storeName = store.name;
      const country = z.enum(COUNTRIES).safeParse(store.country);
      const currency = z.enum(CURRENCIES).safeParse(store.currency);
      if (country.success) {
        patch.country = country.data;
        patch.timeZone = TIME_ZONES[country.data];
      }
      if (currency.success) patch.currency = currency.data;
    }
    const policy = StoreDoc.safeParse(store);
    inFlight = null;
    tokens.write(token);
    db.transaction(() => {
      writeSettings(db, patch);
      if (policy.success) Object.assign(patch, applyStorePolicy(db, { ...settings, ...patch }, policy.data, now().toISOString(), 'pair'));
      // A sale in progress carries on under the till's new identity.
      if (q.openSale.get() !== undefined) q.moveOpenSale.run(tillId, storeId);
      const state = readSyncState(db);
      writeSyncState(db, {
        centralUrl: base,
        deviceId,
        pairedAt: now().toISOString(),
        demoCentral: input.demo === true,
        cursor: null,
        epoch: null,
        gen: state.gen + 1,
        resync: true,
        pulledRows: 0,
        pullTotal: null,
        needsUpdate: false,
        skipped: {},
      });
    })();
    Object.assign(settings, patch);
    lastError = null;
    log.info?.({ centralUrl: base, tillId, storeId, deviceId }, 'till paired with central');
    if (started) {
      schedulePull(0);
      schedulePush(0);
    }
    return status();
  }

  function unpair(): SyncStatus {
    tokens.clear();
    inFlight = null;
    writeSyncState(db, { centralUrl: null, deviceId: null, pairedAt: null, demoCentral: false });
    lastError = null;
    online = 'unknown';
    lock.release();
    log.info?.({}, 'till unpaired: device token wiped');
    return status();
  }

  return {
    status,
    /** Whether central answered the last request (cheap: no database read), for promo codes that need it. */
    isOnline: (): boolean => online === 'online',
    pair,
    unpair,
    /** Begins background sync: pull now and on a timer, push whatever is queued. */
    start(): void {
      if (started || stopped) return;
      started = true;
      if (!paired()) return void (intervalTimer = setInterval(tick, options.pullIntervalMs ?? 60_000).unref());
      schedulePull(0);
      schedulePush(0);
      intervalTimer = setInterval(tick, options.pullIntervalMs ?? 60_000);
      intervalTimer.unref();
    },
    /** "Sync now": both directions as soon as possible; answers at once with the status. */
    now(): SyncStatus {
      if (!paired()) throw new TillError('SYNC_NOT_PAIRED');
      if (!started) {
        void runPull().catch(() => undefined);
        void runPush().catch(() => undefined);
      } else {
        schedulePull(0);
        if (pushTimer) {
          clearTimeout(pushTimer);
          pushTimer = null;
        }
        schedulePush(0);
      }
      return status();
    },
    /**
     * One customer straight from central, for the customer panel: her document, carts,
     * favourites and latest online orders go into the cache as a pull would write them, so what the cashier sees and what
     * she then moves into the sale agree. Null when central cannot answer within `timeoutMs`
     * (not paired, offline, slow, a bad answer): the cache answers alone.
     */
    async refreshCustomer(target: { readonly phone: string } | { readonly customerId: string }, cashier: string, timeoutMs: number): Promise<{ customerId: string | null } | null> {
      const state = readSyncState(db);
      const token = tokens.read();
      if (!state.centralUrl || !token || stopped) return null;
      const who = 'phone' in target ? `phone=${encodeURIComponent(target.phone)}` : `customerId=${encodeURIComponent(target.customerId)}`;
      const url = endpoint(state.centralUrl, `/v1/customers/lookup?${who}&cashier=${encodeURIComponent(cashier)}`);
      let answer: HttpAnswer;
      try {
        answer = await requestJson(url, { method: 'GET', token, signal: AbortSignal.any([closing.signal, AbortSignal.timeout(timeoutMs)]) }, { ...http, timeoutMs });
      } catch {
        return null;
      }
      if (answer.status === 404) return { customerId: null };
      const profile = answer.status === 200 ? LiveCustomerDoc.safeParse(answer.json) : null;
      if (!profile?.success) return null;
      const { customer, carts, favourites, onlineOrders = [] } = profile.data;
      const id = customer.id;
      const held = q.favouriteSkus.all(id) as string[];
      const changes: Change[] = [
        { entity: 'customer', key: id, op: 'upsert', data: customer },
        ...ONLINE_CHANNELS.map((channel): Change => {
          const cart = carts.find((c) => c.channel === channel && c.customerId === id);
          return cart ? { entity: 'cart', key: `${id}/${channel}`, op: 'upsert', data: cart } : { entity: 'cart', key: `${id}/${channel}`, op: 'delete', data: null };
        }),
        ...favourites.filter((f) => f.customerId === id).map((f): Change => ({ entity: 'favourite', key: `${id}/${f.sku}`, op: 'upsert', data: f })),
        ...held.filter((sku) => !favourites.some((f) => f.sku === sku)).map((sku): Change => ({ entity: 'favourite', key: `${id}/${sku}`, op: 'delete', data: null })),
        // Her latest orders only: older ones the cache holds stay; an order central removes leaves by the pull.
        ...onlineOrders.filter((o) => o.customerId === id).map((o): Change => ({ entity: 'online_order', key: o.id, op: 'upsert', data: o })),
      ];
      db.transaction(() => cache.apply(changes, readSyncState(db).gen, { storeId: settings.storeId, currency: settings.currency }, now().toISOString()))();
      return { customerId: id };
    },
    /**
     * One small request to central for another feature (a promo code's hold), with the device
     * token and a short timeout; null when the till is not paired or central does not answer.
     */
    async postToCentral(path: string, body: unknown, timeoutMs: number): Promise<{ status: number; json: unknown } | null> {
      const state = readSyncState(db);
      const token = tokens.read();
      if (!state.centralUrl || !token || stopped) return null;
      try {
        const answer = await requestJson(endpoint(state.centralUrl, path), { method: 'POST', token, body, signal: AbortSignal.any([closing.signal, AbortSignal.timeout(timeoutMs)]) }, { ...http, timeoutMs });
        return { status: answer.status, json: answer.json };
      } catch {
        return null;
      }
    },
    /** The cheap hook after a completed sale: push soon. */
    saleCompleted(): void {
      schedulePush(options.pushDelayMs ?? 250);
    },
    /** One pull to the end and one push to the end; resolves with what failed (tests, tools). */
    async syncOnce(): Promise<{ pull: SyncError | null; push: SyncError | null }> {
      const outcome = { pull: null as SyncError | null, push: null as SyncError | null };
      await runPull().catch(() => (outcome.pull = lastError));
      await runPush().catch(() => (outcome.push = lastError));
      return outcome;
    },
    pullOnce: () => runPull(),
    pushOnce: () => runPush(),
    /** Stops timers, waits for the request in hand, releases the lock. */
    async stop(): Promise<void> {
      stopped = true;
      for (const t of [pullTimer, pushTimer]) if (t) clearTimeout(t);
      if (intervalTimer) clearInterval(intervalTimer);
      closing.abort();
      await Promise.allSettled([pullRunning, pushRunning]);
      lock.release();
    },
  };

  function tick(): void {
    if (!paired()) return;
    schedulePull(0);
    schedulePush(0);
  }
}

export type SyncService = ReturnType<typeof createSyncService>;

/** 127.0.0.0/8, ::1 and localhost: the only hosts a till talks to in plain http. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}
