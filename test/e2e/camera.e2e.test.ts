import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browserMode.js';
import { renderFrame } from '../helpers/qrFrames.js';
import { writeY4m } from '../helpers/y4m.js';
import { checkA11y } from './a11y.js';
import { catalogues } from '../../core/i18n/index.js';
import { receiptCode } from '../../electron/backend/sale/receiptForSale.js';
import { rawTillDatabase } from '../helpers/tillDb.js';
import { buildApp, openPage, poll, RESULTS, scan, staffAction, startDemoTill, unitProducts, type DemoTill } from './support.js';

/**
 * Camera scanning through the real renderer: Chromium's fake camera plays a y4m file the test
 * draws from generated QR symbols, the app's worker decodes it with zxing-wasm (served by the
 * till itself, under its CSP), and the read goes into the sale like any scan.
 */

const FAKE_CAMERA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];
const lineRows = (page: Page) => page.locator('tr[data-line-id]');

/** A y4m clip of a QR code held in front of the camera: a few frames, the symbol moving a little. */
function cameraClip(dir: string, text: string): string {
  const path = join(dir, 'camera.y4m');
  writeY4m(
    path,
    [0, 1, 2].map((i) => renderFrame({ text, ecLevel: 'M', mask: 2, degradation: i === 1 ? 'noise' : null, seed: 40 + i })),
  );
  return path;
}

