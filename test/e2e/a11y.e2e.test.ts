import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkA11y } from './a11y.js';
import { browserSuite, openPage, poll, RESULTS, scan, unitProducts } from './support.js';
import { rawTillDatabase } from '../helpers/tillDb.js';

/**
 * Every till screen, in en, ru and ro, checked by axe-core in the real renderer: the sale with
 * lines and an error, search results, the customer panel with a profile, the camera preview,
 * the sync panel, payment, the receipt and the settings. A serious or critical finding fails.
 * The tour finds its way by keys and ids, so one walk serves every language.
 */

const FAKE_CAMERA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];
const CUSTOMER = { id: 'C-A11Y-1', name: 'Ulyana Popa', phone: '+37362123456' };
const lineRows = (page: Page) => page.locator('tr[data-line-id]');

/** One customer with a cart line and a favourite, written the way a pull writes them. */
function seedCustomer(dataDir: string, sku: string): void {
  const db = rawTillDatabase(join(dataDir, 'till.sqlite'));
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare(`INSERT INTO customers (id, name, email, segments, consents, updated_at) VALUES (?, ?, NULL, '[]', '[]', '2026-12-01T10:00:00Z')`).run(CUSTOMER.id, CUSTOMER.name);
    // The demo's own customers may hold this number: it becomes hers alone.
    db.prepare('DELETE FROM customer_phones WHERE phone_e164 = ?').run(CUSTOMER.phone);
    db.prepare('INSERT INTO customer_phones (phone_e164, customer_id) VALUES (?, ?)').run(CUSTOMER.phone, CUSTOMER.id);
    db.prepare(`INSERT INTO online_cart_lines (customer_id, channel, sku, quantity, price_seen_minor, currency, added_at) VALUES (?, 'web', ?, 1, 1000, 'MDL', '2026-12-02T09:00:00Z')`).run(CUSTOMER.id, sku);
    db.prepare(`INSERT INTO favourites (customer_id, sku, channel, added_at) VALUES (?, ?, 'web', '2026-11-28T18:00:00Z')`).run(CUSTOMER.id, sku);
  } finally {
    db.close();
  }
}

/** Screenshots the screen and checks it; a screen's findings are kept so one run lists every screen's. */
async function visit(page: Page, name: string, failures: string[]): Promise<void> {
  await page.screenshot({ path: join(RESULTS, `a11y-${name}.png`) });
  await checkA11y(page, name).catch((e: Error) => failures.push(e.message));
}

describe('axe-core on every till screen', () => {
  const suite = browserSuite(FAKE_CAMERA);

  for (const lang of ['en', 'ru', 'ro'] as const) {
    it(`has no serious or critical violation on any screen (${lang})`, async () => {
      const till = await suite.till(lang);
      const [a, b] = unitProducts(till.dataDir, 2);
      seedCustomer(till.dataDir, b!.sku);
      const { page, problems } = await openPage(suite.browser(), till.url);
      const failures: string[] = [];

      await visit(page, `empty-sale-${lang}`, failures);
      await scan(page, a!.code);
      await scan(page, b!.code);
      await poll(() => lineRows(page).count()).toBe(2);
      await scan(page, a!.code.slice(0, -1) + String((Number(a!.code.at(-1)) + 1) % 10)); // a misread: wrong check digit
      await poll(() => page.getByRole('alert').count()).toBe(1);
      await visit(page, `sale-${lang}`, failures);

      await page.keyboard.press('F3');
      const name = lang === 'en' ? a!.name_en : a!.name_ru;
      await page.keyboard.type(name.split(' ')[0]!.slice(0, 5), { delay: 60 });
      await poll(() => page.locator('.results .result').count()).toBeGreaterThan(0);
      await visit(page, `search-${lang}`, failures);
      await page.keyboard.press('Escape');

      await page.keyboard.press('F8');
      await page.locator('#customer-query').fill('062123456');
      await page.locator('#customer-query').press('Enter');
      await poll(() => page.locator(`[data-customer-id="${CUSTOMER.id}"]`).count()).toBe(1);
      await visit(page, `customer-${lang}`, failures);
      await page.keyboard.press('Escape');
      await poll(() => page.getByTestId('customer-panel').count()).toBe(0);

      await page.keyboard.press('F7');
      await poll(() => page.locator('.camera-panel').getAttribute('data-state')).toMatch(/scanning|failed/);
      await visit(page, `camera-${lang}`, failures);
      await page.keyboard.press('Escape');
      await poll(() => page.locator('.camera-panel').count()).toBe(0);

      await page.getByTestId('sync-indicator').click();
      await poll(() => page.getByTestId('sync-panel').count()).toBe(1);
      // The pairing code as IT reads it off central's page: grouped, in lower case.
      const pairButton = page.locator('.sync-pair button[type="submit"]');
      await page.locator('.sync-pair input').first().fill('https://central.example');
      await page.locator('.sync-pair input').nth(1).fill('abcd-efgh jkl');
      await poll(() => page.locator('#pairing-code-hint').textContent()).toContain('11');
      expect(await pairButton.isDisabled()).toBe(true);
      await page.locator('.sync-pair input').nth(1).press('m');
      await poll(() => pairButton.isDisabled()).toBe(false);
      expect(await page.locator('#pairing-code-hint').textContent()).toContain('12');
      await visit(page, `sync-${lang}`, failures);
      await page.getByTestId('sync-indicator').click();

      await page.keyboard.press('F4');
      await page.locator('#cash-input').fill('100000');
      await visit(page, `payment-${lang}`, failures);
      await page.locator('#cash-input').press('Enter');
      await poll(() => page.locator('.receipt').count()).toBe(1);
      await visit(page, `receipt-${lang}`, failures);

      await page.keyboard.press('Escape');
      await poll(() => lineRows(page).count()).toBe(0);
      await page.locator('.btn-settings').click();
      await poll(() => page.locator('.hw-main').count()).toBe(1);
      await visit(page, `settings-${lang}`, failures);
      expect(failures.join('\n')).toBe('');
      expect(problems).toEqual([]);
    }, 150_000);
  }
});
