import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newId } from '../../core/ids.js';
import { catalogues, type Language } from '../../core/i18n/index.js';
import { rawTillDatabase } from '../helpers/tillDb.js';
import { checkA11y } from './a11y.js';
import { browserSuite, openPage, poll, RESULTS, scan, unitProducts, type Product } from './support.js';

/**
 * A card charge and a card reversal the till was cut off in and the terminal could not settle
 * (as an earlier run left them) are shown on the sale screen with their amount, time and what to
 * do, and a manager marks each checked with her PIN: the notice goes, the checks are audited.
 */
describe('interrupted card operations in a real browser', () => {
  const suite = browserSuite();

  for (const lang of ['en', 'ru', 'ro'] as const satisfies readonly Language[]) {
    it(`shows it on the sale screen and a manager marks it checked (${lang}, 1024×768 and 1920×1080)`, async () => {
      const ui = catalogues[lang].ui;
      const till = await suite.till(lang);
      const [product] = unitProducts(till.dataDir, 1) as [Product];
      const { page, problems } = await openPage(suite.browser(), till.url, 768);
      await page.setViewportSize({ width: 1024, height: 768 });
      await scan(page, product.code);
      await poll(() => page.locator('tr[data-line-id]').count()).toBe(1);

      const attemptId = newId();
      const reversalId = newId();
      const db = rawTillDatabase(join(till.dataDir, 'till.sqlite'));
      try {
        const sale = db.prepare(`SELECT id, currency FROM sales WHERE status = 'open'`).get() as { id: string; currency: string };
        db.prepare(`INSERT INTO card_attempts (id, sale_id, amount_minor, currency, state, started_at, answered_at) VALUES (?, ?, 12345, ?, 'interrupted', ?, ?)`).run(
          attemptId,
          sale.id,
          sale.currency,
          new Date().toISOString(),
          new Date().toISOString(),
        );
        // A card approval held on the sale whose reversal was cut off.
        const approved = newId();
        db.prepare(`INSERT INTO card_attempts (id, sale_id, amount_minor, currency, state, approval_code, card_last4, started_at) VALUES (?, ?, 6789, ?, 'approved', 'A00001', '4242', ?)`).run(
          approved,
          sale.id,
          sale.currency,
          new Date().toISOString(),
        );
        db.prepare(`INSERT INTO card_reversals (id, attempt_id, sale_id, amount_minor, currency, state, started_at) VALUES (?, ?, ?, 6789, ?, 'interrupted', ?)`).run(
          reversalId,
          approved,
          sale.id,
          sale.currency,
          new Date().toISOString(),
        );
      } finally {
        db.close();
      }
      await page.reload();
      const notice = page.getByTestId('interrupted-notice');
      await notice.waitFor();
      expect(await notice.getByRole('heading').textContent()).toBe(ui.interrupted.title);
      const text = (await notice.innerText()).replace(/\s/g, ' ');
      expect(text).toMatch(/123[.,]45/);
      expect(text).toMatch(/67[.,]89/);
      expect(await notice.locator('li').count()).toBe(2);
      await page.screenshot({ path: join(RESULTS, `interrupted-${lang}-1024x768.png`) });
      await checkA11y(page, `interrupted-${lang}-1024`);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.screenshot({ path: join(RESULTS, `interrupted-${lang}-1920x1080.png`) });
      await checkA11y(page, `interrupted-${lang}-1920`);

      // A cashier may not mark one checked: the manager's PIN on this till, for each.
      for (const left of [1, 0]) {
        await notice.getByRole('button', { name: ui.interrupted.checked }).first().click();
        await page.locator('.approval').waitFor();
        await page.locator('#staff-pin').fill('9999');
        await page.locator('.approval .pinpad button[type="submit"]').click();
        await poll(() => notice.locator('li').count()).toBe(left);
      }
      await poll(() => notice.count()).toBe(0);
      expect(await page.locator('tr[data-line-id]').count()).toBe(1);

      const after = rawTillDatabase(join(till.dataDir, 'till.sqlite'), { readonly: true });
      try {
        expect(after.prepare(`SELECT resolution FROM card_attempts WHERE id = ?`).pluck().get(attemptId)).toBe('checked');
        expect(after.prepare(`SELECT resolution FROM card_reversals WHERE id = ?`).pluck().get(reversalId)).toBe('checked');
        expect(after.prepare(`SELECT COUNT(*) FROM audit_log WHERE action = 'payment.interrupted_checked'`).pluck().get()).toBe(2);
      } finally {
        after.close();
      }
      expect(problems).toEqual([]);
      await page.close();
    }, 120_000);
  }
});
