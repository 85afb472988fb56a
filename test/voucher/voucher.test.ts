import { describe, expect, it } from 'vitest';
import type { ReturnView } from '../../core/returns/contract.js';
import type { CompletedSaleView, SaleView } from '../../core/sale/contract.js';
import { SaleCompletedOp, VoucherSpentOp } from '../../core/sync/ops.js';
import { receiptSchema } from '../../core/receipt/model.js';
import { receiptPlainText } from '../../core/receipt/layout.js';
import { formatVoucherCode, newVoucherCode } from '../../core/voucher/code.js';
import type { HeldVoucherView } from '../../core/voucher/contract.js';
import type { Till } from '../../electron/backend/till.js';
import { errorCode, ok } from '../helpers/till.js';
import { rpc, syncUntilQuiet } from '../sync/support.js';
import { useVoucherChain } from './chain.js';

/** Store credit given as a voucher at till T1, spent at till T2 of the chain (partly, then the rest), with central keeping the balance. */
describe('store-credit vouchers across tills', () => {
  const v = useVoucherChain();
  const balanceAtCentral = async (code: string) => Number((await v.db.query<{ b: string }>(`SELECT balance_minor AS b FROM vouchers WHERE code = $1`, [code])).rows[0]!.b);
  const sellOne = async (till: Till, barcode: string): Promise<SaleView> => (await rpc(till, 'sale.scan', { code: barcode })) as SaleView;
  const apply = (till: Till, code: string, amountMinor?: number) => till.dispatch('voucher.apply', { code, ...(amountMinor ? { amountMinor } : {}) });
  let voucher = '';
  let issued = 0;

  it('a return in store credit issues a voucher that central learns at the next push', async () => {
    const done = (await rpc(v.issuer, 'return.noReceipt', { lines: [{ sku: 'P0030', quantity: 10 }], method: 'storeCredit' })) as ReturnView;
    voucher = done.voucherCode!;
    issued = done.refund;
    expect(issued).toBe(10 * 130);
    await syncUntilQuiet(v.issuer);
    expect(await balanceAtCentral(voucher)).toBe(issued);
  });

  it('another till takes part of it on a sale, the rest of the sale in cash; the receipt, the op and central agree', async () => {
    const sale = await sellOne(v.other, v.chain.barcodes[9]!);
    const held = ok(await apply(v.other, formatVoucherCode(voucher).toLowerCase(), 50)) as HeldVoucherView;
    expect(held).toMatchObject({ code: voucher, amount: 50, balance: issued - 50, offline: false });
    expect((await rpc(v.other, 'payment.state', {})).vouchers).toEqual([held]);
    // The same voucher twice on a sale, or more than is left to pay: refused.
    expect(errorCode(await apply(v.other, voucher, 10))).toBe('VOUCHER_ALREADY_ON_SALE');
    const paid = ok(await v.other.dispatch('sale.payCash', { tenderedMinor: sale.totals.total - 50 })) as CompletedSaleView;
    expect(paid.payments.map((p) => [p.method, p.amount, p.voucherCode ?? null])).toEqual([
      ['voucher', 50, voucher],
      ['cash', sale.totals.total - 50, null],
    ]);
    const doc = v.other.db.prepare(`SELECT document FROM print_jobs WHERE sale_id = ? AND kind = 'receipt'`).pluck().get(paid.sale.id) as string;
    expect(receiptPlainText(receiptSchema.parse(JSON.parse(doc)), { columns: 42 })).toContain(`Voucher ${formatVoucherCode(voucher)}`);
    const row = v.other.db.prepare(`SELECT op_id, op_type, payload FROM outbox WHERE op_type = 'sale.completed' AND entity_id = ?`).get(paid.sale.id) as { op_id: string; op_type: string; payload: string };
    expect(SaleCompletedOp.parse({ opId: row.op_id, type: row.op_type, payload: JSON.parse(row.payload) }).payload.payments[0]).toMatchObject({ method: 'voucher', voucherCode: voucher });
    await syncUntilQuiet(v.other);
    expect(await balanceAtCentral(voucher)).toBe(issued - 50);
    const { rows } = await v.db.query<{ method: string }>(`SELECT method FROM sale_payments WHERE sale_id = $1 ORDER BY method`, [paid.sale.id]);
    expect(rows.map((r) => r.method)).toEqual(['cash', 'voucher']);
  });

  it('refuses a mistyped, unknown, short or spent voucher with a clear error, and nothing is held', async () => {
    const sale = await sellOne(v.other, v.chain.barcodes[10]!);
    const wrong = voucher.slice(0, 5) + (voucher[5] === 'A' ? 'B' : 'A') + voucher.slice(6);
    expect(errorCode(await apply(v.other, wrong))).toBe('VOUCHER_MISTYPED');
    expect(errorCode(await apply(v.other, 'HELLO'))).toBe('VOUCHER_NOT_A_CODE');
    expect(errorCode(await apply(v.other, newVoucherCode(() => 7)))).toBe('VOUCHER_UNKNOWN');
    expect(errorCode(await apply(v.other, voucher, sale.totals.total + 1))).toBe('VOUCHER_OVER_REMAINDER');
    // A bigger sale than what is left on it: take exactly what is left, then it is spent.
    for (let i = 0; i < 20; i++) await sellOne(v.other, v.chain.barcodes[11]!);
    const refused = await apply(v.other, voucher, issued - 50 + 1);
    expect(errorCode(refused)).toBe('VOUCHER_INSUFFICIENT');
    if (!refused.ok) expect(refused.error.message).toContain(((issued - 50) / 100).toFixed(2));
    expect((await rpc(v.other, 'payment.state', {})).vouchers).toEqual([]);
    ok(await apply(v.other, voucher, issued - 50));
    expect(await balanceAtCentral(voucher)).toBe(0);
    // Taken off the sale, its amount is back at central; taken again to pay.
    const [onSale] = (await rpc(v.other, 'payment.state', {})).vouchers;
    ok(await v.other.dispatch('voucher.remove', { spendId: onSale!.spendId }));
    expect(await balanceAtCentral(voucher)).toBe(issued - 50);
    ok(await apply(v.other, voucher, issued - 50));
    const open = (await rpc(v.other, 'sale.current', {})) as SaleView;
    ok(await v.other.dispatch('sale.payCash', { tenderedMinor: open.totals.total - (issued - 50) }));
    await sellOne(v.other, v.chain.barcodes[12]!);
    expect(errorCode(await apply(v.other, voucher, 1))).toBe('VOUCHER_SPENT');
  });

  it('offline: the issuing till takes its own voucher up to what it knows is left; another till says it needs a connection', async () => {
    const done = (await rpc(v.issuer, 'return.noReceipt', { lines: [{ sku: 'P0030', quantity: 2 }], method: 'storeCredit' })) as ReturnView;
    await syncUntilQuiet(v.issuer);
    await v.stopCentral();
    const own = done.voucherCode!;
    await sellOne(v.other, v.chain.barcodes[13]!);
    expect(errorCode(await apply(v.other, own, 10))).toBe('VOUCHER_NEEDS_CONNECTION');
    for (let i = 0; i < 5; i++) await sellOne(v.issuer, v.chain.barcodes[13]!);
    expect(errorCode(await apply(v.issuer, own, done.refund + 1))).toBe('VOUCHER_NEEDS_CONNECTION');
    const held = ok(await apply(v.issuer, own, done.refund)) as HeldVoucherView;
    expect(held).toMatchObject({ offline: true, balance: null, amount: done.refund });
    const sale = ok(await v.issuer.dispatch('sale.current', {})) as SaleView;
    const paid = ok(await v.issuer.dispatch('sale.payCash', { tenderedMinor: sale.totals.total - done.refund })) as CompletedSaleView;
    const row = v.issuer.db.prepare(`SELECT op_id, op_type, payload FROM outbox WHERE op_type = 'voucher.spent'`).get() as { op_id: string; op_type: string; payload: string };
    expect(VoucherSpentOp.parse({ opId: row.op_id, type: row.op_type, payload: JSON.parse(row.payload) }).payload).toMatchObject({ code: own, saleId: paid.sale.id, amountMinor: done.refund, spendId: held.spendId });
  });
});
