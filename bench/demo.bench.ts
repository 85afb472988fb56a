import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pgliteDb } from '../central/src/db.js';
import { migrate } from '../central/src/migrate.js';
import { DEMO_SIZE, seedDemo } from '../central/src/demo.js';
import { fullySynced, tillSyncStatus } from '../test/helpers/browserMode.js';
import { percentile, round, type Figure } from './figures.js';
import { freePort } from '../central/test/support/postgres.js';

/**
 * The first run of the demo, as a newcomer meets it:
 * - `demo_seed`: central seeding the full demo chain (PGlite, as `npm run central -- --demo`);
 * - `demo_to_synced`: `npm start -- --demo` on a warm install (built, packages installed) and an
 *   empty data folder, from the command to the till's first full sync done with nothing waiting:
 *   what the header's indicator calls "Synced". Measured on the built browser-mode till
 *   (`dist/backend/browser.mjs`, what `npm start` runs where Electron cannot), asking the till
 *   over its own RPC socket as the page does.
 * Each is run RUNS times; the figure is the median. The machine's load is in the note: the
 * machines this runs on are shared.
 */
export const figures = ['demo_seed', 'demo_to_synced'];

const RUNS = 3;
const root = join(import.meta.dirname, '..');
const median = (xs: readonly number[]) => percentile(xs, 50);
const load = () => loadavg()[0]?.toFixed(1) ?? '?';

async function seedSeconds(): Promise<number> {
  const db = await pgliteDb();
  try {
    await migrate(db);
    const started = performance.now();
    await seedDemo(db, DEMO_SIZE);
    return (performance.now() - started) / 1000;
  } finally {
    await db.close();
  }
}

interface FirstRun {
  readonly seconds: number;
  readonly tillReady: number;
  readonly centralSeed: number | null;
}

export async function firstRun(): Promise<FirstRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'omnitill-demo-bench-'));
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'dist', 'backend', 'browser.mjs'), '--demo', '--data-dir', dataDir, '--port', '0', '--lang', 'en', '--demo-central-port', String(await freePort())], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    let tillReady = 0;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the till exited: ${out}`);
      if ((performance.now() - started) / 1000 > 600) throw new Error(`not synced after 600 s: ${out}`);
      const url = /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)?.[1];
      if (url) {
        tillReady ||= (performance.now() - started) / 1000;
        const status = await tillSyncStatus(url);
        if (status?.lastError) throw new Error(`sync failed: ${status.lastError.code} ${status.lastError.message}`);
        if (status && fullySynced(status)) {
          const seconds = (performance.now() - started) / 1000;
          const seed = /seeded in ([\d.]+) s/.exec(out)?.[1];
          return { seconds, tillReady, centralSeed: seed ? Number(seed) : null };
        }
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export default async function demoBench(): Promise<Figure[]> {
  const seeds: number[] = [];
  const seedLoads: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    seedLoads.push(load());
    seeds.push(await seedSeconds());
  }
  const runs: FirstRun[] = [];
  const runLoads: string[] = [];
  for (let i = 0; i < RUNS; i++) {
    runLoads.push(load());
    runs.push(await firstRun());
  }
  const list = (xs: readonly number[]) => xs.map((x) => round(x, 1)).join(', ');
  const size = `${DEMO_SIZE.products} products, ${DEMO_SIZE.customers} customers`;
  return [
    {
      name: 'demo_seed',
      value: round(median(seeds), 1),
      unit: 's',
      target: 10,
      better: 'lower',
      note: `median of ${RUNS} (${list(seeds)} s): the demo chain (${size}) into PGlite; 1-min load ${seedLoads.join(', ')}`,
    },
    {
      name: 'demo_to_synced',
      value: round(median(runs.map((r) => r.seconds)), 1),
      unit: 's',
      target: 30,
      better: 'lower',
      note: `median of ${RUNS} (${list(runs.map((r) => r.seconds))} s) from the command to the first full sync; till serving after ${list(runs.map((r) => r.tillReady))} s, central seeded in ${runs.map((r) => r.centralSeed ?? '?').join(', ')} s; 1-min load ${runLoads.join(', ')}`,
    },
  ];
}
