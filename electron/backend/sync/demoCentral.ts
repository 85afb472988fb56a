import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SyncLogger, SyncService } from './service.js';

export interface DemoCentralOptions {
  readonly appRoot: string;
  readonly dataDir: string;
  readonly sync: SyncService;
  readonly tillId: string;
  readonly log: SyncLogger;
  readonly port?: number;
}

/** How to run central from this checkout: its bundle when built, else its sources through tsx. */
function centralCommand(appRoot: string): string[] | null {
  const bundle = join(appRoot, 'central', 'dist', 'main.js');
  if (existsSync(bundle)) return [bundle];
  if (existsSync(join(appRoot, 'node_modules', 'tsx'))) return ['--import', 'tsx', join(appRoot, 'central', 'src', 'main.ts')];
  return null;
}

/**
 * `--demo` with no central configured: the embedded central (PGlite, its demo chain) runs as a
 * child process on loopback and the till pairs with it once it is up, so a first run syncs
 * real online carts and favourites. The till is ready to scan long before: central seeds in
 * the background. A till paired with another central is left alone.
 */
export function startDemoCentral(options: DemoCentralOptions): { stop(): void } | null {
  const status = options.sync.status();
  if (status.paired && !status.demoCentral) return null;
  const command = centralCommand(options.appRoot);
  if (!command) {
    options.log.warn?.({}, 'demo central not started: neither central/dist/main.js nor tsx is available');
    return null;
  }
  const port = options.port ?? 5181;
  const url = `http://127.0.0.1:${port}`;
  const adminKey = randomBytes(24).toString('base64url');
  const dir = join(options.dataDir, 'central-demo');
  mkdirSync(dir, { recursive: true });
  let child: ChildProcess | null = spawn(process.execPath, [...command, '--demo', '--data-dir', dir], {
    cwd: options.appRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ADMIN_API_KEY: adminKey, LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.on('exit', (code) => {
    if (child) options.log.warn?.({ code }, 'demo central stopped');
    child = null;
  });
  options.log.info?.({ url }, 'demo central starting in the background (the first run seeds its demo chain)');

  let timer: NodeJS.Timeout | null = null;
  const poll = async (): Promise<void> => {
    timer = null;
    if (!child) return;
    const up = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (!up) {
      timer = setTimeout(() => void poll(), 1_000);
      return;
    }
    try {
      if (options.sync.status().paired) {
        options.sync.now();
        return;
      }
      const r = await fetch(`${url}/v1/admin/tills/${encodeURIComponent(options.tillId)}/pairing-codes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
        body: '{}',
      });
      if (!r.ok) throw new Error(`pairing code refused (${r.status}): is ${options.tillId} a demo till?`);
      const { code } = (await r.json()) as { code: string };
      await options.sync.pair({ centralUrl: url, pairingCode: code, demo: true });
      options.sync.now();
    } catch (e) {
      options.log.error({ err: e instanceof Error ? e.message : String(e) }, 'could not pair with the demo central');
    }
  };
  timer = setTimeout(() => void poll(), 1_000);
  return {
    stop() {
      if (timer) clearTimeout(timer);
      const c = child;
      child = null;
      c?.kill('SIGTERM');
    },
  };
}
