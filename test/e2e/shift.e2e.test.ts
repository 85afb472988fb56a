import { join } from 'node:path';
import { rawTillDatabase } from '../helpers/tillDb.js';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browserMode.js';
import { buildApp, openPage, poll, RESULTS, scan, startDemoTill, unitProducts, staffAction, type DemoTill } from './support.js';
import { checkA11y } from './a11y.js';

/** A shift at a real till in Chromium: open with the float, sell, cash out, X report, Z close approved by the manager. */

describe('shift in a real browser', () => {
  let browser: Browser;
  let till: DemoTill;

  beforeAll(async () => {
    buildApp();
    browser = await launchChromium();
    till = await startDemoTill('en');
  });
  afterAll(async () => {
    await browser?.close();
    await till?.stop();
  });

  it('opens a shift with a counted float, sells, takes cash out, X report, then the Z with the manager’s approval (1024×768, 1920×1080)', async () => {
    const [product] = unitProducts(till.dataDir, 1);
    const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'MDL', minimumFractionDigits: 2 });
    const fmt = (minor: number) => money.format(minor / 100);
    const { page, problems } = await openPage(browser, till.url, 768, false);
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.locator('.signin-person', { hasText: 'Ion Ceban' }).click();
    await page.locator('#staff-pin').fill('2222');
    await page.locator('.pinpad button[type="submit"]').click();
    await page.locator('.staffbar').waitFor();

    await staffAction(page, 'Shift');
    await page.getByText('No shift is open.').waitFor();
    // Float: 2 × 500 lei and 5 × 10 lei = 1,050.00.
    await page.getByLabel('Pieces MDL 500.00').fill('2');
    await page.getByLabel('Pieces MDL 10.00').fill('5');
    expect(await page.getByTestId('count-total').textContent()).toBe(fmt(105_000));
    await page.screenshot({ path: join(RESULTS, 'shift-open-en-1024.png') });
    await checkA11y(page, 'shift-open-en-1024');
    await page.getByRole('button', { name: 'Open shift' }).click();
    await poll(() => page.getByTestId('expected-cash').textContent()).toBe(fmt(105_000));

    // A cash sale at the till joins the shift.
    await page.getByRole('button', { name: 'Back' }).click();
    await scan(page, product!.code);
    await poll(() => page.locator('tr[data-line-id]').count()).toBe(1);
    await page.getByRole('button', { name: 'Take payment' }).click();
    await page.getByLabel('Cash received').fill(String(Math.ceil(product!.price / 100) + 100));
    await page.getByRole('button', { name: 'Complete sale' }).click();
    await page.getByTestId('receipt-total').waitFor();

    await staffAction(page, 'Shift');
    const expected = 105_000 + product!.price;
    await poll(() => page.getByTestId('expected-cash').textContent()).toBe(fmt(expected));
    await page.getByRole('button', { name: 'Cash out' }).click();
    await page.getByLabel('Amount').fill('500');
    await page.getByLabel('Reason').fill('to the safe');
    await page.getByRole('button', { name: 'Record' }).click();
    await poll(() => page.getByTestId('expected-cash').textContent()).toBe(fmt(expected - 50_000));
    await page.getByRole('button', { name: 'X report' }).click();
    await poll(() => page.locator('.shift-report h2').textContent()).toBe('X report');
    expect(await page.locator('.shift-report').innerText()).toContain(fmt(expected - 50_000));
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: join(RESULTS, 'shift-x-en-1920.png') });
    await checkA11y(page, 'shift-x-en-1920');

    // The Z needs a manager: her PIN on this till.
    await page.getByRole('button', { name: 'Close shift (Z)' }).click();
    await page.getByLabel('Pieces MDL 500.00').fill('1');
    await page.getByRole('button', { name: 'Close the shift' }).click();
    await page.locator('.approval').waitFor();
    await page.locator('#staff-pin').fill('9999');
    await page.locator('.approval .pinpad button[type="submit"]').click();
    await poll(() => page.locator('.shift-report h2').textContent()).toBe('Z report no. 1');
    const z = await page.locator('.shift-report').innerText();
    expect(z).toContain(fmt(50_000));
    expect(z).toContain(fmt(50_000 - (expected - 50_000)));
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: join(RESULTS, 'shift-z-en-1024.png') });
    await checkA11y(page, 'shift-z-en-1024');
    expect(await page.getByText('No shift is open.').count()).toBe(1);

    const db = rawTillDatabase(join(till.dataDir, 'till.sqlite'), { readonly: true });
    try {
      expect(db.prepare(`SELECT status, z_no, counted_minor, opened_by_id, closed_by_id FROM shifts`).all()).toEqual([
        { status: 'closed', z_no: 1, counted_minor: 50_000, opened_by_id: 'ion', closed_by_id: 'ion' },
      ]);
      expect(db.prepare(`SELECT COUNT(*) FROM outbox WHERE op_type IN ('shift.closed', 'approval.granted')`).pluck().get()).toBe(2);
    } finally {
      db.close();
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});
