import { describe, expect, it } from 'vitest';
import { pgliteBackend } from '../../central/test/support/backends.js';
import type { ReturnableSale, ReturnView } from '../../core/returns/contract.js';
import type { CompletedSaleView, SaleView } from '../../core/sale/contract.js';
import { EmulatedTerminal } from '../../electron/backend/payment/emulator.js';
import type { Till } from '../../electron/backend/till.js';
import { returnRules } from '../../electron/backend/staff/rules.js';
import { errorCode } from '../helpers/till.js';
import { tempDir } from '../helpers/tmp.js';
import { useSeededCentral } from '../sync/fixtures.js';
import { openSyncTill, rpc, syncUntilQuiet } from '../sync/support.js';

/**
 * A return at another till of the chain, against a real central (PGlite) and two tills on real
 * SQLite files: the receipt typed as till/number, the card refunded through this till's
 * terminal against the selling till's approval, and the card refused (with why) where central
 * does not hold the approval.
 */

const central = useSeededCentral(pgliteBackend());
const emulator = (till: Till) => till.terminal as EmulatedTerminal;
const count = (till: Till, sql: string) => till.db.prepare(sql).pluck().get() as number;

async function paired(tillId: string): Promise<Till> {
  const terminal = new EmulatedTerminal();
  terminal.behaviour = { kind: 'approve' };
  const till = openSyncTill(tempDir(), {}, terminal);
  await rpc(till, 'sync.pair', { centralUrl: central.chain.central.url, pairingCode: await central.chain.central.pairingCode(tillId) });
  await syncUntilQuiet(till);
  return till;
}

async function sellByCard(till: Till, codes: readonly string[]): Promise<CompletedSaleView> {
  let sale: SaleView | null = null;
  for (const code of codes) sale = await rpc(till, 'sale.scan', { code });
  return rpc(till, 'payment.pay', { cardMinor: sale!.totals.total, cashTenderedMinor: 0 });
}

describe('returns at another till of the chain', () => {
  it('finds a sale typed as till/number through central and refunds the card through this till’s terminal against the original approval', async () => {
    const [t1, t2] = [await paired('T1'), await paired('T2')];
    const sold = await sellByCard(t1, central.chain.barcodes.slice(0, 2));
    const charge = sold.payments[0]!;
    await syncUntilQuiet(t1);

    // Typed as printed (till, then number), in any case; a space or a dash for the slash.
    const found = await rpc(t2, 'return.find', { query: `t1/${sold.sale.receiptNo}` });
    expect(found).toMatchObject({ saleId: sold.sale.id, tillId: 'T1', source: 'central', refundMethods: ['card', 'storeCredit'], cardApprovalUnknown: false });
    expect((await rpc(t2, 'return.find', { query: `T1 ${sold.sale.receiptNo}` })).saleId).toBe(sold.sale.id);
    expect((await rpc(t2, 'return.find', { query: `T1-${sold.sale.receiptNo}` })).saleId).toBe(sold.sale.id);

    await rpc(t2, 'shift.open', { float: { '5000': 1 } });
    const line = found.lines[0] as ReturnableSale['lines'][number];
    const done = (await rpc(t2, 'return.commit', { saleId: sold.sale.id, lines: [{ lineId: line.lineId, quantity: 1 }], method: 'card' })) as ReturnView;
    expect(done.card).toMatchObject({ amount: line.paid, cardLast4: '4242' });
    const refund = emulator(t2).operations.at(-1)!;
    expect(refund).toMatchObject({ type: 'refund', amountMinor: line.paid, originalApproval: charge.approvalCode });
    expect(count(t2, `SELECT COUNT(*) FROM returns WHERE card_refund_minor > 0`)).toBe(1);

    // The same line again, before and after central has the return: nothing left of it.
    expect(errorCode(await t2.dispatch('return.commit', { saleId: sold.sale.id, lines: [{ lineId: line.lineId, quantity: 1 }], method: 'card' }))).toBe('RETURN_LINE_RETURNED');
    await syncUntilQuiet(t2);
    const again = await rpc(t1, 'return.find', { query: String(sold.sale.receiptNo) });
    expect(again.source).toBe('till');
    const fromT2 = await rpc(t2, 'return.find', { query: `T1/${sold.sale.receiptNo}` });
    expect(fromT2.lines.find((l) => l.lineId === line.lineId)?.returned).toBe(1);
    await t1.close();
    await t2.close();
  }, 60_000);

  it('a card sale whose approval central does not hold: no card refund and the screen is told why; cash needs a manager; nothing written', async () => {
    const [t1, t2] = [await paired('T1'), await paired('T2')];
    const sold = await sellByCard(t1, central.chain.barcodes.slice(2, 3));
    await syncUntilQuiet(t1);
    // As an older till's op left it: the approval without the till's reference for the charge.
    await central.db.query(`UPDATE sale_payments SET terminal_reference = NULL WHERE sale_id = $1`, [sold.sale.id]);

    const found = await rpc(t2, 'return.find', { query: `T1/${sold.sale.receiptNo}` });
    expect(found).toMatchObject({ refundMethods: ['cash', 'storeCredit'], cardApprovalUnknown: true });
    const before = count(t2, 'SELECT COUNT(*) FROM returns');
    const operations = emulator(t2).operations.length;
    const card = await t2.dispatch('return.commit', { saleId: sold.sale.id, lines: [{ lineId: found.lines[0]!.lineId, quantity: 1 }], method: 'card' });
    expect(errorCode(card)).toBe('RETURN_CARD_ELSEWHERE');
    expect(card.ok ? '' : card.error.message).toContain('in cash with a manager’s approval');
    expect(count(t2, 'SELECT COUNT(*) FROM returns')).toBe(before);
    expect(emulator(t2).operations.length).toBe(operations);

    // The permission a cash refund of it needs: a manager's, where an ordinary return needs the cashier's.
    const rule = returnRules((saleId) => saleId === sold.sale.id)['return.commit']!;
    const request = { saleId: sold.sale.id, lines: [{ lineId: 'x', quantity: 1 }] };
    expect(rule({ ...request, method: 'cash' })).toBe('return.cashForCard');
    expect(rule({ ...request, method: 'storeCredit' })).toBe('return.withReceipt');
    expect(returnRules(() => false)['return.commit']!({ ...request, method: 'cash' })).toBe('return.withReceipt');
    await t1.close();
    await t2.close();
  }, 60_000);

  it('typed numbers it cannot find: another till’s unknown number, a till not of the chain, each said plainly; the till’s own number too', async () => {
    const t2 = await paired('T2');
    const find = async (query: string) => {
      const r = await t2.dispatch('return.find', { query });
      return r.ok ? 'found' : `${r.error.code}: ${r.error.message}`;
    };
    expect(await find('T1/99999')).toBe('RETURN_NUMBER_NOT_FOUND: There is no receipt 99999 of till T1. Check the till and the number printed on the receipt: another till’s receipt is typed as till/number, e.g. T1/99999.');
    expect(await find('T9/1')).toBe('RETURN_UNKNOWN_TILL: There is no till T9 in this chain: check the till printed on the receipt.');
    expect(await find('777')).toMatch(/^RETURN_NUMBER_NOT_FOUND: There is no receipt 777 of till T2\./);
    await t2.close();
  }, 60_000);
});

