import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { rawTillDatabase } from '../helpers/tillDb.js';
import { startBrowserMode } from '../helpers/browserMode.js';
import { tempDir } from '../helpers/tmp.js';

describe('browser mode start-up with a bad database', () => {
  it('refuses a damaged database file with a clear message and leaves it as it was', async () => {
    const dir = tempDir();
    const file = join(dir, 'till.sqlite');
    writeFileSync(file, 'garbage '.repeat(1000));
    await expect(startBrowserMode(['--data-dir', dir, '--lang', 'en'])).rejects.toThrow(/database is damaged.*\[DB_CORRUPT\]/s);
    expect(readFileSync(file, 'utf8')).toBe('garbage '.repeat(1000));
  });

  it('refuses a database from a newer app version, in the till language', async () => {
    const dir = tempDir();
    const db = rawTillDatabase(join(dir, 'till.sqlite'));
    db.pragma('user_version = 999');
    db.close();
    await expect(startBrowserMode(['--data-dir', dir, '--lang', 'ru'])).rejects.toThrow(/новее программы.*\[DB_NEWER_THAN_APP\]/s);
  });

  it('seeds demo data only into an empty database', async () => {
    const dir = tempDir();
    const first = await startBrowserMode(['--data-dir', dir, '--demo', '--demo-products', '300', '--demo-customers', '20']);
    await first.stop();
    const db = rawTillDatabase(join(dir, 'till.sqlite'));
    db.prepare(`UPDATE products SET name_en = 'Edited by the manager' WHERE sku = 'SKU-0000001'`).run();
    db.close();
    const second = await startBrowserMode(['--data-dir', dir, '--demo', '--demo-products', '500']);
    await second.stop();
    const check = rawTillDatabase(join(dir, 'till.sqlite'), { readonly: true });
    expect(check.prepare('SELECT COUNT(*) AS n FROM products').get()).toEqual({ n: 300 });
    expect(check.prepare(`SELECT name_en FROM products WHERE sku = 'SKU-0000001'`).get()).toEqual({ name_en: 'Edited by the manager' });
    check.close();
  });
});
