import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { seedDemo } from '../../central/src/demo.js';
import { freshPglite } from '../sync/fixtures.js';
import { startCentral } from '../sync/support.js';
import { rawTillDatabase } from '../helpers/tillDb.js';
import { checkA11y } from './a11y.js';
import { browserSuite, openPage, pairInPage, poll, screenshots } from './support.js';

/**
 * Issue 8's story on a till paired with a real central (the demo chain on PGlite): the web shop
 * writes her favourites and cart through the channel API, the till syncs, the cashier finds her
 * by three spellings and her last digits, moves the cart into the sale in one action and sells;
 * central then holds the sale on her profile, the purchase attributed to the web, and a cart
 * without what she bought. With central stopped, the till answers from its copy and says so.
 */
const ELENA = { phone: '+37368765432', name: 'Elena Vrabie' };
const LABEL = 'Phone, last 4–6 digits or customer card';
const panel = (page: Page) => page.getByTestId('customer-panel');

async function lookUp(page: Page, typed: string): Promise<void> {
  if ((await panel(page).count()) === 0) await page.keyboard.press('F8');
  const field = page.getByLabel(LABEL);
  await field.fill(typed);
  await field.press('Enter');
}

async function shoot(page: Page, name: string): Promise<void> {
  await screenshots(page, name, [
    [1024, 768],
    [1920, 1080],
  ]);
  await checkA11y(page, name);
}

describe('the customer at a till paired with a real central', () => {
  const suite = browserSuite();

  it('her web cart written through the channel API is found by any spelling, sold in one action, and central sees the sale, its channel and the smaller cart; offline the copy answers', async () => {
    const db = await freshPglite();
    await seedDemo(db, { products: 2000, customers: 1000, emailCodes: 0, historySales: 0 });
    const central = await startCentral(db);
    try {
      // The web shop: her profile, two products in her web cart, a third in her favourites.
      const shop = await central.channelKey();
      const customer = await central.call('POST', '/v1/customers/upsert-by-phone', shop, { phone: ELENA.phone, name: ELENA.name });
      expect(customer.status).toBe(200);
      const id = customer.json.customer.id as string;
      const { rows: sold } = await db.query<{ sku: string; price_minor: string }>(
        `SELECT p.sku, sp.price_minor FROM products p JOIN store_prices sp ON sp.sku = p.sku AND sp.store_id = 'MD-CHI-01'
         WHERE p.sold_by = 'unit' ORDER BY p.sku LIMIT 3`,
      );
      const [w1, w2, fav] = sold as [(typeof sold)[0], (typeof sold)[0], (typeof sold)[0]];
      const line = (p: (typeof sold)[0], minute: number) => ({ sku: p.sku, quantity: 1, priceSeenMinor: Number(p.price_minor), currency: 'MDL', addedAt: `2026-12-03T18:0${minute}:00.000Z` });
      expect((await central.call('PUT', `/v1/customers/${id}/carts/web`, shop, { lines: [line(w1, 1), line(w2, 2)] })).status).toBe(200);
      expect((await central.call('PUT', `/v1/customers/${id}/favourites/${fav.sku}`, shop, { channel: 'app', addedAt: '2026-12-03T18:05:00.000Z' })).status).toBe(200);

      const till = await suite.till('en');
      const { page, problems } = await openPage(suite.browser(), till.url);
      await pairInPage(page, central.url, await central.pairingCode('MD-CHI-01-T1'));

      // Three spellings of her number, then her last six digits: the same profile, live from central.
      for (const typed of ['068 765 432', '+373 68-765-432', '00373 (68) 765.432', '765432']) {
        await lookUp(page, typed);
        await poll(() => panel(page).locator('[data-customer-id]').getAttribute('data-customer-id')).toBe(id);
      }
      const profile = panel(page);
      expect(await profile.getByRole('heading', { name: ELENA.name }).count()).toBe(1);
      expect(await profile.locator('.customer-fresh.live').textContent()).toContain('live from central');
      expect(await profile.getByTestId('customer-phone').textContent()).not.toContain('765 432');
      expect(await profile.locator('section[data-channel="web"] tbody tr').count()).toBe(2);
      expect(await profile.locator(`li[data-sku="${fav.sku}"]`).count()).toBe(1);
      await shoot(page, 'customer-central-profile-en');

      await profile.locator('section[data-channel="web"]').getByRole('button', { name: 'Add the whole cart to the sale' }).click();
      await poll(() => panel(page).count()).toBe(0);
      await poll(() => page.locator('tr[data-line-id]').count()).toBe(2);
      expect(await page.getByTestId('sale-customer').textContent()).toBe(ELENA.name);
      await page.getByRole('button', { name: 'Take payment' }).click();
      await page.getByLabel('Cash received').fill('100000');
      await page.getByRole('button', { name: 'Complete sale' }).click();
      await poll(() => page.getByRole('heading', { name: /^Receipt No\. / }).count()).toBe(1);
      await shoot(page, 'customer-central-receipt-en');
      await page.keyboard.press('Escape');

      // Central: the sale on her profile, its purchase attributed to the web, her cart without what she bought.
      await expect.poll(async () => (await db.query(`SELECT id FROM sales WHERE customer_id = $1`, [id])).rows.length, { timeout: 30_000 }).toBe(1);
      const { rows: touch } = await db.query<{ attributed_channels: string[] }>(
        `SELECT attributed_channels FROM touchpoints WHERE customer_id = $1 AND kind = 'purchase'`,
        [id],
      );
      expect(touch).toEqual([{ attributed_channels: ['web'] }]);
      expect((await db.query(`SELECT sku FROM cart_lines WHERE customer_id = $1`, [id])).rows).toEqual([]);
      const favourites = await central.call('GET', `/v1/customers/${id}`, shop);
      expect(JSON.stringify(favourites.json)).toContain(fav.sku);

      // The till pulls right after central took the sale: its copy of her web cart is empty too.
      const cartAtTill = () => {
        const tillDb = rawTillDatabase(join(till.dataDir, 'till.sqlite'), { readonly: true });
        try {
          return tillDb.prepare(`SELECT COUNT(*) FROM online_cart_lines WHERE customer_id = ?`).pluck().get(id);
        } finally {
          tillDb.close();
        }
      };
      await poll(cartAtTill).toBe(0);

      // Central stopped: the till's copy answers, and the panel says how old it is.
      await central.close();
      await lookUp(page, '068765432');
      await poll(() => panel(page).locator('[data-customer-id]').getAttribute('data-customer-id')).toBe(id);
      await poll(() => panel(page).getByTestId('customer-offline').textContent()).toMatch(/^as of .+ · offline$/);
      expect(await panel(page).locator('section[data-channel="web"] tbody tr').count()).toBe(0);
      expect(await panel(page).locator(`li[data-sku="${fav.sku}"]`).count()).toBe(1);
      await shoot(page, 'customer-central-offline-en');
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await central.close().catch(() => undefined);
      await db.close();
    }
  }, 240_000);
});
