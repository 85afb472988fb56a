import { openTillDatabase } from '../electron/backend/db.js';
import { startTill } from '../electron/backend/till.js';
import { launchChromium, startBrowserMode } from '../test/helpers/browserMode.js';
import { percentile, round, type Figure } from './figures.js';
import { benchTillCopy, CUSTOMERS, PRODUCTS } from './tillData.js';

export const figures = ['barcode_lookup_p99', 'sale_commit_p99', 'cold_start', 'scan_to_line_p95'];
const silent = { error: () => undefined };
const SIZE = `${PRODUCTS / 1000}k SKUs, ${CUSTOMERS / 1_000_000}M customers`;

function randomBarcodes(file: string, n: number): string[] {
  const db = openTillDatabase(file, { readonly: true });
  const rows = db.prepare(`SELECT b.code FROM barcodes b JOIN products p USING (sku) WHERE p.sold_by = 'unit' ORDER BY random() LIMIT ?`).all(n) as { code: string }[];
  db.close();
  return rows.map((r) => r.code);
}

/** Backend only: scan → product, price and VAT resolved, line written, sale view returned. */
async function backendFigures(file: string): Promise<Figure[]> {
  const till = startTill({ databaseFile: file, language: 'en', log: silent, printQueue: false });
  const codes = randomBarcodes(file, 5000);
  const lookup = till.db.prepare(
    `SELECT p.sku, p.name_en, sp.price_minor FROM barcodes b JOIN products p ON p.sku = b.sku
     LEFT JOIN store_prices sp ON sp.sku = p.sku AND sp.store_id = ? WHERE b.code = ?`,
  );
  const lookups: number[] = [];
  for (let round = 0; round < 4; round++) {
    for (const code of codes) {
      const t = performance.now();
      lookup.get(till.settings.storeId, code);
      lookups.push(performance.now() - t);
    }
  }

  const commits: number[] = [];
  for (let i = 0; i < 400; i++) {
    for (let j = 0; j < 4; j++) await till.dispatch('sale.scan', { code: codes[(i * 4 + j) % codes.length] as string });
    const t = performance.now();
    const done = await till.dispatch('sale.payCash', { tenderedMinor: 1_000_000_00 });
    commits.push(performance.now() - t);
    if (!done.ok) throw new Error(done.error.code);
  }
  await till.close();
  return [
    { name: 'barcode_lookup_p99', value: round(percentile(lookups, 99), 4), unit: 'ms', target: 1, better: 'lower', note: `${lookups.length} lookups, median ${round(percentile(lookups, 50), 4)} ms, ${SIZE}` },
    { name: 'sale_commit_p99', value: round(percentile(commits, 99), 2), unit: 'ms', target: 10, better: 'lower', note: `400 sales of 4 lines, synchronous=FULL, median ${round(percentile(commits, 50), 2)} ms` },
  ];
}

async function browserFigures(dir: string, file: string): Promise<Figure[]> {
  const codes = randomBarcodes(file, 200);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // Enter → the new line in the DOM, measured inside the page so the harness's own latency is
    // not counted. Installed before the app's scripts so it sees Enter before the scanner listener.
    await page.addInitScript(() => {
      const scan = { enterAt: 0, samples: [] as number[], lines: 0 };
      (window as unknown as { __scan: typeof scan }).__scan = scan;
      window.addEventListener('keydown', (e) => e.key === 'Enter' && (scan.enterAt = performance.now()), { capture: true });
      document.addEventListener('DOMContentLoaded', () => {
        new MutationObserver(() => {
          const lines = document.querySelectorAll('[data-line-id]').length;
          if (lines > scan.lines) {
            scan.samples.push(performance.now() - scan.enterAt);
            scan.lines = lines;
          }
        }).observe(document.body, { childList: true, subtree: true });
      });
    });
    const starts: number[] = [];
    let till = null;
    for (let i = 0; i < 5; i++) {
      await till?.stop();
      const t = performance.now();
      till = await startBrowserMode(['--data-dir', dir, '--lang', 'en']);
      await page.goto(till.url);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      starts.push(performance.now() - t);
    }

    await page.evaluate(() => {
      const scan = (window as unknown as { __scan: { lines: number; samples: number[] } }).__scan;
      scan.lines = document.querySelectorAll('[data-line-id]').length;
      scan.samples = [];
    });
    for (const [i, code] of codes.entries()) {
      await page.keyboard.type(`${code}\n`);
      await page.waitForFunction((n) => (window as unknown as { __scan: { samples: number[] } }).__scan.samples.length >= n, i + 1, { timeout: 10_000 });
    }
    const scans = await page.evaluate(() => (window as unknown as { __scan: { samples: number[] } }).__scan.samples);
    await till?.stop();
    return [
      { name: 'cold_start', value: round(percentile(starts, 50), 0), unit: 'ms', target: 3000, better: 'lower', note: `median of 5 process starts to ready-to-scan in Chromium, ${SIZE}, max ${round(Math.max(...starts), 0)} ms` },
      { name: 'scan_to_line_p95', value: round(percentile(scans, 95), 1), unit: 'ms', target: 50, better: 'lower', note: `${scans.length} scanner bursts, Enter → line in DOM, median ${round(percentile(scans, 50), 1)} ms` },
    ];
  } finally {
    await browser.close();
  }
}

export default async function run(): Promise<Figure[]> {
  const backend = benchTillCopy();
  const browser = benchTillCopy();
  try {
    return [...(await backendFigures(backend.file)), ...(await browserFigures(browser.dir, browser.file))];
  } finally {
    backend.cleanup();
    browser.cleanup();
  }
}
