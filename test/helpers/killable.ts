import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

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
