import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { startTill } from '../../electron/backend/till.js';
import { silentLog } from './till.js';
import { tempDir } from './tmp.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Bundles a worker script once (npm packages stay external), so each of the many restarts in a
 * kill test costs a plain `node` start, not a TypeScript compile. Returns the bundle's path.
 */
export async function bundleWorker(source: string, name: string): Promise<string> {
  const outfile = join(root, 'dist', 'test', `${name}.mjs`);
  await build({ entryPoints: [source], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'warning' });
  return outfile;
}

/**
 * Runs a worker that prints `READY` once it has opened the till and `DONE <id>` for each sale
 * it acknowledged, SIGKILLs it `ms` after READY, and returns the acknowledged ids.
 */
export function runThenKill(worker: string, args: readonly string[], ms: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [worker, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      const first = out.length === 0;
      out += d.toString();
      if (first && out.startsWith('READY')) setTimeout(() => child.kill('SIGKILL'), ms);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`worker exited by itself: ${err}`));
      else resolve([...out.matchAll(/^DONE (\S+)$/gm)].map((m) => m[1] as string));
    });
  });
}

/** A demo till (300 products, 10 customers) in a fresh file, closed, for a worker to be killed on. */
export async function demoTillFile(): Promise<string> {
  const file = join(tempDir(), 'till.sqlite');
  await startTill({ databaseFile: file, language: 'en', demo: { products: 300, customers: 10 }, log: silentLog, printQueue: false }).close();
  return file;
}

/**
 * Runs `worker` on the till file `kills` times, run i with seed `seed + i`, each SIGKILLed at a
 * different moment 30–330 ms after READY, and checks the file after every kill. Returns every id
 * the worker acknowledged and what the last check counted.
 */
export async function killRepeatedly(
  worker: string,
  file: string,
  opts: { readonly kills: number; readonly seed: number; readonly check: (acknowledged: ReadonlySet<string>) => number },
): Promise<{ acknowledged: Set<string>; counted: number }> {
  const acknowledged = new Set<string>();
  let counted = 0;
  for (let i = 0; i < opts.kills; i++) {
    const done = await runThenKill(worker, [file, String(opts.seed + i)], 30 + ((i * 7919) % 300));
    done.forEach((id) => acknowledged.add(id));
    counted = opts.check(acknowledged);
  }
  return { acknowledged, counted };
}
