import type { TestChain } from './chain.js';
import { createUser } from '../../src/console/users.js';

export const PASSWORD = 'correct horse battery staple';

export interface Session {
  readonly cookie: string;
  readonly csrf: string;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Console requests as a browser on the console page makes them: the cookie, the CSRF token on changes, the page's Origin. */
export async function consoleCall(chain: TestChain, method: Method, url: string, session: Session | null, body?: unknown, headers: Record<string, string> = {}) {
  const r = await chain.app.inject({
    method,
    url,
    headers: {
      host: 'localhost:80',
      ...(session ? { cookie: `other=1; omnitill_console=${session.cookie}` } : {}),
      ...(session && method !== 'GET' ? { 'x-csrf-token': session.csrf, origin: 'http://localhost:80' } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  let json: any;
  try {
    json = JSON.parse(r.body);
  } catch {
    json = null;
  }
  return { status: r.statusCode, json, body: r.body, headers: r.headers };
}

export async function signIn(chain: TestChain, email: string, password = PASSWORD): Promise<Session> {
  const r = await consoleCall(chain, 'POST', '/console/api/session', null, { email, password });
  if (r.status !== 200) throw new Error(`sign-in failed: ${r.status} ${r.body}`);
  const setCookie = String(r.headers['set-cookie']);
  const cookie = /omnitill_console=([^;]+)/.exec(setCookie)?.[1] as string;
  return { cookie, csrf: r.json.csrfToken };
}

/** One account per role; the store manager manages S1 only. */
export async function consoleAccounts(chain: TestChain) {
  const make = (email: string, role: 'marketer' | 'store_manager' | 'it_admin', storeIds: string[] = []) =>
    createUser(chain.db, { email, name: email.split('@')[0] as string, role, password: PASSWORD, storeIds });
  await make('it@chain.test', 'it_admin');
  await make('marketer@chain.test', 'marketer');
  await make('manager@chain.test', 'store_manager', ['S1']);
  return {
    it_admin: await signIn(chain, 'it@chain.test'),
    marketer: await signIn(chain, 'marketer@chain.test'),
    store_manager: await signIn(chain, 'manager@chain.test'),
  };
}

