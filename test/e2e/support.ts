import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rawTillDatabase } from '../helpers/tillDb.js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { withCheckDigit } from '../../core/scan/barcode.js';
import { catalogues, type Language } from '../../core/i18n/index.js';
import { launchChromium, startBrowserMode } from '../helpers/browserMode.js';

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

/**
 * Browser mode with a small demo catalogue on its own temp data dir, in the given UI language.
 * No demo central beside it: these tills never sync (the demo central has its own test).
 */
export async function startDemoTill(lang: string): Promise<DemoTill> {
  const dataDir = mkdtempSync(join(tmpdir(), `omnitill-e2e-${lang}-`));
  const till = await startBrowserMode(['--data-dir', dataDir, '--demo', '--demo-products', '2000', '--demo-customers', '1000', '--no-demo-central', '--lang', lang]);
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
  name_ro: string;
}

/** Unit-priced products with an EAN-13, straight from the demo database the till seeded. */
export function unitProducts(dataDir: string, count: number): Product[] {
  const db = rawTillDatabase(join(dataDir, 'till.sqlite'), { readonly: true });
  try {
    return db
      .prepare(
        `SELECT p.sku, MIN(b.code) AS code, sp.price_minor AS price, p.name_en, p.name_ru, p.name_ro
         FROM products p JOIN barcodes b ON b.sku = p.sku JOIN store_prices sp ON sp.sku = p.sku
         WHERE p.sold_by = 'unit' AND length(b.code) = 13 AND substr(b.code, 1, 1) <> '2' AND sp.price_minor > 0
         GROUP BY p.sku ORDER BY p.sku LIMIT ?`,
      )
      .all(count) as Product[];
  } finally {
    db.close();
  }
}

/** A barcode with a valid check digit that the till's catalogue does not hold. */
export function unknownBarcode(dataDir: string): string {
  const db = rawTillDatabase(join(dataDir, 'till.sqlite'), { readonly: true });
  try {
    const exists = db.prepare('SELECT 1 FROM barcodes WHERE code = ?');
    for (let n = 123456789; ; n++) {
      const code = withCheckDigit(`47${String(n).padStart(10, '0')}`);
      if (!exists.get(code)) return code;
    }
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

/** Pairs the till in the page (its UI in `lang`) with a central through the sync panel, and waits until it has synced. */
export async function pairInPage(page: Page, centralUrl: string, pairingCode: string, lang: Language = 'en'): Promise<void> {
  const ui = catalogues[lang].ui.sync;
  await page.getByTestId('sync-indicator').click();
  await page.getByLabel(ui.centralUrl).fill(centralUrl);
  await page.getByLabel(ui.pairingCode).fill(pairingCode);
  await page.getByRole('button', { name: ui.pair, exact: true }).click();
  await expect.poll(() => page.getByTestId('sync-indicator').textContent(), { timeout: 90_000 }).toContain(ui.synced);
  await page.getByTestId('sync-indicator').click();
  await poll(() => page.getByTestId('sync-panel').count()).toBe(0);
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
 * Every text the live region `[data-testid=<testId>]` holds from the moment it is on the page
 * (the page is reloaded to watch from its start). A screen reader says a change inside a region
 * that was there before, not a region born full: the first text of an announcing region is ''.
 */
export async function recordLiveRegion(page: Page, testId: string): Promise<() => Promise<string[]>> {
  await page.addInitScript((id) => {
    const texts: string[] = [];
    Object.assign(window, { [`live:${id}`]: texts });
    new MutationObserver(() => {
      const region = document.querySelector(`[data-testid="${id}"]`);
      if (region && texts.at(-1) !== region.textContent) texts.push(region.textContent ?? '');
    }).observe(document, { subtree: true, childList: true, characterData: true });
  }, testId);
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  return () => page.evaluate((id) => (window as unknown as Record<string, string[]>)[`live:${id}`] ?? [], testId);
}

/** One of the staff actions in the header's person menu (shift, return, lock, sign out), by its label. */
export async function staffAction(page: Page, label: string): Promise<void> {
  if ((await page.locator('.staffbar-menu').count()) === 0) await page.locator('.staffbar-who').click();
  await page.locator('.staffbar-btn', { hasText: label }).click();
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

/** What is wrong with the layout on screen now: cut columns and buttons, covered totals, a hidden scanned line, a wrapped header, cut placeholders. */
export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const box = (el: Element) => el.getBoundingClientRect();
    const shown = (el: Element) => {
      const r = box(el);
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const inside = (inner: DOMRect, outer: DOMRect) =>
      inner.left >= outer.left - 1 && inner.right <= outer.right + 1 && inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;
    const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    const label = (el: Element) => (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40);
    const viewport = new DOMRect(0, 0, innerWidth, innerHeight);

    if (document.documentElement.scrollWidth > innerWidth + 1) problems.push('the page scrolls sideways');
    if (document.documentElement.scrollHeight > innerHeight + 1) problems.push('the page scrolls down');
    const area = document.querySelector('.sale-area');
    if (area) {
      // Across: every column inside the sale's panel (rows scrolled out of view are the scroller's business).
      for (const cell of document.querySelectorAll('.lines thead th, .lines td')) {
        const c = box(cell);
        if (c.left < box(area).left - 1 || c.right > box(area).right + 1) problems.push(`lines: "${label(cell)}" is cut`);
      }
    }
    const total = document.querySelector('.total-block');
    const vat = document.querySelector('.totals-vat table');
    if (total && vat && overlap(box(total), box(vat))) problems.push('the total covers the VAT table');
    const fresh = document.querySelector('tr.fresh');
    const scroller = document.querySelector('.lines-scroll');
    if (fresh && scroller) {
      const head = document.querySelector('.lines thead');
      const visible = new DOMRect(box(scroller).left, head ? box(head).bottom : box(scroller).top, box(scroller).width, 0);
      const row = box(fresh);
      if (row.top < visible.top - 1 || row.bottom > box(scroller).bottom + 1 || row.bottom > innerHeight) problems.push('the scanned line is out of view');
    }
    for (const el of document.querySelectorAll('button, .btn, .conn, .sync-indicator')) {
      // Inside a scrolling list (search results, lines, the sale's promotions) a button out of view is scrolled to, not cut.
      if (!shown(el) || el.closest('.results, .lines-scroll, .promo-list, .promo-waiting')) continue;
      // The settings screen scrolls down inside itself: there only across.
      const across = (r: DOMRect, outer: DOMRect) => r.left >= outer.left - 1 && r.right <= outer.right + 1;
      const fits = el.closest('.hw-main') ? across : inside;
      if (!fits(box(el), viewport)) problems.push(`"${label(el)}" is off screen`);
      if (el.scrollWidth > el.clientWidth + 1) problems.push(`"${label(el)}" overflows its button`);
      const card = el.closest('.sync-panel, .printer-indicator, .hw-section, .side > section, .receipt-head');
      if (card && !inside(box(el), box(card))) problems.push(`"${label(el)}" overflows its card`);
    }
    const parts = [...document.querySelectorAll('.topbar > :not(.till-facts), .till-facts > div')].filter(shown);
    for (const [i, a] of parts.entries()) {
      for (const b of parts.slice(i + 1)) if (overlap(box(a), box(b))) problems.push(`the header's "${label(a)}" and "${label(b)}" overlap`);
    }
    const facts = [...document.querySelectorAll('.topbar > *')].filter(shown);
    const tops = new Set(facts.map((el) => Math.round(box(el).top + box(el).height / 2)));
    if (Math.max(...tops) - Math.min(...tops) > 4) problems.push('the header wraps');
    const canvas = document.createElement('canvas').getContext('2d');
    for (const input of document.querySelectorAll<HTMLInputElement>('input[placeholder]')) {
      if (!shown(input) || !canvas || input.value) continue;
      const style = getComputedStyle(input);
      canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (canvas.measureText(input.placeholder).width > room + 1) problems.push(`the placeholder "${input.placeholder}" is cut`);
    }
    return problems;
  });
}

/**
 * The elements matching `selector` whose text is cut: wider than their box, or not wholly inside
 * what their scrolling list shows and their card (`.side > section`). Empty when all read whole.
 */
export function cutText(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const inside = (inner: DOMRect, outer: DOMRect) =>
      inner.left >= outer.left - 1 && inner.right <= outer.right + 1 && inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;
    const cut: string[] = [];
    for (const el of document.querySelectorAll(sel)) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const text = (el.textContent ?? '').trim().slice(0, 60);
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) cut.push(`"${text}" overflows its box`);
      for (const outer of [el.parentElement?.closest('ul, ol'), el.closest('.side > section')]) {
        if (outer && !inside(r, outer.getBoundingClientRect())) cut.push(`"${text}" is cut by its ${outer.className || outer.tagName}`);
      }
    }
    return cut;
  }, selector);
}

