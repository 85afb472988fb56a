import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedDemo } from '../../central/src/demo.js';
import { catalogues } from '../../core/i18n/index.js';
import type { SaleView } from '../../core/sale/contract.js';
import { EmulatedTerminal } from '../../electron/backend/payment/emulator.js';
import { rawTillDatabase } from '../helpers/tillDb.js';
import { tempDir } from '../helpers/tmp.js';
import { freshPglite } from '../sync/fixtures.js';
import { openSyncTill, rpc, startCentral, syncUntilQuiet } from '../sync/support.js';
import { checkA11y } from './a11y.js';
import { browserSuite, openPage, pairInPage, poll, screenshots, staffAction } from './support.js';

/**
 * A card sale of another till of the store (MD-CHI-01-T2, a headless till paired with a real
 * central on PGlite) returned at this till in Chromium: the receipt typed as printed, till and
 * number; the card refunded through this till's terminal against the original approval central
 * holds. Then a sale whose approval central does not hold: the card is not offered and the
 * screen says why.
 */
describe('a return of another till’s card sale in a real browser', () => {
  const suite = browserSuite();

  it.each(['en', 'ru', 'ro'] as const)('typed as till/number, found through central, refunded to the card here; without the approval, no card and the reason shown (%s, 1024×768 and 1920×1080)', async (lang) => {
    const ui = catalogues[lang].ui;
    const db = await freshPglite();
    await seedDemo(db, { products: 2000, customers: 10, emailCodes: 0, historySales: 0 });
    const central = await startCentral(db);
    const terminal = new EmulatedTerminal();
    terminal.behaviour = { kind: 'approve' };
    const other = openSyncTill(tempDir(), {}, terminal);
    try {
      await rpc(other, 'sync.pair', { centralUrl: central.url, pairingCode: await central.pairingCode('MD-CHI-01-T2') });
      await syncUntilQuiet(other);
      await rpc(other, 'staff.signIn', { card: 'STAFF-ANA-7Q2X' });
      const codes = other.db.prepare(`SELECT b.code FROM barcodes b JOIN products p USING (sku) JOIN store_prices sp USING (sku) WHERE p.sold_by = 'unit' AND sp.price_minor > 100 ORDER BY b.code LIMIT 3`).pluck().all() as string[];
      const sellByCard = async (scanned: readonly string[]) => {
        let sale: SaleView | null = null;
        for (const code of scanned) sale = await rpc(other, 'sale.scan', { code });
        return rpc(other, 'payment.pay', { cardMinor: sale!.totals.total, cashTenderedMinor: 0 });
      };
      const first = await sellByCard(codes.slice(0, 2));
      const second = await sellByCard(codes.slice(2, 3));
      await syncUntilQuiet(other);

      const till = await suite.till(lang);
      const { page, problems } = await openPage(suite.browser(), till.url);
      await pairInPage(page, central.url, await central.pairingCode('MD-CHI-01-T1'), lang);

      await staffAction(page, ui.returns.open);
      await page.getByLabel(ui.returns.findLabel).fill(`md-chi-01-t2/${first.sale.receiptNo}`);
      await page.getByRole('button', { name: ui.returns.find }).click();
      await poll(() => page.locator('tr[data-return-line]').count()).toBe(2);
      expect(await page.locator('.returns-badge').textContent()).toBe(ui.returns.fromCentral);
      // The products named in the till's language (its catalogue by SKU), not the selling till's English line names.
      const sold = other.db
        .prepare(`SELECT p.name_en AS en, p.name_${lang} AS local FROM barcodes b JOIN products p USING (sku) WHERE b.code IN (?, ?)`)
        .all(codes[0], codes[1]) as { en: string; local: string }[];
      const rows = await page.locator('tr[data-return-line]').allTextContents();
      for (const name of sold) {
        expect(rows.some((r) => r.includes(name.local))).toBe(true);
        if (!name.local.includes(name.en)) expect(rows.some((r) => r.includes(name.en))).toBe(false);
      }
      await page.locator('tr[data-return-line] input').first().fill('1');
      await page.getByRole('radio', { name: ui.returns.method_card }).click();
      await screenshots(page, `returns-central-card-${lang}`, [
        [1024, 768],
        [1920, 1080],
      ]);
      await checkA11y(page, `returns-central-card-${lang}`);
      await page.locator('.returns-pay .btn-primary').click();
      await page.getByTestId('return-done').waitFor();
      expect(await page.getByTestId('return-done').textContent()).toContain('**** 4242');
      const here = rawTillDatabase(join(till.dataDir, 'till.sqlite'), { readonly: true });
      try {
        expect(here.prepare(`SELECT sale_id, method, card_refund_minor = refund_minor AS whole FROM returns`).get()).toEqual({ sale_id: first.sale.id, method: 'card', whole: 1 });
      } finally {
        here.close();
      }

      // As an older till's op left it: the approval without the till's reference for the charge.
      await db.query(`UPDATE sale_payments SET terminal_reference = NULL WHERE sale_id = $1`, [second.sale.id]);
      await page.getByLabel(ui.returns.findLabel).fill(`MD-CHI-01-T2/${second.sale.receiptNo}`);
      await page.getByRole('button', { name: ui.returns.find }).click();
      await page.getByTestId('return-card-unknown').waitFor();
      expect(await page.getByTestId('return-card-unknown').textContent()).toBe(ui.returns.cardUnknown);
      expect(await page.getByRole('radio', { name: ui.returns.method_card }).count()).toBe(0);
      expect(await page.getByRole('radio', { name: ui.returns.method_cash }).count()).toBe(1);
      await screenshots(page, `returns-central-unknown-${lang}`, [
        [1024, 768],
        [1920, 1080],
      ]);
      await checkA11y(page, `returns-central-unknown-${lang}`);
      expect(problems).toEqual([]);
      await page.close();
    } finally {
      await other.close();
      await central.close();
    }
  }, 240_000);
});
