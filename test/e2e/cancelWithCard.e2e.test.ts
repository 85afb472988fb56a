import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newId } from '../../core/ids.js';
import { catalogues, type Language } from '../../core/i18n/index.js';
import { rawTillDatabase } from '../helpers/tillDb.js';
import { checkA11y } from './a11y.js';
import { browserSuite, layoutProblems, openPage, poll, RESULTS, scan, unitProducts, type DemoTill, type Product } from './support.js';

const LOCALES: Record<Language, string> = { en: 'en-GB', ru: 'ru-RU', ro: 'ro-RO' };

/** A card approval held on the open sale (as a card paid while the sale changed leaves one). */
function holdCard(till: DemoTill, amount: number): string {
  const db = rawTillDatabase(join(till.dataDir, 'till.sqlite'));
  try {
    const sale = db.prepare(`SELECT id, currency FROM sales WHERE status = 'open'`).get() as { id: string; currency: string };
    db.prepare(`INSERT INTO card_attempts (id, sale_id, amount_minor, currency, state, approval_code, card_last4, started_at, answered_at) VALUES (?, ?, ?, ?, 'approved', 'A00001', '4242', ?, ?)`).run(
      newId(),
      sale.id,
      amount,
      sale.currency,
      new Date().toISOString(),
      new Date().toISOString(),
    );
    return sale.id;
  } finally {
    db.close();
  }
}

function tillRow<T>(till: DemoTill, sql: string, ...args: unknown[]): T {
  const db = rawTillDatabase(join(till.dataDir, 'till.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).get(...args) as T;
  } finally {
    db.close();
  }
}

/**
 * Cancelling a sale with a card payment held on it, in Chromium through the demo's emulated
 * terminal (an amount ending .52 it declines): the dialog names what is on card; confirmed, the
 * card is given back and the sale cancelled in one step; declined, the sale stays open with the
 * card held and the message says so, money in the UI language's format.
 */
describe('cancelling a sale with a card payment on it, in a real browser', () => {
  const suite = browserSuite();

  for (const lang of ['en', 'ru', 'ro'] as const satisfies readonly Language[]) {
    it(`asks, reverses the card and cancels; a declined reversal keeps the sale (${lang}, 1024×768 and 1920×1080)`, async () => {
      const { ui, errors } = catalogues[lang];
      const till = await suite.till(lang);
      const [product] = unitProducts(till.dataDir, 1) as [Product];
      const { page, problems } = await openPage(suite.browser(), till.url, 768);
      const money = (minor: number) =>
        page.evaluate(([locale, major]) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'MDL', minimumFractionDigits: 2 }).format(major), [LOCALES[lang], minor / 100] as const);
      const cancelButton = page.getByRole('button', { name: ui.actions.cancelSale, exact: true });

      // Approved on the terminal: one question naming the card total, then the sale is gone and the card given back.
      await scan(page, product.code);
      await poll(() => page.locator('tr[data-line-id]').count()).toBe(1);
      const first = holdCard(till, 2500);
      await cancelButton.click();
      const dialog = page.getByRole('alertdialog');
      await poll(() => dialog.locator('p').first().textContent()).toBe(ui.actions.cancelCardQuestion.replace('{{amount}}', await money(2500)));
      expect(await dialog.locator('.btn-danger').textContent()).toBe(ui.actions.cancelCardYes);
      for (const [width, height] of [[1024, 768], [1920, 1080]] as const) {
        await page.setViewportSize({ width, height });
        await page.screenshot({ path: join(RESULTS, `cancel-card-ask-${lang}-${width}x${height}.png`) });
        expect(await layoutProblems(page), `${width}×${height}`).toEqual([]);
        await checkA11y(page, `cancel-card-ask-${lang}-${width}`);
      }
      await dialog.locator('.btn-danger').click();
      await poll(() => page.locator('tr[data-line-id]').count()).toBe(0);
      expect(await page.getByRole('alert').count()).toBe(0);
      expect(tillRow(till, `SELECT status FROM sales WHERE id = ?`, first)).toEqual({ status: 'cancelled' });
      expect(tillRow(till, `SELECT a.state AS card, r.state AS reversal, r.cancels_sale AS cancels FROM card_attempts a JOIN card_reversals r ON r.attempt_id = a.id WHERE a.sale_id = ?`, first)).toEqual({
        card: 'reversed',
        reversal: 'approved',
        cancels: 1,
      });

      // Declined on the terminal: the sale stays, the card still on it, and the message says what is left on card.
      await scan(page, product.code);
      await poll(() => page.locator('tr[data-line-id]').count()).toBe(1);
      const second = holdCard(till, 2552);
      await cancelButton.click();
      await dialog.locator('.btn-danger').click();
      const expected = errors.PAYMENT_CANCEL_CARD_KEPT.replace('{{amount}}', await money(2552));
      await poll(() => page.getByRole('alert').textContent()).toContain(expected);
      expect(await page.locator('tr[data-line-id]').count()).toBe(1);
      expect(await cancelButton.isEnabled()).toBe(true);
      for (const [width, height] of [[1024, 768], [1920, 1080]] as const) {
        await page.setViewportSize({ width, height });
        await page.screenshot({ path: join(RESULTS, `cancel-card-declined-${lang}-${width}x${height}.png`) });
        expect(await layoutProblems(page), `${width}×${height}`).toEqual([]);
        await checkA11y(page, `cancel-card-declined-${lang}-${width}`);
      }
      expect(tillRow(till, `SELECT s.status AS sale, a.state AS card, a.payment_id AS paid, r.state AS reversal FROM sales s JOIN card_attempts a ON a.sale_id = s.id JOIN card_reversals r ON r.attempt_id = a.id WHERE s.id = ?`, second)).toEqual({
        sale: 'open',
        card: 'approved',
        paid: null,
        reversal: 'declined',
      });
      expect(problems).toEqual([]);
      await page.close();
    }, 120_000);
  }
});
