import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmulatedPrinter } from '../emulators/printer.js';
import { launchChromium } from '../helpers/browserMode.js';
import { catalogues } from '../../core/i18n/index.js';
import { checkA11y } from './a11y.js';
import { buildApp, openPage as openTillPage, poll, recordLiveRegion, RESULTS, scan as scanKeys, startDemoTill, unitProducts, type DemoTill, type Product } from './support.js';

/**
 * The hardware settings screen and the printer through the real renderer: browser mode on a
 * temp data dir, Debian's Chromium, and the ESC/POS emulator on TCP in this process.
 */

/** The settings screen keeps focus in its fields: scan from the page body, as a scanner on the sale screen would. */
async function scan(page: Page, code: string): Promise<void> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await scanKeys(page, code);
}

const openPage = (browser: Browser, url: string) => openTillPage(browser, url, 900);

/** A cash sale of one product through the screen: scan, pay with a round amount, complete. */
async function sellOne(page: Page, product: Product, payLabel: string, cashLabel: string, completeLabel: string): Promise<void> {
  await scan(page, product.code);
  await poll(() => page.locator('tr[data-line-id]').count()).toBe(1);
  await page.getByRole('button', { name: payLabel }).click();
  await page.getByLabel(cashLabel).fill(String(Math.ceil(product.price / 100) + 100));
  await page.getByRole('button', { name: completeLabel }).click();
}

/** Sets the printer up on the settings screen: model, TCP host and port, Save. */
async function configurePrinter(page: Page, port: number, labels: { model: string; connection: string; host: string; port: string; save: string }): Promise<void> {
  await page.getByLabel(labels.model).selectOption('epson-tm-t20');
  await page.getByLabel(labels.connection).selectOption('tcp');
  await page.getByLabel(labels.host).fill('127.0.0.1');
  await page.getByLabel(labels.port, { exact: true }).fill(String(port));
  await page.getByRole('button', { name: labels.save }).click();
}

