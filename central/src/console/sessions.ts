import { randomBytes } from 'node:crypto';
import type { ConsoleRole } from '../../../core/console/roles.js';
import type { Queryable } from '../db.js';
import { hashSecret } from '../secrets.js';

/**
 * Console sessions: a random token in an HTTP-only, SameSite=Strict cookie; the database keeps
 * its hash, the CSRF token the page must echo on every change, and two clocks — idle (since the
 * last request) and absolute (since sign-in). Either one running out ends the session.
 */
export const SESSION_COOKIE = 'omnitill_console';
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionPolicy {
  readonly idleMinutes: number;
  readonly maxHours: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { idleMinutes: 30, maxHours: 12 };

export interface SessionUser {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly role: ConsoleRole;
  /** The stores a store manager manages; empty for the chain-wide roles. */
  readonly storeIds: readonly string[];
  readonly csrfToken: string;
}

export async function createSession(q: Queryable, userId: string, policy: SessionPolicy): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await q.query(
    `INSERT INTO console_sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, now() + make_interval(hours => $4))`,
    [hashSecret(token), userId, csrfToken, policy.maxHours],
  );
  return { token, csrfToken };
}

/** The signed-in person behind a cookie, or null when the session is unknown, ended, expired or the person disabled. */
export async function sessionUser(q: Queryable, token: string, policy: SessionPolicy): Promise<SessionUser | null> {
  const { rows } = await q.query<{ user_id: string; email: string; name: string; role: ConsoleRole; store_ids: string[]; csrf_token: string }>(
    `UPDATE console_sessions s SET last_seen_at = now()
     FROM console_users u
     WHERE s.token_hash = $1 AND u.id = s.user_id AND s.ended_at IS NULL AND u.disabled_at IS NULL
       AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(mins => $2)
     RETURNING s.user_id, u.email, u.name, u.role, s.csrf_token,
       ARRAY(SELECT store_id FROM console_user_stores WHERE user_id = u.id ORDER BY store_id) AS store_ids`,
    [hashSecret(token), policy.idleMinutes],
  );
  const row = rows[0];
  if (!row) return null;
  return { userId: row.user_id, email: row.email, name: row.name, role: row.role, storeIds: row.store_ids, csrfToken: row.csrf_token };
}

export async function endSession(q: Queryable, token: string): Promise<void> {
  await q.query(`UPDATE console_sessions SET ended_at = coalesce(ended_at, now()) WHERE token_hash = $1`, [hashSecret(token)]);
}

/** The session cookie's value, from a Cookie header that may hold others. */
export function sessionToken(cookieHeader: string | undefined): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = part.slice(eq + 1).trim();
      return /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
    }
  }
  return null;
}

/** Set-Cookie for a new session (or, with a null token, one that clears it). Secure unless served over plain loopback HTTP. */
export function sessionCookie(token: string | null, secure: boolean, policy: SessionPolicy): string {
  const attributes = ['Path=/', 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : [])];
  if (token === null) return [`${SESSION_COOKIE}=`, 'Max-Age=0', ...attributes].join('; ');
  return [`${SESSION_COOKIE}=${token}`, `Max-Age=${policy.maxHours * 3600}`, ...attributes].join('; ');
}
