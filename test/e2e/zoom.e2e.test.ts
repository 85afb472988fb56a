import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { catalogues } from '../../core/i18n/index.js';
import { checkA11y } from './a11y.js';
import { browserSuite, openPage, poll, RESULTS, scan, staffAction, unitProducts } from './support.js';

/**
 * Text at 150 % on a 1280×800 screen: what browser zoom does — the page gets 853×533 CSS pixels
 * drawn at 1.5 device pixels each — through every till screen. On each, every control must be
 * reachable: scrolled to, it lies inside the window and is the thing under its own centre (not
 * clipped away by an overflow, nor covered by another element).
 */

const SCREEN = { width: 1280, height: 800 };
const ZOOM = 1.5;

/** The page as the browser shows it at `ZOOM` on `SCREEN`. */
async function zoom(page: Page): Promise<void> {
  const width = Math.floor(SCREEN.width / ZOOM);
  const height = Math.floor(SCREEN.height / ZOOM);
  await page.setViewportSize({ width, height });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: ZOOM, mobile: false });
  expect(await page.evaluate(() => [window.innerWidth, window.devicePixelRatio])).toEqual([width, ZOOM]);
}

/** Controls that cannot be reached: each scrolled into view, then looked for under its own centre. */
async function lostControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = 'button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])';
    const lost: string[] = [];
    const label = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? (el as HTMLInputElement).placeholder ?? '').replace(/\s+/g, ' ').trim().slice(0, 40)}"`;
    // An open modal dialog, or the staff actions opened under her name, covers the page on purpose: then only its own controls count.
    const root = document.querySelector('[role="dialog"][aria-modal="true"], .staffbar-menu') ?? document;
    for (const el of root.querySelectorAll<HTMLElement>(selector)) {
      // Folded in a closed <details> is not lost: its summary, which unfolds it, is checked.
      if (el.closest('[hidden], [aria-hidden="true"], .visually-hidden, details:not([open]) > :not(summary)') || getComputedStyle(el).visibility === 'hidden') continue;
      el.scrollIntoView({ block: 'center', inline: 'center' });
      const r = el.getBoundingClientRect();
      if (r.width < 8 || r.height < 8) {
        lost.push(`${label(el)}: squeezed to ${Math.round(r.width)}×${Math.round(r.height)}`);
        continue;
      }
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      if (x < 0 || y < 0 || x > window.innerWidth || y > window.innerHeight) {
        lost.push(`${label(el)}: off screen at ${Math.round(x)},${Math.round(y)}`);
        continue;
      }
      const top = document.elementFromPoint(x, y);
      if (!top || (top !== el && !el.contains(top) && !(el.id && top.closest(`label[for="${el.id}"]`)))) {
        lost.push(`${label(el)}: covered by ${top ? label(top) : 'nothing'}`);
      }
    }
    window.scrollTo(0, 0);
    return lost;
  });
}

/** Screenshots the screen, adds what it lost to `lost` (so one run names every screen's losses), and runs axe on it. */
async function check(page: Page, name: string, lost: string[]): Promise<void> {
  await page.screenshot({ path: join(RESULTS, `zoom150-${name}.png`) });
  for (const control of await lostControls(page)) lost.push(`${name}: ${control}`);
  await checkA11y(page, `zoom150-${name}`);
}

describe('text at 150 % (browser zoom) on a 1280×800 screen', () => {
  const suite = browserSuite();

  for (const lang of ['en', 'ru', 'ro'] as const) {
    it(`keeps every control of every screen reachable (${lang})`, async () => {
      const till = await suite.till(lang);
      const products = unitProducts(till.dataDir, 6);
      const { page, problems } = await openPage(suite.browser(), till.url);
      await zoom(page);
      const lost: string[] = [];

      await check(page, `empty-${lang}`, lost);
      for (const p of products) await scan(page, p.code);
      await poll(() => page.locator('tr[data-line-id]').count()).toBe(products.length);
      await check(page, `sale-${lang}`, lost);

      await page.keyboard.press('F3');
      const name = products[0]![`name_${lang}`];
      await page.keyboard.type(name.split(' ')[0]!.slice(0, 5), { delay: 90 });
      await poll(() => page.locator('.results .result').count()).toBeGreaterThan(0);
      await check(page, `search-${lang}`, lost);
      await page.keyboard.press('Escape');

      await page.keyboard.press('F8');
      await poll(() => page.getByTestId('customer-panel').count()).toBe(1);
      await check(page, `customer-${lang}`, lost);
      await page.keyboard.press('Escape');

      await page.getByTestId('sync-indicator').focus();
      await page.keyboard.press('Enter');
      await poll(() => page.getByTestId('sync-panel').count()).toBe(1);
      await check(page, `sync-${lang}`, lost);
      await page.keyboard.press('Escape');

      await page.keyboard.press('F4');
      await poll(() => page.locator('#cash-input').count()).toBe(1);
      await check(page, `payment-${lang}`, lost);
      await page.locator('#cash-input').pressSequentially('100000', { delay: 90 });
      await page.keyboard.press('Enter');
      await poll(() => page.locator('.receipt').count()).toBe(1);
      await check(page, `receipt-${lang}`, lost);

      await page.keyboard.press('Escape');
      await poll(() => page.locator('tr[data-line-id]').count()).toBe(0);

      // The signed-in person's actions in the header, then the return and shift screens they open.
      const ui = catalogues[lang].ui;
      await page.locator('.staffbar-who').click();
      await poll(() => page.locator('.staffbar-menu').count()).toBe(1);
      await check(page, `staff-menu-${lang}`, lost);
      await staffAction(page, ui.returns.open);
      await poll(() => page.locator('main.returns').count()).toBe(1);
      await check(page, `return-${lang}`, lost);
      await page.locator('.returns-head').getByRole('button', { name: ui.shift.back }).click();
      await staffAction(page, ui.shift.title);
      await poll(() => page.locator('main.shift').count()).toBe(1);
      await check(page, `shift-${lang}`, lost);
      await page.locator('.shift-head button').click();
      await poll(() => page.locator('.btn-settings').count()).toBe(1);

      await page.locator('.btn-settings').focus();
      await page.keyboard.press('Enter');
      await poll(() => page.locator('.hw-main').count()).toBe(1);
      await check(page, `settings-${lang}`, lost);
      expect(lost).toEqual([]);
      expect(problems).toEqual([]);
    }, 150_000);
  }
});
