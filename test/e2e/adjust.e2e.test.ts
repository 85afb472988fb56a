import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_STAFF } from '../../core/demo/staff.js';
import { catalogues } from '../../core/i18n/index.js';
import { rawTillDatabase } from '../helpers/tillDb.js';
import { checkA11y } from './a11y.js';
import { browserSuite, layoutProblems, openPage, poll, RESULTS, scan, unitProducts, type Product } from './support.js';

/** Price override with a manager's PIN, a manual discount within the store's limit, and No sale, by a cashier in a real browser. */

const maria = DEMO_STAFF.find((p) => p.id === 'maria')!;

function tillRows<T>(dataDir: string, sql: string): T[] {
  const db = rawTillDatabase(join(dataDir, 'till.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

describe('price override, manual discount and No sale in a real browser', () => {
  const suite = browserSuite();

  it.each(['en', 'ru', 'ro'] as const)('a cashier changes a price with a manager’s PIN, gives a discount and opens the drawer with no sale (%s)', async (lang) => {
    const ui = catalogues[lang].ui;
    const till = await suite.till(lang);
    const [a, b] = unitProducts(till.dataDir, 2) as [Product, Product];
    const { page, problems } = await openPage(suite.browser(), till.url);
    await page.setViewportSize({ width: 1024, height: 768 });
    await scan(page, a.code);
    await scan(page, b.code);
    await poll(() => page.locator('tr[data-line-id]').count()).toBe(2);

    // The price, typed as the UI language writes money; a price that is no price is refused in words, nothing sent.
    await page.getByRole('button', { name: ui.adjust.priceOf.replace('{{name}}', a[`name_${lang}`]) }).click();
    await page.locator('.adjust').waitFor();
    await page.getByLabel(ui.adjust.newPrice).fill('12..5');
    await page.getByLabel(ui.adjust.reason).fill('Shelf tag');
    await page.locator('.adjust button[type="submit"]').click();
    expect(await page.locator('#adjust-price-error').textContent()).toBe(ui.adjust.priceTyped.replace('{{example}}', lang === 'en' ? '12.50' : '12,50'));
    const cheaper = a.price - 150;
    const typed = `${Math.floor(cheaper / 100)}${lang === 'en' ? '.' : ','}${String(cheaper % 100).padStart(2, '0')}`;
    await page.getByLabel(ui.adjust.newPrice).fill(typed);
    await page.screenshot({ path: join(RESULTS, `adjust-price-${lang}-1024x768.png`) });
    await checkA11y(page, `adjust-price-${lang}-1024`);
    await page.locator('.adjust button[type="submit"]').click();

    // A cashier may not: the manager's PIN on this till, then the same change goes through.
    await page.locator('.approval:not(.adjust)').waitFor();
    expect(await page.locator('.approval:not(.adjust) .signin-note').textContent()).toContain(ui.staff.actions.price_override);
    expect(await page.locator('.adjust').isVisible()).toBe(false);
    await page.locator('#staff-pin').fill(maria.pin);
    await page.screenshot({ path: join(RESULTS, `adjust-approval-${lang}-1024x768.png`) });
    await page.locator('.approval .pinpad button[type="submit"]').click();
    await page.locator('.approval').first().waitFor({ state: 'detached' });
    await poll(() => page.locator('.line-was').count()).toBe(1);
    expect(tillRows<{ unit_price_minor: number; original_unit_price_minor: number | null }>(till.dataDir, 'SELECT unit_price_minor, original_unit_price_minor FROM sale_lines ORDER BY position')).toEqual([
      { unit_price_minor: cheaper, original_unit_price_minor: a.price },
      { unit_price_minor: b.price, original_unit_price_minor: null },
    ]);

    // 5 % off the second line is within the store's 10 %: no manager needed.
    await page.locator('tr[data-line-id]').nth(1).locator('.btn-discount').click();
    await page.locator('.adjust').waitFor();
    expect(await page.locator('.adjust-note').textContent()).toContain(ui.adjust.limit.replace('{{limit}}', '10'));
    await page.getByLabel(`${ui.adjust.value}, %`).fill('5');
    await page.getByLabel(ui.adjust.reason).fill('Scratch');
    await page.locator('.adjust button[type="submit"]').click();
    await page.locator('.adjust').waitFor({ state: 'detached' });
    await poll(() => tillRows<{ manual_value: number | null }>(till.dataDir, 'SELECT manual_value FROM sale_lines ORDER BY position').map((r) => r.manual_value)).toEqual([null, 500]);
    await poll(() => page.locator('tr[data-line-id]').nth(1).locator('.line-discount').count()).toBe(1);
    expect(await layoutProblems(page)).toEqual([]);
    await page.screenshot({ path: join(RESULTS, `adjust-sale-${lang}-1024x768.png`) });
    await checkA11y(page, `adjust-sale-${lang}-1024`);
    await page.setViewportSize({ width: 1920, height: 1080 });
    expect(await layoutProblems(page)).toEqual([]);
    await page.screenshot({ path: join(RESULTS, `adjust-sale-${lang}-1920x1080.png`) });
    await checkA11y(page, `adjust-sale-${lang}-1920`);

    // 1.00 off the whole sale, typed as an amount: within the limit, shown under the actions with its reason.
    await page.getByRole('button', { name: ui.adjust.saleDiscount }).click();
    await page.locator('.adjust').waitFor();
    await page.locator('.adjust .adjust-kind label', { hasText: ui.adjust.amount }).click();
    await page.locator('.adjust').getByLabel(ui.adjust.value, { exact: true }).fill(lang === 'en' ? '1.00' : '1,00');
    await page.getByLabel(ui.adjust.reason).fill('Queue');
    await page.locator('.adjust button[type="submit"]').click();
    await poll(() => page.getByTestId('sale-manual').textContent()).toContain(ui.adjust.onSale.replace('{{reason}}', 'Queue'));
    await page.screenshot({ path: join(RESULTS, `adjust-salediscount-${lang}-1920x1080.png`) });
    await checkA11y(page, `adjust-salediscount-${lang}-1920`);

    // 6 % off the sale instead: the second line would carry 5 % and 6 % of what is left, 10.7 % in all, over the 10 %:
    // the manager is asked, and the dialog names the limit.
    await page.getByRole('button', { name: ui.adjust.saleDiscount }).click();
    await page.locator('.adjust').waitFor();
    await page.locator('.adjust .adjust-kind label', { hasText: ui.adjust.percent }).click();
    await page.getByLabel(`${ui.adjust.value}, %`).fill('6');
    await page.getByLabel(ui.adjust.reason).fill('Queue');
    await page.locator('.adjust button[type="submit"]').click();
    await page.locator('.approval:not(.adjust)').waitFor();
    expect(await page.locator('.approval:not(.adjust) .signin-note').textContent()).toContain(ui.staff.actions.discount_manual.replace('{{limit}}', '10'));
    await page.locator('.approval .signin-person', { hasText: 'Maria Popa' }).click();
    await page.locator('#staff-pin').fill(maria.pin);
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: join(RESULTS, `adjust-combined-approval-${lang}-1024x768.png`) });
    await checkA11y(page, `adjust-combined-approval-${lang}-1024`);
    await page.locator('.approval .pinpad button[type="submit"]').click();
    await poll(() => tillRows<{ manual_kind: string; manual_value: number }>(till.dataDir, `SELECT manual_kind, manual_value FROM sales WHERE status = 'open'`)).toEqual([{ manual_kind: 'percent', manual_value: 600 }]);
    await page.setViewportSize({ width: 1920, height: 1080 });

    // The sale cancelled, the drawer opens with no sale: a cashier needs the manager for it too.
    await page.getByRole('button', { name: ui.actions.cancelSale }).click();
    await page.locator('.confirm .btn-danger').click();
    await poll(() => page.locator('tr[data-line-id]').count()).toBe(0);
    await page.getByRole('button', { name: ui.adjust.noSale, exact: true }).click();
    await page.getByLabel(ui.adjust.noSaleReason).fill('Change');
    await page.screenshot({ path: join(RESULTS, `adjust-nosale-${lang}-1920x1080.png`) });
    await checkA11y(page, `adjust-nosale-${lang}-1920`);
    await page.locator('.adjust button[type="submit"]').click();
    await page.locator('.approval:not(.adjust)').waitFor();
    // A senior cashier or a manager may open the drawer: both are offered.
    expect(await page.locator('.approval .signin-person').allTextContents()).toEqual([expect.stringContaining('Ion Ceban'), expect.stringContaining('Maria Popa')]);
    await page.locator('.approval .signin-person', { hasText: 'Maria Popa' }).click();
    await page.locator('#staff-pin').fill(maria.pin);
    await page.locator('.approval .pinpad button[type="submit"]').click();
    await poll(() => page.locator('.adjust-done').textContent()).toBe(ui.adjust.noSaleDoneNoShift.replace('{{count}}', '1'));
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.screenshot({ path: join(RESULTS, `adjust-nosale-done-${lang}-1024x768.png`) });
    expect(tillRows<{ action: string }>(till.dataDir, `SELECT action FROM audit_log WHERE action IN ('approval.granted', 'drawer.no_sale', 'sale.price_overridden', 'sale.discount_given') ORDER BY id`).map((r) => r.action)).toEqual([
      'approval.granted',
      'sale.price_overridden',
      'sale.discount_given',
      'sale.discount_given',
      'approval.granted',
      'sale.discount_given',
      'approval.granted',
      'drawer.no_sale',
    ]);
    expect(problems).toEqual([]);
    await page.close();
  });
});
