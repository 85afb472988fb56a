import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding `migrations/` and `dist/renderer/`: the repository in development and
 * tests, the app folder (or asar) when packaged. Found by walking up from this module, so the
 * same code works from source and from the bundles in dist/.
 */
export function appRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'migrations', 'till'))) return dir;
    const parent = resolve(dir, '..');
    if (parent === dir) throw new Error('Omnitill app folder not found (no migrations/till above ' + fileURLToPath(import.meta.url) + ')');
    dir = parent;
  }
}

export function tillMigrationsDir(): string {
  return join(appRoot(), 'migrations', 'till');
}
