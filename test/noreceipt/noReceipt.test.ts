import { describe, expect, it } from 'vitest';
import type { TillDatabase } from '../../electron/backend/db.js';
import type { ReturnView } from '../../core/returns/contract.js';
import type { ShiftReport } from '../../core/shift/report.js';
import { ReturnNoReceiptOp, VoucherIssuedOp } from '../../core/sync/ops.js';
import { formatVoucherCode, VOUCHER_PATTERN, voucherCheck } from '../../core/voucher/code.js';
import { receiptSchema } from '../../core/receipt/model.js';
import { receiptPlainText } from '../../core/receipt/layout.js';
import { noReceiptLineRefund } from '../../core/noreceipt/contract.js';
import { errorCode, ok, openTestTill } from '../helpers/till.js';
import { sell, unitBarcodes } from '../helpers/selling.js';

interface Product {
  sku: string;
  price: number;
  soldBy: 'unit' | 'weight';
}

function products(db: TillDatabase, soldBy: 'unit' | 'weight', n: number): Product[] {
  return db
    .prepare(
      `SELECT p.sku, sp.price_minor AS price, p.sold_by AS soldBy FROM products p JOIN store_prices sp USING (sku)
       WHERE p.sold_by = ? AND sp.price_minor BETWEEN 100 AND 10000 ORDER BY p.sku LIMIT ?`,
    )
    .all(soldBy, n) as Product[];
}

function counts(db: TillDatabase) {
  const one = (sql: string) => db.prepare(sql).pluck().get() as number;
  return {
    returns: one('SELECT COUNT(*) FROM receiptless_returns'),
    lines: one('SELECT COUNT(*) FROM receiptless_return_lines'),
    ops: one(`SELECT COUNT(*) FROM outbox WHERE op_type = 'return.no_receipt'`),
    jobs: one(`SELECT COUNT(*) FROM print_jobs WHERE purpose IS NOT NULL`),
    audit: one(`SELECT COUNT(*) FROM audit_log WHERE action = 'return.no_receipt'`),
  };
}

/** A till with staff (Ana the cashier signed in) and the store's policy for returns without a receipt. */
async function tillWithPolicy(policy: object) {
  const first = openTestTill({ staff: true });
  first.db.prepare(`INSERT INTO settings (key, value) VALUES ('noReceiptReturns', ?)`).run(JSON.stringify(policy));
  await first.close();
  const till = openTestTill({ staff: true, file: first.file });
  ok(await till.dispatch('staff.signIn', { staffId: 'ana', pin: '1111' }));
  return till;
}

