import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { WebSocket } from 'ws';
import type { SyncStatus } from '../../core/sync/status.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless, with the flags this closed network needs (and any a test adds). Fails loudly if absent. */
export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage', ...extraArgs],
  });
}

export interface BrowserModeTill {
  readonly url: string;
  readonly process: ChildProcess;
  /** Everything it printed so far (stdout, then stderr). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts the built browser-mode till (`dist/backend/browser.mjs`) and resolves once it prints its URL. */
export function startBrowserMode(args: readonly string[], timeoutMs = 60_000): Promise<BrowserModeTill> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'dist', 'backend', 'browser.mjs'), '--port', '0', ...args], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LOG_LEVEL: 'warn' },
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`browser mode did not start in ${timeoutMs} ms: ${out}${err}`));
    }, timeoutMs);
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const match = /running at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1] as string,
          process: child,
          output: () => out + err,
          stop: () =>
            new Promise<void>((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser mode exited with ${code}: ${err}`));
    });
  });
}

/** Asks a running browser-mode till for `sync.status` over its own RPC socket, as its page does. */
export async function tillSyncStatus(url: string): Promise<SyncStatus | null> {
  const html = await fetch(url).then((r) => r.text());
  const key = /<meta name="omnitill-key" content="([^"]+)">/.exec(html)?.[1];
  if (!key) throw new Error('the page has no key');
  const ws = new WebSocket(`${url.replace('http', 'ws')}rpc`, [`omnitill.${key}`], { origin: url.replace(/\/$/, '') });
  try {
    return await new Promise<SyncStatus | null>((resolve, reject) => {
      ws.once('error', reject);
      ws.once('open', () => ws.send(JSON.stringify({ id: 1, method: 'sync.status', input: {} })));
      ws.once('message', (data) => {
        const reply = JSON.parse(data.toString()) as { result: { ok: boolean; value?: SyncStatus } };
        resolve(reply.result.ok ? (reply.result.value as SyncStatus) : null);
      });
    });
  } finally {
    ws.terminate();
  }
}

/** What the header calls "Synced", held strictly: paired, the first full pull done, nothing queued, rejected or failing. */
export function fullySynced(s: SyncStatus): boolean {
  return s.paired && s.lastPullAt !== null && !s.pull.running && s.online === 'online' && s.queued === 0 && s.rejectedCount === 0;
}