describe('camera scanning in a real browser', () => {
  const tills: DemoTill[] = [];
  const browsers: Browser[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'omnitill-camera-'));

  async function till(lang: string): Promise<DemoTill> {
    const started = await startDemoTill(lang);
    tills.push(started);
    return started;
  }
  async function browser(args: readonly string[]): Promise<Browser> {
    const launched = await launchChromium(args);
    browsers.push(launched);
    return launched;
  }

  beforeAll(() => buildApp());
  afterAll(async () => {
    for (const b of browsers) await b.close();
    for (const t of tills) await t.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a product QR (an EAN in a QR) held to the camera adds the product once, with a beep and a flash (English)', async () => {
    const demo = await till('en');
    const [product] = unitProducts(demo.dataDir, 1);
    const clip = cameraClip(dir, product!.code);
    const { page, problems } = await openPage(await browser([...FAKE_CAMERA, `--use-file-for-fake-video-capture=${clip}`]), demo.url);

    await page.keyboard.press('F7');
    const panel = page.getByRole('region', { name: 'Camera scanning' });
    await poll(() => panel.count()).toBe(1);
    await poll(() => lineRows(page).count()).toBe(1);
    expect(await lineRows(page).first().textContent()).toContain(product!.name_en);
    expect(await page.getByTestId('camera-last').textContent()).toBe(`Read: ${product!.code}`);
    expect(await page.getByTestId('camera-status').textContent()).toBe('Hold the QR code or barcode in front of the camera.');
    await checkA11y(page, 'camera-read-en');
    await page.screenshot({ path: join(RESULTS, 'camera-read-en.png') });

    // The code stays in view (the clip loops): it is not read again.
    await new Promise((r) => setTimeout(r, 2500));
    expect(await lineRows(page).count()).toBe(1);
    expect(await lineRows(page).first().getByRole('textbox', { name: /^Quantity of/ }).inputValue()).toBe('1');

    // Esc closes the panel and the camera; F7 opens it again.
    await page.keyboard.press('Escape');
    await poll(() => panel.count()).toBe(0);
    await page.keyboard.press('F7');
    await poll(() => panel.count()).toBe(1);
    await page.getByRole('button', { name: 'Close' }).click();
    await poll(() => panel.count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('lists the fake camera in the hardware settings and keeps the chosen camera and resolution (Romanian)', async () => {
    const demo = await till('ro');
    const { page, problems } = await openPage(await browser(FAKE_CAMERA), demo.url, 900);
    await page.getByRole('button', { name: 'Setări' }).click();
    const section = page.getByRole('region', { name: 'Cameră', exact: true });
    await poll(() => section.getByRole('combobox', { name: 'Cameră' }).locator('option').count()).toBeGreaterThan(1);
    const camera = section.getByRole('combobox', { name: 'Cameră' });
    const value = await camera.locator('option').nth(1).getAttribute('value');
    await camera.selectOption(value!);
    await section.getByRole('combobox', { name: 'Rezoluție' }).selectOption('640x480');
    await section.getByRole('button', { name: 'Salvează camera' }).click();
    await poll(() => section.getByRole('status').textContent()).toBe('Salvat.');
    await checkA11y(page, 'camera-settings-ro');
    await section.screenshot({ path: join(RESULTS, 'camera-settings-ro.png') });

    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.getByRole('button', { name: 'Setări' }).click();
    await poll(() => page.getByRole('region', { name: 'Cameră', exact: true }).getByRole('combobox', { name: 'Rezoluție' }).inputValue()).toBe('640x480');
    expect(problems).toEqual([]);
  });

  it('with no camera the panel says so and the till keeps selling (Russian, 1024×768)', async () => {
    const demo = await till('ru');
    const { page } = await openPage(await browser([]), demo.url);
    await page.setViewportSize({ width: 1024, height: 768 });
    await page.keyboard.press('F7');
    const status = page.getByTestId('camera-status');
    await poll(() => status.textContent()).toBe('К кассе не подключена камера. Подключите её или сканируйте сканером штрихкодов.');
    expect(await status.getAttribute('role')).toBe('alert');
    await checkA11y(page, 'camera-none-ru-1024');
    await page.screenshot({ path: join(RESULTS, 'camera-none-ru-1024.png') });
  });

  it('with the camera permission denied the panel says so (English)', async () => {
    const demo = await till('en');
    const { page } = await openPage(await browser(['--use-fake-device-for-media-stream', '--deny-permission-prompts']), demo.url);
    await page.keyboard.press('F7');
    await poll(() => page.getByTestId('camera-status').textContent()).toBe(
      'This till is not allowed to use the camera. Allow camera access in the system settings; the scanner works meanwhile.',
    );
    await checkA11y(page, 'camera-denied-en');
    await page.getByRole('region', { name: 'Camera scanning' }).screenshot({ path: join(RESULTS, 'camera-denied-en.png') });
  });

  it.each(['en', 'ru', 'ro'] as const)('on the return screen a receipt QR held to the camera finds the sale to return, not a product for the sale (%s, 1024×768)', async (lang) => {
    const ui = catalogues[lang].ui;
    const demo = await till(lang);
    const [product] = unitProducts(demo.dataDir, 1);
    // The sale to return, made first through a browser without a camera.
    const seller = await openPage(await browser([]), demo.url);
    await scan(seller.page, product!.code);
    await poll(() => lineRows(seller.page).count()).toBe(1);
    await seller.page.getByRole('button', { name: ui.actions.pay }).click();
    await seller.page.getByLabel(ui.payment.received).fill('1000');
    await seller.page.getByRole('button', { name: ui.payment.complete }).click();
    await poll(() => seller.page.getByRole('heading', { name: ui.receipt.number.replace('{{number}}', '1') }).count()).toBe(1);
    await seller.page.close();
    const db = rawTillDatabase(join(demo.dataDir, 'till.sqlite'), { readonly: true });
    const sale = db.prepare(`SELECT id, till_id AS tillId FROM sales WHERE status = 'completed'`).get() as { id: string; tillId: string };
    db.close();

    const clip = cameraClip(mkdtempSync(join(dir, 'receipt-')), receiptCode(sale.id, sale.tillId));
    const { page, problems } = await openPage(await browser([...FAKE_CAMERA, `--use-file-for-fake-video-capture=${clip}`]), demo.url);
    await page.setViewportSize({ width: 1024, height: 768 });
    await staffAction(page, ui.returns.open);
    await page.getByRole('button', { name: ui.camera.title }).click();
    await poll(() => page.locator('tr[data-return-line]').count()).toBe(1);
    expect(await page.locator('.returns-sale h2').textContent()).toContain(sale.tillId);
    expect(await page.locator('tr[data-return-line] th').textContent()).toBe(product![`name_${lang}`]);
    expect(await lineRows(page).count()).toBe(0);
    await page.screenshot({ path: join(RESULTS, `camera-return-${lang}-1024x768.png`) });
    await checkA11y(page, `camera-return-${lang}`);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
