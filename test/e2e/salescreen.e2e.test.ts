import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogues, type Language } from '../../core/i18n/index.js';
import { openTillDatabase } from '../../electron/backend/db.js';
import { writeSyncState } from '../../electron/backend/sync/state.js';
import { fileTokenStore } from '../../electron/backend/sync/tokenStore.js';
import { launchChromium, startBrowserMode } from '../helpers/browserMode.js';
import { buildApp, RESULTS, layoutProblems, openPage, poll, recordLiveRegion, scan, shoot, startDemoTill, unknownBarcode, unitProducts, type DemoTill, type Product } from './support.js';
import { checkA11y } from './a11y.js';

/**
 * The sale screen without rough edges (issue 14, items 5–14), in a real Chromium at the four
 * screen sizes tills have, in en, ru and ro: every column and button on screen, the scanned
 * line in view, one story about the printer, search as people type, status that does not lag.
 * The geometry is checked in the page; the screenshots are for people to look at.
 */


const lineRows = (page: Page) => page.locator('tr[data-line-id]');

describe('the sale screen at every size, in every language', () => {
  let browser: Browser | undefined;
  const tills: DemoTill[] = [];

  beforeAll(async () => {
    buildApp();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    for (const till of tills) await till.stop();
  });

  for (const lang of ['en', 'ru', 'ro'] as const satisfies readonly Language[]) {
    it(`sells with the scanned line in view, one printer story and a layout that fits (${lang})`, async () => {
      const s = catalogues[lang];
      const till = await startDemoTill(lang);
      tills.push(till);
      const products = unitProducts(till.dataDir, 7) as Product[];
      const { page, problems } = await openPage(browser as Browser, till.url);
      const name = (p: Product) => ({ en: p.name_en, ru: p.name_ru, ro: p.name_ro })[lang];

      // A first sale, paid: no printer is set up, so its receipt does not print, and every
      // message about it says so — also after asking for a copy.
      await scan(page, products[0]!.code);
      await poll(() => lineRows(page).count()).toBe(1);
      await page.getByRole('button', { name: s.ui.actions.pay }).click();
      await page.getByLabel(s.ui.payment.received).fill('100000');
      await shoot(page, `salescreen-payment-${lang}`);
      await page.getByRole('button', { name: s.ui.payment.complete }).click();
      const indicator = page.getByTestId('printer-indicator');
      await poll(() => indicator.textContent()).toContain(s.errors.PRINTER_NOT_CONFIGURED);
      await page.getByRole('button', { name: s.ui.receipt.reprint }).click();
      await poll(() => indicator.textContent()).toContain(s.errors.PRINTER_NOT_CONFIGURED);
      expect(await page.getByText(s.ui.receipt.reprinting).count()).toBe(0);
      await shoot(page, `salescreen-receipt-${lang}`);

      // The next sale: the banner goes with its first item.
      await page.getByRole('button', { name: s.ui.receipt.newSale }).click();
      for (const p of products.slice(1, 7)) await scan(page, p.code);
      await poll(() => lineRows(page).count()).toBe(6);
      expect(await indicator.count()).toBe(0);

      // The same product again joins its line, which comes into view highlighted.
      await page.setViewportSize({ width: 1024, height: 768 });
      await scan(page, products[1]!.code);
      await poll(() => lineRows(page).nth(0).locator('input').inputValue()).toBe('2');
      expect(await lineRows(page).count()).toBe(6);
      expect(await lineRows(page).nth(0).getAttribute('class')).toContain('fresh');
      await page.screenshot({ path: join(RESULTS, `salescreen-merged-${lang}-1024x768.png`) });
      await checkA11y(page, `salescreen-merged-${lang}-1024x768`);
      expect(await layoutProblems(page)).toEqual([]);

      // An error banner on top, and the last line scanned is still in view.
      await scan(page, products[6]!.code);
      await scan(page, unknownBarcode(till.dataDir));
      await poll(() => page.getByRole('alert').count()).toBe(1);
      await poll(() => lineRows(page).nth(5).locator('input').inputValue()).toBe('2');
      expect(await lineRows(page).nth(5).textContent()).toContain(name(products[6]!));
      await shoot(page, `salescreen-sale-${lang}`);

      // Typed text that is no barcode says so.
      const barcode = page.getByLabel(s.ui.entry.barcode);
      await barcode.fill('+7');
      await barcode.press('Enter');
      await poll(() => page.getByRole('alert').textContent()).toContain(s.errors.SCAN_NOT_A_BARCODE.replace('{{code}}', '+7'));

      // The quantity field has no spin buttons: a text field that takes digits.
      const qty = lineRows(page).nth(0).locator('input');
      expect(await qty.getAttribute('type')).toBe('text');
      expect(await qty.getAttribute('inputmode')).toBe('numeric');

      // Search: many results scroll inside the panel, the last one reachable whole.
      const search = page.getByLabel(s.ui.entry.search);
      await search.fill(lang === 'ru' ? 'молоко' : lang === 'ro' ? 'lapte' : 'milk');
      const results = page.getByRole('list', { name: s.ui.entry.results }).getByRole('button');
      await poll(() => results.count()).toBeGreaterThan(5);
      await results.last().scrollIntoViewIfNeeded();
      const whole = await results.last().evaluate((el) => {
        const r = el.getBoundingClientRect();
        const panel = (el.closest('.results') as Element).getBoundingClientRect();
        return r.top >= panel.top - 1 && r.bottom <= panel.bottom + 1 && r.bottom <= innerHeight;
      });
      expect(whole).toBe(true);
      await shoot(page, `salescreen-search-${lang}`);

      // A weighed item, its weight typed as a person types it: 1,5 kg.
      await search.fill(lang === 'ru' ? 'яблоки' : lang === 'ro' ? 'mere' : 'apples');
      await poll(() => results.filter({ hasText: s.ui.entry.byWeight }).count()).toBeGreaterThan(0);
      await results.filter({ hasText: s.ui.entry.byWeight }).first().click();
      const grams = page.locator('#grams-input');
      await shoot(page, `salescreen-weigh-${lang}`);
      await grams.fill(lang === 'en' ? '1.5' : '1,5');
      await grams.press('Enter');
      await poll(() => lineRows(page).count()).toBe(7);
      expect(await lineRows(page).nth(6).textContent()).toContain(lang === 'en' ? '1.500' : '1,500');

      // The settings screen keeps the sync indicator; its print jobs (with their Retry) fit their card.
      await page.getByRole('button', { name: s.ui.header.settings }).click();
      await poll(() => page.locator('tr[data-job-id]').count()).toBeGreaterThan(0);
      expect(await page.getByTestId('sync-indicator').count()).toBe(1);
      for (const row of await page.locator('tr[data-job-id]').all()) expect(await row.textContent()).toContain(s.errors.PRINTER_NOT_CONFIGURED);
      await shoot(page, `salescreen-settings-${lang}`);
      await page.getByRole('button', { name: s.ui.hardware.back }).click();

      // The customer panel (F8) in place of the lines.
      await page.keyboard.press('F8');
      await poll(() => page.getByTestId('customer-panel').count()).toBe(1);
      await shoot(page, `salescreen-customer-${lang}`);
      await page.keyboard.press('Escape');
      await poll(() => page.getByTestId('customer-panel').count()).toBe(0);

      // Another language at once, no restart; and back.
      const other = lang === 'ru' ? 'ro' : 'ru';
      await page.getByLabel(s.ui.header.language).selectOption(other);
      await poll(() => page.getByRole('button', { name: catalogues[other].ui.actions.pay }).count()).toBe(1);
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(other);
      // The header's labels follow; the cashier is the person signed in (the demo's staff), not a setting.
      expect(await page.locator('.topbar').textContent()).toContain(catalogues[other].ui.header.cashier);
      await page.getByLabel(catalogues[other].ui.header.language).selectOption(lang);
      await poll(() => page.getByRole('button', { name: s.ui.actions.pay }).count()).toBe(1);
      expect(problems).toEqual([]);
    }, 150_000);
  }

  it('announces going offline in a live region (en, ru, ro), and says “offline · 1 waiting” once a sale’s push fails, without Sync now', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'omnitill-e2e-offline-'));
    const args = ['--data-dir', dataDir, '--demo', '--demo-products', '500', '--demo-customers', '10', '--lang', 'en'];
    try {
      // Paired to a central that is down (a closed port on this machine).
      await (await startBrowserMode(args)).stop();
      const db = openTillDatabase(join(dataDir, 'till.sqlite'));
      writeSyncState(db, { centralUrl: `http://127.0.0.1:${await closedPort()}`, deviceId: 'DEV-E2E', pairedAt: new Date().toISOString() });
      db.close();
      fileTokenStore(dataDir).write('e2e-device-token-0123456789abcdef');
      const till = await startBrowserMode(args);
      try {
        const [product] = unitProducts(dataDir, 1) as [Product];
        const { page, problems } = await openPage(browser as Browser, till.url);
        const announced = await recordLiveRegion(page, 'sync-announce');
        const indicator = page.getByTestId('sync-indicator');
        await poll(() => indicator.textContent()).toBe('Offline · 0 waiting');
        await poll(announced).toEqual(['', catalogues.en.ui.a11y.syncOffline]);
        expect(await page.getByTestId('sync-announce').getAttribute('role')).toBe('status');
        for (const lang of ['ru', 'ro', 'en'] as const) {
          await page.locator('#ui-language').selectOption(lang);
          await poll(() => page.getByTestId('sync-announce').textContent()).toBe(catalogues[lang].ui.a11y.syncOffline);
        }
        await scan(page, product.code);
        await poll(() => lineRows(page).count()).toBe(1);
        await page.getByRole('button', { name: 'Take payment' }).click();
        await page.getByLabel('Cash received').fill('100000');
        await page.getByRole('button', { name: 'Complete sale' }).click();
        await poll(() => indicator.textContent()).toBe('Offline · 1 waiting');
        expect(problems).toEqual([]);
      } finally {
        await till.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 90_000);
});

/** A loopback port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
