import type { Page } from 'playwright-core';
import { rawTillDatabase } from '../test/helpers/tillDb.js';
import { startTill } from '../electron/backend/till.js';
import { launchChromium, startBrowserMode } from '../test/helpers/browserMode.js';
import { percentile, round, type Figure } from './figures.js';
import { benchTillCopy, CUSTOMERS, PRODUCTS } from './tillData.js';

export const figures = ['customer_lookup_p99', 'customer_last4_p99', 'lookup_to_panel_p95', 'cart_to_sale_p95'];
const silent = { error: () => undefined };
const CART_LINES = 20;

/**
 * Every customer of the benchmark till gets an app cart line, a web cart line and a favourite
 * (3M rows on 1M customers), and the first 200 a 20-line web cart; written set-based, as a
 * pull leaves them.
 */
function addCartsAndFavourites(file: string): { rows: number } {
  const db = rawTillDatabase(file);
  db.pragma('journal_mode = WAL');
  db.exec(`
    CREATE TEMP TABLE pick AS
      SELECT row_number() OVER (ORDER BY p.sku) - 1 AS n, p.sku, sp.price_minor AS price
      FROM products p JOIN store_prices sp ON sp.sku = p.sku WHERE p.sold_by = 'unit' AND sp.price_minor > 0;
    CREATE TEMP TABLE shopper AS SELECT row_number() OVER (ORDER BY id) - 1 AS n, id FROM customers;
  `);
  const count = db.prepare('SELECT count(*) FROM temp.pick').pluck().get() as number;
  db.transaction(() => {
    for (const [table, channel, stride] of [
      ['online_cart_lines', 'app', 7],
      ['online_cart_lines', 'web', 13],
      ['favourites', 'web', 29],
    ] as const) {
      const columns = table === 'favourites' ? '(customer_id, sku, channel, added_at)' : '(customer_id, channel, sku, quantity, price_seen_minor, currency, added_at)';
      const values = table === 'favourites' ? `s.id, p.sku, '${channel}', '2026-11-30T10:00:00Z'` : `s.id, '${channel}', p.sku, 1, p.price, 'MDL', '2026-12-01T10:00:00Z'`;
      db.exec(`INSERT INTO ${table} ${columns} SELECT ${values} FROM temp.shopper s JOIN temp.pick p ON p.n = (s.n * ${stride}) % ${count}`);
    }
    db.exec(`INSERT OR IGNORE INTO online_cart_lines (customer_id, channel, sku, quantity, price_seen_minor, currency, added_at)
      SELECT s.id, 'web', p.sku, 1, p.price, 'MDL', '2026-12-01T11:00:00Z'
      FROM temp.shopper s JOIN temp.pick p ON p.n BETWEEN (s.n * 31) % ${count - CART_LINES} AND (s.n * 31) % ${count - CART_LINES} + ${CART_LINES - 1}
      WHERE s.n < 200`);
  })();
  const rows = (db.prepare('SELECT (SELECT count(*) FROM online_cart_lines) + (SELECT count(*) FROM favourites)').pluck().get() as number);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return { rows };
}

/** A phone as a cashier types it: national with the trunk 0 for the store's country, +CC with spaces otherwise. */
function spoken(e164: string): string {
  if (e164.startsWith('+373')) return `0${e164.slice(4, 7)} ${e164.slice(7, 9)} ${e164.slice(9)}`;
  return `${e164.slice(0, 3)} ${e164.slice(3, 6)} ${e164.slice(6)}`;
}

/** Random customers' phones, one per customer, in a random order. */
function samplePhones(file: string, n: number): { phone: string; id: string }[] {
  const db = rawTillDatabase(file, { readonly: true });
  const rows = db.prepare(`SELECT phone_e164 AS phone, customer_id AS id FROM customer_phones GROUP BY customer_id ORDER BY random() LIMIT ?`).all(n) as { phone: string; id: string }[];
  db.close();
  return rows;
}

