import type { ConsoleErrorCode } from '../../../core/console/i18n.js';
import type { ConsoleRole } from '../../../core/console/roles.js';

/** Talks to central's console API on the same origin: the session cookie rides along, changes send the CSRF token. */
export interface Me {
  readonly user: { id: string; email: string; name: string; role: ConsoleRole; storeIds: string[] };
  readonly stores: { id: string; name: string; country: string; currency: string }[];
  readonly csrfToken: string;
}

const KNOWN: readonly string[] = [
  'UNAUTHENTICATED',
  'SIGN_IN_FAILED',
  'FORBIDDEN',
  'CSRF_INVALID',
  'RATE_LIMITED',
  'INPUT_INVALID',
  'NOT_FOUND',
  'PHONE_INVALID',
  'RANGE_INVALID',
  'RANGE_TOO_LONG',
  'NETWORK',
  'INTERNAL',
];

/** An answer that was not a success, with the code the page translates. */
export class ConsoleApiError extends Error {
  constructor(
    readonly code: ConsoleErrorCode,
    readonly status: number,
    /** For INPUT_INVALID: what central refused, each with the path of the field. */
    readonly details: readonly { path?: readonly (string | number)[] }[] = [],
  ) {
    super(code);
  }
}

let csrfToken = '';

export function setCsrfToken(token: string): void {
  csrfToken = token;
}

export async function api<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/console/api${path}`, {
      method,
      credentials: 'same-origin',
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch {
    throw new ConsoleApiError('NETWORK', 0);
  }
  if (response.status === 204) return undefined as T;
  const json = (await response.json().catch(() => null)) as { error?: { code?: string; details?: unknown } } | null;
  if (!response.ok) {
    const code = json?.error?.code ?? '';
    const details = Array.isArray(json?.error?.details) ? (json.error.details as { path?: (string | number)[] }[]) : [];
    throw new ConsoleApiError((KNOWN.includes(code) ? code : response.status >= 500 ? 'INTERNAL' : 'INPUT_INVALID') as ConsoleErrorCode, response.status, details);
  }
  return json as T;
}

export const errorCode = (e: unknown): ConsoleErrorCode => (e instanceof ConsoleApiError ? e.code : 'INTERNAL');
