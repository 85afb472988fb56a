import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawTillDatabase } from '../test/helpers/tillDb.js';
import { newId } from '../core/ids.js';
import { startTill } from '../electron/backend/till.js';
import { launchChromium, startBrowserMode } from '../test/helpers/browserMode.js';
import { postgresDb } from '../central/src/db.js';
import { migrate } from '../central/src/migrate.js';
import { buildApp } from '../central/src/app.js';
import { findPostgresBin, startCluster } from '../central/test/support/postgres.js';
import { percentile, round, type Figure } from './figures.js';

/**
 * A promo code at the till, offline, in Chromium: typed into the code box, Enter → the new
 * total on screen, on a 50-line sale against 500 active promotions. And central's reserve on
 * loopback PostgreSQL (fsync on), the web shop and a till taking turns.
 */
export const figures = ['code_apply_to_screen_p95', 'reserve_p95'];

const PRODUCTS = 100_000;
const LINES = 50;
const PROMOTIONS = 500;
const APPLIES = 60;
const RESERVES = 1_000;
const silent = { error: () => undefined };
const ADMIN = 'bench-admin-key-0123456789abcdef';

/** 500 campaigns as sync leaves them (a tenth automatic, on categories; the rest behind shared codes, with a minimum basket in the till's MDL), and the two codes typed. */
function addCampaigns(file: string): void {
  const db = rawTillDatabase(file);
  const from = new Date(Date.now() - 86_400_000).toISOString();
  const to = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const campaign = db.prepare(
    `INSERT INTO campaigns (id, name, channel, code_kind, discount_kind, discount_value, currency, starts_at, ends_at, offline_allowed,
       offline_cap_per_till, rules, sync_gen) VALUES (?, ?, 'email', 'shared', 'percent', ?, 'MDL', ?, ?, 1, 100000, ?, ?)`,
  );
  const code = db.prepare(`INSERT INTO promo_codes (code, campaign_id, single_use, state, expires_at) VALUES (?, ?, 0, 'issued', NULL)`);
  db.transaction(() => {
    for (let i = 0; i < PROMOTIONS; i++) {
      const id = `bench-${String(i).padStart(3, '0')}`;
      const automatic = i % 10 === 0;
      campaign.run(id, `Bench ${i}`, 1 + (i % 20), from, to, JSON.stringify(automatic ? { automatic: true, categories: [`cat-${i}`] } : { minBasketMinor: 100 * i }), i + 1);
      code.run(`BENCH${String(i).padStart(3, '0')}`, id);
    }
  })();
  db.close();
}

function unitBarcodes(file: string, n: number): string[] {
  const db = rawTillDatabase(file, { readonly: true });
  const rows = db.prepare(`SELECT MIN(b.code) AS code FROM barcodes b JOIN products p USING (sku) WHERE p.sold_by = 'unit' GROUP BY p.sku ORDER BY random() LIMIT ?`).all(n) as { code: string }[];
  db.close();
  return rows.map((r) => r.code);
}

