import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanSigningKeysFromSeed, signScanToken } from '../../central/src/scanSigning.js';
import { launchChromium } from '../helpers/browserMode.js';
import { renderFrame } from '../helpers/qrFrames.js';
import { rawTillDatabase } from '../helpers/tillDb.js';
import { writeY4m } from '../helpers/y4m.js';
import { checkA11y } from './a11y.js';
import { buildApp, openPage, poll, RESULTS, scan, startDemoTill, unitProducts, type DemoTill } from './support.js';

/**
 * Signed QR codes through the real renderer and Chromium's fake camera, offline (the demo till
 * is not paired): the stream's signed offer held to the camera applies its promotion, her app
 * card attaches her. The chain's key is in the till as a pull leaves it. Screenshots at
 * 1024×768 and 1920×1080 in en, ru and ro go to test-results/.
 */

const LANGS = ['en', 'ru', 'ro'] as const;
const CHAIN = 'omni-e2e';
const KEYS = scanSigningKeysFromSeed(new Uint8Array(32).fill(3));
const FAKE_CAMERA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];
const SAVED = { en: 'You save', ru: 'Вы экономите', ro: 'Economisiți' } as const;
const NAME = { en: 'Stream QR −20 %', ru: 'QR стрима −20 %', ro: 'QR stream −20 %' } as const;

/** What a pull leaves in the till: the chain's key, a campaign whose offline policy is "signed", its shared code; and one of her customers. */
function prepareTill(dataDir: string, lang: (typeof LANGS)[number]): { id: string; name: string } {
  const db = rawTillDatabase(join(dataDir, 'till.sqlite'));
  db.pragma('busy_timeout = 5000');
  try {
    db.prepare(`INSERT INTO settings (key, value) VALUES ('scanKeys', ?)`).run(JSON.stringify({ chain: CHAIN, publicKeys: [Buffer.from(KEYS.publicKey).toString('base64url')] }));
    db.prepare(
      `INSERT INTO campaigns (id, name, channel, code_kind, discount_kind, discount_value, currency, starts_at, ends_at, offline_allowed,
         offline_cap_per_till, rules, sync_gen) VALUES ('stream-qr', ?, 'stream', 'shared', 'percent', 20, NULL, ?, ?, 1, 10, '{"signedOffers":true}', 1000)`,
    ).run(NAME[lang], new Date(Date.now() - 86_400_000).toISOString(), new Date(Date.now() + 3 * 86_400_000).toISOString());
    db.prepare(`INSERT INTO promo_codes (code, campaign_id, single_use, state) VALUES ('STREAM20', 'stream-qr', 0, 'issued')`).run();
    return db.prepare(`SELECT c.id, c.name FROM customers c WHERE EXISTS (SELECT 1 FROM customer_phones p WHERE p.customer_id = c.id) ORDER BY c.id LIMIT 1`).get() as { id: string; name: string };
  } finally {
    db.close();
  }
}

/** A clip of her phone held up twice: the stream's signed offer, then her app card. */
function clip(dir: string, lang: string, customerId: string): string {
  const now = Math.floor(Date.now() / 1000);
  const offer = signScanToken('offer', { code: 'STREAM20', campaign: 'stream-qr', expiry: now + 3600, nonce: `e2e-${lang}-offer-1`, chain: CHAIN }, KEYS.privateKeyPem);
  const card = signScanToken('appCard', { customer: customerId, chain: CHAIN, issued: now - 60, expiry: now + 86_400 }, KEYS.privateKeyPem);
  const path = join(dir, `signed-${lang}.y4m`);
  const frames = [offer, offer, offer, card, card, card].map((text, i) => renderFrame({ text, ecLevel: 'M', mask: 1, degradation: null, seed: 70 + i }));
  writeY4m(path, frames);
  return path;
}

describe('signed QR codes held to the camera, offline, in a real browser', () => {
  const tills: DemoTill[] = [];
  const browsers: Browser[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'omnitill-signed-'));

  beforeAll(() => buildApp());
  afterAll(async () => {
    for (const b of browsers) await b.close();
    for (const t of tills) await t.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each(LANGS)('the stream offer applies its promotion and her app card attaches her (%s)', async (lang) => {
    const demo = await startDemoTill(lang);
    tills.push(demo);
    const customer = prepareTill(demo.dataDir, lang);
    const [product] = unitProducts(demo.dataDir, 1);
    const browser = await launchChromium([...FAKE_CAMERA, `--use-file-for-fake-video-capture=${clip(dir, lang, customer.id)}`]);
    browsers.push(browser);
    const { page, problems } = await openPage(browser, demo.url);

    await scan(page, product!.code);
    await poll(() => page.locator('tr[data-line-id]').count()).toBe(1);
    await page.keyboard.press('F7');
    // Both reads land: she is on the sale and the saving is in the totals (the camera panel is still open).
    await poll(() => page.getByText(customer.name, { exact: false }).count()).toBeGreaterThan(0);
    await poll(() => page.getByText(SAVED[lang]).count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await poll(() => page.getByText(NAME[lang]).count()).toBeGreaterThan(0);
    expect(await page.locator('[role="alert"]').filter({ hasText: /\S/ }).count()).toBe(0);

    for (const [w, h] of [
      [1024, 768],
      [1920, 1080],
    ] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      await page.screenshot({ path: join(RESULTS, `signed-scan-${lang}-${w}x${h}.png`) });
      await checkA11y(page, `signed-scan-${lang}-${w}x${h}`);
    }
    // The open sale is hers and carries the verified offer.
    const db = rawTillDatabase(join(demo.dataDir, 'till.sqlite'), { readonly: true });
    try {
      const open = db.prepare(`SELECT customer_id, (SELECT offer FROM sale_promo_codes c WHERE c.sale_id = s.id) AS offer FROM sales s WHERE status = 'open'`).get() as { customer_id: string; offer: string | null };
      expect(open.customer_id).toBe(customer.id);
      expect(open.offer).toMatch(/^OT1\.O\./);
    } finally {
      db.close();
    }
    expect(problems).toEqual([]);
  });
});
