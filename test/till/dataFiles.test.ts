import { describe, expect, it } from 'vitest';
import { chmodSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openTestTill } from '../helpers/till.js';
import { tempDir } from '../helpers/tmp.js';

const mode = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('till data files are the owner’s only', () => {
  it('the data folder is 0700 and the database, its -wal and -shm are 0600 after selling', async () => {
    const dir = join(tempDir(), 'data');
    const till = openTestTill({ file: join(dir, 'till.sqlite') });
    const sale = await till.dispatch('sale.addProduct', { sku: 'NOPE' });
    expect(sale.ok).toBe(false);
    till.db.prepare("INSERT INTO settings (key, value) VALUES ('probe', '1') ON CONFLICT(key) DO UPDATE SET value = excluded.value").run();
    expect(mode(dir)).toBe(0o700);
    for (const name of ['till.sqlite', 'till.sqlite-wal', 'till.sqlite-shm']) {
      expect(existsSync(join(dir, name)), name).toBe(true);
      expect(mode(join(dir, name)), name).toBe(0o600);
    }
    await till.close();
  });

  it('tightens a folder and files an older version left readable by others', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const first = openTestTill({ file: join(dir, 'till.sqlite') });
    await first.close();
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'till.sqlite'), 0o644);
    writeFileSync(join(dir, 'notes.txt'), 'x', { mode: 0o644 });
    chmodSync(join(dir, 'notes.txt'), 0o644);
    const again = openTestTill({ file: join(dir, 'till.sqlite') });
    expect(mode(dir)).toBe(0o700);
    for (const name of readdirSync(dir)) if (statSync(join(dir, name)).isFile()) expect(mode(join(dir, name)), name).toBe(0o600);
    await again.close();
  });
});
