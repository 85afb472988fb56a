import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Two linked pseudo-terminals: what one side writes, the other reads, like a null-modem cable. */
export interface PtyPair {
  /** The device the till opens (as it would /dev/ttyUSB0). */
  readonly tillPath: string;
  /** The device the emulated hardware opens. */
  readonly devicePath: string;
  close(): Promise<void>;
}

/**
 * A socat PTY pair in raw mode with echo off, so bytes pass through unchanged. `at` puts the
 * links at chosen paths (a device that is plugged in again comes back at the same path).
 */
export async function createPtyPair(at: { tillPath: string; devicePath: string } | null = null): Promise<PtyPair> {
  const dir = at ? null : mkdtempSync(join(tmpdir(), 'omnitill-pty-'));
  const tillPath = at?.tillPath ?? join(dir as string, 'till');
  const devicePath = at?.devicePath ?? join(dir as string, 'device');
  const socat: ChildProcess = spawn(
    'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${tillPath}`, `pty,raw,echo=0,link=${devicePath}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  socat.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 5000;
  while (!(existsSync(tillPath) && existsSync(devicePath) && /starting data transfer loop/.test(stderr))) {
    if (socat.exitCode !== null || Date.now() > deadline) {
      socat.kill();
      throw new Error(`socat did not create a PTY pair: ${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    tillPath,
    devicePath,
    close: async () => {
      if (socat.exitCode === null) {
        const exited = new Promise((r) => socat.once('exit', r));
        socat.kill('SIGTERM');
        await exited;
      }
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