async function codeApply(): Promise<Figure> {
  const dir = mkdtempSync(join(tmpdir(), 'omnitill-bench-promo-'));
  const file = join(dir, 'till.sqlite');
  try {
    const seeded = startTill({ databaseFile: file, language: 'en', demo: { products: PRODUCTS, customers: 10_000 }, log: silent, printQueue: false, sync: { autoStart: false } });
    seeded.db.pragma('wal_checkpoint(TRUNCATE)');
    await seeded.close();
    addCampaigns(file);
    const codes = unitBarcodes(file, LINES);
    const till = await startBrowserMode(['--data-dir', dir, '--lang', 'en']);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(till.url);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      for (const [i, code] of codes.entries()) {
        await page.keyboard.type(`${code}\n`);
        await page.waitForFunction((n) => document.querySelectorAll('[data-line-id]').length >= n, i + 1, { timeout: 60_000 });
      }
      // Enter in the code box → the total's text changes, measured inside the page.
      // (No named functions inside: tsx would wrap them in a helper the page does not have.)
      await page.evaluate(() => {
        const probe = { enterAt: 0, samples: [] as number[], last: document.querySelector('[data-testid="sale-total"]')?.textContent ?? '' };
        (window as unknown as { __promo: typeof probe }).__promo = probe;
        document.getElementById('promo-code-input')?.addEventListener('keydown', (e) => e.key === 'Enter' && (probe.enterAt = performance.now()), { capture: true });
        new MutationObserver(() => {
          const now = document.querySelector('[data-testid="sale-total"]')?.textContent ?? '';
          if (now !== probe.last) {
            if (probe.enterAt > 0) probe.samples.push(performance.now() - probe.enterAt);
            probe.enterAt = 0;
            probe.last = now;
          }
        }).observe(document.body, { childList: true, subtree: true, characterData: true });
      });
      for (let i = 0; i < APPLIES; i++) {
        // Apply one code, then take it off again (its remove button), so every apply changes the total.
        const code = `bench-${String(1 + (i % 9)).padStart(3, '0')}`;
        await page.fill('#promo-code-input', code);
        await page.press('#promo-code-input', 'Enter');
        await page.waitForFunction((n) => (window as unknown as { __promo: { samples: number[] } }).__promo.samples.length >= n, i + 1, { timeout: 60_000 });
        await page.locator('.promo-item.applied button').first().click();
        await page.waitForFunction(() => document.querySelectorAll('.promo-item').length === 0 || !document.querySelector('.promo-item.applied button'), undefined, { timeout: 60_000 });
      }
      const samples = await page.evaluate(() => (window as unknown as { __promo: { samples: number[] } }).__promo.samples);
      return {
        name: 'code_apply_to_screen_p95',
        value: round(percentile(samples, 95), 1),
        unit: 'ms',
        target: 100,
        better: 'lower',
        note: `${samples.length} codes typed, offline, ${LINES}-line sale, ${PROMOTIONS} active promotions, ${PRODUCTS / 1000}k SKUs; median ${round(percentile(samples, 50), 1)} ms`,
      };
    } finally {
      await browser.close();
      await till.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function reserveOnPostgres(): Promise<Figure> {
  if (!findPostgresBin()) return { name: 'reserve_p95', value: -1, unit: 'ms', target: 50, better: 'lower', note: 'PostgreSQL is not installed: not measured' };
  const cluster = await startCluster({ fsync: true });
  try {
    const db = postgresDb(await cluster.createDatabase('bench_promo'), 10);
    await migrate(db);
    const app = await buildApp({ db, adminKey: ADMIN, logger: false, lookupRateLimit: 1_000_000 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const call = async (path: string, token: string | null, body: unknown, method = 'POST') => {
      const r = await fetch(base + path, { method, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return (await r.json()) as any;
    };
    try {
      await call('/v1/admin/stores/S1', ADMIN, { name: 'Bench store', country: 'RO', currency: 'RON' }, 'PUT');
      await call('/v1/admin/tills/T1', ADMIN, { storeId: 'S1', name: 'Till 1' }, 'PUT');
      const { code: pairing } = await call('/v1/admin/tills/T1/pairing-codes', ADMIN, {});
      const { token } = await call('/v1/devices/pair', null, { pairingCode: pairing, deviceName: 'bench' });
      const { key } = await call('/v1/admin/channel-clients', ADMIN, { name: 'web shop', channels: ['web'] });
      await call('/v1/admin/campaigns', ADMIN, {
        id: 'bench-mail', name: 'Bench mail', channel: 'email', codeKind: 'unique', codePrefix: 'BM', discountKind: 'percent', discountValue: 10,
        startsAt: new Date(Date.now() - 86_400_000).toISOString(), endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      });
      await call('/v1/admin/campaigns/bench-mail/codes', ADMIN, { count: RESERVES });
      const { rows } = await db.query<{ code: string }>(`SELECT code FROM promo_codes WHERE campaign_id = 'bench-mail' ORDER BY code`);
      const samples: number[] = [];
      for (const [i, { code }] of rows.entries()) {
        const web = i % 2 === 0;
        const t = performance.now();
        const r = await call(web ? '/v1/promo/reserve' : '/v1/till/promo/reserve', web ? key : token, { code, saleId: newId() });
        samples.push(performance.now() - t);
        if (r.reserved !== true) throw new Error(`reserve refused: ${JSON.stringify(r)}`);
      }
      return {
        name: 'reserve_p95',
        value: round(percentile(samples, 95), 2),
        unit: 'ms',
        target: 50,
        better: 'lower',
        note: `${samples.length} reservations over HTTP on loopback PostgreSQL (fsync on), web shop and till alternating; median ${round(percentile(samples, 50), 2)} ms`,
      };
    } finally {
      await app.close();
      await db.close();
    }
  } finally {
    await cluster.stop();
  }
}

export default async function run(): Promise<Figure[]> {
  return [await codeApply(), await reserveOnPostgres()];
}
