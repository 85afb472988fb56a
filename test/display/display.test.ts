import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DisplayMessage, type DisplaySale } from '../../core/display/message.js';
import type { SaleView } from '../../core/sale/contract.js';
import type { TillDatabase } from '../../electron/backend/db.js';
import { startBrowserServer } from '../../electron/backend/browserServer.js';
import { ok, openTestTill, type TestTill } from '../helpers/till.js';
import { tempDir } from '../helpers/tmp.js';

const NOW = new Date('2026-12-04T10:00:00.000Z');
const PHONE = '+37362123456';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function openTill(): TestTill {
  const till = openTestTill({ customers: 0, products: 200, now: () => NOW });
  closers.push(() => till.close());
  return till;
}

/** Two unit products; the first one in a category an automatic promotion takes 10 % off. */
function promotedSkus(db: TillDatabase): [string, string] {
  const rows = db
    .prepare(`SELECT p.sku FROM products p JOIN store_prices sp ON sp.sku = p.sku WHERE p.sold_by = 'unit' AND sp.price_minor >= 1000 ORDER BY p.sku LIMIT 2`)
    .all() as { sku: string }[];
  const [a, b] = rows;
  if (!a || !b) throw new Error('the demo catalogue has fewer than 2 unit products');
  db.prepare(`UPDATE products SET category = 'shoes' WHERE sku = ?`).run(a.sku);
  db.prepare(
    `INSERT INTO campaigns (id, name, channel, code_kind, discount_kind, discount_value, currency, starts_at, ends_at, offline_allowed,
       offline_cap_per_till, rules, sync_gen) VALUES ('shoes-10', 'Shoes −10 %', 'email', 'shared', 'percent', 10, NULL,
       '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z', 1, 100, ?, 1)`,
  ).run(JSON.stringify({ automatic: true, categories: ['shoes'] }));
  return [a.sku, b.sku];
}

function addUlyana(db: TillDatabase): void {
  db.prepare(`INSERT INTO customers (id, name, email, segments, consents, updated_at) VALUES ('C-ULYANA', 'Ulyana Morari', NULL, '["vip"]', '["sms"]', '2026-12-01T10:00:00Z')`).run();
  db.prepare('INSERT INTO customer_phones (phone_e164, customer_id) VALUES (?, ?)').run(PHONE, 'C-ULYANA');
}

function saleShown(till: TestTill): DisplaySale {
  const message = till.customerScreen.current();
  if (message.kind !== 'sale') throw new Error(`the display shows ${message.kind}`);
  return message;
}

