import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { catalogues, type Language } from '../../core/i18n/index.js';
import { receiptCode } from '../../electron/backend/sale/receiptForSale.js';
import { createPtyPair } from '../emulators/pty.js';
import { EmulatedScanner } from '../emulators/scanner.js';
import { rawTillDatabase } from '../helpers/tillDb.js';
import { checkA11y } from './a11y.js';
import { browserSuite, openPage, poll, RESULTS, scan, staffAction, unitProducts, type Product } from './support.js';

/**
 * A serial barcode scanner (a socat PTY pair, the scanner emulated on its far end) while the
 * return screens are open: a receipt's QR finds the sale, a product goes on the no-receipt list,
 * and the sale left open behind them gets nothing; back on the sale, the scanner sells again.
 */

/** Every `scan.target` the backend answered, in order, read off the page's WebSocket (the page is reloaded to watch from its start). */
async function scanTargets(page: Page): Promise<string[]> {
  const answered: string[] = [];
  const asked = new Map<unknown, string>();
  page.on('websocket', (ws) => {
    ws.on('framesent', ({ payload }) => {
      const sent = JSON.parse(String(payload)) as { id?: unknown; method?: string; input?: { target?: string } };
      if (sent.method === 'scan.target' && sent.input?.target) asked.set(sent.id, sent.input.target);
    });
    ws.on('framereceived', ({ payload }) => {
      const got = JSON.parse(String(payload)) as { id?: unknown };
      const target = asked.get(got.id);
      if (target) answered.push(target);
    });
  });
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.locator('.staffbar').waitFor();
  return answered;
}

describe('a serial scanner on the return screens in a real browser', () => {
  const suite = browserSuite();
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  for (const lang of ['en', 'ro'] as const satisfies readonly Language[]) {
    it(`finds the sale by a serial-scanned receipt QR, adds a serial-scanned product without a receipt, leaves the open sale alone (${lang})`, async () => {
      const ui = catalogues[lang].ui;
      const till = await suite.till(lang);
      const [a, b, c] = unitProducts(till.dataDir, 3) as [Product, Product, Product];
      const pair = await createPtyPair();
      cleanups.push(() => pair.close());
      const { page, problems } = await openPage(suite.browser(), till.url, 768);
      const targets = await scanTargets(page);

      // The serial scanner set up on the settings screen, on the PTY's till end.
      await page.getByRole('button', { name: ui.header.settings }).click();
      const section = page.getByRole('region', { name: ui.hardware.scanner.title });
      await section.getByLabel(ui.hardware.path, { exact: true }).fill(pair.tillPath);
      await section.getByRole('button', { name: ui.hardware.scanner.save }).click();
      await section.locator('.hw-link-connected').waitFor();
      const scanner = await EmulatedScanner.attach(pair.devicePath);
      cleanups.push(() => scanner.close());
      await page.getByRole('button', { name: ui.hardware.back }).click();

      // A sold receipt to return, then a sale left open with one line from the serial scanner.
      await scan(page, a.code);
      await poll(() => page.locator('tr[data-line-id]').count()).toBe(1);
      await page.getByRole('button', { name: ui.actions.pay }).click();
      await page.getByLabel(ui.payment.received).fill(String(Math.ceil(a.price / 100) + 100));
      await page.getByRole('button', { name: ui.payment.complete }).click();
      await page.getByRole('button', { name: ui.receipt.newSale }).click();
      await scanner.scan(b.code);
      await poll(() => page.locator('tr[data-line-id]').count()).toBe(1);
      const { saleId, tillId } = lastSale(till.dataDir);

      // The return screen holds the scans: the QR (as a 2D scanner sends it, AIM prefix and all) finds the sale.
      await staffAction(page, ui.returns.open);
      await poll(() => targets.at(-1)).toBe('screen');
      await scanner.scan(`]Q1${receiptCode(saleId, tillId)}`);
      await poll(() => page.locator('tr[data-return-line]').count()).toBe(1);
      expect(await page.locator('tr[data-return-line] th').textContent()).toBe(a[`name_${lang}`]);
      await page.screenshot({ path: join(RESULTS, `serial-return-${lang}-1024x768.png`) });
      await checkA11y(page, `serial-return-${lang}`);

      // Without a receipt: a scanned product goes on its list.
      await page.getByRole('button', { name: ui.noReceipt.open }).click();
      await page.getByRole('heading', { name: ui.noReceipt.title }).waitFor();
      await poll(() => targets.at(-1)).toBe('screen');
      await scanner.scan(c.code);
      await poll(() => page.locator(`tr[data-noreceipt-line="${c.sku}"]`).count()).toBe(1);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.screenshot({ path: join(RESULTS, `serial-noreceipt-${lang}-1920x1080.png`) });
      await checkA11y(page, `serial-noreceipt-${lang}`);
      await page.setViewportSize({ width: 1366, height: 768 });

      // Back on the sale: it still has its one line, and the scanner sells into it again.
      await page.getByRole('button', { name: ui.shift.back }).click();
      await poll(() => targets.at(-1)).toBe('sale');
      expect(openLines(till.dataDir)).toEqual([b.sku]);
      await poll(() => page.locator('tr[data-line-id]').count()).toBe(1);
      await scanner.scan(c.code);
      await poll(() => page.locator('tr[data-line-id]').count()).toBe(2);
      expect(openLines(till.dataDir)).toEqual([b.sku, c.sku]);
      expect(problems).toEqual([]);
      await page.close();
    }, 120_000);
  }
});

/** The till's last completed sale, as its receipt's QR names it. */
function lastSale(dataDir: string): { saleId: string; tillId: string } {
  const db = rawTillDatabase(join(dataDir, 'till.sqlite'), { readonly: true });
  try {
    return db.prepare(`SELECT id AS saleId, till_id AS tillId FROM sales WHERE status = 'completed' ORDER BY closed_at DESC LIMIT 1`).get() as { saleId: string; tillId: string };
  } finally {
    db.close();
  }
}

/** The skus on the open sale's lines, in order. */
function openLines(dataDir: string): string[] {
  const db = rawTillDatabase(join(dataDir, 'till.sqlite'), { readonly: true });
  try {
    return db.prepare(`SELECT l.sku FROM sale_lines l JOIN sales s ON s.id = l.sale_id WHERE s.status = 'open' AND l.voided_at IS NULL ORDER BY l.position`).pluck().all() as string[];
  } finally {
    db.close();
  }
}
