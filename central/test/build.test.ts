import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
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
    // Its own output folder (inside central/, where the bundle finds its packages): a dist/ another
    // test or the demo central runs from is never rebuilt under it.
    const dist = mkdtempSync(join(central, '.e2e-dist-build-'));
    execFileSync(process.execPath, [`${central}build.mjs`, '--out', dist], { stdio: 'pipe' });
    expect(existsSync(join(dist, 'main.js'))).toBe(true);
    expect(existsSync(join(dist, 'migrations', '0001_init.sql'))).toBe(true);
    const port = await freePort();
    const child = spawn(process.execPath, [join(dist, 'main.js')], {
      env: { ...process.env, PORT: String(port), DATABASE_URL: '', ADMIN_API_KEY: 'k'.repeat(32), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      let log = '';
      child.stdout.on('data', (d: Buffer) => (log += d.toString()));
      // PGlite compiles its WebAssembly and migrates on start: on a loaded machine that takes a while.
      for (let i = 0; i < 900 && !log.includes('Server listening'); i++) await new Promise((r) => setTimeout(r, 100));
      expect(log, 'central did not say it was listening').toContain('Server listening');
      const health = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.json());
      expect(health).toEqual({ status: 'ok', database: 'pglite' });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(log).toContain('"msg":"stopped"');
    } finally {
      // A failed check above must not leave central running.
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dist, { recursive: true, force: true });
    }
  }, 180_000);
});
