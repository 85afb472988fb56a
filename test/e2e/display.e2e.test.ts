import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { catalogues, type Language } from '../../core/i18n/index.js';
import { rawTillDatabase } from '../helpers/tillDb.js';
import { checkA11y } from './a11y.js';
import { browserSuite, openPage, poll, scan, screenshots, unitProducts, type Product } from './support.js';

/**
 * The customer display as a second page beside the cashier's, in a real Chromium: the welcome
 * between sales, the sale as the cashier rings it up (each discount by its promotion, her first
 * name), then paid and change; screenshots in en, ru, ro at 1024×768 and 1920×1080.
 */

const ULYANA = { id: 'C-E2E-ULYANA', name: 'Ulyana Popa', phone: '+37362123456' };
const PROMOTION = { en: 'Sneaker week −20 %', ru: 'Неделя кроссовок −20 %', ro: 'Săptămâna sneakerșilor −20 %' } as const;

/** Ulyana in the cache, and an automatic promotion on the first product's category. */
function seed(dataDir: string, lang: Language): Product[] {
  const products = unitProducts(dataDir, 3);
  const db = rawTillDatabase(join(dataDir, 'till.sqlite'));
  try {
    db.pragma('busy_timeout = 5000');
    db.transaction(() => {
      db.prepare('DELETE FROM customer_phones WHERE phone_e164 = ?').run(ULYANA.phone);
      db.prepare(`INSERT INTO customers (id, name, email, segments, consents, updated_at) VALUES (?, ?, NULL, '[]', '[]', '2026-12-01T10:00:00Z')`).run(ULYANA.id, ULYANA.name);
      db.prepare('INSERT INTO customer_phones (phone_e164, customer_id) VALUES (?, ?)').run(ULYANA.phone, ULYANA.id);
      db.prepare(`UPDATE products SET category = 'e2e-sneakers' WHERE sku = ?`).run(products[0]?.sku);
      db.prepare(
        `INSERT INTO campaigns (id, name, channel, code_kind, discount_kind, discount_value, currency, starts_at, ends_at, offline_allowed,
           offline_cap_per_till, rules, sync_gen) VALUES ('e2e-sneakers', ?, 'store', 'shared', 'percent', 20, NULL, '2020-01-01T00:00:00.000Z',
           '2099-01-01T00:00:00.000Z', 1, 100, ?, (SELECT COALESCE(MAX(sync_gen), 0) + 1 FROM campaigns))`,
      ).run(PROMOTION[lang], JSON.stringify({ automatic: true, categories: ['e2e-sneakers'] }));
    })();
  } finally {
    db.close();
  }
  return products;
}

async function shoot(display: Page, name: string): Promise<void> {
  await screenshots(display, name, [
    [1024, 768],
    [1920, 1080],
  ]);
  await checkA11y(display, name);
  await display.setViewportSize({ width: 1024, height: 768 });
}

/** Nothing on the display scrolls away or spills over the screen's edge. */
function overflow(display: Page): Promise<string[]> {
  return display.evaluate(() => {
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > innerWidth + 1) problems.push('the display scrolls sideways');
    for (const el of document.querySelectorAll('.cd-totals, .cd-heading, .cd-thanks, .cd-idle h1')) {
      const r = el.getBoundingClientRect();
      if (r.bottom > innerHeight + 1 || r.right > innerWidth + 1) problems.push(`${el.className || el.tagName} is off screen`);
    }
    return problems;
  });
}

describe('the customer display in a real browser', () => {
  const suite = browserSuite();

  for (const lang of ['en', 'ru', 'ro'] as const) {
    it(`follows the cashier's sale, with her discount and her first name, then paid and change (${lang})`, async () => {
      const ui = catalogues[lang].ui;
      const till = await suite.till(lang);
      const [shoe, other] = seed(till.dataDir, lang) as [Product, Product];
      const { page, problems } = await openPage(suite.browser(), till.url);
      const display = await suite.browser().newPage({ viewport: { width: 1024, height: 768 } });
      display.on('pageerror', (e) => problems.push(`display: ${e.message}`));
      display.on('console', (m) => {
        if (m.type() === 'error') problems.push(`display console: ${m.text()}`);
      });
      await display.goto(`${till.url}display`);

      await poll(() => display.locator('.cd-idle .cd-hint').textContent()).toBe(ui.display.idleHint);
      expect(await overflow(display)).toEqual([]);
      await shoot(display, `display-idle-${lang}`);

      await scan(page, shoe.code);
      await scan(page, other.code);
      await scan(page, other.code);
      await poll(() => display.locator('.cd-line').count()).toBe(2);
      expect(await display.locator('.cd-discount .cd-name').textContent()).toBe(PROMOTION[lang]);
      expect(await display.locator('.cd-line').first().locator('.cd-name').first().textContent()).toBe(shoe[`name_${lang}`]);

      // Her attached: greeted by first name; the display never shows her phone, masked or not.
      await page.keyboard.press('F8');
      await page.locator('#customer-query').fill('0621 23 456');
      await page.locator('#customer-query').press('Enter');
      await page.getByRole('button', { name: ui.customer.attach }).click();
      await poll(() => display.locator('.cd-heading').textContent()).toBe(ui.display.hello.replace('{{name}}', 'Ulyana'));
      const shown = (await display.locator('body').textContent()) ?? '';
      for (const secret of ['Popa', '621', '•', ULYANA.id]) expect(shown, secret).not.toContain(secret);
      expect(await display.locator('.cd-saved').count()).toBe(1);
      expect(await overflow(display)).toEqual([]);
      await shoot(display, `display-sale-${lang}`);

      // The same total as the cashier's screen.
      await page.keyboard.press('Escape');
      const cashierTotal = (await page.getByTestId('sale-total').textContent()) ?? '';
      expect((await display.getByTestId('display-total').textContent())?.replace(/\s/g, '')).toBe(cashierTotal.replace(/\s/g, ''));
      await page.getByRole('button', { name: ui.actions.pay }).click();
      await page.getByLabel(ui.payment.received).fill('100000');
      await page.getByRole('button', { name: ui.payment.complete }).click();
      await poll(() => display.locator('.cd-change').count()).toBe(1);
      expect(await display.locator('.cd-thanks').textContent()).toBe(ui.display.thanks);
      expect(await overflow(display)).toEqual([]);
      await shoot(display, `display-paid-${lang}`);
      expect(problems).toEqual([]);
      await display.close();
    }, 120_000);
  }
});
