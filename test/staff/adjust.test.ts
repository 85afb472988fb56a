import { describe, expect, it } from 'vitest';
import type { NoSaleView } from '../../core/adjust/contract.js';
import { saleMessage } from '../../core/display/message.js';
import type { PaymentStateView } from '../../core/payment/contract.js';
import { receiptPlainText } from '../../core/receipt/layout.js';
import { receiptSchema, type Receipt } from '../../core/receipt/model.js';
import type { ReturnableSale, ReturnView } from '../../core/returns/contract.js';
import type { CompletedSaleView, SaleView } from '../../core/sale/contract.js';
import type { ShiftReport } from '../../core/shift/report.js';
import { SaleCompletedPayload } from '../../core/sync/ops.js';
import { vatFromGross } from '../../core/vat.js';
import type { TillDatabase } from '../../electron/backend/db.js';
import type { EmulatedTerminal } from '../../electron/backend/payment/emulator.js';
import { writeSettings } from '../../electron/backend/settings.js';
import { errorCode, ok, openTestTill, type TestTill } from '../helpers/till.js';

/** Demo staff (electron/backend/staff/seed.ts): ana a cashier, ion a senior cashier, maria a manager. */
const PIN = { ana: '1111', ion: '2222', maria: '9999' } as const;

function products(db: TillDatabase, n: number): { code: string; price: number }[] {
  return db
    .prepare(
      `SELECT b.code, sp.price_minor AS price FROM barcodes b JOIN products p USING (sku) JOIN store_prices sp USING (sku)
        WHERE p.sold_by = 'unit' AND sp.price_minor >= 1000 GROUP BY p.sku ORDER BY p.sku LIMIT ?`,
    )
    .all(n) as { code: string; price: number }[];
}

async function tillAs(who: keyof typeof PIN, options: { discountLimit?: number } = {}): Promise<TestTill> {
  const seeded = openTestTill({ staff: true });
  // The store's limit as pairing writes it from central.
  if (options.discountLimit !== undefined) writeSettings(seeded.db, { manualDiscountLimit: options.discountLimit });
  await seeded.close();
  const till = openTestTill({ staff: true, file: seeded.file });
  ok(await till.dispatch('staff.signIn', { staffId: who, pin: PIN[who] }));
  return till;
}

async function scan(till: TestTill, codes: readonly string[]): Promise<SaleView> {
  let sale: SaleView | null = null;
  for (const code of codes) sale = ok(await till.dispatch('sale.scan', { code })) as SaleView;
  return sale as SaleView;
}

const audits = (db: TillDatabase, prefix: string) =>
  (db.prepare(`SELECT actor_id AS actorId, action, subject, details FROM audit_log WHERE action LIKE ? ORDER BY id`).all(`${prefix}%`) as {
    actorId: string;
    action: string;
    subject: string;
    details: string;
  }[]).map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));

const receiptOf = (db: TillDatabase, saleId: string): Receipt =>
  receiptSchema.parse(JSON.parse(db.prepare(`SELECT document FROM print_jobs WHERE sale_id = ? AND kind = 'receipt'`).pluck().get(saleId) as string));

const saleOp = (db: TillDatabase, saleId: string) =>
  SaleCompletedPayload.parse(JSON.parse(db.prepare(`SELECT payload FROM outbox WHERE op_type = 'sale.completed' AND entity_id = ?`).pluck().get(saleId) as string));

/** Totals that hold together: each line pays lineTotal − discount, they add up to the total, VAT per rate from the discounted gross. */
function expectConsistent(view: SaleView): void {
  const live = view.lines.filter((l) => !l.voided);
  expect(live.reduce((s, l) => s + l.lineTotal, 0)).toBe(view.totals.subtotal);
  expect(live.reduce((s, l) => s + l.lineTotal - l.discount, 0)).toBe(view.totals.total);
  expect(view.totals.subtotal - view.totals.discount).toBe(view.totals.total);
  const byRate = new Map<number, number>();
  for (const l of live) byRate.set(l.vatBasisPoints, (byRate.get(l.vatBasisPoints) ?? 0) + l.lineTotal - l.discount);
  expect(view.totals.vat.map((r) => [r.basisPoints, r.gross, r.vat])).toEqual(
    [...byRate.entries()].sort(([a], [b]) => b - a).map(([bp, gross]) => [bp, gross, vatFromGross(gross, bp)]),
  );
}

