import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browserMode.js';
import { buildApp, cutText, openPage, poll, RESULTS, scan, startDemoTill, unitProducts, type DemoTill, type Product } from './support.js';
import { checkA11y } from './a11y.js';
import { addCampaigns, enterCode } from './promoSupport.js';
import { rawTillDatabase } from '../helpers/tillDb.js';

/**
 * Promo codes through the real renderer, offline (the demo till is not paired with central):
 * a stream code typed in any case with dashes, an unknown one refused in the UI language, a
 * code waiting for a bigger basket, the saving per line and in the totals, the receipt's
 * discount lines (the stream campaign named in the UI language), and the redemption written with the sale. Screenshots at 1024×768 and
 * 1920×1080 in en, ru and ro go to test-results/.
 */

const LANGS = ['en', 'ru', 'ro'] as const;
type Lang = (typeof LANGS)[number];

const UNKNOWN: Record<Lang, string> = {
  en: 'is not a known promo code',
  ru: 'не является известным промокодом',
  ro: 'nu este un cod promoțional cunoscut',
};
const SAVED: Record<Lang, string> = { en: 'You save', ru: 'Вы экономите', ro: 'Economisiți' };
/** The stream campaign's names as central sends them; English is also its `name`. */
const STREAM: Record<Lang, string> = { en: 'Stream −15 %', ru: 'Прямой эфир −15 %', ro: 'Transmisiune live −15 %' };

async function shoot(page: Page, name: string): Promise<void> {
  for (const [w, h] of [
    [1024, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.waitForTimeout(100);
    await page.screenshot({ path: join(RESULTS, `promo-${name}-${w}x${h}.png`) });
    await checkA11y(page, `promo-${name}-${w}x${h}`);
    // Nothing of the side column is cut off: the pay button stays reachable at both sizes.
    const pay = page.locator('.btn-pay');
    if ((await pay.count()) > 0) {
      const box = await pay.boundingBox();
      expect(box && box.y + box.height <= h, `${name} ${w}x${h}: pay button on screen`).toBe(true);
    }
  }
}

describe('promo codes on the sale screen in a real browser', () => {
  let browser: Browser | undefined;
  const tills: Partial<Record<Lang, DemoTill>> = {};

  beforeAll(async () => {
    buildApp();
    const started = await Promise.all(LANGS.map((l) => startDemoTill(l)));
    LANGS.forEach((l, i) => (tills[l] = started[i]));
    for (const l of LANGS) {
      addCampaigns((tills[l] as DemoTill).dataDir, [
        { id: 'stream-dec', name: STREAM.en, names: STREAM, percent: 15, code: 'STREAMDEC' },
        { id: 'big-basket', name: 'Big basket −5 %', percent: 5, currency: 'MDL', code: 'BIGBASKET', rules: { minBasketMinor: 1_000_000 } },
      ]);
    }
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(LANGS.map((l) => tills[l]?.stop()));
  });

  for (const lang of LANGS) {
    it(`applies, refuses and keeps codes, and the receipt shows the saving (${lang})`, async () => {
      const till = tills[lang] as DemoTill;
      const [a, b] = unitProducts(till.dataDir, 2) as [Product, Product];
      const { page, problems } = await openPage(browser as Browser, till.url, 768);
      await page.setViewportSize({ width: 1024, height: 768 });
      await scan(page, a.code);
      await scan(page, b.code);
      await poll(() => page.locator('tr[data-line-id]').count()).toBe(2);

      await enterCode(page, 'stream-dec');
      await poll(() => page.getByTestId('promo-list').textContent()).toContain(STREAM[lang]);
      // A percent is rounded per line (allocation "each", core/promo/README.md).
      const discount = Math.round((a.price * 15) / 100) + Math.round((b.price * 15) / 100);
      const money = new Intl.NumberFormat({ en: 'en-GB', ru: 'ru-RU', ro: 'ro-RO' }[lang], { style: 'currency', currency: 'MDL' });
      const digits = (text: string | null) => (text ?? '').replace(/\D/g, '');
      await poll(async () => digits(await page.getByTestId('sale-total').textContent())).toBe(digits(money.format((a.price + b.price - discount) / 100)));
      await poll(async () => digits(await page.getByTestId('sale-discount').textContent())).toBe(digits(money.format(discount / 100)));
      expect(await page.locator('.promo-totals').textContent()).toContain(SAVED[lang]);
      expect(await page.locator('.line-discount').count()).toBe(2);

      await enterCode(page, 'NOSUCH-CODE');
      await poll(() => page.getByRole('alert').textContent()).toContain(UNKNOWN[lang]);
      await enterCode(page, 'bigbasket');
      await poll(() => page.locator('.promo-item.waiting').count()).toBe(1);
      // The waiting code's reason ("add … more to use this code") reads whole at 1024×768: wrapped, not cut.
      await page.setViewportSize({ width: 1024, height: 768 });
      await poll(() => cutText(page, '.promo-reason')).toEqual([]);
      await shoot(page, `sale-${lang}`);

      // 10 KB of garbage in the code box: a clear error, nothing changes.
      await page.fill('#promo-code-input', 'x'.repeat(10_240));
      await page.press('#promo-code-input', 'Enter');
      await poll(() => page.getByRole('alert').count()).toBe(1);
      expect(await page.locator('.promo-item').count()).toBe(2);

      // Pay exactly the total.
      await page.keyboard.press('F4');
      const due = await page.getByTestId('payment-due').textContent();
      expect(digits(due)).toBe(digits(money.format((a.price + b.price - discount) / 100)));
      await page.locator('#cash-input').fill(((a.price + b.price - discount) / 100).toFixed(2));
      await page.keyboard.press('Enter');
      await poll(() => page.getByTestId('receipt-discounts').textContent()).toContain(STREAM[lang]);
      await shoot(page, `receipt-${lang}`);
      expect(problems).toEqual([]);
      await page.close();

      const db = rawTillDatabase(join(till.dataDir, 'till.sqlite'), { readonly: true });
      try {
        expect(db.prepare(`SELECT code, offline, discount_minor FROM promo_redemptions`).all()).toEqual([{ code: 'STREAMDEC', offline: 1, discount_minor: discount }]);
        expect(db.prepare(`SELECT op_type FROM outbox ORDER BY op_type`).pluck().all()).toEqual(['promo.redeemed', 'sale.completed']);
        expect(db.prepare(`SELECT total_minor FROM sales WHERE status = 'completed'`).pluck().get()).toBe(a.price + b.price - discount);
      } finally {
        db.close();
      }
    }, 150_000);
  }
});
