import { describe, expect, it } from 'vitest';
import type { TillDatabase } from '../../electron/backend/db.js';
import { promoCodeCheckCharacter } from '../../core/scan/promoCode.js';
import type { CompletedSaleView, SaleView } from '../../core/sale/contract.js';
import { PromoRedeemedOp, SaleCompletedOp } from '../../core/sync/ops.js';
import type { CampaignRules } from '../../core/sync/pull.js';
import { receiptForSale, receiptHeader } from '../../electron/backend/sale/receiptForSale.js';
import { saleMessage } from '../../core/display/message.js';
import { errorCode, ok, openTestTill, type TestTill } from '../helpers/till.js';

const NOW = new Date('2026-12-04T10:00:00.000Z');

interface CampaignRow {
  id: string;
  name?: string;
  names?: Record<string, string>;
  codeKind?: 'unique' | 'shared';
  kind?: 'percent' | 'amount';
  value: number;
  currency?: string | null;
  startsAt?: string;
  endsAt?: string;
  offlineAllowed?: boolean;
  offlineCap?: number;
  rules?: CampaignRules;
}

function addCampaign(db: TillDatabase, c: CampaignRow): void {
  db.prepare(
    `INSERT INTO campaigns (id, name, names, channel, code_kind, discount_kind, discount_value, currency, starts_at, ends_at, offline_allowed,
       offline_cap_per_till, rules, sync_gen) VALUES (?, ?, ?, 'email', ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(sync_gen), 0) + 1 FROM campaigns))`,
  ).run(
    c.id, c.name ?? c.id, c.names ? JSON.stringify(c.names) : null, c.codeKind ?? 'shared', c.kind ?? 'percent', c.value, c.currency ?? null, c.startsAt ?? '2026-12-01T00:00:00.000Z',
    c.endsAt ?? '2027-01-01T00:00:00.000Z', c.offlineAllowed === false ? 0 : 1, c.offlineCap ?? 100, JSON.stringify(c.rules ?? {}),
  );
}

function addCode(db: TillDatabase, code: string, campaignId: string, extra: { customerId?: string; expiresAt?: string; state?: string; singleUse?: boolean } = {}): void {
  db.prepare(`INSERT INTO promo_codes (code, campaign_id, single_use, state, expires_at, customer_id) VALUES (?, ?, ?, ?, ?, ?)`).run(
    code, campaignId, extra.singleUse ? 1 : 0, extra.state ?? 'issued', extra.expiresAt ?? null, extra.customerId ?? null,
  );
}

/** A unique code as central issues them: prefix, nine code characters, check character. */
function uniqueCode(prefix: string, body: string): string {
  const check = promoCodeCheckCharacter(body);
  if (check === null) throw new Error(`no check character for ${body}`);
  return `${prefix}${body}${check}`;
}

function unitSkus(db: TillDatabase, n: number): { sku: string; price: number; barcode: string }[] {
  return db
    .prepare(
      `SELECT p.sku, sp.price_minor AS price, (SELECT MIN(code) FROM barcodes b WHERE b.sku = p.sku) AS barcode FROM products p
       JOIN store_prices sp ON sp.sku = p.sku
       WHERE p.sold_by = 'unit' AND sp.price_minor >= 1000 AND EXISTS (SELECT 1 FROM barcodes b WHERE b.sku = p.sku) ORDER BY p.sku LIMIT ?`,
    )
    .all(n) as { sku: string; price: number; barcode: string }[];
}

type Sku = { sku: string; price: number; barcode: string };
function pick(skus: Sku[], n: number): [Sku, Sku] {
  if (skus.length < n) throw new Error(`the demo catalogue has fewer than ${n} unit products`);
  return skus as [Sku, Sku];
}

function addCustomer(db: TillDatabase, id: string, segments: string[] = []): void {
  db.prepare(`INSERT INTO customers (id, name, email, segments, updated_at) VALUES (?, ?, NULL, ?, '2026-12-01T10:00:00Z')`).run(id, `Customer ${id}`, JSON.stringify(segments));
}

/** A demo till without the demo's campaigns: each test sets up its own. */
function openTill(language = 'en'): TestTill {
  const till = openTestTill({ customers: 0, products: 200, now: () => NOW, language });
  till.db.exec(`DELETE FROM promo_codes; DELETE FROM campaigns;`);
  return till;
}

