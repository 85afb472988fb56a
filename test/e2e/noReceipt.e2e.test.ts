import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogues, type Language } from '../../core/i18n/index.js';
import { formatVoucherCode } from '../../core/voucher/code.js';
import { rawTillDatabase } from '../helpers/tillDb.js';
import { checkA11y } from './a11y.js';
import { browserSuite, openPage, poll, RESULTS, scan, staffAction, unitProducts, type Product } from './support.js';

/**
 * The cashier returns goods without a receipt: a manager's PIN approves it, the refund is store
 * credit (the store's default policy); the voucher then pays part of a sale, is removed (given
 * back) and taken again.
 */
describe('a return without a receipt in a real browser', () => {
  const suite = browserSuite();

  for (const lang of ['en', 'ru', 'ro'] as const satisfies readonly Language[]) {
    it(`picks two products, lowers one price, a manager approves with her PIN, refunds a store-credit voucher, then a sale is paid partly by it (${lang}, 1024×768 and 1920×1080)`, async () => {
      const ui = catalogues[lang].ui;
      const till = await suite.till(lang);
      const [a, b] = unitProducts(till.dataDir, 40).filter((p) => p.price >= 200 && p.price <= 10_000) as [Product, Product];
      const { page, problems } = await openPage(suite.browser(), till.url, 768);
      await page.setViewportSize({ width: 1024, height: 768 });

      await staffAction(page, ui.returns.open);
      await page.getByRole('button', { name: ui.noReceipt.open }).click();
      await page.getByRole('heading', { name: ui.noReceipt.title }).waitFor();
      // Each product as a cashier adds it: typed, added, on the list before the next (the box clears when it is found).
      for (const [i, p] of [a, b].entries()) {
        await page.getByLabel(ui.noReceipt.findLabel).fill(p.code);
        await page.getByRole('button', { name: ui.noReceipt.add, exact: true }).click();
        await poll(() => page.locator('tr[data-noreceipt-line]').count()).toBe(i + 1);
      }
      // The same product scanned again counts one more of it.
      await page.getByLabel(ui.noReceipt.findLabel).fill(a.code);
      await page.getByRole('button', { name: ui.noReceipt.add, exact: true }).click();
      await poll(() => page.locator(`tr[data-noreceipt-line="${a.sku}"] input`).first().inputValue()).toBe('2');
      // A price above the store's is refused before anything is sent; a lower one is taken.
      const price = page.locator(`tr[data-noreceipt-line="${b.sku}"] .noreceipt-price`);
      await price.fill(String(b.price));
      await poll(() => price.getAttribute('aria-invalid')).toBe('true');
      const lower = b.price - 100;
      await price.fill(`${Math.floor(lower / 100)}.${String(lower % 100).padStart(2, '0')}`);
      await poll(() => price.getAttribute('aria-invalid')).toBe('false');
      await page.screenshot({ path: join(RESULTS, `noreceipt-${lang}-1024x768.png`) });
      await checkA11y(page, `noreceipt-${lang}-1024`);

      await page.locator('.returns-pay .btn-primary').click();
      await page.locator('.approval').waitFor();
      await page.locator('#staff-pin').fill('0000');
      await page.locator('.approval .pinpad button[type="submit"]').click();
      await page.locator('.approval [role="alert"]').first().waitFor();
      await page.screenshot({ path: join(RESULTS, `noreceipt-approval-${lang}-1024x768.png`) });
      await page.locator('#staff-pin').fill('9999');
      await page.locator('.approval .pinpad button[type="submit"]').click();
      await page.getByTestId('noreceipt-done').waitFor();
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.screenshot({ path: join(RESULTS, `noreceipt-${lang}-1920x1080.png`) });
      await checkA11y(page, `noreceipt-${lang}-1920`);

      const voucher = (await page.getByTestId('voucher-code').getAttribute('data-code'))!;
      expect(voucher).toMatch(/^SC[0-9A-Z]{10}$/);

      // Then a sale paid partly by the voucher (this till issued it: taken offline), the rest in cash.
      await page.getByRole('button', { name: ui.shift.back }).click();
      await scan(page, b.code);
      await scan(page, b.code);
      await scan(page, a.code);
      await poll(() => page.locator('tr[data-line-id]').count()).toBe(2);
      const total = 2 * b.price + a.price;
      const fromVoucher = b.price;
      await page.getByRole('button', { name: ui.actions.pay }).click();
      await page.getByText(ui.voucher.open).click();
      await page.getByLabel(ui.voucher.label).fill(voucher.toLowerCase());
      await page.getByLabel(ui.voucher.amount).fill(`${Math.floor(fromVoucher / 100)}.${String(fromVoucher % 100).padStart(2, '0')}`);
      await page.getByRole('button', { name: ui.voucher.apply }).click();
      await page.locator(`[data-voucher="${voucher}"]`).waitFor();
      await page.setViewportSize({ width: 1024, height: 768 });
      await page.screenshot({ path: join(RESULTS, `voucher-pay-${lang}-1024x768.png`) });
      await checkA11y(page, `voucher-pay-${lang}-1024`);
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.screenshot({ path: join(RESULTS, `voucher-pay-${lang}-1920x1080.png`) });
      await checkA11y(page, `voucher-pay-${lang}-1920`);
      // Removed from the sale: its amount goes back on it (this till's own: here, central told by op); the whole total is to pay again.
      await page.getByRole('button', { name: ui.voucher.removeLabel.replace('{{code}}', formatVoucherCode(voucher)) }).click();
      await poll(() => page.locator(`[data-voucher="${voucher}"]`).count()).toBe(0);
      await page.screenshot({ path: join(RESULTS, `voucher-removed-${lang}-1920x1080.png`) });
      await page.setViewportSize({ width: 1024, height: 768 });
      await page.screenshot({ path: join(RESULTS, `voucher-removed-${lang}-1024x768.png`) });
      await checkA11y(page, `voucher-removed-${lang}-1024`);
      // Taken again, then the rest in cash.
      await page.getByLabel(ui.voucher.label).fill(voucher);
      await page.getByLabel(ui.voucher.amount).fill(`${Math.floor(fromVoucher / 100)}.${String(fromVoucher % 100).padStart(2, '0')}`);
      await page.getByRole('button', { name: ui.voucher.apply }).click();
      await page.locator(`[data-voucher="${voucher}"]`).waitFor();
      const rest = total - fromVoucher;
      await page.getByLabel(ui.payment.received).fill(String(Math.ceil(rest / 100)));
      await page.getByRole('button', { name: ui.payment.complete }).click();
      await poll(() => page.locator('tr[data-line-id]').count()).toBe(0);

      const db = rawTillDatabase(join(till.dataDir, 'till.sqlite'), { readonly: true });
      try {
        const paid = db.prepare(`SELECT method, amount_minor AS amount, voucher_code AS code FROM payments WHERE method = 'voucher'`).all();
        expect(paid).toEqual([{ method: 'voucher', amount: fromVoucher, code: voucher }]);
        expect(db.prepare(`SELECT COUNT(*) FROM outbox WHERE op_type = 'voucher.spent'`).pluck().get()).toBe(1);
        expect(db.prepare(`SELECT state FROM voucher_spends ORDER BY id`).pluck().all()).toEqual(['returned', 'held']);
        expect(db.prepare(`SELECT COUNT(*) FROM outbox WHERE op_type = 'voucher.returned'`).pluck().get()).toBe(1);
        const row = db.prepare(`SELECT method, refund_minor AS refund, cashier FROM receiptless_returns`).get() as { method: string; refund: number; cashier: string };
        expect(row).toEqual({ method: 'storeCredit', refund: 2 * a.price + lower, cashier: 'Ana Rusu' });
        expect(db.prepare(`SELECT COUNT(*) FROM outbox WHERE op_type IN ('return.no_receipt', 'approval.granted')`).pluck().get()).toBe(2);
        expect(db.prepare(`SELECT subject FROM audit_log WHERE action = 'staff.pin_wrong'`).pluck().all()).toEqual(['maria']);
      } finally {
        db.close();
      }
      expect(problems).toEqual([]);
      await page.close();
    }, 120_000);
  }
});
