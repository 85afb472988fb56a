import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../core/ids.js';
import { DEMO_STORES } from '../../core/demo/stores.js';
import { issuedOp, noReceiptOp, spentOp, voucherCode } from '../../central/test/support/storeOps.js';
import { launchChromium } from '../helpers/browserMode.js';
import { RESULTS } from './support.js';
import { admin, shot, startCentral, stopCentral, type Central } from './consoleSupport.js';

/**
 * The console's store operations pages in Debian's Chromium, on central's demo chain with what
 * two Bucharest tills pushed: a return without a receipt a manager approved and one the
 * cashier's role allowed, and two store-credit vouchers overspent offline. The returns list
 * names the till, the cashier, the approving manager, the products and the refund; a voucher
 * conflict is refused without a note and resolved with one. Screenshots at 1024×768 and
 * 1920×1080 in en, ru and ro.
 */
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ADMIN_KEY = 'e2e-operations-admin-key-0123456789abcdef';
const OUT = join(root, 'central', `.e2e-dist-operations-${process.pid}`);
const store = DEMO_STORES.find((s) => s.id === 'RO-BUC-01')!;

describe('console store operations in a real browser', () => {
  let central: Central | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const build = spawnSync(process.execPath, [join(root, 'central', 'build.mjs'), '--out', OUT], { cwd: root, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`central build failed:\n${build.stdout}\n${build.stderr}`);
    mkdirSync(RESULTS, { recursive: true });
    central = await startCentral(OUT, ADMIN_KEY, ['--demo-customers', '400', '--demo-products', '400']);
    const base = new URL(central.url).origin;
    for (let i = 0; i < 1200; i++) {
      if ((await fetch(`${base}/healthz`).then((r) => r.status, () => 0)) === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const pair = async (tillId: string): Promise<string> => {
      const { code } = await admin(base, 'POST', `/v1/admin/tills/${tillId}/pairing-codes`, {}, ADMIN_KEY);
      const paired = await fetch(`${base}/v1/devices/pair`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ pairingCode: code, deviceName: `e2e ${tillId}` }) });
      return ((await paired.json()) as { token: string }).token;
    };
    const [t1, t2] = [store.tills[0]!, store.tills[1]!];
    const tokens = { [t1]: await pair(t1), [t2]: await pair(t2) };
    const push = async (tillId: string, ops: unknown[]) => {
      const r = await admin(base, 'POST', '/v1/sync/push', { ops }, tokens[tillId]!);
      expect(r.results.map((x: { status: string }) => x.status)).toEqual(ops.map(() => 'applied'));
    };
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    const approved = noReceiptOp(t1, store.id, 'RON', 1);
    const own = noReceiptOp(t1, store.id, 'RON', 2);
    const named = noReceiptOp(t1, store.id, 'RON', 3);
    await push(t1, [
      {
        opId: newId(),
        type: 'approval.granted',
        payload: { approvalId: newId(), tillId: t1, storeId: store.id, action: 'return.withoutReceipt', approverId: 'm-1', approverName: 'Maria Popescu', cashierId: 'c-1', cashierName: 'Ana', grantedAt: at(91) },
      },
      { ...approved, payload: { ...approved.payload, cashier: 'Ana Ionescu', returnedAt: at(90), method: 'cash', lines: approved.payload.lines.map((l, i) => ({ ...l, sku: `SKU-000000${i + 1}` })) } },
      { ...own, payload: { ...own.payload, cashier: 'Ion Manager', returnedAt: at(30), approver: null } },
      // A till that names the approver (the two above are an older till's: it said nothing).
      { ...named, payload: { ...named.payload, cashier: 'Ana Ionescu', returnedAt: at(60), approver: { staffId: 'm-2', name: 'Victor Rusu' } } },
    ]);
    // Two vouchers of this store, each taken offline at both tills for more than its balance.
    const [a, b] = [voucherCode(), voucherCode()];
    await push(t1, [issuedOp(a, 5000, t1, store.id), issuedOp(b, 3000, t1, store.id), spentOp(a, 4000, t1), spentOp(b, 2500, t1)]);
    await push(t2, [spentOp(a, 2000, t2), spentOp(b, 1500, t2)]);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await stopCentral(central, OUT);
  });

  async function open(lang: string): Promise<{ page: Page; problems: string[] }> {
    // A browser far from the chain (UTC+14): every time and day on the page must still be the chain's.
    const page = await browser!.newPage({ viewport: { width: 1024, height: 768 }, timezoneId: 'Pacific/Kiritimati' });
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
    await page.locator('nav a[href="/console/operations"]').click();
    await page.locator(`section[data-store-id="${store.id}"]`).waitFor();
    return { page, problems };
  }

  async function shots(page: Page, name: string): Promise<void> {
    await shot(page, name, 1024, 768);
    await shot(page, name, 1920, 1080);
    await page.setViewportSize({ width: 1024, height: 768 });
  }

  it('lists the returns without a receipt and resolves a voucher conflict with a note (English)', async () => {
    const { page, problems } = await open('en');
    await page.getByRole('heading', { name: 'Store operations', level: 1 }).waitFor();
    const rows = page.locator(`section[data-store-id="${store.id}"] tr[data-return-id]`);
    await expect.poll(() => rows.count()).toBe(3);
    // Newest first: the one the cashier's role allowed, the one whose till named its approver, then
    // the older till's approved one (its approver inferred, and marked so) with its products.
    expect(await rows.nth(0).locator('td').nth(4).textContent()).toBe('the cashier (own role)');
    expect(await rows.nth(1).locator('td').nth(4).textContent()).toBe('Victor Rusu');
    const approved = rows.nth(2);
    expect(await approved.locator('td').nth(3).textContent()).toBe('Ana Ionescu');
    expect(await approved.locator('td').nth(4).textContent()).toBe('Maria Popescu (inferred)');
    expect(await approved.locator('td').nth(4).locator('[title]').getAttribute('title')).toMatch(/did not say who approved/);
    expect(await approved.locator('td').nth(6).textContent()).toBe('Cash');
    expect(await approved.locator('td').nth(7).textContent()).toMatch(/^RON\s24\.00$/);
    expect(await approved.locator('li').nth(1).textContent()).toMatch(/× 500 g at RON\s8\.00 \(shelf price RON\s10\.00\)$/);
    // Each day's heading is its own local day, not the one after it (noon UTC is tomorrow at UTC+14).
    const day = page.locator(`section[data-store-id="${store.id}"] .ops-day`).first();
    const dayOf = (d: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${d}T00:00:00Z`));
    expect(await day.locator('h4').textContent()).toMatch(new RegExp(`^${dayOf((await day.getAttribute('data-day'))!)} ·`));
    await shots(page, 'operations-returns-en');

    await page.getByRole('link', { name: 'Voucher conflicts' }).click();
    const conflicts = page.locator('tr[data-spend-id][data-resolved="false"]');
    await conflicts.first().waitFor();
    expect(await conflicts.count()).toBe(2);
    const listed = await page.evaluate(() => fetch('/console/api/operations/voucher-conflicts?open=true').then((r) => r.json()));
    const shown = (timeZone: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(listed.conflicts[0].spentAt));
    expect(listed.timeZone).not.toBe('Pacific/Kiritimati');
    expect(await conflicts.first().locator('td').first().textContent()).toBe(shown(listed.timeZone));
    expect(shown(listed.timeZone)).not.toBe(shown('Pacific/Kiritimati'));
    expect(await page.getByText(`Times are the chain’s, in its time zone ${listed.timeZone}.`).count()).toBe(1);
    await shots(page, 'operations-vouchers-en');
    const first = conflicts.first();
    const spendId = await first.getAttribute('data-spend-id');
    await first.getByRole('button', { name: 'Mark resolved' }).click();
    expect(await first.getByRole('alert').textContent()).toBe('Write a note of up to 500 characters: what was done about the shortfall.');
    await first.getByRole('textbox', { name: 'Note (what was done)' }).fill('Customer paid the 5 lei difference');
    await first.getByRole('button', { name: 'Mark resolved' }).click();
    await page.getByRole('status').filter({ hasText: 'Marked resolved.' }).waitFor();
    await expect.poll(() => conflicts.count()).toBe(1);
    await page.getByRole('radio', { name: 'All, with the resolved ones' }).check();
    const resolved = page.locator(`tr[data-spend-id="${spendId}"][data-resolved="true"]`);
    await resolved.waitFor();
    expect(await resolved.locator('q').textContent()).toBe('Customer paid the 5 lei difference');
    expect(await resolved.textContent()).toContain('Resolved by');
    await shots(page, 'operations-vouchers-resolved-en');
    expect(problems).toEqual([]);
    await page.close();
  });

  it.each([
    { lang: 'ru', heading: 'Операции магазинов', vouchers: 'Конфликты ваучеров', own: 'сам кассир (по своей роли)', inferred: 'Maria Popescu (предположительно)', cash: 'Наличные', resolve: 'Отметить решённым' },
    { lang: 'ro', heading: 'Operațiuni în magazine', vouchers: 'Conflicte de voucher', own: 'casierul (rolul propriu)', inferred: 'Maria Popescu (dedus)', cash: 'Numerar', resolve: 'Marchează rezolvat' },
  ])('speaks $lang: dates, money and words by the UI language', async ({ lang, heading, vouchers, own, inferred, cash, resolve }) => {
    const { page, problems } = await open(lang);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    const rows = page.locator(`section[data-store-id="${store.id}"] tr[data-return-id]`);
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(0).locator('td').nth(4).textContent()).toBe(own);
    expect(await rows.nth(2).locator('td').nth(4).textContent()).toBe(inferred);
    expect(await rows.nth(2).locator('td').nth(6).textContent()).toBe(cash);
    // Money as the language writes it: 24,00 with a comma.
    expect(await rows.nth(2).locator('td').nth(7).textContent()).toMatch(/24,00/);
    await shots(page, `operations-returns-${lang}`);
    await page.getByRole('link', { name: vouchers }).click();
    await page.locator('tr[data-spend-id]').first().waitFor();
    expect(await page.getByRole('button', { name: resolve }).count()).toBeGreaterThan(0);
    await shots(page, `operations-vouchers-${lang}`);
    expect(problems).toEqual([]);
    await page.close();
  });
});