/** A manager signed in with one product on the sale: where bad input is tried (no approval in the way). */
async function managerWithOneLine() {
  const till = await tillAs('maria');
  const [p] = products(till.db, 1);
  const line = (await scan(till, [p!.code])).lines[0]!;
  return { till, p, line, before: ok(await till.dispatch('sale.current', {})) };
}

describe('price override', () => {
  it('a cashier needs a manager’s PIN: refused, a senior cannot approve, a wrong PIN counts, the manager’s approves once; all audited', async () => {
    const till = await tillAs('ana');
    const [p] = products(till.db, 1);
    const line = (await scan(till, [p!.code])).lines[0]!;
    const request = { lineId: line.id, unitPrice: p!.price - 250, reason: 'Damaged box' };

    const refused = await till.dispatch('sale.overridePrice', request);
    expect(errorCode(refused)).toBe('APPROVAL_REQUIRED');
    if (!refused.ok) expect(refused.error.params).toEqual({ action: 'price.override' });
    expect(errorCode(await till.dispatch('approval.grant', { action: 'price.override', staffId: 'ion', pin: PIN.ion }))).toBe('STAFF_APPROVER_NOT_MANAGER');
    expect(errorCode(await till.dispatch('approval.grant', { action: 'price.override', staffId: 'maria', pin: '0000' }))).toBe('STAFF_WRONG_PIN');
    expect((ok(await till.dispatch('sale.current', {})) as SaleView).lines[0]!.unitPrice).toBe(p!.price);

    ok(await till.dispatch('approval.grant', { action: 'price.override', staffId: 'maria', pin: PIN.maria }));
    const changed = ok(await till.dispatch('sale.overridePrice', request)) as SaleView;
    expect(changed.lines[0]).toMatchObject({ unitPrice: p!.price - 250, lineTotal: p!.price - 250, override: { originalUnitPrice: p!.price, reason: 'Damaged box' } });
    // Used up: the next override needs another approval.
    expect(errorCode(await till.dispatch('sale.overridePrice', { ...request, unitPrice: p!.price - 300 }))).toBe('APPROVAL_REQUIRED');

    expect(audits(till.db, 'approval.').map((r) => [r.action, r.actorId, r.subject, r.details.reason ?? null])).toEqual([
      ['approval.needed', 'ana', 'price.override', null],
      ['approval.refused', 'ana', 'price.override', 'STAFF_APPROVER_NOT_MANAGER'],
      ['approval.refused', 'ana', 'price.override', 'STAFF_WRONG_PIN'],
      ['approval.granted', 'maria', 'price.override', null],
      ['approval.used', 'ana', 'price.override', null],
      ['approval.needed', 'ana', 'price.override', null],
    ]);
    expect(audits(till.db, 'sale.price_overridden').map((r) => [r.actorId, r.details])).toEqual([
      ['ana', { lineId: line.id, sku: line.sku, from: p!.price, to: p!.price - 250, original: p!.price, reason: 'Damaged box' }],
    ]);
    // Every approval row is pushed with the audit push; the grant is also its own op.
    expect(till.db.prepare(`SELECT COUNT(*) FROM outbox WHERE op_type = 'approval.granted'`).pluck().get()).toBe(1);
    await till.close();
  });

  it('a manager overrides alone; the receipt shows both prices, the pushed sale carries them, a return refunds what was paid', async () => {
    const till = await tillAs('maria');
    const [p, q] = products(till.db, 2);
    const sale = await scan(till, [p!.code, q!.code]);
    const line = sale.lines[0]!;
    const cheaper = p!.price - 199;
    ok(await till.dispatch('sale.overridePrice', { lineId: line.id, unitPrice: cheaper, reason: 'Price tag on the shelf' }));
    // The same product scanned again is a line of its own at the catalogue price: the override stays on its line.
    const again = await scan(till, [p!.code]);
    expect(again.lines.map((l) => [l.sku, l.quantity, l.unitPrice])).toEqual([
      [line.sku, 1, cheaper],
      [sale.lines[1]!.sku, 1, q!.price],
      [line.sku, 1, p!.price],
    ]);
    expectConsistent(again);
    const done = ok(await till.dispatch('sale.payCash', { tenderedMinor: again.totals.total })) as CompletedSaleView;

    const receipt = receiptOf(till.db, done.sale.id);
    expect(receipt.lines[0]).toMatchObject({ unitPrice: cheaper, originalUnitPrice: p!.price, amount: cheaper });
    expect(receipt.lines[2]!.originalUnitPrice).toBeUndefined();
    const text = receiptPlainText(receipt, { columns: 42 });
    expect(text).toMatch(new RegExp(`1 pcs x ${(cheaper / 100).toFixed(2)} +${(cheaper / 100).toFixed(2)}\\n +Price was +${(p!.price / 100).toFixed(2)}`));

    const op = saleOp(till.db, done.sale.id);
    expect(op.lines[0]).toMatchObject({ unitPriceMinor: cheaper, lineTotalMinor: cheaper, originalUnitPriceMinor: p!.price, priceReason: 'Price tag on the shelf' });
    expect(op.lines[2]!.originalUnitPriceMinor).toBeUndefined();

    const found = ok(await till.dispatch('return.find', { query: String(done.sale.receiptNo) })) as ReturnableSale;
    expect(found.lines[0]!.paid).toBe(cheaper);
    const back = ok(await till.dispatch('return.commit', { saleId: done.sale.id, lines: [{ lineId: line.id, quantity: 1 }], method: 'cash' })) as ReturnView;
    expect(back.refund).toBe(cheaper);
    await till.close();
  });

  it('bad input is refused with its own message and changes nothing', async () => {
    const { till, p, line, before } = await managerWithOneLine();
    const attempt = (patch: object) => till.dispatch('sale.overridePrice', { lineId: line.id, unitPrice: 500, reason: 'Why', ...patch });
    expect(errorCode(await attempt({ unitPrice: 0 }))).toBe('ADJUST_PRICE_INVALID');
    expect(errorCode(await attempt({ unitPrice: -5 }))).toBe('ADJUST_PRICE_INVALID');
    expect(errorCode(await attempt({ unitPrice: 2_000_000_000 }))).toBe('ADJUST_PRICE_INVALID');
    expect(errorCode(await attempt({ unitPrice: 12.5 }))).toBe('INPUT_INVALID');
    expect(errorCode(await attempt({ reason: '   ' }))).toBe('ADJUST_REASON_REQUIRED');
    expect(errorCode(await attempt({ unitPrice: p!.price }))).toBe('ADJUST_PRICE_SAME');
    expect(errorCode(await attempt({ lineId: 'NOPE' }))).toBe('SALE_LINE_NOT_FOUND');
    expect(ok(await till.dispatch('sale.current', {}))).toEqual(before);
    expect(audits(till.db, 'sale.price_overridden')).toEqual([]);
    await till.close();
  });
});

