import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seedDemo } from '../../central/src/demo.js';
import { DEMO_STORES } from '../../core/demo/stores.js';
import { freshPglite } from '../sync/fixtures.js';
import { startCentral } from '../sync/support.js';
import { checkA11y } from './a11y.js';
import { browserSuite, openPage, pairInPage, poll, scan, screenshots, unitProducts } from './support.js';

/**
 * A store policy changed at central reaches a paired till on its next pull, with no new pairing:
 * card taken off the store's methods, the payment screen — even one already open — stops offering
 * card and says so.
 */
describe('store policies on a till paired with a real central', () => {
  const suite = browserSuite();

  async function syncNow(page: Page): Promise<void> {
    await page.getByTestId('sync-indicator').click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: 30_000 }).toContain('Synced');
    await page.getByTestId('sync-indicator').click();
    await poll(() => page.getByTestId('sync-panel').count()).toBe(0);
  }

  it('card removed from the store’s methods at central: after the next pull the open payment screen no longer offers it', async () => {
    const db = await freshPglite();
    await seedDemo(db, { products: 300, customers: 100, emailCodes: 0, historySales: 0 });
    const central = await startCentral(db);
    try {
      const store = DEMO_STORES[0]!;
      const till = await suite.till('en');
      const { page, problems } = await openPage(suite.browser(), till.url);
      await pairInPage(page, central.url, await central.pairingCode(`${store.id}-T1`));
      const [product] = unitProducts(till.dataDir, 1);
      await scan(page, product!.code);
      await page.getByRole('button', { name: 'Take payment' }).click();
      await page.locator('#card-input').fill('1');

      // The payment screen stays open across the pull: card leaves it live, with no reopening.
      await central.admin('PUT', `/v1/admin/stores/${store.id}`, { name: store.name, country: store.country, currency: store.currency, paymentMethods: ['cash'] });
      await syncNow(page);
      await page.getByText('Card payments are not available at this till.').waitFor();
      expect(await page.locator('#card-input').count()).toBe(0);
      expect(await page.getByTestId('payment-due').count()).toBe(1);
      await screenshots(page, 'store-policy-no-card-en', [
        [1024, 768],
        [1920, 1080],
      ]);
      await checkA11y(page, 'store-policy-no-card-en');
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await central.close();
      await db.close();
    }
  });
});
