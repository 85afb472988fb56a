import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { RESULTS } from './support.js';
import { checkA11y } from './a11y.js';

/** Central as it deploys (a build in `out`), its demo chain, and screenshots of the console: shared by the console e2e tests. */

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

export interface Central {
  readonly url: string;
  readonly password: string;
  readonly process: ChildProcess;
}

export async function startCentral(out: string, adminKey: string, demoArgs: readonly string[]): Promise<Central> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(out, 'main.js'), '--demo', ...demoArgs], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ADMIN_API_KEY: adminKey, DATABASE_URL: '', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`central did not print its console sign-in in 120 s:\n${err}`));
    }, 120_000);
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /Demo console: (http:\/\/\S+) {2}sign in as admin@demo\.omnitill with password (\S+)/.exec(err);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1] as string, password: m[2] as string, process: child });
      }
    });
    child.once('exit', (code) => reject(new Error(`central exited (${code}):\n${err}`)));
  });
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Builds central into `out`, starts its demo and waits until it has seeded (it listens at once and seeds in the background). */
export async function buildAndStartCentral(out: string, adminKey: string, demoArgs: readonly string[]): Promise<Central> {
  const build = spawnSync(process.execPath, [join(root, 'central', 'build.mjs'), '--out', out], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`central build failed:\n${build.stdout}\n${build.stderr}`);
  mkdirSync(RESULTS, { recursive: true });
  const central = await startCentral(out, adminKey, demoArgs);
  const base = new URL(central.url).origin;
  for (let i = 0; i < 1200; i++) {
    if ((await fetch(`${base}/healthz`).then((r) => r.status, () => 0)) === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return central;
}

export async function admin(base: string, method: string, path: string, body: unknown, token: string): Promise<any> {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

export async function shot(page: Page, name: string, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  await page.screenshot({ path: join(RESULTS, `console-${name}-${width}x${height}.png`), fullPage: false });
  await checkA11y(page, `console-${name}-${width}x${height}`);
  // Nothing sticks out sideways at this size.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name} at ${width}×${height} scrolls sideways`).toBeLessThanOrEqual(0);
}

/** Stops central (SIGTERM, waiting for it to exit) and removes its build. */
export async function stopCentral(central: Central | undefined, out: string): Promise<void> {
  if (central && central.process.exitCode === null) {
    const exited = new Promise((r) => central.process.once('exit', r));
    central.process.kill('SIGTERM');
    await exited;
  }
  rmSync(out, { recursive: true, force: true });
}