describe('manual discount', () => {
  it('free up to the store’s limit, a manager’s PIN above it; a senior cashier may go above alone; taking it off needs nobody', async () => {
    const till = await tillAs('ana', { discountLimit: 12.5 });
    const [p] = products(till.db, 1);
    const line = (await scan(till, [p!.code, p!.code])).lines[0]!;
    const total = line.lineTotal;

    // 12.5 % exactly is within the store's 12.5 %.
    const small = ok(await till.dispatch('sale.discountLine', { lineId: line.id, discount: { kind: 'percent', value: 1250 }, reason: 'Regular' })) as SaleView;
    expect(small.lines[0]!.manual).toEqual({ kind: 'percent', value: 1250, reason: 'Regular', amount: Math.round((total * 1250) / 10_000) });
    expect((ok(await till.dispatch('staff.session', {})) as { discountLimit: number }).discountLimit).toBe(12.5);
    const deep = { lineId: line.id, discount: { kind: 'amount' as const, value: Math.ceil(total * 0.13) }, reason: 'Scratched' };
    const refused = await till.dispatch('sale.discountLine', deep);
    expect(errorCode(refused)).toBe('APPROVAL_REQUIRED');
    if (!refused.ok) expect(refused.error.params).toEqual({ action: 'discount.manual', limit: 12.5 });
    expect(errorCode(await till.dispatch('sale.discountSale', { discount: { kind: 'percent', value: 1251 }, reason: 'Birthday' }))).toBe('APPROVAL_REQUIRED');
    expect(errorCode(await till.dispatch('approval.grant', { action: 'discount.manual', staffId: 'maria', pin: '1234' }))).toBe('STAFF_WRONG_PIN');
    ok(await till.dispatch('approval.grant', { action: 'discount.manual', staffId: 'maria', pin: PIN.maria }));
    const given = ok(await till.dispatch('sale.discountLine', deep)) as SaleView;
    expect(given.lines[0]!.manual).toMatchObject({ kind: 'amount', amount: deep.discount.value });
    expect(given.totals.total).toBe(total - deep.discount.value);
    const off = ok(await till.dispatch('sale.discountLine', { lineId: line.id, discount: null, reason: '' })) as SaleView;
    expect(off.lines[0]!.manual).toBeNull();
    expect(off.totals.total).toBe(total);
    expect(audits(till.db, 'sale.discount_').map((r) => [r.action, r.details.amount ?? null, r.details.reason])).toEqual([
      ['sale.discount_given', Math.round((total * 1250) / 10_000), 'Regular'],
      ['sale.discount_given', deep.discount.value, 'Scratched'],
      ['sale.discount_removed', null, null],
    ]);

    ok(await till.dispatch('staff.signIn', { staffId: 'ion', pin: PIN.ion }));
    const senior = ok(await till.dispatch('sale.discountSale', { discount: { kind: 'percent', value: 5000 }, reason: 'Display model' })) as SaleView;
    expect(senior.manual).toEqual({ kind: 'percent', value: 5000, reason: 'Display model', amount: Math.round(total / 2) });
    await till.close();
  });

  it('a line’s own discount and its share of the sale’s are checked together, in either order, at the limit free, beyond it a manager', async () => {
    const till = await tillAs('ana', { discountLimit: 10 });
    const [p, q] = products(till.db, 2);
    const sale = await scan(till, [p!.code, q!.code]);
    const [a, b] = sale.lines as [SaleView['lines'][number], SaleView['lines'][number]];
    const current = async () => ok(await till.dispatch('sale.current', {})) as SaleView;
    const refusedWithLimit = (r: Awaited<ReturnType<TestTill['dispatch']>>) => {
      expect(errorCode(r)).toBe('APPROVAL_REQUIRED');
      if (!r.ok) expect(r.error.params).toEqual({ action: 'discount.manual', limit: 10 });
    };

    // Line first: 10 % on the line is the limit exactly; 1 % more on the sale makes 10.9 % on that line.
    ok(await till.dispatch('sale.discountLine', { lineId: a.id, discount: { kind: 'percent', value: 1000 }, reason: 'Dented' }));
    const before = await current();
    refusedWithLimit(await till.dispatch('sale.discountSale', { discount: { kind: 'percent', value: 100 }, reason: 'Regular' }));
    expect(await current()).toEqual(before);

    // Sale first: 10 % on the sale is free; 1 % more on a line is over, and so is a lower line amount.
    ok(await till.dispatch('sale.discountLine', { lineId: a.id, discount: null, reason: '' }));
    ok(await till.dispatch('sale.discountSale', { discount: { kind: 'percent', value: 1000 }, reason: 'Regular' }));
    refusedWithLimit(await till.dispatch('sale.discountLine', { lineId: b.id, discount: { kind: 'percent', value: 100 }, reason: 'Scratch' }));
    refusedWithLimit(await till.dispatch('sale.discountLine', { lineId: b.id, discount: { kind: 'amount', value: 1 }, reason: 'Scratch' }));
    expect((await current()).lines[1]!.manual).toBeNull();

    // A manager's PIN lets it through, once, audited; less deep than that approved stays free.
    ok(await till.dispatch('approval.grant', { action: 'discount.manual', staffId: 'maria', pin: PIN.maria }));
    const approved = ok(await till.dispatch('sale.discountLine', { lineId: b.id, discount: { kind: 'percent', value: 500 }, reason: 'Scratch' })) as SaleView;
    expect(approved.lines[1]!.manual).toMatchObject({ kind: 'percent', value: 500 });
    ok(await till.dispatch('sale.discountLine', { lineId: b.id, discount: { kind: 'percent', value: 300 }, reason: 'Scratch' }));
    refusedWithLimit(await till.dispatch('sale.discountLine', { lineId: b.id, discount: { kind: 'percent', value: 600 }, reason: 'Scratch' }));
    expect(audits(till.db, 'approval.').map((r) => [r.action, r.subject])).toEqual([
      ['approval.needed', 'discount.manual'],
      ['approval.needed', 'discount.manual'],
      ['approval.needed', 'discount.manual'],
      ['approval.granted', 'discount.manual'],
      ['approval.used', 'discount.manual'],
      ['approval.needed', 'discount.manual'],
    ]);
    expect(till.db.prepare(`SELECT COUNT(*) FROM outbox WHERE op_type = 'approval.granted'`).pluck().get()).toBe(1);
    await till.close();
  });

  it('a quantity lowered or a line voided after an amount off is checked again: deeper than the limit needs a manager, the sale as it was', async () => {
    const till = await tillAs('ana', { discountLimit: 10 });
    const [p, q] = products(till.db, 2);
    const sale = await scan(till, [p!.code, p!.code, q!.code]);
    const [a, b] = sale.lines as [SaleView['lines'][number], SaleView['lines'][number]];
    const current = async () => ok(await till.dispatch('sale.current', {})) as SaleView;

    // An amount on the line of two that is at most 10 % of it; one of them taken off would make it about 20 %.
    ok(await till.dispatch('sale.discountLine', { lineId: a.id, discount: { kind: 'amount', value: Math.floor(a.lineTotal / 10) }, reason: 'Dented' }));
    const before = await current();
    expect(errorCode(await till.dispatch('sale.setQuantity', { lineId: a.id, quantity: 1 }))).toBe('APPROVAL_REQUIRED');
    expect(await current()).toEqual(before);
    // More of it makes it shallower: nobody needed.
    expect((ok(await till.dispatch('sale.setQuantity', { lineId: a.id, quantity: 3 })) as SaleView).lines[0]!.quantity).toBe(3);

    // An amount off the sale at the limit over both lines; voiding one leaves it on the other alone.
    ok(await till.dispatch('sale.discountLine', { lineId: a.id, discount: null, reason: '' }));
    const spread = await current();
    ok(await till.dispatch('sale.discountSale', { discount: { kind: 'amount', value: Math.floor(spread.totals.total / 10) }, reason: 'Complaint' }));
    const withSale = await current();
    expect(errorCode(await till.dispatch('sale.voidLine', { lineId: b.id }))).toBe('APPROVAL_REQUIRED');
    expect(await current()).toEqual(withSale);
    ok(await till.dispatch('approval.grant', { action: 'discount.manual', staffId: 'maria', pin: PIN.maria }));
    expect((ok(await till.dispatch('sale.voidLine', { lineId: b.id })) as SaleView).lines[1]!.voided).toBe(true);
    // A bad quantity is still answered with its own message, not an approval.
    expect(errorCode(await till.dispatch('sale.setQuantity', { lineId: a.id, quantity: 0 }))).toBe('QTY_OUT_OF_RANGE');
    await till.close();
  });

  it('a scan whose promotion takes from a line with an amount off is checked too: deeper than the limit needs a manager, the sale as it was', async () => {
    const till = await tillAs('ana', { discountLimit: 10 });
    const [p, q, r] = products(till.db, 3);
    // 10 % off everything once the basket is worth more than the first product alone.
    till.db
      .prepare(
        `INSERT INTO campaigns (id, name, channel, code_kind, discount_kind, discount_value, currency, starts_at, ends_at, offline_allowed,
           offline_cap_per_till, rules, sync_gen) VALUES ('basket-10', 'Basket −10 %', 'email', 'shared', 'percent', 10, 'MDL', '2020-01-01T00:00:00.000Z',
           '2100-01-01T00:00:00.000Z', 1, 100, ?, 1)`,
      )
      .run(JSON.stringify({ automatic: true, minBasketMinor: p!.price + 1 }));
    const [a] = (await scan(till, [p!.code])).lines as [SaleView['lines'][number]];
    expect(a.discount).toBe(0);
    // 10 % of the line as an amount: at the limit. Once the promotion takes 10 % first, the same amount is about 11 % of what is left.
    ok(await till.dispatch('sale.discountLine', { lineId: a.id, discount: { kind: 'amount', value: Math.floor(a.lineTotal / 10) }, reason: 'Dented' }));
    const current = async () => ok(await till.dispatch('sale.current', {})) as SaleView;
    const before = await current();
    const refused = await till.dispatch('sale.scan', { code: q!.code });
    expect(errorCode(refused)).toBe('APPROVAL_REQUIRED');
    if (!refused.ok) expect(refused.error.params).toEqual({ action: 'discount.manual', limit: 10 });
    expect(await current()).toEqual(before);
    // The same by search as by scan.
    const sku = till.db.prepare(`SELECT sku FROM barcodes WHERE code = ?`).pluck().get(q!.code) as string;
    expect(errorCode(await till.dispatch('sale.addProduct', { sku }))).toBe('APPROVAL_REQUIRED');
    expect(await current()).toEqual(before);

    ok(await till.dispatch('approval.grant', { action: 'discount.manual', staffId: 'maria', pin: PIN.maria }));
    const approved = ok(await till.dispatch('sale.scan', { code: q!.code })) as SaleView;
    expect(approved.lines).toHaveLength(2);
    expect(approved.promo.applied.map((x) => x.promotionId)).toEqual(['basket-10']);
    // No deeper than the manager approved: the next scan needs nobody.
    expect((ok(await till.dispatch('sale.scan', { code: r!.code })) as SaleView).lines).toHaveLength(3);
    expect(audits(till.db, 'approval.').map((x) => x.action)).toEqual(['approval.needed', 'approval.needed', 'approval.granted', 'approval.used']);
    await till.close();
  });

  it('works on what a promotion left: totals, VAT, receipt, pushed sale and a return agree', async () => {
    const till = await tillAs('maria');
    till.db
      .prepare(
        `INSERT INTO campaigns (id, name, channel, code_kind, discount_kind, discount_value, currency, starts_at, ends_at, offline_allowed,
           offline_cap_per_till, rules, sync_gen) VALUES ('all-10', 'All −10 %', 'email', 'shared', 'percent', 10, NULL, '2020-01-01T00:00:00.000Z',
           '2100-01-01T00:00:00.000Z', 1, 100, '{"automatic":true}', 1)`,
      )
      .run();
    const [p, q, r] = products(till.db, 3);
    const sale = await scan(till, [p!.code, q!.code, r!.code]);
    const promoOff = sale.lines.map((l) => l.discount);
    expect(promoOff.every((d, i) => d === Math.round(sale.lines[i]!.lineTotal / 10))).toBe(true);

    const lineDiscounted = ok(await till.dispatch('sale.discountLine', { lineId: sale.lines[0]!.id, discount: { kind: 'percent', value: 1000 }, reason: 'Dented' })) as SaleView;
    const left0 = sale.lines[0]!.lineTotal - promoOff[0]!;
    expect(lineDiscounted.lines[0]!.manual!.amount).toBe(Math.round(left0 / 10));
    const beforeSale = lineDiscounted.totals.total;
    const view = ok(await till.dispatch('sale.discountSale', { discount: { kind: 'amount', value: 1000 }, reason: 'Complaint 17' })) as SaleView;
    expect(view.manual).toEqual({ kind: 'amount', value: 1000, reason: 'Complaint 17', amount: 1000 });
    expect(view.totals.total).toBe(beforeSale - 1000);
    expect(view.lines.reduce((s, l) => s + l.saleShare, 0)).toBe(1000);
    // The promotion's own figures stay as they were.
    expect(view.promo.applied[0]!.lines.map((l) => l.discount)).toEqual(promoOff);
    expectConsistent(view);

    // The customer display shows the store's discounts under one name in its language, never the reason typed.
    const shown = saleMessage(view, { language: 'ru', store: 'S' });
    if (shown.kind !== 'sale') throw new Error('expected the sale on the display');
    expect(shown.lines[0]!.discounts).toEqual([
      { name: 'All −10 %', amount: promoOff[0] },
      { name: 'Скидка магазина', amount: Math.round(left0 / 10) + view.lines[0]!.saleShare },
    ]);
    expect(shown.saved).toBe(view.totals.discount);
    expect(JSON.stringify(shown)).not.toMatch(/Dented|Complaint/);

    const done = ok(await till.dispatch('sale.payCash', { tenderedMinor: view.totals.total })) as CompletedSaleView;
    expect(done.sale.totals).toEqual(view.totals);
    expectConsistent(done.sale);
    expect(till.db.prepare('SELECT SUM(gross_minor) FROM sale_vat WHERE sale_id = ?').pluck().get(done.sale.id)).toBe(view.totals.total);

    const receipt = receiptOf(till.db, done.sale.id);
    expect(receipt.total).toBe(view.totals.total);
    expect(receipt.lines[0]!.discounts).toEqual([
      { promo: 'All −10 %', amount: promoOff[0] },
      { promo: 'Dented', amount: Math.round(left0 / 10) },
    ]);
    expect(receipt.saleDiscounts).toEqual([{ promo: 'Complaint 17', amount: 1000 }]);
    const saved = receipt.lines.reduce((s, l) => s + l.discounts.reduce((a, d) => a + d.amount, 0), 0) + 1000;
    expect(saved).toBe(view.totals.discount);
    expect(receipt.vat.reduce((s, v) => s + v.gross, 0)).toBe(receipt.total);

    const op = saleOp(till.db, done.sale.id);
    expect(op.totalMinor).toBe(view.totals.total);
    expect(op.lines.reduce((s, l) => s + l.lineTotalMinor - (l.discountMinor ?? 0), 0)).toBe(view.totals.total);
    expect(op.lines.reduce((s, l) => s + (l.manualDiscountMinor ?? 0), 0)).toBe(Math.round(left0 / 10) + 1000);
    expect(op.lines[0]!.manualReason).toBe('Dented');
    expect(op.manualDiscount).toEqual({ kind: 'amount', value: 1000, amountMinor: 1000, reason: 'Complaint 17' });

    // A returned line gives back its share of every discount, the manual ones included.
    const found = ok(await till.dispatch('return.find', { query: String(done.sale.receiptNo) })) as ReturnableSale;
    expect(found.lines.map((l) => l.paid)).toEqual(view.lines.map((l) => l.lineTotal - l.discount));
    const back = ok(await till.dispatch('return.commit', { saleId: done.sale.id, lines: [{ lineId: view.lines[1]!.id, quantity: 1 }], method: 'cash' })) as ReturnView;
    expect(back.refund).toBe(view.lines[1]!.lineTotal - view.lines[1]!.discount);
    await till.close();
  });

  it('bad input is refused with its own message and changes nothing', async () => {
    const { till, line, before } = await managerWithOneLine();
    const give = (discount: object | null, reason = 'Why') => till.dispatch('sale.discountLine', { lineId: line.id, discount, reason });
    expect(errorCode(await give({ kind: 'percent', value: 0 }))).toBe('ADJUST_PERCENT_INVALID');
    expect(errorCode(await give({ kind: 'percent', value: 10_001 }))).toBe('ADJUST_PERCENT_INVALID');
    const tooMuch = await give({ kind: 'amount', value: line.lineTotal + 1 });
    expect(errorCode(tooMuch)).toBe('ADJUST_AMOUNT_INVALID');
    if (!tooMuch.ok) expect(tooMuch.error.message).toContain((line.lineTotal / 100).toFixed(2));
    expect(errorCode(await give({ kind: 'amount', value: 0 }))).toBe('ADJUST_AMOUNT_INVALID');
    expect(errorCode(await give({ kind: 'amount', value: 100 }, ' '))).toBe('ADJUST_REASON_REQUIRED');
    expect(errorCode(await give({ kind: 'fraction', value: 1 }))).toBe('INPUT_INVALID');
    expect(errorCode(await till.dispatch('sale.discountSale', { discount: { kind: 'amount', value: line.lineTotal + 1 }, reason: 'x' }))).toBe('ADJUST_AMOUNT_INVALID');
    expect(ok(await till.dispatch('sale.current', {}))).toEqual(before);
    // The whole line given away, nothing is left for a sale discount.
    ok(await give({ kind: 'percent', value: 10_000 }));
    expect(errorCode(await till.dispatch('sale.discountSale', { discount: { kind: 'percent', value: 500 }, reason: 'x' }))).toBe('ADJUST_NOTHING_LEFT');
    await till.close();
  });
});