describe('a return without a receipt', () => {
  it("needs a manager's PIN; refunds at the store's price (or lower, as typed) in cash from the drawer; prints, pushes, audits, counts in the shift", async () => {
    const till = await tillWithPolicy({ methods: ['cash', 'storeCredit'], maxMinor: 100_000 });
    ok(await till.dispatch('shift.open', { float: { '50000': 2 } }));
    const [a, b] = products(till.db, 'unit', 2) as [Product, Product];
    const request = { lines: [{ sku: a.sku, quantity: 2 }, { sku: b.sku, quantity: 1, unitPriceMinor: b.price - 50 }], method: 'cash' as const };

    const refused = await till.dispatch('return.noReceipt', request);
    expect(errorCode(refused)).toBe('APPROVAL_REQUIRED');
    if (!refused.ok) expect(refused.error.params).toEqual({ action: 'return.withoutReceipt' });
    expect(errorCode(await till.dispatch('approval.grant', { action: 'return.withoutReceipt', staffId: 'maria', pin: '0000' }))).toBe('STAFF_WRONG_PIN');
    expect(errorCode(await till.dispatch('approval.grant', { action: 'return.withoutReceipt', staffId: 'ion', pin: '2222' }))).toBe('STAFF_APPROVER_NOT_MANAGER');
    expect(counts(till.db)).toEqual({ returns: 0, lines: 0, ops: 0, jobs: 0, audit: 0 });

    ok(await till.dispatch('approval.grant', { action: 'return.withoutReceipt', staffId: 'maria', pin: '9999' }));
    const done = ok(await till.dispatch('return.noReceipt', request)) as ReturnView;
    const refund = 2 * a.price + b.price - 50;
    expect(done).toMatchObject({ returnNo: 1, saleId: null, method: 'cash', refund, card: null });
    expect(done.lines.map((l) => [l.sku, l.quantity, l.refund])).toEqual([
      [a.sku, 2, 2 * a.price],
      [b.sku, 1, b.price - 50],
    ]);
    expect(counts(till.db)).toEqual({ returns: 1, lines: 2, ops: 1, jobs: 1, audit: 1 });
    // Cash is not store credit: no voucher.
    expect(done.voucherCode).toBeNull();
    expect(till.db.prepare(`SELECT COUNT(*) FROM vouchers`).pluck().get()).toBe(0);
    // The approval was for this one return: the next needs a manager again.
    expect(errorCode(await till.dispatch('return.noReceipt', request))).toBe('APPROVAL_REQUIRED');

    const row = till.db.prepare(`SELECT op_id, op_type, payload FROM outbox WHERE op_type = 'return.no_receipt'`).get() as { op_id: string; op_type: string; payload: string };
    const op = ReturnNoReceiptOp.parse({ opId: row.op_id, type: row.op_type, payload: JSON.parse(row.payload) });
    expect(op.payload).toMatchObject({ returnId: done.returnId, refundMinor: refund, method: 'cash', cashier: 'Ana Rusu' });
    // The op names the manager whose approval this return used, so central need not guess it.
    expect(op.payload.approver).toEqual({ staffId: 'maria', name: 'Maria Popa' });
    const returnAudit = till.db.prepare(`SELECT details FROM audit_log WHERE action = 'return.no_receipt'`).pluck().get() as string;
    expect(JSON.parse(returnAudit)).toMatchObject({ approverId: 'maria' });
    expect(op.payload.lines[1]).toMatchObject({ sku: b.sku, shelfPriceMinor: b.price, unitPriceMinor: b.price - 50 });
    expect(op.payload.vat.reduce((s, v) => s + v.grossMinor, 0)).toBe(refund);

    const audits = till.db.prepare(`SELECT action, actor_id AS actorId FROM audit_log WHERE action IN ('approval.granted', 'approval.used', 'return.no_receipt') ORDER BY id`).all();
    expect(audits).toEqual([
      { action: 'approval.granted', actorId: 'maria' },
      { action: 'approval.used', actorId: 'ana' },
      { action: 'return.no_receipt', actorId: 'ana' },
    ]);

    const job = till.db.prepare(`SELECT purpose, document FROM print_jobs WHERE purpose IS NOT NULL`).get() as { purpose: string; document: string };
    expect(job.purpose).toBe('return_cash');
    const text = receiptPlainText(receiptSchema.parse(JSON.parse(job.document)), { columns: 42 });
    expect(text).toContain('*** RETURN ***');
    expect(text).toContain('Without a receipt (manager approved)');
    expect(text).not.toContain('For receipt');

    ok(await till.dispatch('staff.signIn', { staffId: 'maria', pin: '9999' }));
    const x = ok(await till.dispatch('shift.x', {})) as ShiftReport;
    expect(x.returns).toEqual({ count: 1, gross: refund });
    expect(x.expectedCash).toBe(100_000 - refund);

    // The manager's own return used no approval: the op says so (null), not the earlier one's manager.
    const own = ok(await till.dispatch('return.noReceipt', { lines: [{ sku: a.sku, quantity: 1 }], method: 'storeCredit' })) as ReturnView;
    const ownRow = till.db.prepare(`SELECT payload FROM outbox WHERE op_type = 'return.no_receipt' AND entity_id = ?`).pluck().get(own.returnId) as string;
    expect(JSON.parse(ownRow)).toMatchObject({ cashier: 'Maria Popa', approver: null });
    await till.close();
  });

  it('a manager signed in needs no one else; weighed goods are priced per kg like a sale; store credit by default', async () => {
    const till = openTestTill({ staff: true });
    ok(await till.dispatch('staff.signIn', { staffId: 'maria', pin: '9999' }));
    expect(ok(await till.dispatch('return.noReceiptPolicy', {}))).toEqual({ methods: ['storeCredit'], maxMinor: 50_000, currency: 'MDL' });
    ok(await till.dispatch('shift.open', { float: {} }));
    const [w] = products(till.db, 'weight', 1) as [Product];
    const done = ok(await till.dispatch('return.noReceipt', { lines: [{ sku: w.sku, quantity: 1234 }], method: 'storeCredit' })) as ReturnView;
    // The shift counts the store credit given; spending it is counted as taken.
    const [u] = products(till.db, 'unit', 1) as [Product];
    ok(await till.dispatch('sale.addProduct', { sku: u.sku }));
    ok(await till.dispatch('voucher.apply', { code: done.voucherCode!, amountMinor: Math.min(u.price, done.refund) }));
    ok(await till.dispatch('sale.payCash', { tenderedMinor: u.price }));
    const x = ok(await till.dispatch('shift.x', {})) as ShiftReport;
    expect(x.storeCredit).toEqual({ issued: done.refund, taken: Math.min(u.price, done.refund) });
    expect(x.payments.find((p) => p.method === 'voucher')?.amount).toBe(Math.min(u.price, done.refund));
    expect(done.refund).toBe(noReceiptLineRefund('weight', 1234, w.price));
    expect(done.refund).toBe(Math.round((1234 * w.price) / 1000));
    expect(errorCode(await till.dispatch('return.noReceipt', { lines: [{ sku: w.sku, quantity: 10 }], method: 'cash' }))).toBe('RETURN_NO_RECEIPT_METHOD');

    // The store credit is a voucher: a code with a check character, kept here, queued for central, printed with its QR code.
    expect(done.voucherCode).toMatch(VOUCHER_PATTERN);
    expect(voucherCheck(done.voucherCode!)).toBe('valid');
    expect(till.db.prepare(`SELECT return_id AS returnId, amount_minor AS amount FROM vouchers WHERE code = ?`).get(done.voucherCode)).toEqual({ returnId: done.returnId, amount: done.refund });
    const row = till.db.prepare(`SELECT op_id, op_type, payload FROM outbox WHERE op_type = 'voucher.issued'`).get() as { op_id: string; op_type: string; payload: string };
    expect(VoucherIssuedOp.parse({ opId: row.op_id, type: row.op_type, payload: JSON.parse(row.payload) }).payload).toMatchObject({ code: done.voucherCode, amountMinor: done.refund });
    const receipt = receiptSchema.parse(JSON.parse(till.db.prepare(`SELECT document FROM print_jobs WHERE purpose = 'return'`).pluck().get() as string));
    expect(receipt.qr).toEqual({ kind: 'voucher', data: done.voucherCode });
    const text = receiptPlainText(receipt, { columns: 42 });
    expect(text).toContain('STORE CREDIT VOUCHER');
    expect(text).toContain(formatVoucherCode(done.voucherCode!));
    await till.close();
  });

  it('refuses bad input with a clear error and changes nothing', async () => {
    const till = await tillWithPolicy({ methods: ['cash', 'storeCredit'], maxMinor: 5_000 });
    ok(await till.dispatch('staff.signIn', { staffId: 'maria', pin: '9999' }));
    const [a] = products(till.db, 'unit', 50).filter((p) => p.price <= 2_500) as [Product];
    const commit = (input: object) => till.dispatch('return.noReceipt', { lines: [{ sku: a.sku, quantity: 1 }], method: 'storeCredit', ...input });
    const code = async (input: object) => errorCode(await commit(input));
    const over = Math.floor(5_000 / a.price) + 1;
    const refusedOver = await commit({ lines: [{ sku: a.sku, quantity: over }] });
    expect(errorCode(refusedOver)).toBe('RETURN_NO_RECEIPT_OVER_LIMIT');
    if (!refusedOver.ok) expect(refusedOver.error.message).toContain('50.00');
    expect(await code({ lines: [{ sku: a.sku, quantity: 1, unitPriceMinor: a.price + 1 }] })).toBe('RETURN_NO_RECEIPT_PRICE_ABOVE');
    expect(await code({ lines: [{ sku: 'NO-SUCH-SKU', quantity: 1 }] })).toBe('PRODUCT_NOT_FOUND');
    expect(await code({ lines: [{ sku: a.sku, quantity: 1 }, { sku: a.sku, quantity: 2 }] })).toBe('RETURN_NO_RECEIPT_DUPLICATE');
    expect(await code({ lines: [] })).toBe('INPUT_INVALID');
    expect(await code({ lines: [{ sku: a.sku, quantity: 0 }] })).toBe('INPUT_INVALID');
    expect(await code({ lines: [{ sku: a.sku, quantity: 1, unitPriceMinor: -5 }] })).toBe('INPUT_INVALID');
    expect(await code({ lines: [{ sku: a.sku, quantity: 1, unitPriceMinor: 0 }] })).toBe('INPUT_INVALID');
    expect(await code({ method: 'card' })).toBe('INPUT_INVALID');
    // A cash refund larger than the drawer holds.
    ok(await till.dispatch('shift.open', { float: {} }));
    expect(await code({ method: 'cash' })).toBe('RETURN_CASH_SHORT');
    expect(counts(till.db)).toEqual({ returns: 0, lines: 0, ops: 0, jobs: 0, audit: 0 });
    ok(await commit({}));
    expect(counts(till.db)).toEqual({ returns: 1, lines: 1, ops: 1, jobs: 1, audit: 1 });
    await till.close();
  });

  it('a return with a receipt refunded in store credit gives a voucher too', async () => {
    const till = openTestTill();
    const sold = await sell(till, unitBarcodes(till.db, 1));
    const found = ok(await till.dispatch('return.find', { query: String(sold.sale.receiptNo) })) as { lines: { lineId: string }[] };
    const done = ok(await till.dispatch('return.commit', { saleId: sold.sale.id, lines: [{ lineId: found.lines[0]!.lineId, quantity: 1 }], method: 'storeCredit' })) as ReturnView;
    expect(voucherCheck(done.voucherCode!)).toBe('valid');
    expect(till.db.prepare(`SELECT amount_minor FROM vouchers WHERE return_id = ?`).pluck().get(done.returnId)).toBe(sold.sale.totals.total);
    const receipt = receiptSchema.parse(JSON.parse(till.db.prepare(`SELECT document FROM print_jobs WHERE purpose = 'return'`).pluck().get() as string));
    expect(receipt.refund).toMatchObject({ saleReceiptNo: sold.sale.receiptNo, voucher: { code: done.voucherCode } });
    await till.close();
  });
});
