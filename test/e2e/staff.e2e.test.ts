import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../core/demo/staff.js';
import { catalogues } from '../../core/i18n/index.js';
import { launchChromium } from '../helpers/browserMode.js';
import { buildApp, layoutProblems, openPage, poll, RESULTS, scan, shoot, signIn, startDemoTill, unitProducts, staffAction, type DemoTill } from './support.js';
import { checkA11y } from './a11y.js';

/** Staff at a real till in Chromium: sign-in by PIN and by staff card, a wrong PIN, lock, sign-out, in en, ru and ro. */

const maria = DEMO_STAFF.find((p) => p.id === 'maria')!;

describe('staff sign-in in a real browser', () => {
  let browser: Browser;
  const tills: DemoTill[] = [];

  beforeAll(async () => {
    buildApp();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await Promise.all(tills.map((t) => t.stop()));
  });

  it('signs in by PIN, refuses a wrong one, locks, takes a staff card, signs out (en, 1024×768 and 1920×1080)', async () => {
    const till = await startDemoTill('en');
    tills.push(till);
    const [product] = unitProducts(till.dataDir, 1);
    const { page, problems } = await openPage(browser, till.url, 768, false);
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.locator('.signin').waitFor();
    expect(await page.locator('.signin-person').allTextContents()).toEqual(['Ana Rusucashier', 'Ion Cebansenior cashier', 'Maria Popamanager']);

    // A product scanned before anyone signs in sells nothing: the scan is taken as a staff card.
    await scan(page, product!.code);
    await poll(() => page.locator('.alert').textContent()).toContain('This staff card is not known');

    await page.locator('.signin-person', { hasText: 'Ana Rusu' }).click();
    await page.locator('#staff-pin').fill('1234');
    await page.locator('.pinpad button[type="submit"]').click();
    await poll(() => page.locator('.alert').textContent()).toContain('Wrong PIN. Attempts left before a 5-minute lock: 4.');
    await page.screenshot({ path: join(RESULTS, 'staff-signin-en-1024.png') });
    await checkA11y(page, 'staff-signin-en-1024');

    await page.locator('#staff-pin').fill('1111');
    await page.locator('.pinpad button[type="submit"]').click();
    await poll(() => page.locator('.staffbar-who').textContent()).toBe('Ana Rusu · cashier');
    expect(await page.locator('.till-facts').textContent()).toContain('Ana Rusu');
    await scan(page, product!.code);
    await poll(() => page.locator('tr[data-line-id]').count()).toBe(1);

    await staffAction(page, 'Lock');
    await poll(() => page.locator('.signin-title').textContent()).toBe('Till locked');
    expect(await page.locator('.signin-note').first().textContent()).toContain('Locked by Ana Rusu');
    await page.screenshot({ path: join(RESULTS, 'staff-locked-en-1024.png') });
    await checkA11y(page, 'staff-locked-en-1024');

    // The manager scans her staff card at the locked till: the open sale is hers now.
    await scan(page, maria.card!);
    await poll(() => page.locator('.staffbar-who').textContent()).toBe('Maria Popa · manager');
    expect(await page.locator('tr[data-line-id]').count()).toBe(1);

    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: join(RESULTS, 'staff-signedin-en-1920.png') });
    await checkA11y(page, 'staff-signedin-en-1920');
    await staffAction(page, 'Sign out');
    await page.locator('.signin').waitFor();
    await page.screenshot({ path: join(RESULTS, 'staff-signin-en-1920.png') });
    await checkA11y(page, 'staff-signin-en-1920');
    expect(problems).toEqual([]);
    await page.close();
  });

  it.each([
    ['ru', 'Вход', 'кассир'],
    ['ro', 'Autentificare', 'casier'],
  ])('shows the sign-in screen in %s and signs in', async (lang, title, role) => {
    const till = await startDemoTill(lang);
    tills.push(till);
    const { page, problems } = await openPage(browser, till.url, 768, false);
    await page.setViewportSize({ width: 1024, height: 768 });
    await poll(() => page.locator('.signin-title').textContent()).toBe(title);
    await page.locator('.signin-person', { hasText: 'Ana Rusu' }).click();
    await page.screenshot({ path: join(RESULTS, `staff-signin-${lang}-1024.png`) });
    await checkA11y(page, `staff-signin-${lang}-1024`);
    await signIn(page);
    expect(await page.locator('.staffbar-who').textContent()).toBe(`Ana Rusu · ${role}`);
    const ui = catalogues[lang as 'ru' | 'ro'].ui;
    await staffAction(page, ui.staff.lock);
    await poll(() => page.locator('.signin-title').textContent()).toBe(ui.staff.lockedTitle);
    await page.screenshot({ path: join(RESULTS, `staff-locked-${lang}-1024.png`) });
    await checkA11y(page, `staff-locked-${lang}-1024`);
    expect(problems).toEqual([]);
    await page.close();
  });

  it.each([
    ['en', 'Shift', 'Return'],
    ['ru', 'Смена', 'Возврат'],
    ['ro', 'Tură', 'Retur'],
  ])('keeps the signed-in person and her actions in the header, the whole sale below it (%s, every till size)', async (lang, shift, ret) => {
    const till = await startDemoTill(lang);
    tills.push(till);
    const products = unitProducts(till.dataDir, 8);
    const { page, problems } = await openPage(browser, till.url);
    for (const p of products) await scan(page, p.code);
    await poll(() => page.locator('tr[data-line-id]').count()).toBe(8);

    // No row of its own: the person is the header's cashier, the sale starts right under the header.
    expect(await page.locator('.topbar .fact-staff .staffbar-who').count()).toBe(1);
    expect(await page.locator('.staffbar-menu').count()).toBe(0);
    await shoot(page, `staff-sale-${lang}`);
    await page.setViewportSize({ width: 1024, height: 768 });
    const gap = await page.evaluate(() => document.querySelector('.workspace')!.getBoundingClientRect().top - document.querySelector('.topbar')!.getBoundingClientRect().bottom);
    expect(gap).toBeLessThan(30);
    for (const column of ['.lines thead .col-money', '.lines thead .col-act', '.total-amount']) expect(await page.locator(column).first().isVisible()).toBe(true);

    // Her name opens the actions; Escape closes them and gives the focus back to her name.
    await page.locator('.staffbar-who').click();
    expect(await page.locator('.staffbar-who').getAttribute('aria-expanded')).toBe('true');
    expect(await page.locator('.staffbar-btn').allTextContents()).toEqual([shift, ret, expect.any(String), expect.any(String)]);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(shift);
    expect(await layoutProblems(page)).toEqual([]);
    await page.screenshot({ path: join(RESULTS, `staff-menu-${lang}-1024x768.png`) });
    await checkA11y(page, `staff-menu-${lang}-1024`);
    await page.keyboard.press('Escape');
    expect(await page.locator('.staffbar-menu').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('staffbar-who'))).toBe(true);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.locator('.staffbar-who').click();
    await page.screenshot({ path: join(RESULTS, `staff-menu-${lang}-1920x1080.png`) });
    await staffAction(page, shift);
    await page.locator('main.shift').waitFor();
    // The sync's state stays in sight on the screens her actions open.
    expect(await page.getByTestId('sync-indicator').count()).toBe(1);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a cashier cancelling a long sale gets a manager’s approval on the same till (en, 1024×768)', async () => {
    const till = await startDemoTill('en');
    tills.push(till);
    const products = unitProducts(till.dataDir, 11);
    const { page, problems } = await openPage(browser, till.url);
    await page.setViewportSize({ width: 1024, height: 768 });
    for (const p of products) await scan(page, p.code);
    await poll(() => page.locator('tr[data-line-id]').count()).toBe(11);
    await page.getByRole('button', { name: 'Cancel sale' }).click();
    await page.locator('.confirm .btn-danger').click();
    await page.locator('.approval').waitFor();
    expect(await page.locator('.approval .signin-note').textContent()).toBe('Needs a manager: cancel a sale with many lines');
    // Only those who may approve are offered: the manager, already chosen.
    expect(await page.locator('.approval .signin-person').allTextContents()).toEqual(['Maria Popamanager']);
    await page.locator('#staff-pin').fill('1234');
    await page.locator('.approval .pinpad button[type="submit"]').click();
    await poll(() => page.locator('.alert').textContent()).toContain('Wrong PIN');
    await page.screenshot({ path: join(RESULTS, 'staff-approval-en-1024.png') });
    await checkA11y(page, 'staff-approval-en-1024');
    await page.locator('#staff-pin').fill(maria.pin);
    await page.locator('.approval .pinpad button[type="submit"]').click();
    await page.locator('.approval').waitFor({ state: 'detached' });
    await poll(() => page.locator('tr[data-line-id]').count()).toBe(0);
    expect(await page.locator('.staffbar-who').textContent()).toBe('Ana Rusu · cashier');
    expect(problems).toEqual([]);
    await page.close();
  });
});
