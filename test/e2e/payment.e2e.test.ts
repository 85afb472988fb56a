import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatedPrinter } from '../emulators/printer.js';
import { rawTillDatabase } from '../helpers/tillDb.js';
import { checkA11y } from './a11y.js';
import { browserSuite, layoutProblems, openPage, poll, RESULTS, scan, signIn, unitProducts, staffAction, type Product } from './support.js';

/**
 * A split payment in Chromium: card through the emulated terminal plus cash, a declined card
 * that leaves the sale open, then X and Z printed on the emulated receipt printer and decoded.
 */
describe('card and split payment, X and Z printed, in a real browser', () => {
  const suite = browserSuite();
  let printer: EmulatedPrinter;
  let server: { port: number; close: () => Promise<void> } | undefined;
  beforeAll(async () => {
    printer = new EmulatedPrinter();
    server = await printer.listenTcp(0);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('signs in, is declined, pays card + cash, prints X and Z (1024×768, 1920×1080)', async () => {
    const till = await suite.till('en');
    const products = unitProducts(till.dataDir, 6);
    // Demo terminal: amounts ending .51/.52/.53 decline or time out; the split below avoids them unless meant.
    const product = products.find((p) => p.price >= 1_000 && ![51, 52, 53].includes((p.price - 500) % 100)) as Product;
    const money = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'MDL', minimumFractionDigits: 2 });
    const fmt = (minor: number) => money.format(minor / 100);
    const { page, problems } = await openPage(suite.browser(), till.url, 768, false);
    await signIn(page, { name: 'Ion Ceban', pin: '2222' });

    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Printer model').selectOption('epson-tm-t20');
    await page.getByLabel('Connection').selectOption('tcp');
    await page.getByLabel('Host or IP address').fill('127.0.0.1');
    await page.getByLabel('Port', { exact: true }).fill(String(server!.port));
    await page.getByRole('button', { name: 'Save printer' }).click();
    await poll(() => page.getByTestId('printer-status').textContent()).toBe('Ready to print.');
    await page.getByRole('button', { name: 'Back to sale' }).click();

    await staffAction(page, 'Shift');
    await page.getByLabel('Pieces MDL 500.00').fill('2');
    await page.getByRole('button', { name: 'Open shift' }).click();
    await poll(() => page.getByTestId('expected-cash').textContent()).toBe(fmt(100_000));
    await page.getByRole('button', { name: 'Back' }).click();

    await scan(page, product.code);
    await poll(() => page.locator('tr[data-line-id]').count()).toBe(1);
    await page.keyboard.press('F4');
    await page.getByLabel('By card').waitFor();

    // A card of 0.51 is declined for funds: said plainly, the sale stays open, nothing paid.
    await page.getByLabel('By card').fill('0.51');
    await page.getByLabel('Cash received').fill(String((product.price - 51) / 100));
    await page.getByRole('button', { name: 'Pay', exact: true }).click();
    await poll(() => page.getByRole('alert').textContent()).toContain('not enough funds');
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: join(RESULTS, 'payment-declined-en-1024.png') });
    await checkA11y(page, 'payment-declined-en-1024');

    // Split: 5.00 by card, the rest in cash with 10.00 change, all by keyboard.
    const cashDue = product.price - 500;
    await page.getByLabel('By card').fill('5');
    await page.getByLabel('Cash received').fill(String((cashDue + 1_000) / 100));
    expect(await page.getByTestId('payment-change').textContent()).toBe(fmt(1_000));
    expect(await layoutProblems(page)).toEqual([]);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.screenshot({ path: join(RESULTS, 'payment-split-en-1920.png') });
    await checkA11y(page, 'payment-split-en-1920');
    await page.getByLabel('Cash received').press('Enter');
    await page.getByTestId('receipt-total').waitFor();
    expect(await page.getByTestId('receipt-card').textContent()).toBe(fmt(500));
    await printer.waitFor((p) => p.receipts.length === 1);
    const receipt = printer.receipts[0]!.lines.join('\n');
    expect(receipt).toMatch(/Card \*\*\*\* 4242 +5\.00/);
    expect(receipt).toMatch(/Approval code +A\d{5}/);
    expect(receipt).toMatch(/Change +10\.00/);
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: join(RESULTS, 'payment-receipt-en-1024.png') });

    // X at any time, Z with the manager's approval: both printed and decoded.
    await staffAction(page, 'Shift');
    await page.getByRole('button', { name: 'X report' }).click();
    await printer.waitFor((p) => p.receipts.length === 2);
    const x = printer.receipts[1]!.lines.join('\n');
    expect(x).toContain('X report');
    expect(x).toMatch(/Card +5\.00/);
    expect(x).toMatch(new RegExp(`Cash +${(cashDue / 100).toFixed(2)}`));
    await page.getByRole('button', { name: 'Close shift (Z)' }).click();
    await page.getByLabel('Pieces MDL 500.00').fill('2');
    await page.getByRole('button', { name: 'Close the shift' }).click();
    await page.locator('.approval').waitFor();
    await page.locator('#staff-pin').fill('9999');
    await page.locator('.approval .pinpad button[type="submit"]').click();
    await poll(() => page.locator('.shift-report h2').textContent()).toBe('Z report no. 1');
    await printer.waitFor((p) => p.receipts.length === 3);
    const z = printer.receipts[2]!.lines.join('\n');
    expect(z).toContain('Z report no. 1');
    expect(z).toMatch(/Counted +1000\.00/);
    expect(printer.decoder.problems).toEqual([]);

    const db = rawTillDatabase(join(till.dataDir, 'till.sqlite'), { readonly: true });
    try {
      expect(db.prepare(`SELECT method, amount_minor AS amount, card_last4 AS last4 FROM payments ORDER BY method`).all()).toEqual([
        { method: 'card', amount: 500, last4: '4242' },
        { method: 'cash', amount: cashDue, last4: null },
      ]);
      expect(db.prepare(`SELECT state FROM card_attempts ORDER BY id`).pluck().all()).toEqual(['declined', 'approved']);
    } finally {
      db.close();
    }
    expect(problems).toEqual([]);
    await page.close();
  });
});
