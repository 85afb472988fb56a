import { join } from 'node:path';
import type { TillDatabase } from '../../electron/backend/db.js';
import { rawTillDatabase } from '../helpers/tillDb.js';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { checkA11y } from './a11y.js';
import { browserSuite, openPage, poll, screenshots, unitProducts } from './support.js';

/**
 * The customer at the till through the real renderer: a browser-mode demo till whose cache
 * holds Ulyana (as sync leaves her: carts on two channels, favourites) and a second customer
 * with the same last digits. Never synced, so every profile says it is the till's copy.
 */

const ULYANA = { id: 'C-E2E-ULYANA', name: 'Ulyana Popa', phone: '+37362123456' };
const ANA = { id: 'C-E2E-ANA', name: 'Ana Rusu', phone: '+37369923456' };

interface Fixture {
  readonly web: string[];
  readonly app: string;
  readonly favourite: string;
}

/** Ulyana and Ana written into the till's cache the way a pull writes them. */
function seedCustomers(dataDir: string): Fixture {
  const [w1, w2, a1, f1] = unitProducts(dataDir, 4).map((p) => p.sku) as [string, string, string, string];
  const db = rawTillDatabase(join(dataDir, 'till.sqlite'));
  try {
    db.pragma('busy_timeout = 5000');
    db.transaction(() => {
      // The demo seed has its own Ulyana on this number; the fixture's takes it over.
      db.prepare('DELETE FROM customer_phones WHERE phone_e164 IN (?, ?)').run(ULYANA.phone, ANA.phone);
      for (const c of [ULYANA, ANA]) {
        db.prepare(`INSERT INTO customers (id, name, email, segments, consents, updated_at) VALUES (?, ?, NULL, ?, ?, '2026-12-01T10:00:00Z')`).run(
          c.id,
          c.name,
          JSON.stringify(c === ULYANA ? ['sneakers', 'app_users'] : []),
          JSON.stringify(c === ULYANA ? ['sms', 'email'] : []),
        );
        db.prepare('INSERT INTO customer_phones (phone_e164, customer_id) VALUES (?, ?)').run(c.phone, c.id);
      }
      const line = db.prepare(`INSERT INTO online_cart_lines (customer_id, channel, sku, quantity, price_seen_minor, currency, added_at) VALUES (?, ?, ?, ?, ?, 'MDL', ?)`);
      line.run(ULYANA.id, 'web', w1, 1, 129900, '2026-12-02T09:00:00Z');
      line.run(ULYANA.id, 'web', w2, 2, 4990, '2026-12-02T09:01:00Z');
      // A line of a product this till does not know: listed, never sold.
      line.run(ULYANA.id, 'web', 'SKU-NOT-HERE', 1, 59900, '2026-12-02T09:02:00Z');
      line.run(ULYANA.id, 'app', a1, 1, 8990, '2026-12-02T20:15:00Z');
      db.prepare(`INSERT INTO favourites (customer_id, sku, channel, added_at) VALUES (?, ?, 'web', '2026-11-28T18:00:00Z')`).run(ULYANA.id, f1);
      // An order she placed on the web shop, as a pull leaves it: delivered, so no store.
      db.prepare(
        `INSERT INTO online_orders (id, customer_id, channel, order_ref, store_id, store_name, currency, total_minor, items, placed_at)
         VALUES ('ORD-E2E-1', ?, 'web', 'WEB-1001', NULL, NULL, 'MDL', 259800, 3, '2026-11-30T17:45:00Z')`,
      ).run(ULYANA.id);
    })();
  } finally {
    db.close();
  }
  return { web: [w1, w2], app: a1, favourite: f1 };
}

