import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fullySynced, startBrowserMode, tillSyncStatus } from '../helpers/browserMode.js';
import { DEMO_STORES } from '../../core/demo/stores.js';
import { readSettings } from '../../electron/backend/settings.js';
import { rawTillDatabase } from '../helpers/tillDb.js';
import { freePort } from '../../central/test/support/postgres.js';

describe('--demo with the embedded demo central', () => {
  it('starts central at the till’s demo size, prints its admin side, pairs as soon as it is ready and completes a full sync', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'omnitill-democentral-'));
    const port = await freePort();
    const till = await startBrowserMode(['--data-dir', dataDir, '--demo', '--demo-products', '300', '--demo-customers', '700', '--demo-central-port', String(port)], 120_000);
    try {
      let status = await tillSyncStatus(till.url);
      for (let i = 0; i < 1200 && !(status && fullySynced(status)); i++) {
        expect(status?.lastError ?? null).toBeNull();
        await new Promise((r) => setTimeout(r, 100));
        status = await tillSyncStatus(till.url);
      }
      expect(status).toMatchObject({ paired: true, demoCentral: true, centralUrl: `http://127.0.0.1:${port}`, queued: 0 });
      expect(status?.lastPullAt).not.toBeNull();
      // Central seeded the same small chain the till did: the cache holds those customers, not a 100,000-customer chain.
      const db = rawTillDatabase(join(dataDir, 'till.sqlite'), { readonly: true });
      try {
        expect(db.prepare('SELECT COUNT(*) FROM customers').pluck().get()).toBe(700);
        expect(db.prepare('SELECT COUNT(*) FROM products').pluck().get()).toBe(300);
        // One store record: what the till printed and showed offline is what central calls the store.
        const settings = readSettings(db);
        const store = DEMO_STORES[0]!;
        expect(settings).toMatchObject({ storeId: store.id, storeName: store.name, receipt: { legalName: store.legalName, address: store.address, taxId: store.taxId } });
      } finally {
        db.close();
      }
      const key = /admin API key for this run: (\S+)/.exec(till.output())?.[1];
      expect(key, till.output()).toBeTruthy();
      const stores = await fetch(`http://127.0.0.1:${port}/v1/admin/stores`, { headers: { authorization: `Bearer ${key}` } });
      expect(stores.status).toBe(200);
      const listed = ((await stores.json()) as { stores: { id: string; name: string }[] }).stores;
      expect(listed.map((s) => ({ id: s.id, name: s.name }))).toEqual(DEMO_STORES.map((s) => ({ id: s.id, name: s.name })));
    } finally {
      await till.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});
