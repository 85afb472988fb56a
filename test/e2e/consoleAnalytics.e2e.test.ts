import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browserMode.js';
import { buildAndStartCentral, shot, stopCentral, type Central } from './consoleSupport.js';

/**
 * The console's analytics page in Debian's Chromium, on central's demo chain with its month of
 * history: the four reports draw their charts, web and app orders count as their channel's sales
 * and revenue, days are the chain's (its zone named), each report downloads as CSV, a period
 * backwards is refused in words; screenshots at 1024×768 and 1920×1080 in en, ru and ro.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ADMIN_KEY = 'e2e-analytics-admin-key-0123456789abcdef';
const OUT = join(root, 'central', `.e2e-dist-analytics-${process.pid}`);

describe('console analytics in a real browser', () => {
  let central: Central | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    central = await buildAndStartCentral(OUT, ADMIN_KEY, ['--demo-customers', '3000', '--demo-products', '400', '--demo-history-sales', '300']);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stopCentral(central, OUT);
  });

  async function openAnalytics(lang: string): Promise<{ page: Page; problems: string[] }> {
    const page = await browser!.newPage({ viewport: { width: 1024, height: 768 }, acceptDownloads: true });
    page.setDefaultTimeout(30_000);
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/401/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    await page.goto(`${central!.url}?lang=${lang}`);
    await page.getByRole('textbox', { name: /e-mail/i }).fill('admin@demo.omnitill');
    await page.locator('input[name="password"]').fill(central!.password);
    await page.locator('button[type="submit"]').click();
    await page.locator('nav a[href="/console/analytics"]').click();
    await page.locator('section[data-report="daily"]').waitFor();
    return { page, problems };
  }

  /** How many pixels of a chart's canvas are painted (not transparent). */
  const painted = (page: Page, report: string) =>
    page.locator(`section[data-report="${report}"] canvas`).first().evaluate((c: HTMLCanvasElement) => {
      const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    });

  /** The channel table with its online orders and revenue in view, and the campaigns' redemptions by sales channel, at both sizes. */
  async function channelTableShots(page: Page, lang: string): Promise<void> {
    for (const [width, height] of [[1024, 768], [1920, 1080]] as const) {
      await page.setViewportSize({ width, height });
      await page.locator('section[data-report="channels"] table').evaluate((t) => t.scrollIntoView({ block: 'center' }));
      await shot(page, `analytics-channels-${lang}`, width, height);
      await page.locator('table[data-table="campaign-channels"]').evaluate((t) => t.scrollIntoView({ block: 'center' }));
      await shot(page, `analytics-campaign-channels-${lang}`, width, height);
      await page.locator('table[data-table="campaign-collected"]').evaluate((t) => t.scrollIntoView({ block: 'center' }));
      await shot(page, `analytics-campaign-collected-${lang}`, width, height);
    }
    await page.evaluate(() => window.scrollTo(0, 0));
  }

  it('draws every report’s chart from the demo history and downloads each as CSV (English)', async () => {
    const { page, problems } = await openAnalytics('en');
    await page.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor();
    for (const report of ['channels', 'campaigns', 'path', 'daily']) {
      const points = Number(await page.locator(`section[data-report="${report}"] .chart`).first().getAttribute('data-points'));
      expect(points, report).toBeGreaterThan(0);
      await expect.poll(() => painted(page, report), { message: report }).toBeGreaterThan(1000);
    }
    expect(await page.getByRole('img', { name: 'Customers reached and sales per channel' }).count()).toBe(1);
    // The demo's history has store sales, e-mail and web touches, web orders, and customers who went from a cart to a store.
    const cell = async (channel: string, column: number) =>
      Number((await page.locator(`section[data-report="channels"] tr[data-channel="${channel}"] td`).nth(column).textContent())?.replace(/\D/g, ''));
    expect(await cell('store', 5)).toBeGreaterThan(0);
    // The web's online orders (column 6) are among its sales (5), and the store channel has none.
    expect(await cell('web', 6)).toBeGreaterThan(0);
    expect(await cell('web', 5)).toBeGreaterThan(await cell('web', 6));
    expect(await cell('web', 7)).toBeGreaterThan(0);
    expect(await cell('store', 6)).toBe(0);
    await page.getByText('Days are the chain’s days, in its time zone Europe/Chisinau.').waitFor();
    expect(await page.locator('section[data-report="path"] dl.figures dd').first().textContent()).not.toBe('0');
    await shot(page, 'analytics-en', 1024, 768);
    await shot(page, 'analytics-en', 1920, 1080);
    await channelTableShots(page, 'en');
    // Per campaign and sales channel: the demo's stream codes were redeemed at the tills and on web and app orders.
    for (const channel of ['store', 'web', 'app']) {
      expect(await page.locator(`table[data-table="campaign-channels"] td[data-channel="${channel}"]`, { hasText: /\d+ redemptions?/ }).count(), channel).toBeGreaterThan(0);
    }
    // Some of the demo's coded click-and-collect orders were collected: by pick-up store, beside the channels.
    await page.getByRole('heading', { name: 'Collected in stores', level: 3 }).waitFor();
    const collected = page.locator('table[data-table="campaign-collected"] tr[data-store]');
    expect(await collected.count()).toBeGreaterThan(0);
    expect(Number((await collected.first().locator('td').nth(1).textContent())?.replace(/\D/g, ''))).toBeGreaterThan(0);

    for (const [report, header] of [
      ['channels', 'channel,touches,reach,codes_issued,redemptions,discount_minor,online_orders,sales'],
      ['campaigns', 'campaign_id,name,channel'],
      ['path', 'dimension,key,name,customers_with_online_intent'],
      ['daily', 'dimension,key,name,touches'],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`a.csv[data-report="${report}"]`).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^omnitill-${report}-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}\\.csv$`));
      const text = readFileSync((await download.path())!, 'utf8');
      expect(text.startsWith(header), report).toBe(true);
      expect(text.trim().split('\r\n').length, report).toBeGreaterThan(1);
    }

    expect(problems).toEqual([]);
    // A period that ends before it starts is refused in words (the browser logs the 400s), and the address keeps the filters.
    // Dates typed day first as the console's language writes them; one that does not exist is refused before central is asked.
    const from = page.getByRole('textbox', { name: 'From dd/mm/yyyy' });
    const to = page.getByRole('textbox', { name: 'To dd/mm/yyyy' });
    expect(await from.inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    await from.fill('31/11/2026');
    await page.getByRole('button', { name: 'Show' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('Type both dates as shown: day, month, year.');
    await from.fill('30/11/2026');
    await to.fill('01/11/2026');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('The period ends before it starts. Pick the dates again.');
    expect(new URL(page.url()).searchParams.get('from')).toBe('2026-11-30');
    expect(problems.filter((p) => !/status of 400/.test(p))).toEqual([]);
    await page.close();
  });

  it.each([
    { lang: 'ru', heading: 'Аналитика', path: 'Из онлайна в магазин', from: 'С дд.мм.гггг', orders: 'Онлайн-заказы', collected: 'Получено в магазинах', welcome: 'Добро пожаловать: скидка 10 % на первый заказ' },
    { lang: 'ro', heading: 'Analiză', path: 'De la online la magazin', from: 'De la zz.ll.aaaa', orders: 'Comenzi online', collected: 'Ridicate în magazine', welcome: 'Bun venit: 10 % reducere la prima comandă' },
  ])('speaks $lang, with the same charts, the online orders and dates written day first', async ({ lang, heading, path, from, orders, collected, welcome }) => {
    const { page, problems } = await openAnalytics(lang);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    // Campaigns by their names in the reader's language, as the campaigns pages show them.
    await page.locator('section[data-report="campaigns"] tr[data-campaign="welcome-email"] th', { hasText: welcome }).first().waitFor();
    await page.getByRole('heading', { name: collected, level: 3 }).waitFor();
    await page.locator('section[data-report="channels"] th', { hasText: orders }).waitFor();
    expect(Number((await page.locator('section[data-report="channels"] tr[data-channel="web"] td').nth(6).textContent())?.replace(/\D/g, ''))).toBeGreaterThan(0);
    await page.getByRole('heading', { name: path }).waitFor();
    await expect.poll(() => painted(page, 'path')).toBeGreaterThan(1000);
    expect(await page.getByRole('textbox', { name: from }).inputValue()).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    await shot(page, `analytics-${lang}`, 1024, 768);
    await shot(page, `analytics-${lang}`, 1920, 1080);
    await channelTableShots(page, lang);
    expect(problems).toEqual([]);
    await page.close();
  });
});
