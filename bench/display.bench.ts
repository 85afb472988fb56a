import type { Page } from 'playwright-core';
import { rawTillDatabase } from '../test/helpers/tillDb.js';
import { launchChromium, startBrowserMode } from '../test/helpers/browserMode.js';
import { percentile, round, type Figure } from './figures.js';
import { benchTillCopy } from './tillData.js';

export const figures = ['display_follow_p95'];

const SCANS = 80;
const LINES_PER_SALE = 20;

/** Distinct unit products with a barcode: each scan adds a new line on both screens. */
function barcodes(file: string): string[] {
  const db = rawTillDatabase(file, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT MIN(b.code) FROM products p JOIN barcodes b ON b.sku = p.sku JOIN store_prices sp ON sp.sku = p.sku
         WHERE p.sold_by = 'unit' AND length(b.code) = 13 AND substr(b.code, 1, 1) <> '2' AND sp.price_minor > 0 GROUP BY p.sku LIMIT ?`,
      )
      .pluck()
      .all(SCANS) as string[];
  } finally {
    db.close();
  }
}

/**
 * Arms a watcher in the page: it resolves with the moment (the browser's clock, shared by both
 * pages) when `selector` first matches `count` elements.
 */
function arm(page: Page, selector: string, count: number): Promise<void> {
  return page.evaluate(
    ({ selector, count }) => {
      const w = window as unknown as { seenAt?: Promise<number> };
      w.seenAt = new Promise<number>((resolve) => {
        const observer = new MutationObserver(() => {
          if (document.querySelectorAll(selector).length >= count) {
            observer.disconnect();
            resolve(performance.timeOrigin + performance.now());
          }
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      });
    },
    { selector, count },
  );
}

const seenAt = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { seenAt: Promise<number> }).seenAt);

/**
 * The customer display follows the cashier's screen: a barcode scanned on the cashier's page
 * (100k SKUs, 1M customers), the moment its line is in the cashier's DOM and the moment it is in
 * the `/display` page's DOM, both pages in one Chromium; the figure is the display's lag.
 */
export default async function run(): Promise<Figure[]> {
  const copy = benchTillCopy();
  const codes = barcodes(copy.file);
  const browser = await launchChromium();
  const till = await startBrowserMode(['--data-dir', copy.dir, '--lang', 'en']);
  try {
    const cashier = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await cashier.goto(till.url);
    await cashier.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
    const display = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await display.goto(`${till.url}display`);
    await display.waitForSelector('.cd-idle .cd-store');
    const field = cashier.getByLabel('Barcode');

    const lags: number[] = [];
    const scanToDisplay: number[] = [];
    const scanToCashier: number[] = [];
    for (const [i, code] of codes.entries()) {
      const n = (i % LINES_PER_SALE) + 1;
      await arm(cashier, 'tr[data-line-id]', n);
      await arm(display, '.cd-line', n);
      await field.fill(code);
      const start = await cashier.evaluate(() => performance.timeOrigin + performance.now());
      await field.press('Enter');
      const [onCashier, onDisplay] = await Promise.all([seenAt(cashier), seenAt(display)]);
      // Negative when the display drew the line before the cashier's screen did (it is pushed, the cashier's page awaits its RPC answer).
      lags.push(onDisplay - onCashier);
      scanToDisplay.push(onDisplay - start);
      scanToCashier.push(onCashier - start);
      if (n === LINES_PER_SALE) {
        await cashier.getByRole('button', { name: 'Cancel sale' }).click();
        await cashier.getByRole('button', { name: 'Yes, cancel sale' }).click();
        await display.waitForSelector('.cd-idle');
      }
    }
    return [
      {
        name: 'display_follow_p95',
        value: round(percentile(lags, 95), 1),
        unit: 'ms',
        target: 100,
        better: 'lower',
        note:
          `${lags.length} scans, line on the cashier's screen → same line on /display, Chromium, median ${round(percentile(lags, 50), 1)} ms ` +
          `(negative: the display was first); Enter → line p95: display ${round(percentile(scanToDisplay, 95), 1)} ms, cashier ${round(percentile(scanToCashier, 95), 1)} ms`,
      },
    ];
  } finally {
    await till.stop();
    await browser.close();
    copy.cleanup();
  }
}
