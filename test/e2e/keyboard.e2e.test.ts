import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatedPrinter } from '../emulators/printer.js';
import { launchChromium } from '../helpers/browserMode.js';
import { checkA11y } from './a11y.js';
import { buildApp, openPage, poll, RESULTS, scan, startDemoTill, unitProducts, type DemoTill, type Product } from './support.js';
import { rawTillDatabase } from '../helpers/tillDb.js';

/**
 * A whole shift's moves with the keyboard alone, in the real renderer: scan, search, change a
 * quantity, pay cash, reprint, open the settings and come back — plus the sync dialog, the
 * cancel question and the customer panel, which must keep focus in and give it back. The page
 * counts every mouse event and the test ends by asserting there were none; at each stop the
 * focused control must show a focus ring.
 */

interface Focused {
  readonly tag: string;
  readonly id: string;
  readonly name: string;
  readonly testid: string | null;
  readonly ring: boolean;
  readonly inside: string | null;
}

/** What has focus: its tag, id, accessible-ish name, and whether a focus ring of 2 px or more is drawn. */
async function focused(page: Page, within?: string): Promise<Focused> {
  return page.evaluate((selector) => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { tag: 'body', id: '', name: '', testid: null, ring: false, inside: null };
    const style = getComputedStyle(el);
    const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      name,
      testid: el.getAttribute('data-testid'),
      ring,
      inside: selector && el.closest(selector) ? selector : null,
    };
  }, within ?? null);
}

/** Presses Tab (or Shift+Tab) until `match` holds for the focused control; fails after `max` presses. */
async function tabTo(page: Page, match: (f: Focused) => boolean, options: { back?: boolean; max?: number } = {}): Promise<Focused> {
  const seen: string[] = [];
  for (let i = 0; i < (options.max ?? 60); i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    const f = await focused(page);
    if (match(f)) return f;
    seen.push(f.id || f.name.slice(0, 30) || f.tag);
  }
  throw new Error(`Tab never reached the control; focus went: ${seen.join(' → ')}`);
}

const lineRows = (page: Page) => page.locator('tr[data-line-id]');

