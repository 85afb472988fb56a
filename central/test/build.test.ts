import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const central = fileURLToPath(new URL('..', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

describe('central as a deployable bundle', () => {
  it('builds into dist/ with core inlined and starts, serves /healthz and stops on SIGTERM', async () => {
    execFileSync(process.execPath, [`${central}build.mjs`], { stdio: 'pipe' });
    expect(existsSync(`${central}dist/main.js`)).toBe(true);
    expect(existsSync(`${central}dist/migrations/0001_init.sql`)).toBe(true);
    const port = await freePort();
    const child = spawn(process.execPath, [`${central}dist/main.js`], {
      env: { ...process.env, PORT: String(port), DATABASE_URL: '', ADMIN_API_KEY: 'k'.repeat(32), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // PGlite compiles its WebAssembly and migrates on start: on a loaded machine that takes a while.
    for (let i = 0; i < 900 && !log.includes('Server listening'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(log, 'central did not say it was listening').toContain('Server listening');
    const health = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.json());
    expect(health).toEqual({ status: 'ok', database: 'pglite' });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(log).toContain('"msg":"stopped"');
  }, 180_000);
});
