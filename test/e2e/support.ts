import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { startBrowserMode } from '../helpers/browserMode.js';

/** What the browser e2e tests share: the built app, demo tills on temp dirs, a page that fails on errors. */

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RESULTS = join(root, 'test-results');

/** Builds the renderer and the backend bundles the tests run; a failed build fails the suite. */
export function buildApp(): void {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
  mkdirSync(RESULTS, { recursive: true });
}

export interface DemoTill {
  readonly url: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/** Browser mode with a small demo catalogue on its own temp data dir, in the given UI language. */
export async function startDemoTill(lang: string): Promise<DemoTill> {
  const dataDir = mkdtempSync(join(tmpdir(), `omnitill-e2e-${lang}-`));
  const till = await startBrowserMode(['--data-dir', dataDir, '--demo', '--demo-products', '2000', '--demo-customers', '1000', '--lang', lang]);
  return {
    url: till.url,
    dataDir,
    async stop() {
      await till.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Product {
  sku: string;
  code: string;
  price: number;
  name_en: string;
  name_ru: string;
}

/** Unit-priced products with an EAN-13, straight from the demo database the till seeded. */
export function unitProducts(dataDir: string, count: number): Product[] {
  const db = new Database(join(dataDir, 'till.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        `SELECT p.sku, MIN(b.code) AS code, sp.price_minor AS price, p.name_en, p.name_ru
         FROM products p JOIN barcodes b ON b.sku = p.sku JOIN store_prices sp ON sp.sku = p.sku
         WHERE p.sold_by = 'unit' AND length(b.code) = 13 AND substr(b.code, 1, 1) <> '2' AND sp.price_minor > 0
         GROUP BY p.sku ORDER BY p.sku LIMIT ?`,
      )
      .all(count) as Product[];
  } finally {
    db.close();
  }
}

/**
 * Types a code the way a keyboard-wedge scanner does: a burst of keys 3 ms apart, then Enter,
 * wherever the focus is. The keys go through Chromium's input pipeline (CDP Input events) with
 * the timestamps a scanner's keys carry from the OS, so a loaded test machine delaying their
 * delivery does not make them look like a person's pauses.
 */
export async function scan(page: Page, code: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    let at = Date.now() / 1000;
    for (const ch of [...code, '\r']) {
      const enter = ch === '\r';
      const key = enter ? 'Enter' : ch;
      const common = { key, code: enter ? 'Enter' : /\d/.test(ch) ? `Digit${ch}` : `Key${ch.toUpperCase()}`, windowsVirtualKeyCode: enter ? 13 : ch.toUpperCase().charCodeAt(0), timestamp: at };
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: ch, unmodifiedText: ch, ...common });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common });
      at += 0.003;
    }
  } finally {
    await cdp.detach();
  }
}

/** The demo till's cashier (core/demo/staff.ts): every e2e test sells as her unless it signs in itself. */
export const DEMO_CASHIER = { name: 'Ana Rusu', pin: '1111' };

/** Signs in on the sign-in screen: the person by name, the PIN typed into its field. */
export async function signIn(page: Page, person: { name: string; pin: string } = DEMO_CASHIER): Promise<void> {
  await page.locator('.signin-person', { hasText: person.name }).click();
  await page.locator('#staff-pin').fill(person.pin);
  await page.locator('.pinpad button[type="submit"]').click();
  await page.locator('.staffbar').waitFor();
}

/**
 * Opens the till page and waits until it is ready to scan (signed in as the demo cashier unless
 * `signedIn` is false); `problems` collects page and console errors.
 */
export async function openPage(browser: Browser, url: string, height = 768, signedIn = true): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1366, height } });
  // A click on a control that never appears fails naming its locator, not as the test's timeout.
  page.setDefaultTimeout(20_000);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 15_000 });
  if (signedIn) {
    // A page opened again on a till already signed in goes straight to the sale.
    await page.waitForSelector('.signin, .staffbar');
    if ((await page.locator('.signin').count()) > 0) await signIn(page);
  }
  return { page, problems };
}

/** Waits for the screen to catch up (an RPC round trip and a render), generously for busy CI machines. */
export const poll = <T,>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 10_000, interval: 25 });