describe('hardware settings and printing in a real browser', () => {
  let browser: Browser | undefined;
  let printer: EmulatedPrinter;
  let server: { port: number; close: () => Promise<void> } | undefined;
  const tills: DemoTill[] = [];

  async function startTill(lang: string): Promise<{ till: DemoTill; dataDir: string }> {
    const till = await startDemoTill(lang);
    tills.push(till);
    return { till, dataDir: till.dataDir };
  }

  beforeAll(async () => {
    buildApp();
    printer = new EmulatedPrinter();
    server = await printer.listenTcp(0);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    for (const till of tills) await till.stop();
    await server?.close();
  });

  it('sets up the TCP printer, test-prints, prints a cash sale with the drawer, reprints a copy, and shows paper-out (English)', async () => {
    const { till, dataDir } = await startTill('en');
    const [a, b] = unitProducts(dataDir, 2) as [Product, Product];
    const { page, problems } = await openPage(browser as Browser, till.url);

    // Settings from the sale screen's header.
    await page.getByRole('button', { name: 'Settings' }).click();
    await poll(() => page.getByRole('heading', { name: 'Hardware settings', level: 1 }).count()).toBe(1);
    expect(await page.getByTestId('printer-status').textContent()).toBe('No receipt printer is set up yet.');
    await configurePrinter(page, server!.port, { model: 'Printer model', connection: 'Connection', host: 'Host or IP address', port: 'Port', save: 'Save printer' });
    await poll(() => page.getByTestId('printer-status').textContent()).toBe('Ready to print.');

    // Test print: the emulator prints it, no drawer.
    await page.getByRole('button', { name: 'Test print' }).click();
    await poll(() => page.getByText('The test receipt is printing.').count()).toBe(1);
    await printer.waitFor((p) => p.receipts.length === 1);
    expect(printer.receipts[0]!.drawerPulses).toBe(0);
    expect(printer.receipts[0]!.lines.join('\n')).toContain('Test:');
    await page.setViewportSize({ width: 1366, height: 1150 });
    await checkA11y(page, 'settings-en');
    await page.screenshot({ path: join(RESULTS, 'settings-en.png') });
    await page.setViewportSize({ width: 1366, height: 900 });

    // A cash sale: its receipt prints with the drawer pulse.
    await page.getByRole('button', { name: 'Back to sale' }).click();
    await sellOne(page, a, 'Take payment', 'Cash received', 'Complete sale');
    await poll(() => page.getByRole('heading', { name: 'Receipt No. 1' }).count()).toBe(1);
    await printer.waitFor((p) => p.receipts.length === 2);
    const receipt = printer.receipts[1]!;
    expect(receipt.drawerPulses).toBe(1);
    expect(receipt.cut).toBe(true);
    expect(receipt.lines.join('\n')).toContain(a.name_en.slice(0, 12));

    // Reprint from the receipt preview: a COPY, the drawer stays shut.
    await page.getByRole('button', { name: 'Reprint receipt' }).click();
    await printer.waitFor((p) => p.receipts.length === 3);
    expect(printer.receipts[2]!.lines[0]?.trim()).toBe('*** COPY ***');
    expect(printer.receipts[2]!.drawerPulses).toBe(0);
    expect(await page.getByTestId('printer-indicator').count()).toBe(0);

    // Paper out once the till has its confirmation of the copy: the next sale completes, and a
    // quiet indicator says why its receipt did not print.
    await printer.waitFor((p) => p.confirmations >= 3);
    printer.setFault('paper-out');
    await page.getByRole('button', { name: 'New sale' }).click();
    await sellOne(page, b, 'Take payment', 'Cash received', 'Complete sale');
    await poll(() => page.getByRole('heading', { name: 'Receipt No. 2' }).count()).toBe(1);
    const indicator = page.getByTestId('printer-indicator');
    await poll(() => indicator.textContent()).toContain('The receipt printer is out of paper.');
    expect(await indicator.textContent()).toContain('The last receipt did not print');
    expect(printer.receipts).toHaveLength(3);
    // Inside a live region that was on the page before the problem, so a screen reader says it.
    expect(await page.getByTestId('printer-live').getByTestId('printer-indicator').count()).toBe(1);
    expect(await page.getByTestId('printer-live').getAttribute('aria-live')).toBe('polite');
    await checkA11y(page, 'printer-indicator-en');
    await page.screenshot({ path: join(RESULTS, 'printer-indicator-en.png') });

    // The settings screen lists the job with its reason and the live status.
    await page.getByRole('button', { name: 'Settings' }).click();
    await poll(() => page.getByTestId('printer-status').textContent()).toContain('out of paper');
    const jobRow = page.locator('tr[data-job-id]');
    await poll(() => jobRow.count()).toBe(1);
    expect(await jobRow.textContent()).toContain('Not printed');
    await checkA11y(page, 'settings-paper-out-en');
    await page.screenshot({ path: join(RESULTS, 'settings-paper-out-en.png') });
    await page.getByRole('button', { name: 'Back to sale' }).click();

    // Paper back in, Retry: the receipt prints (with its drawer pulse) and the indicator goes.
    printer.setFault('none');
    await page.getByRole('button', { name: 'Retry printing' }).click();
    await printer.waitFor((p) => p.receipts.length === 4);
    expect(printer.receipts[3]!.drawerPulses).toBe(1);
    expect(printer.receipts[3]!.lines.join('\n')).toContain(b.name_en.slice(0, 12));
    await poll(() => indicator.count()).toBe(0);
    expect(problems).toEqual([]);
  }, 150_000); // a whole shift's story: a demo till seeded, eight screens, four receipts — on a loaded CI machine it took over 60 s

  it('shows the settings screen in Russian with a translated printer status', async () => {
    const { till, dataDir } = await startTill('ru');
    const [a] = unitProducts(dataDir, 1) as [Product];
    const { page, problems } = await openPage(browser as Browser, till.url);
    await page.getByRole('button', { name: 'Настройки' }).click();
    await poll(() => page.getByRole('heading', { name: 'Настройки оборудования', level: 1 }).count()).toBe(1);

    // Test scan: a scan shows its symbology and code, from the backend's event stream.
    const lastScan = page.getByTestId('last-scan');
    expect(await lastScan.textContent()).toBe('Ещё ничего не отсканировано.');
    await scan(page, a.code);
    await poll(() => lastScan.textContent()).toContain(a.code);
    expect(await lastScan.textContent()).toContain('EAN-13');
    printer.setFault('paper-out');
    try {
      await configurePrinter(page, server!.port, {
        model: 'Модель принтера',
        connection: 'Подключение',
        host: 'Имя или IP-адрес',
        port: 'Порт',
        save: 'Сохранить принтер',
      });
      await poll(() => page.getByTestId('printer-status').textContent()).toContain('закончилась бумага');
      await page.setViewportSize({ width: 1366, height: 1150 });
      await checkA11y(page, 'settings-ru');
      await page.screenshot({ path: join(RESULTS, 'settings-ru.png') });
    } finally {
      printer.setFault('none');
    }
    expect(problems).toEqual([]);
  });

  it.each(['ru', 'ro'] as const)('says a printer fault aloud: the problem appears inside the live region that was there before it (%s)', async (lang) => {
    const { errors, ui } = catalogues[lang];
    const { till, dataDir } = await startTill(lang);
    const [a] = unitProducts(dataDir, 1) as [Product];
    const { page, problems } = await openPage(browser as Browser, till.url);
    const announced = await recordLiveRegion(page, 'printer-live');
    await page.getByRole('button', { name: ui.header.settings }).click();
    const p = ui.hardware.printer;
    await configurePrinter(page, server!.port, { model: p.profile, connection: p.connection, host: p.host, port: p.port, save: p.save });
    await poll(() => page.getByText(ui.hardware.saved).count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await poll(() => page.getByTestId('printer-live').count()).toBe(1);
    printer.setFault('paper-out');
    try {
      await sellOne(page, a, ui.actions.pay, ui.payment.received, ui.payment.complete);
      await poll(() => page.getByTestId('printer-live').getByTestId('printer-indicator').count()).toBe(1);
      const texts = await announced();
      expect(texts[0]).toBe('');
      const news = texts.find((t) => t.includes(ui.printer.lastReceipt));
      expect(news).toContain(errors.PRINTER_PAPER_OUT.split('.')[0]);
      expect(await page.getByTestId('printer-live').getAttribute('aria-live')).toBe('polite');
      await checkA11y(page, `printer-indicator-${lang}`);
      await page.screenshot({ path: join(RESULTS, `printer-indicator-${lang}.png`) });
    } finally {
      printer.setFault('none');
    }
    expect(problems).toEqual([]);
  });
});
