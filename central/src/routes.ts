import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ApiError } from './errors.js';
import type { ConsoleArea, ConsoleRole } from '../../core/console/roles.js';

/** Who is calling, as their credential proves. */
export type Caller =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'admin' }
  | { readonly kind: 'channel'; readonly clientId: string; readonly channels: readonly string[] }
  | { readonly kind: 'till'; readonly deviceId: string; readonly tillId: string; readonly storeId: string }
  | {
      readonly kind: 'user';
      readonly userId: string;
      readonly role: ConsoleRole;
      /** A store manager's stores; empty for the chain-wide roles. */
      readonly storeIds: readonly string[];
      readonly csrfToken: string;
    };

/** `console`: a person signed in to the web console (session cookie, CSRF token on changes). */
export type AuthKind = 'none' | 'admin' | 'channel' | 'till' | 'console';

export interface RateLimit {
  readonly max: number;
  readonly timeWindow: string;
}

/**
 * One route, described once: Fastify serves it from this, zod validates its input, and the
 * OpenAPI document is generated from the same schemas, so the document cannot drift.
 */
export interface RouteSpec<B extends z.ZodType, Q extends z.ZodType, P extends z.ZodType> {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  readonly url: string;
  readonly auth: AuthKind;
  readonly tag: 'channel' | 'till' | 'admin' | 'service' | 'console';
  /** For `console` routes: the area whose roles may call it (none: every signed-in person). */
  readonly area?: ConsoleArea;
  readonly summary: string;
  readonly body?: B;
  /** Set when the body is not JSON (CSV import). */
  readonly bodyType?: 'text/csv';
  readonly query?: Q;
  readonly params?: P;
  readonly response?: z.ZodType;
  readonly responseType?: 'application/json' | 'text/csv' | 'image/png' | 'image/svg+xml';
  readonly successStatus?: 200 | 201 | 204;
  readonly bodyLimit?: number;
  readonly rateLimit?: RateLimit;
  readonly handler: (input: {
    body: z.infer<B>;
    query: z.infer<Q>;
    params: z.infer<P>;
    caller: Caller;
    request: FastifyRequest;
    reply: FastifyReply;
  }) => Promise<unknown>;
}

export type AnyRoute = RouteSpec<z.ZodType, z.ZodType, z.ZodType>;

export function route<B extends z.ZodType = z.ZodUndefined, Q extends z.ZodType = z.ZodUndefined, P extends z.ZodType = z.ZodUndefined>(
  spec: RouteSpec<B, Q, P>,
): AnyRoute {
  return spec as unknown as AnyRoute;
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new ApiError('INPUT_INVALID', `invalid ${where}: ${z.prettifyError(r.error)}`, r.error.issues.slice(0, 20));
  }
  return r.data;
}

const callers = new WeakMap<FastifyRequest, Caller>();

/** Who the request's credential proved it is, once its route authenticated it. */
export function callerOf(request: FastifyRequest): Caller | undefined {
  return callers.get(request);
}

/** The rate-limit key: the verified identity, else the client's address (never the raw credential). */
export function rateLimitKey(request: FastifyRequest): string {
  const caller = callers.get(request);
  switch (caller?.kind) {
    case 'admin':
      return 'admin';
    case 'channel':
      return `channel:${caller.clientId}`;
    case 'till':
      return `device:${caller.deviceId}`;
    case 'user':
      return `user:${caller.userId}`;
    default:
      return `ip:${request.ip}`;
  }
}

export function register(
  app: FastifyInstance,
  spec: AnyRoute,
  authenticate: (request: FastifyRequest, spec: AnyRoute) => Promise<Caller>,
): void {
  app.route({
    method: spec.method,
    url: spec.url,
    ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
    config: spec.rateLimit ? { rateLimit: spec.rateLimit } : {},
    // Credentials are checked before the body is read (onRequest runs before parsing), so an
    // unauthenticated caller cannot make central read a large body; the rate limiter (which
    // runs after this hook) then keys on the verified identity.
    onRequest: async (request) => {
      callers.set(request, await authenticate(request, spec));
    },
    handler: async (request, reply) => {
      const caller = callers.get(request) ?? (await authenticate(request, spec));
      const body = parse(spec.body, request.body, 'body');
      const query = parse(spec.query, request.query, 'query');
      const params = parse(spec.params, request.params, 'path');
      const result = await spec.handler({ body, query, params, caller, request, reply });
      if (reply.sent) return reply;
      reply.code(spec.successStatus ?? 200);
      return spec.successStatus === 204 ? reply.send() : reply.send(result);
    },
  });
}

const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const s = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete s.$schema;
  return s;
}

/** OpenAPI 3.1 (whose schemas are JSON Schema 2020-12, what zod emits). */
export function openApiDocument(routes: readonly AnyRoute[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.url.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [['path', r.params], ['query', r.query]] as const) {
      if (!schema) continue;
      const s = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, prop] of Object.entries(s.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (s.required ?? []).includes(name), schema: prop });
      }
    }
    const status = String(r.successStatus ?? 200);
    const responseType = r.responseType ?? 'application/json';
    const success =
      status === '204'
        ? { description: 'done' }
        : {
            description: 'success',
            content: {
              [responseType]: {
                schema: responseType === 'application/json' && r.response ? jsonSchema(r.response, 'output') : responseType === 'image/png' ? { type: 'string', contentMediaType: 'image/png' } : responseType === 'image/svg+xml' || responseType === 'text/csv' ? { type: 'string' } : {},
              },
            },
          };
    const errorResponse = { description: 'error', content: { 'application/json': { schema: jsonSchema(ErrorBody, 'output') } } };
    paths[path] ??= {};
    (paths[path] as Record<string, unknown>)[r.method.toLowerCase()] = {
      summary: r.summary,
      tags: [r.tag],
      operationId: `${r.method.toLowerCase()}${path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
      ...(r.auth === 'none' ? { security: [] } : { security: [{ [r.auth]: [] }] }),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(r.body
        ? { requestBody: { required: true, content: { [r.bodyType ?? 'application/json']: { schema: jsonSchema(r.body, 'input') } } } }
        : {}),
      responses: { [status]: success, '4XX': errorResponse, '5XX': errorResponse },
    };
  }
  const bearer = (description: string) => ({ type: 'http', scheme: 'bearer', description });
  return {
    openapi: '3.1.0',
    info: { title: 'Omnitill Central Profile API', version },
    paths,
    components: {
      securitySchemes: {
        admin: bearer('the admin API key (ADMIN_API_KEY)'),
        channel: bearer('a channel client key issued by an admin'),
        till: bearer('a device token a till received at pairing'),
        console: {
          type: 'apiKey',
          in: 'cookie',
          name: 'omnitill_console',
          description: 'a console session (sign in at POST /console/api/session); changes also send the X-CSRF-Token the session answered',
        },
      },
    },
  };
}
