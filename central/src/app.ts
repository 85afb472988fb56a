import { returnRoutes } from './returns/routes.js';
import { voucherRoutes } from './vouchers/routes.js';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { Logger } from 'pino';
import type { Db } from './db.js';
import { ApiError } from './errors.js';
import { ResyncRequired } from './pull.js';
import { hashSecret, sameSecret } from './secrets.js';
import { openApiDocument, rateLimitKey, register, type AnyRoute, type AuthKind, type Caller } from './routes.js';
import { channelRoutes } from './api/channel.js';
import { onlineOrderRoutes } from './customers/orders.js';
import { tillRoutes } from './api/till.js';
import { promoRoutes } from './promo/routes.js';
import { adminRoutes } from './api/admin.js';
import { serviceRoutes } from './api/service.js';
import { authenticateConsole } from './console/auth.js';
import { consoleRoutes } from './console/routes.js';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from './console/sessions.js';
import { registerConsolePages } from './console/static.js';
import { customerConsoleRoutes } from './customers/routes.js';
import { fleetConsoleRoutes } from './fleet/routes.js';
import { storeConsoleRoutes } from './stores/routes.js';
import { analyticsConsoleRoutes } from './analytics/routes.js';
import { operationsConsoleRoutes } from './operations/console.js';
import { campaignConsoleRoutes } from './promo/console.js';
import { staffAdminRoutes } from './staff/routes.js';
import { chainScanKeysOf } from './scanSigning.js';
import { segmentConsoleRoutes } from './segments/routes.js';
import { scheduleSegmentRefresh } from './segments/schedule.js';

export const SERVICE_VERSION = '0.1.0';

export interface AppOptions {
  readonly db: Db;
  /** The admin API key; admin endpoints answer UNAUTHENTICATED to everyone when it is unset. */
  readonly adminKey: string | null;
  readonly logger: Logger | false;
  /** Requests per minute per till on customer lookup (a till serves one customer at a time). */
  readonly lookupRateLimit?: number;
  /** Pairing attempts per minute per address: a pairing code is short, so guessing must be slow. */
  readonly pairingRateLimit?: number;
  /** Console sign-in attempts per minute per address. */
  readonly signInRateLimit?: number;
  /** Where the built console pages are (`dist/console`); null serves a "not built" page. */
  readonly consoleDir?: string | null;
  readonly consoleSession?: SessionPolicy;
  /**
   * Whether central serves requests yet. While the demo chain is being seeded it answers
   * `/healthz` with the progress and every other route 503 SEEDING; unset means ready.
   */
  readonly readiness?: () => Readiness;
  /** How often every segment's members are computed again (default 15 minutes). */
  readonly segmentRefreshMinutes?: number;
}

export type Readiness = { readonly status: 'ok' } | { readonly status: 'seeding'; readonly step: string; readonly percent: number };

/** Answered while central is not ready: what a load balancer or a waiting till asks, and the console's own files. */
function servedWhileSeeding(url: string): boolean {
  const path = url.split('?')[0] as string;
  return path === '/healthz' || path === '/openapi.json' || (path.startsWith('/console/') && !path.startsWith('/console/api/'));
}

/** Default body limit; push and CSV import set their own. */
export const BODY_LIMIT = 256 * 1024;

function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const m = /^Bearer ([A-Za-z0-9_\-.~+/=]{16,200})$/.exec(header);
  return m ? (m[1] as string) : null;
}

/** Shorter admin keys are refused at start: guessable, and the bearer pattern would never match them. */
export const MIN_ADMIN_KEY_LENGTH = 32;

export class AdminKeyTooShort extends Error {
  constructor(length: number) {
    super(`ADMIN_API_KEY is ${length} characters long; it must be at least ${MIN_ADMIN_KEY_LENGTH} (for example: openssl rand -base64 33)`);
    this.name = 'AdminKeyTooShort';
  }
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  if (options.adminKey !== null && options.adminKey.length < MIN_ADMIN_KEY_LENGTH) throw new AdminKeyTooShort(options.adminKey.length);
  const { db } = options;
  const app = Fastify({
    bodyLimit: BODY_LIMIT,
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    return503OnClosing: true,
    // A malformed address (a broken percent-escape, an over-long path segment) is refused by the
    // router before any route runs: answered with a code like every other refusal.
    frameworkErrors: (error, _request, reply) => {
      void (reply as unknown as { code(n: number): { send(body: unknown): unknown } }).code(400).send({ error: { code: 'INPUT_INVALID', message: error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'a part of the address is too long' : 'the address is not valid' } });
    },
  }) as unknown as FastifyInstance;

