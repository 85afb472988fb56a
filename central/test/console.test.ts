import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allBackends } from './support/backends.js';
import { ADMIN_KEY, setUpChain, type TestChain } from './support/chain.js';
import { buildApp } from '../src/app.js';
import { createAdminCommand, CommandError } from '../src/console/cli.js';
import { hashPassword, verifyPassword } from '../src/console/passwords.js';
import { consoleAccounts, consoleCall, PASSWORD, signIn, type Session } from './support/console.js';
import { pgliteBackend } from './support/backends.js';

describe('console passwords', () => {
  it('are scrypt hashes with their own salt and parameters, and verify only the right password', async () => {
    const a = await hashPassword(PASSWORD);
    const b = await hashPassword(PASSWORD);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect(await verifyPassword(`${PASSWORD}!`, a)).toBe(false);
    expect(await verifyPassword(PASSWORD, null)).toBe(false);
    expect(await verifyPassword(PASSWORD, 'sha256$abc')).toBe(false);
    // Cheaper parameters stored with the hash still verify: they can be raised later.
    expect(await verifyPassword('x'.repeat(12), await hashPassword('x'.repeat(12), { N: 1024, r: 8, p: 1 }))).toBe(true);
  });
});

describe.each(allBackends())('console accounts and sessions on $name', (backend) => {
  let chain: TestChain;
  let it_admin: Session;

  beforeAll(async () => {
    if (!backend.available) return;
    await backend.setUp();
    chain = await setUpChain(await backend.freshDb());
    ({ it_admin } = await consoleAccounts(chain));
  });
  afterAll(async () => {
    if (!backend.available) return;
    await chain?.app.close();
    await backend.tearDown();
  });

  describe.skipIf(!backend.available)('sign-in', () => {
    it('sets an HTTP-only SameSite=Strict cookie and answers who is signed in with a CSRF token', async () => {
      const r = await consoleCall(chain, 'POST', '/console/api/session', null, { email: 'IT@chain.test', password: PASSWORD });
      expect(r.status).toBe(200);
      const cookie = String(r.headers['set-cookie']);
      expect(cookie).toMatch(/^omnitill_console=[A-Za-z0-9_-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/);
      expect(r.json.user).toMatchObject({ email: 'it@chain.test', role: 'it_admin' });
      expect(r.json.stores.map((s: { id: string }) => s.id)).toEqual(['S1', 'S2']);
      expect(r.json.csrfToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
      const me = await consoleCall(chain, 'GET', '/console/api/session', { cookie: /=([^;]+)/.exec(cookie)?.[1] as string, csrf: '' });
      expect(me.json.user.email).toBe('it@chain.test');
    });

    it('marks the cookie Secure when central is reached by a name other than loopback', async () => {
      const r = await consoleCall(chain, 'POST', '/console/api/session', null, { email: 'it@chain.test', password: PASSWORD }, { host: 'central.chain.example' });
      expect(String(r.headers['set-cookie'])).toContain('; Secure');
    });

    it('refuses a wrong password, an unknown e-mail and a malformed body alike, setting no cookie', async () => {
      for (const body of [
        { email: 'it@chain.test', password: 'wrong password!' },
        { email: 'nobody@chain.test', password: PASSWORD },
      ]) {
        const r = await consoleCall(chain, 'POST', '/console/api/session', null, body);
        expect(r.status).toBe(401);
        expect(r.json.error.code).toBe('SIGN_IN_FAILED');
        expect(r.headers['set-cookie']).toBeUndefined();
      }
      const bad = await consoleCall(chain, 'POST', '/console/api/session', null, { email: 'it@chain.test' });
      expect(bad.status).toBe(400);
      expect(bad.json.error.code).toBe('INPUT_INVALID');
    });

    it('refuses a sign-in posted from another site', async () => {
      const r = await consoleCall(chain, 'POST', '/console/api/session', null, { email: 'it@chain.test', password: PASSWORD }, { origin: 'https://evil.example' });
      expect(r.status).toBe(403);
      expect(r.json.error.code).toBe('CSRF_INVALID');
    });

    it('limits sign-in attempts per address', async () => {
      const limited = await buildApp({ db: chain.db, adminKey: ADMIN_KEY, logger: false, signInRateLimit: 3 });
      const attempt = () =>
        limited.inject({ method: 'POST', url: '/console/api/session', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: 'it@chain.test', password: 'wrong password!' }) });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await attempt()).statusCode);
      expect(statuses).toEqual([401, 401, 401, 429]);
      await limited.close();
    });
  });

  describe.skipIf(!backend.available)('CSRF', () => {
    it('refuses a change without the CSRF token, with a wrong one or from another origin; accepts it from the page', async () => {
      const body = { email: 'new.marketer@chain.test', name: 'New', role: 'marketer', password: PASSWORD };
      const none = await consoleCall(chain, 'POST', '/console/api/users', it_admin, body, { 'x-csrf-token': '' });
      expect(none.status).toBe(403);
      expect(none.json.error.code).toBe('CSRF_INVALID');
      const wrong = await consoleCall(chain, 'POST', '/console/api/users', it_admin, body, { 'x-csrf-token': 'x'.repeat(32) });
      expect(wrong.json.error.code).toBe('CSRF_INVALID');
      const cross = await consoleCall(chain, 'POST', '/console/api/users', it_admin, body, { origin: 'https://evil.example' });
      expect(cross.json.error.code).toBe('CSRF_INVALID');
      const { rows } = await chain.db.query(`SELECT 1 FROM console_users WHERE email = $1`, [body.email]);
      expect(rows).toHaveLength(0);
      const ok = await consoleCall(chain, 'POST', '/console/api/users', it_admin, body);
      expect(ok.status).toBe(201);
      expect(ok.json).toMatchObject({ email: body.email, role: 'marketer', storeIds: [] });
    });
  });

  describe.skipIf(!backend.available)('accounts', () => {
    it('refuses a duplicate e-mail, a short password and a store manager without stores, changing nothing', async () => {
      const dup = await consoleCall(chain, 'POST', '/console/api/users', it_admin, { email: 'MARKETER@chain.test', name: 'x', role: 'marketer', password: PASSWORD });
      expect(dup.json.error.code).toBe('CONFLICT');
      const short = await consoleCall(chain, 'POST', '/console/api/users', it_admin, { email: 'short@chain.test', name: 'x', role: 'marketer', password: 'short' });
      expect(short.json.error.code).toBe('INPUT_INVALID');
      const noStores = await consoleCall(chain, 'POST', '/console/api/users', it_admin, { email: 'm2@chain.test', name: 'x', role: 'store_manager', password: PASSWORD });
      expect(noStores.json.error.code).toBe('INPUT_INVALID');
      const badStore = await consoleCall(chain, 'POST', '/console/api/users', it_admin, { email: 'm3@chain.test', name: 'x', role: 'store_manager', password: PASSWORD, storeIds: ['S9'] });
      expect(badStore.json.error.code).toBe('NOT_FOUND');
      const { rows } = await chain.db.query(`SELECT email FROM console_users WHERE email IN ('short@chain.test', 'm2@chain.test', 'm3@chain.test')`);
      expect(rows).toEqual([]);
    });

    it('stores no password, only its scrypt hash', async () => {
      const { rows } = await chain.db.query<{ password_hash: string }>(`SELECT password_hash FROM console_users`);
      for (const r of rows) {
        expect(r.password_hash).toMatch(/^scrypt\$/);
        expect(r.password_hash).not.toContain(PASSWORD);
      }
    });

    it('create-admin makes the first IT admin (or resets the password, ending sessions) and refuses a bad e-mail', async () => {
      const out = await createAdminCommand(chain.db, { email: 'first@chain.test', name: 'First' });
      const password = /Password: (\S+)/.exec(out)?.[1] as string;
      expect(out).toContain('Created the console IT admin first@chain.test');
      const first = await signIn(chain, 'first@chain.test', password);
      const again = await createAdminCommand(chain.db, { email: 'first@chain.test', password: 'a new password 123' });
      expect(again).toContain('Reset');
      expect(again).not.toContain('a new password 123');
      expect((await consoleCall(chain, 'GET', '/console/api/session', first)).status).toBe(401);
      await signIn(chain, 'first@chain.test', 'a new password 123');
      await expect(createAdminCommand(chain.db, { email: 'not-an-email' })).rejects.toThrow(CommandError);
      await expect(createAdminCommand(chain.db, { email: 'x@chain.test', password: 'short' })).rejects.toThrow(CommandError);
    });
  });

  describe.skipIf(!backend.available)('session end', () => {
    it('ends after 30 idle minutes, after 12 hours whatever, on sign-out and when the account is disabled', async () => {
      const ended = async (setUp: (s: Session) => Promise<void>) => {
        const s = await signIn(chain, 'marketer@chain.test');
        expect((await consoleCall(chain, 'GET', '/console/api/session', s)).status).toBe(200);
        await setUp(s);
        const r = await consoleCall(chain, 'GET', '/console/api/session', s);
        expect(r.status).toBe(401);
        expect(r.json.error.code).toBe('UNAUTHENTICATED');
      };
      const lastOpened = `(SELECT token_hash FROM console_sessions ORDER BY created_at DESC LIMIT 1)`;
      await ended(async () => {
        await chain.db.query(`UPDATE console_sessions SET last_seen_at = now() - interval '31 minutes' WHERE token_hash = ${lastOpened}`);
      });
      await ended(async () => {
        await chain.db.query(`UPDATE console_sessions SET expires_at = now() - interval '1 second' WHERE token_hash = ${lastOpened}`);
      });
      await ended(async (s) => {
        const out = await consoleCall(chain, 'DELETE', '/console/api/session', s);
        expect(out.status).toBe(204);
        expect(String(out.headers['set-cookie'])).toContain('omnitill_console=; Max-Age=0');
      });
      await ended(async () => {
        await chain.db.query(`UPDATE console_users SET disabled_at = now() WHERE email = 'marketer@chain.test'`);
      });
      await chain.db.query(`UPDATE console_users SET disabled_at = NULL WHERE email = 'marketer@chain.test'`);
    });

    it('a forged or malformed cookie is simply not a session', async () => {
      for (const cookie of ['A'.repeat(43), 'short', '../../etc']) {
        expect((await consoleCall(chain, 'GET', '/console/api/session', { cookie, csrf: '' })).status).toBe(401);
      }
    });
  });

  describe.skipIf(!backend.available)('credentials stay in their lanes', () => {
    it('the admin API key does not open the console, and a console session does not open the admin API', async () => {
      const withKey = await chain.app.inject({ method: 'GET', url: '/console/api/users', headers: { authorization: `Bearer ${ADMIN_KEY}` } });
      expect(withKey.statusCode).toBe(401);
      const withSession = await consoleCall(chain, 'GET', '/v1/admin/stores', it_admin);
      expect(withSession.status).toBe(401);
    });
  });
});

