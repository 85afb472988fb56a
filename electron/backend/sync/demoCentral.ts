import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { SyncLogger, SyncService } from './service.js';

export interface DemoCentralOptions {
  readonly appRoot: string;
  readonly dataDir: string;
  readonly log: SyncLogger;
  readonly port?: number;
  /** The size of the demo chain central seeds: the same as the till's own demo seed. */
  readonly size?: { readonly products: number; readonly customers: number };
  /** How often the till asks whether central is ready (ms). */
  readonly pollMs?: number;
}

/** A demo central starting up: attach the till's sync to it, or stop it. */
export interface DemoCentralLaunch {
  readonly url: string;
  /** The admin API key of this run, for whoever wants central's admin side. */
  readonly adminKey: string;
  /** Pairs the till with it as soon as it is ready and syncs; null (and central stopped) when the till is paired elsewhere. */
  attach(sync: SyncService, tillId: string): { stop(): void } | null;
  stop(): void;
}

/**
 * How to run central: in a checkout its sources through tsx, so a bundle left by an earlier
 * `npm run central:build` never runs older code than the till's; in a package (no sources, no
 * tsx) its bundle.
 */
function centralCommand(appRoot: string): string[] | null {
  const sources = join(appRoot, 'central', 'src', 'main.ts');
  if (existsSync(sources) && existsSync(join(appRoot, 'node_modules', 'tsx'))) return ['--import', 'tsx', sources];
  const bundle = join(appRoot, 'central', 'dist', 'main.js');
  return existsSync(bundle) ? [bundle] : null;
}

/**
 * `--demo` with no central configured: the embedded central (PGlite, its demo chain) runs as a
 * child process on loopback and the till pairs with it the moment it is ready, so a first run
 * syncs real online carts and favourites. Central is launched before the till seeds its own
 * database, so the two start side by side; it listens at once and answers `/healthz` 503
 * "seeding" until its chain is in place. A till paired with another central is left alone.
 */
export function launchDemoCentral(options: DemoCentralOptions): DemoCentralLaunch | null {
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
  const sizeArgs = options.size ? ['--demo-products', String(options.size.products), '--demo-customers', String(options.size.customers)] : [];
  let child: ChildProcess | null = spawn(process.execPath, [...command, '--demo', '--data-dir', dir, ...sizeArgs], {
    cwd: options.appRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_API_KEY: adminKey,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      // Inside the desktop app process.execPath is Electron's binary: run it as plain Node.
      ...(process.versions.electron ? { ELECTRON_RUN_AS_NODE: '1' } : {}),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.on('error', (e) => {
    options.log.error({ err: e.message }, 'the demo central could not be started');
    child = null;
  });
  child.on('exit', (code) => {
    if (child) options.log.warn?.({ code }, 'demo central stopped');
    child = null;
  });
  options.log.info?.({ url }, 'demo central starting in the background');
  let timer: NodeJS.Timeout | null = null;
  const stop = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    const c = child;
    child = null;
    c?.kill('SIGTERM');
  };
  const pollMs = options.pollMs ?? 250;

  function attach(sync: SyncService, tillId: string): { stop(): void } | null {
    const status = sync.status();
    if (status.paired && !status.demoCentral) {
      stop();
      return null;
    }
    const poll = async (): Promise<void> => {
      timer = null;
      if (!child) return;
      // 503 "seeding" until the chain is in place; a pairing request before that would only wait.
      const ready = await fetch(`${url}/healthz`).then(
        async (r) => r.ok && ((await r.json()) as { status?: string }).status === 'ok',
        () => false,
      );
      if (!ready) {
        if (child) timer = setTimeout(() => void poll(), pollMs);
        return;
      }
      try {
        if (sync.status().paired) {
          sync.now();
          return;
        }
        const r = await fetch(`${url}/v1/admin/tills/${encodeURIComponent(tillId)}/pairing-codes`, {
          method: 'POST',
          headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
          body: '{}',
        });
        if (!r.ok) throw new Error(`pairing code refused (${r.status}): is ${tillId} a demo till?`);
        const { code } = (await r.json()) as { code: string };
        await sync.pair({ centralUrl: url, pairingCode: code, demo: true });
        sync.now();
      } catch (e) {
        options.log.error({ err: e instanceof Error ? e.message : String(e) }, 'could not pair with the demo central');
      }
    };
    timer = setTimeout(() => void poll(), 0);
    return { stop };
  }
  return { url, adminKey, attach, stop };
}