function readTill<T>(dataDir: string, read: (db: TillDatabase) => T): T {
  const db = rawTillDatabase(join(dataDir, 'till.sqlite'), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const lineRows = (page: Page) => page.locator('tr[data-line-id]');
const panel = (page: Page) => page.getByTestId('customer-panel');

async function lookUp(page: Page, label: string, typed: string): Promise<void> {
  const field = page.getByLabel(label);
  await field.fill(typed);
  await field.press('Enter');
}

function shoot(page: Page, name: string): Promise<void> {
  return screenshots(page, name, [
    [1024, 768],
    [1920, 1080],
  ]).then(() => checkA11y(page, name));
}

describe('the customer at the till in a real browser', () => {
  const suite = browserSuite();

  it('finds her by phone in any form and by last digits, refuses bad input, moves her cart and a favourite into the sale (English)', async () => {
    const till = await suite.till('en');
    const fixture = seedCustomers(till.dataDir);
    const { page, problems } = await openPage(suite.browser(), till.url);
    const label = 'Phone, last 4–6 digits or customer card';

    // F8 opens the panel with the cursor in its field.
    await page.keyboard.press('F8');
    await poll(() => panel(page).count()).toBe(1);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('customer-query');

    // Bad input: a clear message in the panel, the sale untouched.
    await lookUp(page, label, '456');
    await poll(() => panel(page).getByRole('alert').textContent()).toBe('Type at least 4 digits of her phone number.');
    await lookUp(page, label, '0621 23 45x');
    await poll(() => panel(page).getByRole('alert').textContent()).toContain('This is not a valid phone number');
    await lookUp(page, label, '0799 99 998');
    await poll(() => panel(page).getByText('No customer with this number.').count()).toBe(1);

    // Create her from there: the number as typed, every consent unticked until she says yes.
    await panel(page).getByRole('button', { name: 'Create customer' }).click();
    expect(await page.getByLabel('Phone', { exact: true }).inputValue()).toBe('0799 99 998');
    expect(await panel(page).getByRole('checkbox', { checked: true }).count()).toBe(0);
    await page.getByLabel('E-mail (optional)').fill('not-an-address');
    await page.getByLabel('Name', { exact: true }).fill('Ion Rusu');
    await panel(page).getByRole('button', { name: 'Save customer' }).click();
    await poll(() => panel(page).getByRole('alert').textContent()).toContain('This is not an e-mail address');
    await page.getByLabel('E-mail (optional)').fill('');
    await panel(page).getByRole('checkbox', { name: 'SMS' }).check();
    await shoot(page, 'customer-create-en');
    await panel(page).getByRole('button', { name: 'Save customer' }).click();
    await poll(() => panel(page).getByRole('heading', { name: 'Ion Rusu' }).count()).toBe(1);
    expect(await panel(page).textContent()).toContain('Central will add this customer');
    expect(readTill(till.dataDir, (db) => db.prepare(`SELECT count(*) FROM outbox WHERE op_type = 'customer.created'`).pluck().get())).toBe(1);

    // Last digits shared by two customers: a short list with first name and surname initial.
    await lookUp(page, label, '3456');
    await poll(() => panel(page).getByRole('button', { name: 'Choose Ulyana P.' }).count()).toBe(1);
    expect(await panel(page).getByRole('button', { name: 'Choose Ana R.' }).count()).toBe(1);
    expect(await panel(page).textContent()).not.toContain('62123456');
    await shoot(page, 'customer-candidates-en');
    await panel(page).getByRole('button', { name: 'Choose Ulyana P.' }).click();
    await poll(() => panel(page).getByRole('heading', { name: 'Ulyana Popa' }).count()).toBe(1);

    // Three spellings of her number find the same profile. Her profile is already shown, so each
    // lookup is waited for by its audit row: Enter while the last one is still busy does nothing.
    const lookupsDone = () => readTill(till.dataDir, (db) => db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'customer.lookup'`).pluck().get());
    for (const [i, typed] of ['+373 621 23 456', '0621-23-456', '(0621) 23 456'].entries()) {
      await lookUp(page, label, typed);
      await poll(lookupsDone).toBe(3 + i);
      await poll(() => panel(page).locator('[data-customer-id]').getAttribute('data-customer-id')).toBe(ULYANA.id);
    }
    const profile = panel(page);
    expect(await profile.getByTestId('customer-phone').textContent()).not.toContain('621 23 456');
    expect(await profile.getByTestId('customer-offline').textContent()).toContain('never synced');
    expect(await profile.locator('section[data-channel="web"] tbody tr').count()).toBe(3);
    expect(await profile.locator('section[data-channel="app"] tbody tr').count()).toBe(1);
    expect(await profile.locator('tr[data-sku="SKU-NOT-HERE"]').textContent()).toContain('not sold in this store');
    expect(await profile.locator('[data-testid="customer-history"] li[data-channel="web"]').textContent()).toMatch(/web shop.*delivery.*Order WEB-1001.*items: 3.*MDL\s?2,598\.00/);
    await shoot(page, 'customer-panel-en');

    // Show: the whole number, once asked for.
    await profile.getByRole('button', { name: 'Show the whole phone number' }).click();
    await poll(() => profile.getByTestId('customer-phone').textContent()).toContain('621');
    expect(await lineRows(page).count()).toBe(0);

    // Her web cart in one action: what this store sells comes in, the rest stays listed.
    await profile.locator('section[data-channel="web"]').getByRole('button', { name: 'Add the whole cart to the sale' }).click();
    await poll(() => panel(page).count()).toBe(0);
    await poll(() => lineRows(page).count()).toBe(2);
    expect(await page.getByTestId('sale-customer').textContent()).toBe('Ulyana Popa');
    expect(await page.getByTestId('customer-bar').textContent()).toContain('Stayed in her cart');
    await shoot(page, 'customer-on-sale-en');

    // A phone typed in the barcode box goes to the lookup, not to the sale.
    const barcode = page.getByLabel('Barcode');
    await barcode.fill('+373 621 23 456');
    await barcode.press('Enter');
    await poll(lookupsDone).toBe(6);
    await poll(() => panel(page).locator('[data-customer-id]').getAttribute('data-customer-id')).toBe(ULYANA.id);
    expect(await page.getByRole('alert').count()).toBe(0);
    await panel(page).locator(`li[data-sku="${fixture.favourite}"]`).getByRole('button').click();
    await page.keyboard.press('Escape');
    await poll(() => panel(page).count()).toBe(0);
    await poll(() => lineRows(page).count()).toBe(3);

    // Paid: the sale is hers, each line says where it came from, and every lookup was audited
    // without the number typed.
    await page.getByRole('button', { name: 'Take payment' }).click();
    await page.getByLabel('Cash received').fill('100000');
    await page.getByRole('button', { name: 'Complete sale' }).click();
    await poll(() => page.getByRole('heading', { name: 'Receipt No. 1' }).count()).toBe(1);
    const stored = readTill(till.dataDir, (db) => ({
      sale: db.prepare(`SELECT customer_id FROM sales WHERE status = 'completed'`).get() as { customer_id: string },
      origins: db.prepare(`SELECT sku, origin FROM sale_lines ORDER BY sku`).all() as { sku: string; origin: string | null }[],
      audit: db.prepare(`SELECT action, subject, details FROM audit_log WHERE action LIKE 'customer.%' ORDER BY id`).all() as {
        action: string;
        subject: string | null;
        details: string;
      }[],
    }));
    expect(stored.sale.customer_id).toBe(ULYANA.id);
    expect(new Map(stored.origins.map((l) => [l.sku, l.origin]))).toEqual(
      new Map([
        [fixture.web[0], 'cart:web'],
        [fixture.web[1], 'cart:web'],
        [fixture.favourite, 'favourite'],
      ]),
    );
    const lookups = stored.audit.filter((a) => a.action === 'customer.lookup');
    // Not-found, last digits, three spellings, the barcode box; input refused before any search is not a lookup.
    expect(lookups.length).toBe(6);
    expect(stored.audit.filter((a) => a.action === 'customer.phone_shown').map((a) => a.subject)).toEqual([ULYANA.id]);
    for (const row of lookups) expect(row.details).not.toMatch(/62123456|621 23 456|23456/);
    expect(problems).toEqual([]);
  }, 150_000);

  for (const [lang, labels] of [
    ['ru', { label: 'Телефон, последние 4–6 цифр или карта покупателя', moveAll: 'Добавить всю корзину в продажу', customer: 'Покупатель' }],
    ['ro', { label: 'Telefon, ultimele 4–6 cifre sau cardul clientului', moveAll: 'Adaugă tot coșul la vânzare', customer: 'Client' }],
  ] as const) {
    it(`shows her panel and moves her app cart in ${lang}`, async () => {
      const till = await suite.till(lang);
      seedCustomers(till.dataDir);
      const { page, problems } = await openPage(suite.browser(), till.url);
      await page.getByRole('button', { name: labels.customer }).first().click();
      await lookUp(page, labels.label, '0621 23 456');
      await poll(() => panel(page).getByRole('heading', { name: 'Ulyana Popa' }).count()).toBe(1);
      await shoot(page, `customer-panel-${lang}`);
      await panel(page).locator('section[data-channel="app"]').getByRole('button', { name: labels.moveAll }).click();
      await poll(() => lineRows(page).count()).toBe(1);
      await shoot(page, `customer-on-sale-${lang}`);
      expect(problems).toEqual([]);
    }, 90_000);
  }
});