describe('voiding a line after payment started', () => {
  it('needs a manager once a card approval is held on the sale; before it, the cashier voids alone', async () => {
    const till = await tillAs('ana');
    const [p, q, r] = products(till.db, 3);
    const first = await scan(till, [p!.code, q!.code]);
    ok(await till.dispatch('sale.voidLine', { lineId: first.lines[1]!.id }));
    const terminal = till.terminal as EmulatedTerminal;
    terminal.behaviour = { kind: 'hold' };
    const paying = till.dispatch('payment.pay', { cardMinor: first.lines[0]!.lineTotal, cashTenderedMinor: 0 });
    const grown = await scan(till, [r!.code]);
    terminal.release();
    expect(errorCode(await paying)).toBe('PAYMENT_INSUFFICIENT');
    expect((ok(await till.dispatch('payment.state', {})) as PaymentStateView).held).toHaveLength(1);

    const refused = await till.dispatch('sale.voidLine', { lineId: grown.lines[2]!.id });
    expect(errorCode(refused)).toBe('APPROVAL_REQUIRED');
    if (!refused.ok) expect(refused.error.params).toEqual({ action: 'sale.voidAfterPayment' });
    ok(await till.dispatch('approval.grant', { action: 'sale.voidAfterPayment', staffId: 'maria', pin: PIN.maria }));
    const voided = ok(await till.dispatch('sale.voidLine', { lineId: grown.lines[2]!.id })) as SaleView;
    expect(voided.lines[2]!.voided).toBe(true);
    expect(audits(till.db, 'approval.').map((r) => [r.action, r.subject])).toEqual([
      ['approval.needed', 'sale.voidAfterPayment'],
      ['approval.granted', 'sale.voidAfterPayment'],
      ['approval.used', 'sale.voidAfterPayment'],
    ]);
    await till.close();
  });
});