async function sale(till: TestTill): Promise<SaleView> {
  return ok(await till.dispatch('sale.current', {})) as SaleView;
}

describe('promotions on the till', () => {
  it('an automatic promotion prices the sale by itself: per-line discount, subtotal, discount, VAT from the discounted lines', async () => {
    const till = openTill();
    const [a, b] = pick(unitSkus(till.db, 2), 2);
    till.db.prepare(`UPDATE products SET category = 'shoes' WHERE sku = ?`).run(a.sku);
    addCampaign(till.db, { id: 'shoes-10', name: 'Shoes −10 %', value: 10, rules: { automatic: true, categories: ['shoes'] } });

    ok(await till.dispatch('sale.addProduct', { sku: a.sku }));
    const view = ok(await till.dispatch('sale.addProduct', { sku: b.sku })) as SaleView;
    const off = Math.round(a.price / 10);
    expect(view.promo.applied).toEqual([{ promotionId: 'shoes-10', name: 'Shoes −10 %', code: null, discount: off, lines: [{ lineId: view.lines[0]!.id, discount: off }] }]);
    expect(view.lines.map((l) => l.discount)).toEqual([off, 0]);
    expect(view.totals).toMatchObject({ subtotal: a.price + b.price, discount: off, total: a.price + b.price - off });
    expect(view.totals.vat.reduce((s, r) => s + r.gross, 0)).toBe(view.totals.total);
    for (const r of view.totals.vat) expect(r.net + r.vat).toBe(r.gross);
    await till.close();
  });

  it('a typed code applies case- and separator-insensitively, once, and can be removed', async () => {
    const till = openTill();
    const [a] = pick(unitSkus(till.db, 1), 1);
    addCampaign(till.db, { id: 'stream', name: 'Stream 15 %', value: 15 });
    addCode(till.db, 'STREAMMDL', 'stream');
    ok(await till.dispatch('sale.addProduct', { sku: a.sku }));

    const applied = ok(await till.dispatch('promo.enterCode', { code: ' stream-mdl ' })) as SaleView;
    expect(applied.promo.codes).toEqual([{ code: 'STREAMMDL', source: 'entered', applied: true, reason: null, params: {} }]);
    expect(applied.totals.discount).toBe(Math.round(a.price * 0.15));

    const again = await till.dispatch('promo.enterCode', { code: 'Stream Mdl' });
    expect(again.ok ? null : again.error).toMatchObject({ code: 'PROMO_CODE_REFUSED', params: { code: 'STREAMMDL', reason: 'duplicate_code' } });
    expect((await sale(till)).promo.codes).toHaveLength(1);

    const removed = ok(await till.dispatch('promo.removeCode', { code: 'streammdl' })) as SaleView;
    expect(removed.promo).toEqual({ applied: [], codes: [] });
    expect(removed.totals.total).toBe(a.price);
    expect(errorCode(await till.dispatch('promo.removeCode', { code: 'streammdl' }))).toBe('PROMO_CODE_NOT_ON_SALE');
    await till.close();
  });

  it('refuses codes that cannot apply with their reason and changes nothing; garbage gets its own clear error', async () => {
    const till = openTill();
    addCampaign(till.db, { id: 'old', value: 10, endsAt: '2026-12-04T10:00:00.000Z' }); // ends exactly now: expired
    addCode(till.db, 'OLDCODE', 'old');
    addCampaign(till.db, { id: 'online-only', value: 10, offlineAllowed: false });
    addCode(till.db, 'NEEDSNET', 'online-only');
    addCampaign(till.db, { id: 'zero-cap', value: 10, offlineAllowed: true, offlineCap: 0 });
    addCode(till.db, 'ZEROCAP', 'zero-cap');
    addCampaign(till.db, { id: 'email', codeKind: 'unique', value: 20 });
    const good = uniqueCode('MAIL', '23456789A');
    addCode(till.db, good, 'email', { singleUse: true, state: 'redeemed' });
    const mistyped = good.slice(0, -2) + (good.at(-2) === 'B' ? 'C' : 'B') + good.at(-1);

    const cases: [string, string][] = [
      ['NOSUCHCODE', 'unknown_code'],
      [mistyped, 'mistyped_code'],
      ['oldcode', 'expired'],
      ['needsnet', 'offline_not_allowed'], // the test till is not connected to central
      ['zerocap', 'offline_not_allowed'], // offline allowed with a cap of 0 is none at all
      [good.toLowerCase(), 'code_redeemed'],
    ];
    for (const [code, reason] of cases) {
      const r = await till.dispatch('promo.enterCode', { code });
      expect(r.ok ? null : r.error, code).toMatchObject({ code: 'PROMO_CODE_REFUSED', params: { reason } });
    }
    for (const garbage of ['', 'ab', 'x'.repeat(33), '💥💥💥', '\u0000ABC', 'A'.repeat(4096)]) {
      expect(errorCode(await till.dispatch('promo.enterCode', { code: garbage })), JSON.stringify(garbage).slice(0, 20)).toBe('PROMO_CODE_INVALID');
    }
    expect(errorCode(await till.dispatch('promo.enterCode', { code: 'Z'.repeat(10_240) }))).toBe('INPUT_INVALID');
    // Nothing was opened, nothing was kept.
    expect(ok(await till.dispatch('sale.current', {}))).toBeNull();
    expect(till.db.prepare('SELECT COUNT(*) FROM sale_promo_codes').pluck().get()).toBe(0);
    await till.close();
  });

  it('offline, a campaign central counted as used up or spent is refused; a budget nearly spent gives only what is left', async () => {
    const till = openTill();
    const [a] = pick(unitSkus(till.db, 1), 1);
    const usage = (id: string, uses: number, spent: number) =>
      till.db.prepare('UPDATE campaigns SET usage_uses = ?, usage_spent_minor = ?, sync_gen = sync_gen + 1 WHERE id = ?').run(uses, spent, id);
    addCampaign(till.db, { id: 'used-up', value: 10, rules: { maxUses: 3 } });
    addCode(till.db, 'USEDUP', 'used-up');
    addCampaign(till.db, { id: 'spent', kind: 'amount', value: 500, currency: 'MDL', rules: { budgetMinor: 1_000 } });
    addCode(till.db, 'SPENT', 'spent');
    usage('used-up', 3, 900);
    usage('spent', 1, 1_000);
    ok(await till.dispatch('sale.addProduct', { sku: a.sku }));
    for (const [code, reason] of [['USEDUP', 'usage_exhausted'], ['SPENT', 'budget_exhausted']]) {
      const r = await till.dispatch('promo.enterCode', { code });
      expect(r.ok ? null : r.error, code).toMatchObject({ code: 'PROMO_CODE_REFUSED', params: { reason } });
    }
    // The next pull says a rollback gave a use back and 300 of the budget is left: 300 off, not 500.
    usage('used-up', 2, 600);
    usage('spent', 1, 700);
    expect((ok(await till.dispatch('promo.enterCode', { code: 'USEDUP' })) as SaleView).promo.codes).toMatchObject([{ code: 'USEDUP', applied: true }]);
    ok(await till.dispatch('promo.removeCode', { code: 'USEDUP' }));
    const capped = ok(await till.dispatch('promo.enterCode', { code: 'SPENT' })) as SaleView;
    expect(capped.promo.applied).toMatchObject([{ promotionId: 'spent', discount: 300 }]);
    await till.close();
  });

  it('a code waiting for the basket stays on the sale with its reason and applies when the basket allows it', async () => {
    const till = openTill();
    const [a] = pick(unitSkus(till.db, 1), 1);
    addCampaign(till.db, { id: 'big-basket', value: 10, currency: 'MDL', rules: { minBasketMinor: a.price * 2 } });
    addCode(till.db, 'BIGBASKET', 'big-basket');
    ok(await till.dispatch('sale.addProduct', { sku: a.sku }));
    const waiting = ok(await till.dispatch('promo.enterCode', { code: 'BIGBASKET' })) as SaleView;
    expect(waiting.promo.codes).toEqual([{ code: 'BIGBASKET', source: 'entered', applied: false, reason: 'below_minimum', params: { missing: a.price } }]);
    expect(waiting.totals.discount).toBe(0);
    const more = ok(await till.dispatch('sale.addProduct', { sku: a.sku })) as SaleView;
    expect(more.promo.codes[0]).toMatchObject({ applied: true });
    expect(more.totals.discount).toBe(Math.round((a.price * 2) / 10));
    // Quantity down again: the code waits again, the discount is gone.
    const fewer = ok(await till.dispatch('sale.setQuantity', { lineId: more.lines[0]!.id, quantity: 1 })) as SaleView;
    expect(fewer.promo.codes[0]).toMatchObject({ applied: false, reason: 'below_minimum' });
    expect(fewer.totals.total).toBe(a.price);
    await till.close();
  });

  it('the customer on the sale: her segment offer and her personal code apply as soon as she is attached', async () => {
    const till = openTill();
    const [a] = pick(unitSkus(till.db, 1), 1);
    addCustomer(till.db, 'C-1', ['lapsed-30d']);
    addCustomer(till.db, 'C-2');
    addCampaign(till.db, { id: 'winback', name: 'We missed you', value: 10, rules: { automatic: true, segments: ['lapsed-30d'] } });
    addCampaign(till.db, { id: 'cart-reminder', name: 'Your cart', codeKind: 'unique', kind: 'amount', value: 500, currency: 'MDL' });
    const hers = uniqueCode('CART', '3456789AB');
    addCode(till.db, hers, 'cart-reminder', { customerId: 'C-1', singleUse: true });

    ok(await till.dispatch('sale.addProduct', { sku: a.sku }));
    expect((await sale(till)).promo.applied).toEqual([]);
    // Her code typed before she is attached waits for her.
    const typed = ok(await till.dispatch('promo.enterCode', { code: hers })) as SaleView;
    expect(typed.promo.codes[0]).toMatchObject({ applied: false, reason: 'not_your_code' });
    ok(await till.dispatch('promo.removeCode', { code: hers }));

    const withHer = ok(await till.dispatch('customer.attachToSale', { customerId: 'C-1' })) as SaleView;
    expect(withHer.promo.applied.map((p) => p.promotionId).sort()).toEqual(['cart-reminder', 'winback']);
    expect(withHer.promo.codes).toEqual([{ code: hers, source: 'customer', applied: true, reason: null, params: {} }]);
    const other = ok(await till.dispatch('customer.attachToSale', { customerId: 'C-2' })) as SaleView;
    expect(other.promo).toEqual({ applied: [], codes: [] });
    await till.close();
  });

  it('her personal offer taken off the sale stays off it through every change; typed again, it is back; the next sale has it', async () => {
    const till = openTill();
    const [a, b] = pick(unitSkus(till.db, 2), 2);
    addCustomer(till.db, 'C-1');
    addCampaign(till.db, { id: 'cart-reminder', name: 'Your cart', codeKind: 'unique', value: 10 });
    const hers = uniqueCode('CART', '3456789AB');
    addCode(till.db, hers, 'cart-reminder', { customerId: 'C-1', singleUse: true });
    ok(await till.dispatch('sale.addProduct', { sku: a.sku }));
    const withHer = ok(await till.dispatch('customer.attachToSale', { customerId: 'C-1' })) as SaleView;
    expect(withHer.promo.codes).toEqual([{ code: hers, source: 'customer', applied: true, reason: null, params: {} }]);

    const removed = ok(await till.dispatch('promo.removeCode', { code: hers })) as SaleView;
    expect(removed.promo).toEqual({ applied: [], codes: [] });
    expect(removed.totals.total).toBe(a.price);
    // Another line, her detached and attached again: still off this sale.
    ok(await till.dispatch('sale.addProduct', { sku: b.sku }));
    ok(await till.dispatch('customer.attachToSale', { customerId: null }));
    const again = ok(await till.dispatch('customer.attachToSale', { customerId: 'C-1' })) as SaleView;
    expect(again.promo.applied).toEqual([]);
    expect(again.totals.total).toBe(a.price + b.price);
    // Removing what is no longer on the sale says so, and changes nothing.
    expect(errorCode(await till.dispatch('promo.removeCode', { code: 'NOSUCHCODE' }))).toBe('PROMO_CODE_NOT_ON_SALE');

    // The cashier types it after all: it applies again, as an entered code.
    const typed = ok(await till.dispatch('promo.enterCode', { code: hers })) as SaleView;
    expect(typed.promo.codes).toEqual([{ code: hers, source: 'entered', applied: true, reason: null, params: {} }]);
    ok(await till.dispatch('promo.removeCode', { code: hers }));
    const offAgain = (await sale(till)) as SaleView;
    expect(offAgain.promo.applied).toEqual([]);

    // The decision was for that sale only: her next sale has her offer.
    ok(await till.dispatch('sale.payCash', { tenderedMinor: offAgain.totals.total }));
    ok(await till.dispatch('sale.addProduct', { sku: a.sku }));
    const next = ok(await till.dispatch('customer.attachToSale', { customerId: 'C-1' })) as SaleView;
    expect(next.promo.codes).toEqual([{ code: hers, source: 'customer', applied: true, reason: null, params: {} }]);
    await till.close();
  });

  it('a scanned unique code goes to the code box, not to a line', async () => {
    const till = openTill();
    const [a] = pick(unitSkus(till.db, 1), 1);
    addCampaign(till.db, { id: 'email', codeKind: 'unique', value: 20 });
    const code = uniqueCode('', '456789ABC');
    addCode(till.db, code, 'email', { singleUse: true });
    ok(await till.dispatch('sale.addProduct', { sku: a.sku }));
    const view = ok(await till.dispatch('sale.scan', { code: `${code.slice(0, 5)}-${code.slice(5)}` })) as SaleView;
    expect(view.lines).toHaveLength(1);
    expect(view.promo.codes).toMatchObject([{ code, applied: true }]);
    // A shared code printed as a barcode is read as a code when the till knows it; an unknown text stays "not an item".
    addCampaign(till.db, { id: 'stream', value: 5 });
    addCode(till.db, 'STREAM25', 'stream');
    const shared = ok(await till.dispatch('sale.scan', { code: 'STREAM25' })) as SaleView;
    expect(shared.promo.codes.map((c) => c.code)).toEqual([code, 'STREAM25']);
    expect(errorCode(await till.dispatch('sale.scan', { code: 'STREAM26' }))).toBe('SCAN_UNKNOWN_BARCODE');
    await till.close();
  });

  it('completion freezes the discounts and writes promo.redeemed with the sale, in one transaction; the receipt shows each discount', async () => {
    const till = openTill();
    const [a, b] = pick(unitSkus(till.db, 2), 2);
    addCampaign(till.db, { id: 'stream', name: 'Stream 15 %', value: 15, offlineCap: 1 });
    addCode(till.db, 'STREAMMDL', 'stream');
    ok(await till.dispatch('sale.addProduct', { sku: a.sku }));
    ok(await till.dispatch('sale.addProduct', { sku: b.sku }));
    const open = ok(await till.dispatch('promo.enterCode', { code: 'STREAMMDL' })) as SaleView;
    const done = ok(await till.dispatch('sale.payCash', { tenderedMinor: open.totals.total })) as CompletedSaleView;
    expect(done.sale.totals).toMatchObject({ subtotal: a.price + b.price, discount: open.totals.discount, total: open.totals.total });
    expect(done.sale.promo.applied).toEqual(open.promo.applied);
    expect(done.sale.lines.map((l) => l.discount)).toEqual(open.lines.map((l) => l.discount));

    const ops = till.db.prepare(`SELECT op_type, payload FROM outbox ORDER BY seq`).all() as { op_type: string; payload: string }[];
    expect(ops.map((o) => o.op_type).sort()).toEqual(['promo.redeemed', 'sale.completed']);
    const redeemed = PromoRedeemedOp.parse({ opId: '01JD0000000000000000000000', type: 'promo.redeemed', payload: JSON.parse(ops.find((o) => o.op_type === 'promo.redeemed')!.payload) });
    expect(redeemed.payload).toMatchObject({ saleId: done.sale.id, code: 'STREAMMDL', discountMinor: open.totals.discount, currency: 'MDL', offline: true });
    const sold = SaleCompletedOp.parse({ opId: '01JD0000000000000000000001', type: 'sale.completed', payload: JSON.parse(ops.find((o) => o.op_type === 'sale.completed')!.payload) });
    expect(sold.payload.totalMinor).toBe(open.totals.total);
    expect(sold.payload.lines.reduce((s, l) => s + l.lineTotalMinor - (l.discountMinor ?? 0), 0)).toBe(open.totals.total);

    const receipt = receiptForSale(till.db, done.sale.id, { header: receiptHeader(till.settings), language: 'ro', timeZone: till.settings.timeZone, promo: done.sale.promo });
    expect(receipt.lines.flatMap((l) => l.discounts)).toEqual(open.promo.applied[0]!.lines.map((l) => ({ promo: 'Stream 15 %', amount: l.discount })));
    expect(receipt.total).toBe(open.totals.total);
    const queued = till.db.prepare(`SELECT document FROM print_jobs WHERE sale_id = ?`).pluck().get(done.sale.id) as string | undefined;
    expect(queued).toContain('Stream 15 %'); // the printed receipt, queued with the sale

    // The till's offline cap of 1 is used: the next sale is refused the code, plainly.
    ok(await till.dispatch('sale.addProduct', { sku: a.sku }));
    const capped = await till.dispatch('promo.enterCode', { code: 'STREAMMDL' });
    expect(capped.ok ? null : capped.error).toMatchObject({ code: 'PROMO_CODE_REFUSED', params: { reason: 'offline_cap_reached', cap: 1 } });
    await till.close();
  });

  it('names a campaign in the UI language as products are: on the sale, the customer display, the receipt (in its products\' language) and a reprint; a language it has no name in shows its name', async () => {
    const till = openTill('ru');
    const [a] = pick(unitSkus(till.db, 1), 1);
    const names = { ru: 'Эфир: скидка 15 %', ro: 'Transmisiune: 15 % reducere' };
    addCampaign(till.db, { id: 'stream', name: 'Stream 15 %', names, value: 15 });
    addCode(till.db, 'STREAMMDL', 'stream');
    ok(await till.dispatch('sale.addProduct', { sku: a.sku }));
    const open = ok(await till.dispatch('promo.enterCode', { code: 'STREAMMDL' })) as SaleView;
    expect(open.promo.applied).toEqual([expect.objectContaining({ promotionId: 'stream', name: 'Stream 15 %', names })]);
    const shown = (language: 'en' | 'ru' | 'ro') => {
      const message = saleMessage(open, { language, store: 'S' });
      return message.kind === 'sale' ? message.lines.flatMap((l) => l.discounts.map((d) => d.name)) : [];
    };
    expect([shown('ru'), shown('ro'), shown('en')]).toEqual([[names.ru], [names.ro], ['Stream 15 %']]);

    const done = ok(await till.dispatch('sale.payCash', { tenderedMinor: open.totals.total })) as CompletedSaleView;
    // Frozen with the sale: a campaign renamed or gone later does not change what this sale says.
    till.db.exec(`DELETE FROM campaigns`);
    const reprinted = (ok(await till.dispatch('sale.lastCompleted', {})) as CompletedSaleView).sale.promo.applied;
    expect(reprinted).toEqual([expect.objectContaining({ name: 'Stream 15 %', names })]);
    const receiptNames = (language: 'en' | 'ru' | 'ro' | 'uk') => {
      const receipt = receiptForSale(till.db, done.sale.id, { header: receiptHeader(till.settings), language, timeZone: till.settings.timeZone, promo: done.sale.promo });
      return [receipt.lines[0]!.name, receipt.lines[0]!.discounts.map((d) => d.promo)];
    };
    expect(receiptNames('ru')).toEqual([open.lines[0]!.names.ru, [names.ru]]);
    expect(receiptNames('ro')).toEqual([open.lines[0]!.names.ro, [names.ro]]);
    expect(receiptNames('en')).toEqual([open.lines[0]!.names.en, ['Stream 15 %']]);
    // A Ukrainian receipt names products in Russian, and the campaign too.
    expect(receiptNames('uk')).toEqual([open.lines[0]!.names.ru, [names.ru]]);
    const queued = till.db.prepare(`SELECT document FROM print_jobs WHERE sale_id = ?`).pluck().get(done.sale.id) as string;
    expect(queued).toContain(names.ru);
    expect(queued).not.toContain('Stream 15 %');
    await till.close();
  });

  it('a failed completion leaves no redemption behind', async () => {
    const till = openTill();
    const [a] = pick(unitSkus(till.db, 1), 1);
    addCampaign(till.db, { id: 'stream', value: 15 });
    addCode(till.db, 'STREAMMDL', 'stream');
    ok(await till.dispatch('sale.addProduct', { sku: a.sku }));
    const open = ok(await till.dispatch('promo.enterCode', { code: 'STREAMMDL' })) as SaleView;
    expect(errorCode(await till.dispatch('sale.payCash', { tenderedMinor: open.totals.total - 1 }))).toBe('PAYMENT_INSUFFICIENT');
    expect(till.db.prepare('SELECT COUNT(*) FROM promo_redemptions').pluck().get()).toBe(0);
    expect(till.db.prepare(`SELECT COUNT(*) FROM outbox`).pluck().get()).toBe(0);
    expect(till.db.prepare('SELECT COUNT(*) FROM sale_discounts').pluck().get()).toBe(0);
    await till.close();
  });
});