/** The screen sizes tills have. */
export const TILL_SIZES: readonly (readonly [number, number])[] = [
  [1024, 768],
  [1280, 800],
  [1366, 768],
  [1920, 1080],
];

/**
 * A screenshot at each size (`<name>-<w>x<h>.png`, for people to look at), then back to 1366×768;
 * `check` runs at each size (e.g. the layout checked with `layoutProblems`).
 */
export async function screenshots(page: Page, name: string, sizes = TILL_SIZES, check?: (size: string) => Promise<void>): Promise<void> {
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    await page.screenshot({ path: join(RESULTS, `${name}-${width}x${height}.png`) });
    await check?.(`${width}×${height}`);
  }
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** At each till size: a screenshot, and the layout checked. */
export function shoot(page: Page, name: string): Promise<void> {
  return screenshots(page, name, TILL_SIZES, async (size) => expect(await layoutProblems(page), `${name} at ${size}`).toEqual([]));
}

/**
 * The usual suite set-up: the app built and one Chromium before the tests, and after them the
 * browser closed and every demo till the tests started stopped. Call inside `describe`.
 */
export function browserSuite(chromiumArgs: readonly string[] = []): { browser(): Browser; till(lang: string): Promise<DemoTill> } {
  let browser: Browser | undefined;
  const tills: DemoTill[] = [];
  beforeAll(async () => {
    buildApp();
    browser = await launchChromium(chromiumArgs);
  });
  afterAll(async () => {
    await browser?.close();
    for (const till of tills) await till.stop();
  });
  return {
    browser: () => {
      if (!browser) throw new Error('the suite browser is not started yet');
      return browser;
    },
    till: async (lang) => {
      const till = await startDemoTill(lang);
      tills.push(till);
      return till;
    },
  };
}
