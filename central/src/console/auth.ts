import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { mayOpen } from '../../../core/console/roles.js';
import type { Queryable } from '../db.js';
import { ApiError } from '../errors.js';
import type { AnyRoute, Caller } from '../routes.js';
import { CSRF_HEADER, sessionToken, sessionUser, type SessionPolicy } from './sessions.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A request that changes something must come from the console's own pages: an Origin header, when
 * the browser sends one, names this very host. Holds for sign-in too (no signing a person in to
 * someone else's account from another site).
 */
export function checkOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  // Hosts compared as URLs parse them, so a default port written or left out reads the same.
  const hostOf = (url: string) => {
    try {
      return new URL(url).host;
    } catch {
      return '';
    }
  };
  const host = hostOf(origin);
  const own = request.headers.host ?? '';
  if (host === '' || (host !== hostOf(`http://${own}`) && host !== hostOf(`https://${own}`))) throw new ApiError('CSRF_INVALID', 'this request did not come from the console page');
}

/** The person behind the session cookie, allowed into the route's area, with the page's CSRF token on changes. */
export async function authenticateConsole(q: Queryable, request: FastifyRequest, spec: AnyRoute, policy: SessionPolicy): Promise<Caller> {
  const token = sessionToken(request.headers.cookie);
  const user = token ? await sessionUser(q, token, policy) : null;
  if (!user) throw new ApiError('UNAUTHENTICATED', 'sign in to the console (the session has ended or never began)');
  if (!SAFE_METHODS.has(request.method)) {
    checkOrigin(request);
    const given = request.headers[CSRF_HEADER];
    if (typeof given !== 'string' || !sameText(given, user.csrfToken)) {
      throw new ApiError('CSRF_INVALID', 'this request did not carry the page’s CSRF token: reload the console');
    }
  }
  if (spec.area && !mayOpen(user.role, spec.area)) throw new ApiError('FORBIDDEN', `your role (${user.role}) may not open ${spec.area}`);
  return { kind: 'user', userId: user.userId, role: user.role, storeIds: user.storeIds, csrfToken: user.csrfToken };
}

/** The signed-in person a console route was called by (its auth already proved there is one). */
export function consoleUser(caller: Caller): Extract<Caller, { kind: 'user' }> {
  if (caller.kind !== 'user') throw new ApiError('UNAUTHENTICATED', 'sign in to the console');
  return caller;
}

/** A store manager reads their own stores only; the chain-wide roles read any. */
export function storeScope(caller: Caller): readonly string[] | null {
  if (caller.kind !== 'user' || caller.role !== 'store_manager') return null;
  return caller.storeIds;
}

export function assertStoreAllowed(caller: Caller, storeId: string): void {
  const scope = storeScope(caller);
  if (scope && !scope.includes(storeId)) throw new ApiError('FORBIDDEN', 'you manage other stores: this store’s data is not yours to read');
}