describe('the customer display', () => {
  it('shows the lines, each discount by its promotion, the saving, the total, then paid and change; greets her by first name only', async () => {
    const till = openTill();
    const [shoe, other] = promotedSkus(till.db);
    addUlyana(till.db);
    expect(till.customerScreen.current()).toEqual({ kind: 'idle', language: 'en', store: till.settings.storeName });

    const heard: DisplayMessage[] = [];
    closers.push(till.customerScreen.subscribe((m) => heard.push(m)));
    ok(await till.dispatch('sale.addProduct', { sku: shoe }));
    ok(await till.dispatch('sale.addProduct', { sku: other }));
    const view = ok(await till.dispatch('customer.attachToSale', { customerId: 'C-ULYANA' })) as SaleView;

    const shown = saleShown(till);
    const off = view.promo.applied[0]?.discount ?? 0;
    expect(off).toBeGreaterThan(0);
    expect(shown).toMatchObject({ greeting: 'Ulyana', subtotal: view.totals.subtotal, saved: off, total: view.totals.total, payment: null, currency: view.currency });
    expect(shown.lines.map((l) => [l.names.en, l.amount, l.discounts])).toEqual([
      [view.lines[0]?.names.en, view.lines[0]?.lineTotal, [{ name: 'Shoes −10 %', amount: off }]],
      [view.lines[1]?.names.en, view.lines[1]?.lineTotal, []],
    ]);
    expect(heard.length).toBeGreaterThanOrEqual(3);

    // Only what she may see: not her phone (whole, masked or in part), her id, her surname, segments, the cashier, the sale's ids.
    const wire = JSON.stringify(heard);
    for (const secret of ['62123456', '•', 'C-ULYANA', 'Morari', 'vip', 'sms', till.settings.cashier, view.id, view.lines[0]?.id ?? '-', view.lines[0]?.sku ?? '-']) {
      expect(wire, secret).not.toContain(secret);
    }
    for (const message of heard) expect(DisplayMessage.parse(message)).toEqual(message);

    ok(await till.dispatch('sale.payCash', { tenderedMinor: view.totals.total + 500 }));
    expect(saleShown(till).payment).toEqual({ paid: view.totals.total + 500, change: 500 });
  });

  it('voided lines leave the display; a cancelled sale brings back the welcome', async () => {
    const till = openTill();
    const [shoe, other] = promotedSkus(till.db);
    ok(await till.dispatch('sale.addProduct', { sku: shoe }));
    const two = ok(await till.dispatch('sale.addProduct', { sku: other })) as SaleView;
    ok(await till.dispatch('sale.voidLine', { lineId: two.lines[0]?.id ?? '' }));
    expect(saleShown(till).lines.map((l) => l.names.en)).toEqual([two.lines[1]?.names.en]);
    expect(saleShown(till).greeting).toBeNull();
    ok(await till.dispatch('sale.cancel', {}));
    expect(till.customerScreen.current().kind).toBe('idle');
  });

  it('refuses a message with anything more than the customer may see', () => {
    const base = { kind: 'sale', language: 'en', currency: 'MDL', greeting: 'Ana', lines: [], subtotal: 0, saved: 0, total: 0, payment: null };
    expect(DisplayMessage.safeParse(base).success).toBe(true);
    expect(DisplayMessage.safeParse({ ...base, phone: '+37362123456' }).success).toBe(false);
    expect(DisplayMessage.safeParse({ ...base, lines: [{ names: { en: 'a', ru: 'a', ro: 'a' }, qtyKind: 'unit', quantity: 1, amount: 1, discounts: [], sku: 'X' }] }).success).toBe(false);
    expect(DisplayMessage.safeParse({ kind: 'idle', language: 'en', store: 'S', cashier: 'Ion' }).success).toBe(false);
  });
});

describe('the /display page in browser mode', () => {
  async function serve(till: TestTill) {
    const rendererDir = tempDir();
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><head><title>Omnitill</title></head>');
    writeFileSync(join(rendererDir, 'display.html'), '<!doctype html><head><title>Display</title></head>');
    const web = await startBrowserServer({ port: 0, rendererDir, dispatch: till.dispatch, display: till.customerScreen });
    closers.push(web.close);
    return { web, origin: web.url.replace(/\/$/, '') };
  }

  function feed(url: string, origin: string): Promise<{ ws: WebSocket; messages: DisplayMessage[] }> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url.replace('http', 'ws') + 'display-feed', { origin });
      const messages: DisplayMessage[] = [];
      ws.on('message', (data) => messages.push(JSON.parse(data.toString()) as DisplayMessage));
      ws.once('open', () => resolve({ ws, messages }));
      ws.once('error', reject);
      closers.push(() => ws.terminate());
    });
  }

  it('serves the page without the RPC key and streams the display messages to it', async () => {
    const till = openTill();
    const [shoe] = promotedSkus(till.db);
    const { web, origin } = await serve(till);
    const page = await fetch(`${web.url}display`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain('<title>Display</title>');
    expect(html).not.toContain(web.key);
    expect(await (await fetch(web.url)).text()).toContain(web.key);

    const { messages } = await feed(web.url, origin);
    await expect.poll(() => messages.map((m) => m.kind)).toEqual(['idle']);
    ok(await till.dispatch('sale.addProduct', { sku: shoe }));
    await expect.poll(() => messages.length).toBe(2);
    expect(messages[1]).toEqual(till.customerScreen.current());
  });

  it('refuses another origin, and closes a display that talks back; the till sells on', async () => {
    const till = openTill();
    const [shoe] = promotedSkus(till.db);
    const { web, origin } = await serve(till);
    await expect(feed(web.url, 'http://evil.example')).rejects.toThrow(/403/);
    const { ws } = await feed(web.url, origin);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ id: 1, method: 'customer.lookup', input: { query: '0621 23 456' } }));
    expect(await closed).toBe(1003);
    // The display socket is no RPC: the till's sale is untouched and goes on.
    expect(ok(await till.dispatch('sale.current', {}))).toBeNull();
    expect((ok(await till.dispatch('sale.addProduct', { sku: shoe })) as SaleView).lines).toHaveLength(1);
  });
});