describe('console pages', () => {
  const backend = pgliteBackend();
  let dir: string;
  let chain: TestChain;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'omnitill-console-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(join(dir, 'assets', 'index-abc.js'), 'console.log(1)');
    chain = await setUpChain(await backend.freshDb());
  });
  afterAll(async () => {
    await chain.app.close();
    await backend.tearDown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the single page under /console/ with a strict CSP, hashed assets for good, and nothing outside', async () => {
    const app = await buildApp({ db: chain.db, adminKey: null, logger: false, consoleDir: dir });
    const page = await app.inject({ method: 'GET', url: '/console/customers/01ABC' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>console</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const asset = await app.inject({ method: 'GET', url: '/console/assets/index-abc.js' });
    expect(asset.headers['content-type']).toContain('text/javascript');
    expect(asset.headers['cache-control']).toContain('immutable');
    for (const url of ['/console/assets/..%2Findex.html', '/console/assets/missing.js', '/console/assets/index.html', '/console/api/nothing']) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
    expect((await app.inject({ method: 'GET', url: '/console' })).headers.location).toBe('/console/');
    await app.close();
    const unbuilt = await buildApp({ db: chain.db, adminKey: null, logger: false, consoleDir: null });
    const r = await unbuilt.inject({ method: 'GET', url: '/console/' });
    expect(r.statusCode).toBe(503);
    expect(r.body).toContain('central:build');
    await unbuilt.close();
  });
});
