import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { AdminKeyTooShort, buildApp, MIN_ADMIN_KEY_LENGTH } from '../src/app.js';
import type { Db } from '../src/db.js';

const root = join(import.meta.dirname, '..', '..');

describe('admin API key', () => {
  it('buildApp refuses a key under 32 characters before touching the database', async () => {
    const untouchable = new Proxy({}, { get: () => { throw new Error('database touched'); } }) as Db;
    await expect(buildApp({ db: untouchable, adminKey: 'x'.repeat(MIN_ADMIN_KEY_LENGTH - 1), logger: false })).rejects.toBeInstanceOf(AdminKeyTooShort);
    await expect(buildApp({ db: untouchable, adminKey: 'short-key', logger: false })).rejects.toThrow(/at least 32/);
  });

  it('central does not start with a short ADMIN_API_KEY and says why', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'central', 'src', 'main.ts')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ADMIN_API_KEY: '0123456789abcdef', PORT: '0', DATABASE_URL: '' },
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('ADMIN_API_KEY is 16 characters long; it must be at least 32');
  });
});