  // The import route sets its own (large) limit; every other route keeps the small default.
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  await app.register(rateLimit, {
    global: false,
    keyGenerator: rateLimitKey,
  });

  const readiness = options.readiness ?? (() => ({ status: 'ok' }) as const);
  app.addHook('onRequest', async (request) => {
    if (readiness().status === 'ok' || servedWhileSeeding(request.url)) return;
    throw new ApiError('SEEDING', 'central is seeding its demo chain: try again in a few seconds (GET /healthz shows progress)');
  });

  const unauthenticated = () => new ApiError('UNAUTHENTICATED', 'missing or invalid credentials');

  const sessionPolicy = options.consoleSession ?? DEFAULT_SESSION_POLICY;

  async function authenticate(request: FastifyRequest, spec: AnyRoute): Promise<Caller> {
    const kind: AuthKind = spec.auth;
    if (kind === 'none') return { kind: 'anonymous' };
    if (kind === 'console') return authenticateConsole(db, request, spec, sessionPolicy);
    const token = bearer(request);
    if (!token) throw unauthenticated();
    if (kind === 'admin') {
      if (options.adminKey && sameSecret(token, options.adminKey)) return { kind: 'admin' };
      throw unauthenticated();
    }
    const hash = hashSecret(token);
    if (kind === 'channel') {
      const { rows } = await db.query<{ id: string; channels: string[] }>(
        `SELECT id, channels FROM channel_clients WHERE key_hash = $1 AND revoked_at IS NULL`,
        [hash],
      );
      if (rows[0]) return { kind: 'channel', clientId: rows[0].id, channels: rows[0].channels };
      throw unauthenticated();
    }
    const { rows } = await db.query<{ id: string; till_id: string; store_id: string }>(
      `SELECT d.id, d.till_id, t.store_id FROM device_tokens d JOIN tills t ON t.id = d.till_id
       WHERE d.token_hash = $1 AND d.revoked_at IS NULL`,
      [hash],
    );
    const device = rows[0];
    if (!device) throw unauthenticated();
    return { kind: 'till', deviceId: device.id, tillId: device.till_id, storeId: device.store_id };
  }

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof ResyncRequired) {
      return reply.code(409).send({ error: { code: error.code, message: error.message }, epoch: error.epoch });
    }
    if (error instanceof ApiError) {
      if (error.status >= 500) request.log.error({ err: error }, 'request failed');
      return reply.code(error.status).send({ error: { code: error.code, message: error.message, details: error.details } });
    }
    const status = error.statusCode ?? 500;
    const coded = (code: string, message: string) => reply.code(status).send({ error: { code, message } });
    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || (status === 400 && error instanceof SyntaxError)) {
      return coded('MALFORMED_JSON', 'the body is not valid JSON');
    }
    if (status === 413) return coded('PAYLOAD_TOO_LARGE', 'the body is larger than this endpoint accepts');
    if (status === 415) return coded('UNSUPPORTED_MEDIA_TYPE', 'send application/json (or text/csv where documented)');
    if (status === 429) return coded('RATE_LIMITED', 'too many requests: wait a minute and try again');
    if (status < 500) return coded('INPUT_INVALID', error.message);
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: { code: 'INTERNAL', message: 'internal error' } });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: { code: 'NOT_FOUND', message: 'no such endpoint' } }));

  const scanKeys = chainScanKeysOf(db);
  const routes: AnyRoute[] = [
    ...serviceRoutes(db, () => document, readiness),
    ...channelRoutes(db, scanKeys),
    ...onlineOrderRoutes(db),
    ...promoRoutes(db),
    ...tillRoutes(db, { lookupPerMinute: options.lookupRateLimit ?? 120, pairingPerMinute: options.pairingRateLimit ?? 10 }, scanKeys),
    ...adminRoutes(db),
    ...consoleRoutes(db, { policy: sessionPolicy, signInPerMinute: options.signInRateLimit ?? 10 }),
    ...customerConsoleRoutes(db),
    ...fleetConsoleRoutes(db),
    ...storeConsoleRoutes(db),
    ...analyticsConsoleRoutes(db),
    ...operationsConsoleRoutes(db),
    ...campaignConsoleRoutes(db, scanKeys),
    ...segmentConsoleRoutes(db),
    ...staffAdminRoutes(db),
    ...returnRoutes(db),
    ...voucherRoutes(db),
  ];
  const document = openApiDocument(routes, SERVICE_VERSION);
  for (const r of routes) register(app, r, authenticate);
  registerConsolePages(app, options.consoleDir ?? null);
  scheduleSegmentRefresh(app, db, options.segmentRefreshMinutes ?? 15);
  return app;
}
