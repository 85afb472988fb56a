import { join } from 'node:path';
import { rawTillDatabase } from '../helpers/tillDb.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browserMode.js';
import { checkA11y } from './a11y.js';
import { buildApp, openPage, poll, RESULTS, scan, startDemoTill, unknownBarcode, unitProducts, type DemoTill, type Product } from './support.js';

/**
 * The whole sale through the real renderer: browser mode (`dist/backend/browser.mjs --demo`)
 * on a temp data dir, Debian's Chromium driven by playwright-core, keys typed as a scanner
 * types them, and the SQLite file checked afterwards.
 */

function wrongCheckDigit(code: string): string {
  const last = Number(code.at(-1));
  return code.slice(0, -1) + String((last + 1) % 10);
}

async function blur(page: Page): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

const lineRows = (page: Page) => page.locator('tr[data-line-id]');

describe('sale screen in a real browser', () => {
  let browser: Browser | undefined;
  let en: DemoTill | undefined;
  let ru: DemoTill | undefined;

  beforeAll(async () => {
    buildApp();
    [en, ru] = await Promise.all([startDemoTill('en'), startDemoTill('ru')]);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([en?.stop(), ru?.stop()]);
  });

  it('scans, edits, refuses bad barcodes, takes cash and stores the sale (English)', async () => {
    const till = en as DemoTill;
    const [a, b, c] = unitProducts(till.dataDir, 3) as [Product, Product, Product];
    const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'MDL' });
    const fmt = (minor: number) => money.format(minor / 100);
    const { page, problems } = await openPage(browser as Browser, till.url);

    // A person typing slowly into the search field is not a scan: the text stays, nothing is sold.
    const search = page.getByLabel('Search product');
    await search.click();
    await search.pressSequentially('milk', { delay: 120 });
    await poll(() => page.getByRole('list', { name: 'Products found' }).getByRole('button').count()).toBeGreaterThan(0);
    expect(await search.inputValue()).toBe('milk');
    await search.fill('');
    await blur(page);
    expect(await lineRows(page).count()).toBe(0);

    // Three products, scanned as a scanner types, focus on the page body.
    await scan(page, a.code);
    await poll(() => lineRows(page).count()).toBe(1);
    await scan(page, b.code);
    await poll(() => lineRows(page).count()).toBe(2);
    // The third burst lands while the cashier has a half-typed search: it still scans, and the
    // search field keeps what the cashier typed, not the barcode.
    await search.click();
    await search.pressSequentially('bre', { delay: 120 });
    await scan(page, c.code);
    await poll(() => lineRows(page).count()).toBe(3);
    expect(await search.inputValue()).toBe('bre');
    await search.fill('');
    await blur(page);

    const rows = lineRows(page);
    await poll(() => rows.nth(0).textContent()).toContain(a.name_en);
    expect(await rows.nth(1).textContent()).toContain(b.name_en);
    expect(await rows.nth(2).textContent()).toContain(c.name_en);
    const total3 = a.price + b.price + c.price;
    await poll(() => page.getByTestId('sale-total').textContent()).toBe(fmt(total3));

    // An unknown barcode (valid check digit): a translated error, and the sale is unchanged.
    const before = await page.locator('.sale-area').innerText();
    const unknown = unknownBarcode(till.dataDir);
    await scan(page, unknown);
    const alert = page.getByRole('alert');
    await poll(() => alert.textContent()).toContain(`Barcode ${unknown} is not in the catalogue`);
    expect(await page.locator('.sale-area').innerText()).toBe(before);

    // A misread (wrong check digit) says so.
    const misread = wrongCheckDigit(a.code);
    await scan(page, misread);
    await poll(() => alert.textContent()).toContain(`Barcode ${misread} has a wrong check digit`);
    expect(await page.locator('.sale-area').innerText()).toBe(before);

    // Quantity of the first line to 3 (typed), the error goes away with the next action.
    const qty = rows.nth(0).getByRole('textbox', { name: `Quantity of ${a.name_en}` });
    await qty.fill('3');
    await qty.press('Enter');
    await poll(() => rows.nth(0).locator('.line-total').textContent()).toBe(fmt(a.price * 3));
    expect(await page.getByRole('alert').count()).toBe(0);

    // Void the second line: it stays on screen, struck through, and leaves the total.
    await rows.nth(1).getByRole('button', { name: `Void line 2: ${b.name_en}` }).click();
    await poll(() => rows.nth(1).getAttribute('class')).toContain('voided');
    expect(await rows.nth(1).locator('.line-name').evaluate((el) => getComputedStyle(el).textDecorationLine)).toBe('line-through');
    const total = a.price * 3 + c.price;
    await poll(() => page.getByTestId('sale-total').textContent()).toBe(fmt(total));
    await checkA11y(page, 'sale-en');
    await page.screenshot({ path: join(RESULTS, 'sale-en.png') });

    // Cash: Complete stays disabled until the cash covers the total; change is live.
    await page.getByRole('button', { name: 'Take payment' }).click();
    const cash = page.getByLabel('Cash received');
    const complete = page.getByRole('button', { name: 'Complete sale' });
    await cash.fill(((total - 1) / 100).toFixed(2));
    expect(await complete.isDisabled()).toBe(true);
    const tendered = Math.ceil(total / 10_000) * 10_000 + 10_000; // the next 100 up, plus a 100 note
    await cash.fill(String(tendered / 100));
    expect(await complete.isEnabled()).toBe(true);
    expect(await page.getByTestId('payment-change').textContent()).toBe(fmt(tendered - total));
    await checkA11y(page, 'payment-en');
    await page.screenshot({ path: join(RESULTS, 'payment-en.png') });
    await complete.click();

    // The receipt preview: number, total, cash, change.
    await poll(() => page.getByRole('heading', { name: 'Receipt No. 1' }).count()).toBe(1);
    expect(await page.getByTestId('receipt-total').textContent()).toBe(fmt(total));
    expect(await page.getByTestId('receipt-cash').textContent()).toBe(fmt(tendered));
    expect(await page.getByTestId('receipt-change').textContent()).toBe(fmt(tendered - total));
    const receipt = await page.locator('.receipt').innerText();
    expect(receipt).toContain(a.name_en);
    expect(receipt).toContain(c.name_en);
    expect(receipt).not.toContain(b.name_en); // voided lines are not on the receipt
    await checkA11y(page, 'receipt-en');
    await page.screenshot({ path: join(RESULTS, 'receipt-en.png') });

    // What the till stored.
    const db = rawTillDatabase(join(till.dataDir, 'till.sqlite'), { readonly: true });
    try {
      const sales = db.prepare('SELECT * FROM sales').all() as { id: string; status: string; receipt_no: number; total_minor: number }[];
      expect(sales).toHaveLength(1);
      const sale = sales[0]!;
      expect(sale).toMatchObject({ status: 'completed', receipt_no: 1, total_minor: total });
      const lines = db.prepare('SELECT sku, quantity, voided_at FROM sale_lines WHERE sale_id = ? ORDER BY position').all(sale.id) as {
        sku: string;
        quantity: number;
        voided_at: string | null;
      }[];
      expect(lines.map((l) => [l.sku, l.quantity, l.voided_at !== null])).toEqual([
        [a.sku, 3, false],
        [b.sku, 1, true],
        [c.sku, 1, false],
      ]);
      const payments = db.prepare('SELECT method, amount_minor, tendered_minor, change_minor FROM payments WHERE sale_id = ?').all(sale.id);
      expect(payments).toEqual([{ method: 'cash', amount_minor: total, tendered_minor: tendered, change_minor: tendered - total }]);
      const outbox = db.prepare('SELECT op_type, entity_id, payload FROM outbox').all() as { op_type: string; entity_id: string; payload: string }[];
      expect(outbox).toHaveLength(1);
      expect(outbox[0]).toMatchObject({ op_type: 'sale.completed', entity_id: sale.id });
      expect(JSON.parse(outbox[0]!.payload)).toMatchObject({ saleId: sale.id, receiptNo: 1, totalMinor: total });
    } finally {
      db.close();
    }

    // New sale: an empty screen, ready for the next customer.
    await page.getByRole('button', { name: 'New sale' }).click();
    await poll(() => page.getByText('Scan an item or find it by name to start a sale.').count()).toBe(1);
    expect(await page.getByTestId('sale-total').textContent()).toBe(fmt(0));
    expect(problems).toEqual([]);
  });

  it('shows the sale in Russian, with a weighed item and a translated error', async () => {
    const till = ru as DemoTill;
    const [a, b] = unitProducts(till.dataDir, 2) as [Product, Product];
    const { page, problems } = await openPage(browser as Browser, till.url);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ru');

    await scan(page, a.code);
    await poll(() => lineRows(page).count()).toBe(1);
    await scan(page, b.code);
    await poll(() => lineRows(page).count()).toBe(2);
    expect(await lineRows(page).nth(0).textContent()).toContain(a.name_ru);

    // A weighed item found by name asks for its weight, and shows kilograms with 3 decimals.
    const search = page.getByLabel('Поиск товара');
    await search.click();
    await search.pressSequentially('яблоки', { delay: 100 });
    const results = page.getByRole('list', { name: 'Найденные товары' }).getByRole('button');
    await poll(() => results.count()).toBeGreaterThan(0);
    await results.filter({ hasText: '/ кг' }).first().click();
    const grams = page.getByLabel(/^Вес: /);
    await grams.fill('1250');
    await grams.press('Enter');
    await poll(() => lineRows(page).count()).toBe(3);
    expect(await lineRows(page).nth(2).textContent()).toContain('1,250 кг');

    await blur(page);
    await scan(page, unknownBarcode(till.dataDir));
    await poll(() => page.getByRole('alert').textContent()).toContain('нет в каталоге');
    await checkA11y(page, 'sale-ru');
    await page.screenshot({ path: join(RESULTS, 'sale-ru.png') });
    expect(problems).toEqual([]);
  });
});
