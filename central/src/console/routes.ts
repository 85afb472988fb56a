import { z } from 'zod';
import { text } from '../../../core/text.js';
import { CONSOLE_ROLES } from '../../../core/console/roles.js';
import type { Db } from '../db.js';
import { ApiError } from '../errors.js';
import { route, type AnyRoute } from '../routes.js';
import { checkOrigin, consoleUser } from './auth.js';
import { verifyPassword } from './passwords.js';
import { createSession, endSession, sessionCookie, sessionToken, type SessionPolicy } from './sessions.js';
import { ConsoleUser, createUser, listUsers, NewUser, signInRecord, userById } from './users.js';

const Me = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.enum(CONSOLE_ROLES), storeIds: z.array(z.string()) }),
  stores: z.array(z.object({ id: z.string(), name: z.string(), country: z.string(), currency: z.string() })),
  csrfToken: z.string(),
});

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export interface ConsoleRouteOptions {
  readonly policy: SessionPolicy;
  readonly signInPerMinute: number;
}

async function me(db: Db, userId: string, csrfToken: string): Promise<z.infer<typeof Me>> {
  const user = await userById(db, userId);
  if (!user) throw new ApiError('UNAUTHENTICATED', 'sign in to the console');
  const { rows: stores } = await db.query<{ id: string; name: string; country: string; currency: string }>(
    `SELECT id, name, country, currency FROM stores WHERE $1::text[] = '{}' OR id = ANY ($1::text[]) ORDER BY id`,
    [user.role === 'store_manager' ? user.storeIds : []],
  );
  return { user: { id: user.id, email: user.email, name: user.name, role: user.role, storeIds: user.storeIds }, stores, csrfToken };
}

/** Signing in and out, who is signed in, and the IT admin's list of console accounts. */
export function consoleRoutes(db: Db, options: ConsoleRouteOptions): AnyRoute[] {
  return [
    route({
      method: 'POST',
      url: '/console/api/session',
      auth: 'none',
      tag: 'console',
      summary: 'Sign in to the console with e-mail and password: sets the session cookie, answers who and the CSRF token',
      body: z.object({ email: text({ min: 1, max: 254, trim: true }), password: z.string().min(1).max(1000) }).strict(),
      response: Me,
      rateLimit: { max: options.signInPerMinute, timeWindow: '1 minute' },
      handler: async ({ body, request, reply }) => {
        checkOrigin(request);
        const record = await signInRecord(db, body.email);
        const ok = await verifyPassword(body.password, record?.passwordHash ?? null);
        if (!ok || !record) throw new ApiError('SIGN_IN_FAILED', 'wrong e-mail or password');
        const { token, csrfToken } = await createSession(db, record.id, options.policy);
        const secure = request.protocol === 'https' || !LOOPBACK.has(request.hostname);
        reply.header('set-cookie', sessionCookie(token, secure, options.policy));
        return me(db, record.id, csrfToken);
      },
    }),
    route({
      method: 'GET',
      url: '/console/api/session',
      auth: 'console',
      tag: 'console',
      summary: 'Who is signed in, the stores they see and the CSRF token their changes send',
      response: Me,
      handler: async ({ caller }) => {
        const user = consoleUser(caller);
        return me(db, user.userId, user.csrfToken);
      },
    }),
    route({
      method: 'DELETE',
      url: '/console/api/session',
      auth: 'console',
      tag: 'console',
      summary: 'Sign out: ends the session and clears the cookie',
      successStatus: 204,
      handler: async ({ request, reply }) => {
        const token = sessionToken(request.headers.cookie);
        if (token) await endSession(db, token);
        const secure = request.protocol === 'https' || !LOOPBACK.has(request.hostname);
        reply.header('set-cookie', sessionCookie(null, secure, options.policy));
      },
    }),
    route({
      method: 'GET',
      url: '/console/api/users',
      auth: 'console',
      area: 'users',
      tag: 'console',
      summary: 'Console accounts (IT admin)',
      response: z.object({ users: z.array(ConsoleUser) }),
      handler: async () => ({ users: await listUsers(db) }),
    }),
    route({
      method: 'POST',
      url: '/console/api/users',
      auth: 'console',
      area: 'users',
      tag: 'console',
      summary: 'Create a console account (IT admin): marketer, store manager (with their stores) or IT admin',
      body: NewUser,
      response: ConsoleUser,
      successStatus: 201,
      handler: async ({ body }) => createUser(db, body),
    }),
  ];
}