describe('a sale found through central names its products in the till’s languages', () => {
  it('from this till’s catalogue by SKU where it has the product, else central’s catalogue: ru and ro names, not the English line name', async () => {
    const [t1, t2] = [await paired('T1'), await paired('T2')];
    const sold = await sellByCard(t1, central.chain.barcodes.slice(3, 5));
    await syncUntilQuiet(t1);
    const catalogue = (till: Till, sku: string) => till.db.prepare(`SELECT name_en AS en, name_ru AS ru, name_ro AS ro FROM products WHERE sku = ?`).get(sku);

    const found = await rpc(t2, 'return.find', { query: `T1/${sold.sale.receiptNo}` });
    expect(found.lines).toHaveLength(2);
    for (const line of found.lines) {
      expect(line.names).toEqual(catalogue(t2, line.sku));
      expect(line.names.ru).not.toBe(line.names.en);
    }

    // This till's cache renamed one product (a newer pull): its name wins; the other, gone from the cache, is named by central's catalogue.
    const [kept, gone] = found.lines as [ReturnableSale['lines'][number], ReturnableSale['lines'][number]];
    t2.db.prepare(`UPDATE products SET name_ru = 'Молоко (касса)' WHERE sku = ?`).run(kept.sku);
    t2.db.prepare(`DELETE FROM products WHERE sku = ?`).run(gone.sku);
    const { rows } = await central.db.query<{ ru: string; ro: string }>(`SELECT name_ru AS ru, name_ro AS ro FROM products WHERE sku = $1`, [gone.sku]);
    const again = await rpc(t2, 'return.find', { query: `T1/${sold.sale.receiptNo}` });
    expect(again.lines.find((l) => l.sku === kept.sku)?.names.ru).toBe('Молоко (касса)');
    expect(again.lines.find((l) => l.sku === gone.sku)?.names).toMatchObject({ en: gone.names.en, ru: rows[0]!.ru, ro: rows[0]!.ro });
    expect(rows[0]!.ru).not.toBe(gone.names.en);
    await t1.close();
    await t2.close();
  }, 60_000);
});
