import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadMigrations } from '../electron/backend/db.js';
import { DB_KEY_FILE } from '../electron/backend/dbCipher.js';
import { startTill } from '../electron/backend/till.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const PRODUCTS = 100_000;
export const CUSTOMERS = 1_000_000;
const silent = { error: () => undefined };

/**
 * The benchmark till: 100k SKUs and 1M customers, built once per schema and kept under
 * .cache/ (about a minute to build); each benchmark works on its own copy.
 */
export function benchTillCopy(): { dir: string; file: string; cleanup: () => void } {
  // Keyed by the schema's text, so a changed migration never reuses a stale file.
  const schema = createHash('sha256').update(loadMigrations().map((m) => m.sql).join('\n')).digest('hex').slice(0, 12);
  // Encrypted at rest like every till database; its key file sits beside it and goes with each copy.
  const cached = join(root, '.cache', 'bench', `till-encrypted-${schema}-${PRODUCTS}-${CUSTOMERS}.sqlite`);
  if (!existsSync(cached)) {
    mkdirSync(dirname(cached), { recursive: true });
    const building = `${cached}.building`;
    rmSync(building, { force: true });
    const started = performance.now();
    const till = startTill({ databaseFile: building, language: 'en', demo: { products: PRODUCTS, customers: CUSTOMERS }, log: silent });
    till.db.pragma('wal_checkpoint(TRUNCATE)');
    till.close();
    renameSync(building, cached);
    console.error(`built the benchmark till in ${Math.round(performance.now() - started)} ms`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'omnitill-bench-'));
  const file = join(dir, 'till.sqlite');
  copyFileSync(cached, file);
  copyFileSync(join(dirname(cached), DB_KEY_FILE), join(dir, DB_KEY_FILE));
  return { dir, file, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
