import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogues, type Language } from '../../core/i18n/index.js';
import { EmulatedPrinter } from '../emulators/printer.js';
import { rawTillDatabase } from '../helpers/tillDb.js';
import { checkA11y } from './a11y.js';
import { browserSuite, openPage, poll, RESULTS, scan, unitProducts, staffAction, type Product } from './support.js';

/** Sell two items, then return one by scanning (typing, as a wedge scanner does) the receipt's QR code; the RETURN receipt is printed and decoded. */

async function sell(page: Page, ui: (typeof catalogues)['en']['ui'], products: readonly Product[]): Promise<void> {
  for (const p of products) await scan(page, p.code);
  await poll(() => page.locator('tr[data-line-id]').count()).toBe(products.length);
  await page.getByRole('button', { name: ui.actions.pay }).click();
  await page.getByLabel(ui.payment.received).fill(String(Math.ceil(products.reduce((s, p) => s + p.price, 0) / 100) + 100));
  await page.getByRole('button', { name: ui.payment.complete }).click();
}

describe('returns in a real browser', () => {
  const suite = browserSuite();
  const printer = new EmulatedPrinter();
  let server: { port: number; close: () => Promise<void> } | undefined;
  beforeAll(async () => {
    server = await printer.listenTcp(0);
  });
  afterAll(async () => {
    await server?.close();
  });

  for (const lang of ['en', 'ru', 'ro'] as const satisfies readonly Language[]) {
    it(`sells two items, returns one by the receipt's QR code, prints the return receipt (${lang}, 1024×768 and 1920×1080)`, async () => {
      const ui = catalogues[lang].ui;
      const till = await suite.till(lang);
      const [a, b] = unitProducts(till.dataDir, 2) as [Product, Product];
      const { page, problems } = await openPage(suite.browser(), till.url, 768);
      await page.setViewportSize({ width: 1024, height: 768 });

      await page.getByRole('button', { name: ui.header.settings }).click();
      await page.getByLabel(ui.hardware.printer.profile).selectOption('epson-tm-t20');
      await page.getByLabel(ui.hardware.printer.connection).selectOption('tcp');
      await page.getByLabel(ui.hardware.printer.host).fill('127.0.0.1');
      await page.getByLabel(ui.hardware.printer.port, { exact: true }).fill(String(server!.port));
      await page.getByRole('button', { name: ui.hardware.printer.save }).click();
      await page.getByRole('button', { name: ui.hardware.back }).click();

      const before = printer.receipts.length;
      await sell(page, ui, [a, b]);
      await printer.waitFor((p) => p.receipts.length === before + 1);
      const qr = printer.receipts.at(-1)!.qrCodes[0]!.data;
      expect(qr).toMatch(/^OTR1:[0-9A-Z]{26}:/);

      await staffAction(page, ui.returns.open);
      await page.getByLabel(ui.returns.findLabel).fill(qr);
      await page.getByRole('button', { name: ui.returns.find }).click();
      await poll(() => page.locator('tr[data-return-line]').count()).toBe(2);
      await page.locator('tr[data-return-line] input').first().fill('1');
      const refund = await page.getByTestId('return-refund').textContent();
      await page.screenshot({ path: join(RESULTS, `returns-${lang}-1024x768.png`) });
      await checkA11y(page, `returns-${lang}-1024`);
      await page.locator('.returns-pay .btn-primary').click();
      await page.getByTestId('return-done').waitFor();
      expect(await page.getByTestId('return-done').textContent()).toContain(refund!);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.screenshot({ path: join(RESULTS, `returns-${lang}-1920x1080.png`) });
      await checkA11y(page, `returns-${lang}-1920`);

      await printer.waitFor((p) => p.receipts.length === before + 2);
      const printed = printer.receipts.at(-1)!.lines.join('\n');
      const banner = { en: 'RETURN', ru: 'ВОЗВРАТ', ro: 'RETUR' }[lang];
      expect(printed).toContain(`*** ${banner} ***`);

      const db = rawTillDatabase(join(till.dataDir, 'till.sqlite'), { readonly: true });
      try {
        expect(db.prepare(`SELECT COUNT(*) FROM outbox WHERE op_type = 'sale.returned'`).pluck().get()).toBe(1);
        expect(db.prepare(`SELECT drawer_opened_at IS NOT NULL FROM print_jobs WHERE purpose = 'return_cash'`).pluck().get()).toBe(1);
      } finally {
        db.close();
      }
      expect(problems).toEqual([]);
      await page.close();
    }, 120_000);

    it(`sells by card, refunds one item to the card through the terminal, shows the card and approval (${lang}, 1024×768 and 1920×1080)`, async () => {
      const ui = catalogues[lang].ui;
      const till = await suite.till(lang);
      const [a, b] = unitProducts(till.dataDir, 2) as [Product, Product];
      const { page, problems } = await openPage(suite.browser(), till.url, 768);
      await page.setViewportSize({ width: 1024, height: 768 });
      for (const p of [a, b]) await scan(page, p.code);
      await poll(() => page.locator('tr[data-line-id]').count()).toBe(2);
      await page.getByRole('button', { name: ui.actions.pay }).click();
      await page.getByRole('button', { name: ui.tender.allCard }).click();
      await page.getByRole('button', { name: ui.tender.pay }).click();
      await poll(() => page.locator('tr[data-line-id]').count()).toBe(0);

      await staffAction(page, ui.returns.open);
      const receiptNo = String(rawReceiptNo(till.dataDir));
      await page.getByLabel(ui.returns.findLabel).fill(receiptNo);
      await page.getByRole('button', { name: ui.returns.find }).click();
      await poll(() => page.locator('tr[data-return-line]').count()).toBe(2);
      await page.locator('tr[data-return-line] input').first().fill('1');
      await page.getByRole('radio', { name: ui.returns.method_card }).click();
      await page.locator('.returns-pay .btn-primary').click();
      await page.getByTestId('return-done').waitFor();
      const done = (await page.getByTestId('return-done').textContent())!;
      expect(done).toContain('**** 4242');
      await page.screenshot({ path: join(RESULTS, `returns-card-${lang}-1024x768.png`) });
      await checkA11y(page, `returns-card-${lang}-1024`);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.screenshot({ path: join(RESULTS, `returns-card-${lang}-1920x1080.png`) });
      await checkA11y(page, `returns-card-${lang}-1920`);

      const db = rawTillDatabase(join(till.dataDir, 'till.sqlite'), { readonly: true });
      try {
        const row = db.prepare(`SELECT method, card_refund_minor = refund_minor AS whole, approval_code AS code FROM returns`).get() as { method: string; whole: number; code: string };
        expect(row).toMatchObject({ method: 'card', whole: 1 });
        expect(done).toContain(row.code);
      } finally {
        db.close();
      }
      expect(problems).toEqual([]);
      await page.close();
    }, 120_000);
  }
});

/** The receipt number of the till's last completed sale. */
function rawReceiptNo(dataDir: string): number {
  const db = rawTillDatabase(join(dataDir, 'till.sqlite'), { readonly: true });
  try {
    return db.prepare(`SELECT receipt_no FROM sales WHERE status = 'completed' ORDER BY closed_at DESC LIMIT 1`).pluck().get() as number;
  } finally {
    db.close();
  }
}