describe('No sale', () => {
  it('a senior cashier opens the drawer without a sale: slip and pulse queued, audited, counted in the X report; a cashier needs a manager', async () => {
    const till = await tillAs('ion');
    ok(await till.dispatch('shift.open', { float: { '10000': 1 } }));
    const first = ok(await till.dispatch('drawer.noSale', { reason: 'Change for till 2' })) as NoSaleView;
    expect(first.count).toBe(1);
    const job = till.db.prepare('SELECT kind, purpose, open_drawer, document FROM print_jobs WHERE id = ?').get(first.jobId) as Record<string, unknown>;
    expect(job).toMatchObject({ kind: 'report', purpose: 'no_sale' });
    expect(JSON.parse(job.document as string)).toMatchObject({ by: 'Ion Ceban', count: 1, reason: 'Change for till 2' });

    const [p] = products(till.db, 1);
    await scan(till, [p!.code]);
    expect(errorCode(await till.dispatch('drawer.noSale', { reason: '' }))).toBe('DRAWER_SALE_OPEN');
    ok(await till.dispatch('sale.cancel', {}));

    ok(await till.dispatch('staff.signIn', { staffId: 'ana', pin: PIN.ana }));
    expect(errorCode(await till.dispatch('drawer.noSale', { reason: '' }))).toBe('APPROVAL_REQUIRED');
    ok(await till.dispatch('approval.grant', { action: 'drawer.open', staffId: 'maria', pin: PIN.maria }));
    expect((ok(await till.dispatch('drawer.noSale', { reason: '' })) as NoSaleView).count).toBe(2);

    ok(await till.dispatch('staff.signIn', { staffId: 'ion', pin: PIN.ion }));
    const x = ok(await till.dispatch('shift.x', {})) as ShiftReport;
    expect(x.noSales).toBe(2);
    expect(audits(till.db, 'drawer.no_sale').map((r) => [r.actorId, r.details])).toEqual([
      ['ion', { count: 1, reason: 'Change for till 2' }],
      ['ana', { count: 2, reason: '' }],
    ]);
    await till.close();
  });
});
