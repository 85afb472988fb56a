import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browserMode.js';
import { admin, buildAndStartCentral, shot, stopCentral, type Central } from './consoleSupport.js';

/**
 * The console's store settings in Debian's Chromium, on central's demo chain: an IT admin sets a
 * store's payment methods, no-receipt policy, discount limit and offline voucher cap, money typed
 * in major units as the UI language writes it; bad input is named beside each field in en, ru and
 * ro; a store manager sees their own store with only their fields open. Screenshots at 1024×768
 * and 1920×1080.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ADMIN_KEY = 'e2e-stores-admin-key-0123456789abcdef';
const OUT = join(root, 'central', `.e2e-dist-stores-${process.pid}`);
const STORE = 'MD-CHI-01';
const MANAGER = { email: 'manager@demo.omnitill', password: 'a long manager password 7' };

describe('console store settings in a real browser', () => {
  let central: Central | undefined;
  let browser: Browser | undefined;
  let base = '';

  beforeAll(async () => {
    central = await buildAndStartCentral(OUT, ADMIN_KEY, ['--demo-customers', '200', '--demo-products', '100']);
    base = new URL(central.url).origin;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stopCentral(central, OUT);
  });

  async function signIn(lang: string, email: string, password: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser!.newPage({ viewport: { width: 1024, height: 768 } });
    page.setDefaultTimeout(30_000);
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      // A refused save answers 400/403 on purpose; the page says so in words.
      if (m.type() === 'error' && !/status of 40[013]/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    await page.goto(`${central!.url}?lang=${lang}`);
    await page.getByRole('textbox', { name: /e-mail/i }).fill(email);
    await page.locator('input[name="password"]').fill(password);
    await page.locator('button[type="submit"]').click();
    await page.locator('nav a[href="/console/stores"]').click();
    await page.locator('form.policy-form').waitFor();
    return { page, problems };
  }

  const field = (page: Page, name: string) => page.locator(`input[name="${name}"]`);
  const storeOf = async (id: string) => ((await admin(base, 'GET', '/v1/admin/stores', undefined, ADMIN_KEY)).stores as { id: string }[]).find((s) => s.id === id) as Record<string, unknown>;

  it('an IT admin sets every policy; bad input is named beside its field and changes nothing (English)', async () => {
    const { page, problems } = await signIn('en', 'admin@demo.omnitill', central!.password);
    await page.locator('select').filter({ has: page.locator(`option[value="${STORE}"]`) }).selectOption(STORE);
    await page.getByRole('heading', { name: /Botanica/ }).waitFor();
    expect(await field(page, 'noReceiptMax').inputValue()).toBe('500.00');
    expect(await field(page, 'manualDiscountLimit').inputValue()).toBe('10');
    await shot(page, 'stores-en', 1024, 768);

    const before = await storeOf(STORE);
    await page.getByRole('checkbox', { name: 'Cash', exact: true }).first().uncheck();
    await page.getByRole('checkbox', { name: 'Card' }).uncheck();
    await field(page, 'manualDiscountLimit').fill('ten');
    await field(page, 'noReceiptMax').fill('-5');
    await field(page, 'voucherOfflineCapMinor').fill('12.345');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('alert').filter({ hasText: 'Check the fields marked below.' }).waitFor();
    await page.locator('#err-paymentMethods', { hasText: 'Pick at least one way to pay.' }).waitFor();
    await page.locator('#err-manualDiscountLimit', { hasText: 'such as 12.5' }).waitFor();
    await page.locator('#err-noReceiptMax', { hasText: 'such as 500.00' }).waitFor();
    await page.locator('#err-voucherOfflineCapMinor').waitFor();
    expect(await field(page, 'manualDiscountLimit').getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'stores-errors-en', 1024, 768);
    await shot(page, 'stores-errors-en', 1920, 1080);
    expect(await storeOf(STORE)).toEqual(before);

    await page.getByRole('checkbox', { name: 'Cash', exact: true }).first().check();
    await page.getByRole('group', { name: 'Refund in' }).getByRole('checkbox', { name: 'Cash' }).check();
    await field(page, 'manualDiscountLimit').fill('7.5');
    await field(page, 'noReceiptMax').fill('250.50');
    await field(page, 'voucherOfflineCapMinor').fill('1 000');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: /Saved as version \d+/ }).waitFor();
    expect(await storeOf(STORE)).toMatchObject({
      paymentMethods: ['cash'],
      noReceiptReturns: { methods: ['cash', 'storeCredit'], maxMinor: 25_050 },
      manualDiscountLimit: 7.5,
      voucherOfflineCapMinor: 100_000,
    });
    expect(await field(page, 'voucherOfflineCapMinor').inputValue()).toBe('1000.00');
    await shot(page, 'stores-saved-en', 1920, 1080);
    expect(problems).toEqual([]);
    await page.close();
  });

  it.each([
    // Each language finds what the one before saved, written its own way.
    { lang: 'ru', heading: 'Настройки магазинов', save: 'Сохранить', fix: 'Проверьте отмеченные ниже поля.', limitError: 'например 12,5', saved: /Сохранено как версия \d+/, shown: '250,50', limit: ['12,25', 12.25], max: ['300,75', 30_075] },
    { lang: 'ro', heading: 'Setările magazinelor', save: 'Salvează', fix: 'Verificați câmpurile marcate mai jos.', limitError: 'de exemplu 12,5', saved: /Salvat ca versiunea \d+/, shown: '300,75', limit: ['11,5', 11.5], max: ['320,40', 32_040] },
  ] as const)('speaks $lang: amounts with a decimal comma, errors and the saved version in words', async ({ lang, heading, save, fix, limitError, saved, shown, limit, max }) => {
    const { page, problems } = await signIn(lang, 'admin@demo.omnitill', central!.password);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    await page.locator('select').filter({ has: page.locator(`option[value="${STORE}"]`) }).selectOption(STORE);
    await expect.poll(() => field(page, 'noReceiptMax').inputValue()).toBe(shown);
    await field(page, 'manualDiscountLimit').fill('100,5');
    await page.getByRole('button', { name: save }).click();
    await page.getByRole('alert').filter({ hasText: fix }).waitFor();
    await page.locator('#err-manualDiscountLimit', { hasText: limitError }).waitFor();
    await shot(page, `stores-errors-${lang}`, 1024, 768);
    await shot(page, `stores-errors-${lang}`, 1920, 1080);
    await field(page, 'manualDiscountLimit').fill(limit[0]);
    await field(page, 'noReceiptMax').fill(max[0]);
    await page.getByRole('button', { name: save }).click();
    await page.getByRole('status').filter({ hasText: saved }).waitFor();
    expect(await storeOf(STORE)).toMatchObject({ manualDiscountLimit: limit[1], noReceiptReturns: { maxMinor: max[1] } });
    await shot(page, `stores-saved-${lang}`, 1024, 768);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a store manager sees their own store, with the no-receipt policy and the voucher cap closed to them', async () => {
    const adminPage = await signIn('en', 'admin@demo.omnitill', central!.password);
    const created = await adminPage.page.evaluate(async (m) => {
      const session = await (await fetch('/console/api/session')).json();
      const r = await fetch('/console/api/users', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ email: m.email, name: 'Mara Manager', role: 'store_manager', password: m.password, storeIds: ['RO-BUC-01'] }),
      });
      return r.status;
    }, MANAGER);
    expect(created).toBe(201);
    await adminPage.page.close();

    const { page, problems } = await signIn('en', MANAGER.email, MANAGER.password);
    await page.getByRole('heading', { name: /RO-BUC-01/ }).waitFor();
    expect(await page.locator('select').filter({ has: page.locator('option[value="MD-CHI-01"]') }).count()).toBe(0);
    await page.getByText('As a store manager you set the payment methods and the discount limit.').waitFor();
    expect(await field(page, 'noReceiptMax').isDisabled()).toBe(true);
    expect(await field(page, 'voucherOfflineCapMinor').isDisabled()).toBe(true);
    expect(await field(page, 'manualDiscountLimit').isDisabled()).toBe(false);
    await field(page, 'manualDiscountLimit').fill('15');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: /Saved as version \d+/ }).waitFor();
    expect(await storeOf('RO-BUC-01')).toMatchObject({ manualDiscountLimit: 15 });
    await shot(page, 'stores-manager-en', 1024, 768);
    await shot(page, 'stores-manager-en', 1920, 1080);
    expect(problems).toEqual([]);
    await page.close();
  });
});