describe('the till with the keyboard alone', () => {
  let browser: Browser | undefined;
  let till: DemoTill | undefined;
  const printer = new EmulatedPrinter();
  let server: { port: number; close: () => Promise<void> } | undefined;

  beforeAll(async () => {
    buildApp();
    server = await printer.listenTcp(0);
    [till, browser] = await Promise.all([startDemoTill('en'), launchChromium()]);
    // The receipt printer is set up as the settings screen stores it (the emulator on TCP).
    const db = rawTillDatabase(join(till.dataDir, 'till.sqlite'));
    try {
      db.pragma('busy_timeout = 5000');
      db.prepare(`INSERT INTO settings (key, value) VALUES ('hardware.printer', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`).run(
        JSON.stringify({ profileId: 'epson-tm-t20', connection: { kind: 'tcp', host: '127.0.0.1', port: server.port } }),
      );
    } finally {
      db.close();
    }
  });

  afterAll(async () => {
    await browser?.close();
    await till?.stop();
    await server?.close();
  });

  it('scans, searches, changes a quantity, pays cash, reprints, opens settings and comes back, without the mouse', async () => {
    const demo = till as DemoTill;
    const [a, b] = unitProducts(demo.dataDir, 2) as [Product, Product];
    const { page, problems } = await openPage(browser as Browser, demo.url);
    await page.evaluate(() => {
      const w = window as unknown as { mouseEvents: number };
      w.mouseEvents = 0;
      for (const type of ['mousedown', 'mouseup', 'pointerdown']) window.addEventListener(type, () => w.mouseEvents++, true);
      // Enter or Space on a button fires a click too, with detail 0; a pointer's click has detail ≥ 1.
      window.addEventListener('click', (e) => (e.detail > 0 ? w.mouseEvents++ : undefined), true);
    });

    // Scan.
    await scan(page, a.code);
    await poll(() => lineRows(page).count()).toBe(1);

    // Search: F3, type, Tab into the results, Enter on the product.
    await page.keyboard.press('F3');
    expect(await focused(page)).toMatchObject({ id: 'search-input', ring: true });
    await page.keyboard.type(b.name_en, { delay: 90 });
    await poll(() => page.locator('.results .result').count()).toBeGreaterThan(0);
    const hit = await tabTo(page, (f) => f.tag === 'button' && f.name.includes(b.name_en), { max: 15 });
    expect(hit.ring).toBe(true);
    await page.keyboard.press('Enter');
    await poll(() => lineRows(page).count()).toBe(2);
    expect((await focused(page)).id).toBe('search-input'); // back in the search for the next product

    // Quantity of the first line to 3: Shift+Tab back to its field, type, Enter.
    const qty = await tabTo(page, (f) => f.name === `Quantity of ${a.name_en}`, { back: true, max: 20 });
    expect(qty.ring).toBe(true);
    await page.screenshot({ path: join(RESULTS, 'keyboard-quantity-en.png') });
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await poll(() => lineRows(page).nth(0).locator('.line-total').textContent()).toBe(
      new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'MDL' }).format((a.price * 3) / 100),
    );

    // The cancel question keeps focus on its two buttons; Escape keeps the sale and gives focus back.
    const cancel = await tabTo(page, (f) => f.name === 'Cancel sale');
    expect(cancel.ring).toBe(true);
    await page.keyboard.press('Enter');
    expect((await focused(page)).name).toBe('Keep selling');
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(['Keep selling', 'Yes, cancel sale']).toContain((await focused(page)).name);
    }
    await page.keyboard.press('Escape');
    await poll(async () => (await focused(page)).name).toBe('Cancel sale');
    expect(await lineRows(page).count()).toBe(2);

    // Take payment: F4, the amount, Enter.
    await page.keyboard.press('F4');
    expect(await focused(page)).toMatchObject({ id: 'cash-input', ring: true });
    // Typed as a person types: a burst of digits and Enter is what a scanner sends.
    await page.keyboard.type(String(Math.ceil((a.price * 3 + b.price) / 10_000) * 100 + 100), { delay: 90 });
    await page.keyboard.press('Enter');
    await poll(() => page.getByRole('heading', { name: 'Receipt No. 1' }).count()).toBe(1);
    await printer.waitFor((p) => p.receipts.length === 1);
    expect(await focused(page)).toMatchObject({ name: 'New sale', ring: true });

    // Reprint: Shift+Tab to it, Enter; the printer prints a COPY.
    await tabTo(page, (f) => f.name === 'Reprint receipt', { back: true, max: 3 });
    await page.keyboard.press('Enter');
    await printer.waitFor((p) => p.receipts.length === 2);
    expect(printer.receipts[1]!.lines[0]?.trim()).toBe('*** COPY ***');
    await checkA11y(page, 'keyboard-receipt-en');
    await page.screenshot({ path: join(RESULTS, 'keyboard-receipt-en.png') });

    // Next customer: Escape on the receipt starts a new sale.
    await page.keyboard.press('Escape');
    await poll(() => lineRows(page).count()).toBe(0);

    // Settings from the header and back with Escape.
    const settings = await tabTo(page, (f) => f.name === 'Settings', { back: true });
    expect(settings.ring).toBe(true);
    await page.screenshot({ path: join(RESULTS, 'keyboard-settings-button-en.png') });
    await page.keyboard.press('Enter');
    await poll(() => page.getByRole('heading', { name: 'Hardware settings', level: 1 }).count()).toBe(1);
    const inSettings = await tabTo(page, (f) => f.tag === 'select' || f.tag === 'input');
    expect(inSettings.ring).toBe(true);
    await page.keyboard.press('Escape');
    await poll(() => page.getByRole('heading', { name: 'Hardware settings', level: 1 }).count()).toBe(0);
    await poll(() => page.locator('#barcode-input').count()).toBe(1);

    // The sync dialog: Enter opens it with focus inside, Tab stays inside, Escape gives focus back.
    await tabTo(page, (f) => f.testid === 'sync-indicator');
    await page.keyboard.press('Enter');
    await poll(() => page.getByRole('dialog', { name: 'Sync with central' }).count()).toBe(1);
    expect((await focused(page, '.sync-panel')).inside).toBe('.sync-panel');
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab');
      const f = await focused(page, '.sync-panel');
      expect(f.inside, `focus left the sync dialog for ${f.id || f.name}`).toBe('.sync-panel');
      expect(f.ring).toBe(true);
    }
    await page.screenshot({ path: join(RESULTS, 'keyboard-sync-en.png') });
    await page.keyboard.press('Escape');
    await poll(() => page.getByTestId('sync-panel').count()).toBe(0);
    expect((await focused(page)).testid).toBe('sync-indicator');

    // The customer panel: F8 puts focus in its field, Escape closes it and focus lands on its button.
    await page.keyboard.press('F8');
    await poll(async () => (await focused(page)).id).toBe('customer-query');
    await page.keyboard.press('Escape');
    await poll(() => page.getByTestId('customer-panel').count()).toBe(0);
    await poll(async () => (await focused(page)).name).toContain('Customer');

    expect(await page.evaluate(() => (window as unknown as { mouseEvents: number }).mouseEvents)).toBe(0);
    expect(problems).toEqual([]);
  }, 150_000);
});
