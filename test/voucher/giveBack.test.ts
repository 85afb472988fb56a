import { describe, expect, it } from 'vitest';
import type { ReturnView } from '../../core/returns/contract.js';
import type { CompletedSaleView, SaleView } from '../../core/sale/contract.js';
import type { ShiftReport } from '../../core/shift/report.js';
import { VoucherReturnedOp } from '../../core/sync/ops.js';
import type { HeldVoucherView } from '../../core/voucher/contract.js';
import type { Till } from '../../electron/backend/till.js';
import { errorCode, ok } from '../helpers/till.js';
import { openSyncTill, rpc, syncUntilQuiet } from '../sync/support.js';
import { useVoucherChain } from './chain.js';

/**
 * Giving back a voucher taken on an open sale, till ↔ central over HTTP on PGlite: removed from
 * the sale or with the sale cancelled, its amount goes back on the voucher at central once; offline,
 * a till gives back its own voucher here and central applies its op once; another's, taken online,
 * needs a connection and stays on the sale. A give-back the till died in is finished at start-up.
 */
describe('giving a voucher back', () => {
  const v = useVoucherChain();
  const balanceAtCentral = async (code: string) => Number((await v.db.query<{ b: string }>(`SELECT balance_minor AS b FROM vouchers WHERE code = $1`, [code])).rows[0]!.b);
  const apply = (till: Till, code: string, amountMinor: number) => till.dispatch('voucher.apply', { code, amountMinor });
  const held = async (till: Till) => (await rpc(till, 'payment.state', {})).vouchers;
  const actions = (till: Till, spendId: string) =>
    till.db.prepare(`SELECT action FROM audit_log WHERE action LIKE 'voucher.%' AND details LIKE ? ORDER BY rowid`).pluck().all(`%${spendId}%`) as string[];
  /** A store-credit voucher issued by `issuer` (a return without a receipt) and known at central. */
  async function newVoucher(quantity: number): Promise<{ code: string; amount: number }> {
    const done = (await rpc(v.issuer, 'return.noReceipt', { lines: [{ sku: 'P0030', quantity }], method: 'storeCredit' })) as ReturnView;
    await syncUntilQuiet(v.issuer);
    return { code: done.voucherCode!, amount: done.refund };
  }
  /** An open sale of `n` units of one product on `till`. */
  async function openSale(till: Till, n: number): Promise<SaleView> {
    let sale: SaleView | null = null;
    for (let i = 0; i < n; i++) sale = (await rpc(till, 'sale.scan', { code: v.chain.barcodes[20]! })) as SaleView;
    return sale!;
  }

  it('removed from the sale: back on the voucher at central once, audited; again, or an unknown spend, is refused and changes nothing', async () => {
    const voucher = await newVoucher(5);
    await openSale(v.other, 8);
    const spend = ok(await apply(v.other, voucher.code, 200)) as HeldVoucherView;
    expect(await balanceAtCentral(voucher.code)).toBe(voucher.amount - 200);
    expect(ok(await v.other.dispatch('voucher.remove', { spendId: spend.spendId }))).toEqual([]);
    expect(await balanceAtCentral(voucher.code)).toBe(voucher.amount);
    expect(await held(v.other)).toEqual([]);
    expect(actions(v.other, spend.spendId)).toEqual(['voucher.taken', 'voucher.return_started', 'voucher.returned']);
    expect(errorCode(await v.other.dispatch('voucher.remove', { spendId: spend.spendId }))).toBe('VOUCHER_NOT_ON_SALE');
    expect(errorCode(await v.other.dispatch('voucher.remove', { spendId: 'nope' }))).toBe('VOUCHER_NOT_ON_SALE');
    expect(errorCode(await v.other.dispatch('voucher.remove', { spendId: '' }))).toBe('INPUT_INVALID');
    expect(await balanceAtCentral(voucher.code)).toBe(voucher.amount);
    // Taken again on the same sale: the whole voucher is there to take.
    ok(await apply(v.other, voucher.code, voucher.amount));
    expect(await balanceAtCentral(voucher.code)).toBe(0);
    ok(await v.other.dispatch('voucher.remove', { spendId: (await held(v.other))[0]!.spendId }));
    ok(await v.other.dispatch('sale.cancel', {}));
  });

  it('the sale cancelled with a voucher on it: the voucher is given back first, then the sale cancelled', async () => {
    const voucher = await newVoucher(2);
    await openSale(v.other, 2);
    ok(await apply(v.other, voucher.code, 150));
    ok(await v.other.dispatch('sale.cancel', {}));
    expect(await rpc(v.other, 'sale.current', {})).toBeNull();
    expect(await balanceAtCentral(voucher.code)).toBe(voucher.amount);
    expect(v.other.db.prepare(`SELECT state FROM voucher_spends WHERE code = ?`).pluck().all(voucher.code)).toEqual(['returned']);
  });

  it('X and Z count as store credit taken only what stayed spent', async () => {
    const voucher = await newVoucher(3);
    ok(await v.other.dispatch('shift.open', { float: { '10000': 1 } }));
    const before = (ok(await v.other.dispatch('shift.x', {})) as ShiftReport).storeCredit.taken;
    const sale = await openSale(v.other, 2);
    const first = ok(await apply(v.other, voucher.code, 120)) as HeldVoucherView;
    ok(await v.other.dispatch('voucher.remove', { spendId: first.spendId }));
    ok(await apply(v.other, voucher.code, 70));
    const paid = ok(await v.other.dispatch('sale.payCash', { tenderedMinor: sale.totals.total - 70 })) as CompletedSaleView;
    expect(paid.payments.filter((p) => p.method === 'voucher').map((p) => p.amount)).toEqual([70]);
    expect((ok(await v.other.dispatch('shift.x', {})) as ShiftReport).storeCredit.taken - before).toBe(70);
    await syncUntilQuiet(v.other);
    expect(await balanceAtCentral(voucher.code)).toBe(voucher.amount - 70);
  });

  it('a give-back the till died in (its call reached central, the answer did not) is finished at start-up and given back once', async () => {
    const voucher = await newVoucher(2);
    await openSale(v.other, 2);
    const spend = ok(await apply(v.other, voucher.code, 90)) as HeldVoucherView;
    // Central gave it back; the till died before it recorded the answer.
    v.other.db.prepare(`UPDATE voucher_spends SET state = 'returning' WHERE id = ?`).run(spend.spendId);
    const body = { spendId: spend.spendId, code: voucher.code, saleId: (await rpc(v.other, 'sale.current', {}))!.id, amountMinor: 90 };
    expect((await v.other.sync.postToCentral('/v1/till/vouchers/return', body, 3000))?.json).toMatchObject({ returned: true, givenBackMinor: 90 });
    await v.other.close();
    v.other = openSyncTill(v.dirs[1]);
    expect(v.other.db.prepare(`SELECT state || '/' || returned_offline FROM voucher_spends WHERE id = ?`).pluck().get(spend.spendId)).toBe('returned/1');
    expect(actions(v.other, spend.spendId).at(-1)).toBe('voucher.return_settled');
    await syncUntilQuiet(v.other);
    expect(await balanceAtCentral(voucher.code)).toBe(voucher.amount);
    ok(await v.other.dispatch('sale.cancel', {}));
  });

  it('offline: the till gives back its own voucher here and central applies it once when back; another till’s, taken online, needs a connection and stays on the sale', async () => {
    const voucher = await newVoucher(4);
    await openSale(v.issuer, 6);
    await openSale(v.other, 2);
    const own = ok(await apply(v.issuer, voucher.code, 80)) as HeldVoucherView;
    const theirs = ok(await apply(v.other, voucher.code, 60)) as HeldVoucherView;
    expect(await balanceAtCentral(voucher.code)).toBe(voucher.amount - 140);
    await v.stopCentral();

    expect(errorCode(await v.other.dispatch('voucher.remove', { spendId: theirs.spendId }))).toBe('VOUCHER_RETURN_NEEDS_CONNECTION');
    expect(errorCode(await v.other.dispatch('sale.cancel', {}))).toBe('VOUCHER_RETURN_NEEDS_CONNECTION');
    expect((await held(v.other)).map((h) => h.spendId)).toEqual([theirs.spendId]);
    expect(actions(v.other, theirs.spendId).slice(-2)).toEqual(['voucher.return_started', 'voucher.return_needs_connection']);

    expect(ok(await v.issuer.dispatch('voucher.remove', { spendId: own.spendId }))).toEqual([]);
    expect(actions(v.issuer, own.spendId).slice(-1)).toEqual(['voucher.returned_offline']);
    const row = v.issuer.db.prepare(`SELECT op_id, op_type, payload FROM outbox WHERE op_type = 'voucher.returned' AND entity_id = ?`).get(own.spendId) as { op_id: string; op_type: string; payload: string };
    expect(VoucherReturnedOp.parse({ opId: row.op_id, type: row.op_type, payload: JSON.parse(row.payload) }).payload).toMatchObject({ spendId: own.spendId, code: voucher.code, amountMinor: 80 });
    // Offline, the till knows its own voucher holds the 80 again: all of it, as far as this till knows, is there to take; given back again.
    const again = ok(await apply(v.issuer, voucher.code, voucher.amount)) as HeldVoucherView;
    expect(again).toMatchObject({ offline: true, amount: voucher.amount });
    ok(await v.issuer.dispatch('voucher.remove', { spendId: again.spendId }));

    await v.restartCentral();
    await syncUntilQuiet(v.issuer);
    expect(await balanceAtCentral(voucher.code)).toBe(voucher.amount - 60);
    // Pushed again (a retry after a lost answer): central answers with the first result, nothing given back twice.
    v.issuer.db.prepare(`UPDATE outbox SET status = 'pending' WHERE op_type = 'voucher.returned'`).run();
    await syncUntilQuiet(v.issuer);
    expect(await balanceAtCentral(voucher.code)).toBe(voucher.amount - 60);

    // Online again, the other till gives its voucher back through central.
    ok(await v.other.dispatch('sale.cancel', {}));
    expect(await balanceAtCentral(voucher.code)).toBe(voucher.amount);
    ok(await v.issuer.dispatch('sale.cancel', {}));
  });
});