async function backendFigures(file: string, rows: number): Promise<Figure[]> {
  const till = startTill({ databaseFile: file, language: 'en', log: silent, printQueue: false });
  const phones = samplePhones(file, 2000);
  const timed = async (query: string, into: number[]): Promise<void> => {
    const t = performance.now();
    const r = await till.dispatch('customer.lookup', { query });
    into.push(performance.now() - t);
    if (!r.ok) throw new Error(`${query}: ${r.error.code}`);
  };
  const full: number[] = [];
  const last4: number[] = [];
  for (let round = 0; round < 3; round++) {
    for (const { phone } of phones) await timed(spoken(phone), full);
    for (const { phone } of phones.slice(0, 1000)) await timed(phone.slice(-4), last4);
  }
  await till.close();
  const size = `${CUSTOMERS / 1_000_000}M customers, ${(rows / 1_000_000).toFixed(1)}M cart and favourite rows, ${PRODUCTS / 1000}k SKUs`;
  return [
    {
      name: 'customer_lookup_p99',
      value: round(percentile(full, 99), 3),
      unit: 'ms',
      target: 2,
      better: 'lower',
      note: `${full.length} typed phones → profile with carts and favourites through the RPC (audit row included), median ${round(percentile(full, 50), 3)} ms, ${size}`,
    },
    {
      name: 'customer_last4_p99',
      value: round(percentile(last4, 99), 3),
      unit: 'ms',
      target: 10,
      better: 'lower',
      note: `${last4.length} lookups by the last 4 digits (candidates or her profile), median ${round(percentile(last4, 50), 3)} ms, ${size}`,
    },
  ];
}

/**
 * Milliseconds inside the page from submitting a form (`submit`: one of its fields) or clicking
 * (`click`) until `count` elements match `done`: the harness's own latency is not counted.
 */
function timedInPage(page: Page, trigger: { submit: string } | { click: string }, done: string, count: number): Promise<number> {
  return page.evaluate(
    ({ trigger, done, count }) =>
      new Promise<number>((resolve) => {
        const start = performance.now();
        const observer = new MutationObserver(() => {
          if (document.querySelectorAll(done).length >= count) {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, attributes: true });
        if ('submit' in trigger) (document.querySelector(trigger.submit) as HTMLInputElement).form?.requestSubmit();
        else (document.querySelector(trigger.click) as HTMLButtonElement).click();
      }),
    { trigger, done, count },
  );
}

async function browserFigures(dir: string, file: string): Promise<Figure[]> {
  const phones = samplePhones(file, 60);
  const bigCarts = (() => {
    const db = rawTillDatabase(file, { readonly: true });
    const ids = db
      .prepare(`SELECT customer_id FROM online_cart_lines WHERE channel = 'web' GROUP BY customer_id HAVING count(*) >= ${CART_LINES} LIMIT 40`)
      .pluck()
      .all() as string[];
    db.close();
    return ids;
  })();
  const browser = await launchChromium();
  const till = await startBrowserMode(['--data-dir', dir, '--lang', 'en']);
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(till.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    const field = page.getByLabel('Phone, last 4–6 digits or customer card');

    // Enter → her profile with carts and favourites in the DOM, timed inside the page.
    const panel: number[] = [];
    await page.keyboard.press('F8');
    for (const { phone, id } of phones) {
      await field.fill(spoken(phone));
      const ms = await timedInPage(page, { submit: '#customer-query' }, `[data-customer-id="${id}"] .customer-cart`, 1);
      panel.push(ms);
    }

    // A 20-line web cart → 20 lines on the sale screen.
    const carts: number[] = [];
    for (const id of bigCarts) {
      await field.fill(id);
      await field.press('Enter');
      const move = page.locator(`[data-customer-id="${id}"] section[data-channel="web"]`).getByRole('button', { name: 'Add the whole cart to the sale' });
      await move.waitFor();
      const ms = await timedInPage(page, { click: '[data-customer-id] section[data-channel="web"] .customer-cart-head button' }, 'tr[data-line-id]', CART_LINES);
      carts.push(ms);
      await page.getByRole('button', { name: 'Cancel sale' }).click();
      await page.getByRole('button', { name: 'Yes, cancel sale' }).click();
      await page.locator('tr[data-line-id]').first().waitFor({ state: 'detached' });
      await page.keyboard.press('F8');
    }
    return [
      {
        name: 'lookup_to_panel_p95',
        value: round(percentile(panel, 95), 1),
        unit: 'ms',
        target: 150,
        better: 'lower',
        note: `${panel.length} typed phones, Enter → profile with carts in the DOM, Chromium, median ${round(percentile(panel, 50), 1)} ms`,
      },
      {
        name: 'cart_to_sale_p95',
        value: round(percentile(carts, 95), 1),
        unit: 'ms',
        target: 100,
        better: 'lower',
        note: `${carts.length} ${CART_LINES}-line web carts, click → ${CART_LINES} lines in the DOM, Chromium, median ${round(percentile(carts, 50), 1)} ms`,
      },
    ];
  } finally {
    await till.stop();
    await browser.close();
  }
}

export default async function run(): Promise<Figure[]> {
  const backend = benchTillCopy();
  const browser = benchTillCopy();
  try {
    const { rows } = addCartsAndFavourites(backend.file);
    addCartsAndFavourites(browser.file);
    return [...(await backendFigures(backend.file, rows)), ...(await browserFigures(browser.dir, browser.file))];
  } finally {
    backend.cleanup();
    browser.cleanup();
  }
}
