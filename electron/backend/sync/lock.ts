import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

export const LOCK_FILE = 'sync.lock';

/** True when a process with this pid exists (signal 0 checks without signalling). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface SyncLock {
  /** Takes the lock if it is free or its holder is dead; true when this instance holds it. */
  acquire(): boolean;
  held(): boolean;
  release(): void;
}

/**
 * One sync worker per till: an exclusive lock file in the data dir holding `pid token`.
 * A second process (or a second till instance in this process) on the same data dir finds
 * it taken; a lock left by a process that died (SIGKILL, power cut) is taken over.
 */
export function syncLock(dataDir: string): SyncLock {
  const file = join(dataDir, LOCK_FILE);
  const mine = `${process.pid} ${randomBytes(8).toString('hex')}`;
  let holding = false;

  function tryCreate(): boolean {
    try {
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, mine);
      } finally {
        closeSync(fd);
      }
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
  }

  return {
    acquire() {
      if (holding) return true;
      if (tryCreate()) return (holding = true);
      let content: string;
      try {
        content = readFileSync(file, 'utf8');
      } catch {
        return (holding = tryCreate());
      }
      if (content === mine) return (holding = true);
      const pid = Number(content.split(' ')[0]);
      // Written but not yet filled by a process starting right now: leave it to that one.
      if (content === '' || (Number.isInteger(pid) && pid > 0 && alive(pid))) return false;
      rmSync(file, { force: true });
      return (holding = tryCreate());
    },
    held: () => holding,
    release() {
      if (!holding) return;
      holding = false;
      try {
        if (readFileSync(file, 'utf8') === mine) rmSync(file, { force: true });
      } catch {
        // already gone
      }
    },
  };
}
