import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../core/ids.js';
import { allBackends } from './support/backends.js';
import { setUpChain, type TestChain } from './support/chain.js';
import { consoleAccounts, consoleCall, type Session } from './support/console.js';
import { issuedOp, noReceiptOp, spentOp, voucherCode } from './support/storeOps.js';

/**
 * The console's store operations: returns without a receipt per store and local day (till,
 * cashier, the approving manager, products, amount, method) and voucher conflicts resolved with
 * a note, audited; a store manager sees and resolves their own stores' only.
 */
describe.each(allBackends())('console store operations on $name', (backend) => {
  let chain: TestChain;
  let sessions: Record<'it_admin' | 'marketer' | 'store_manager', Session>;
  const returns: Record<string, string> = {};
  const spends: Record<'s1' | 's2', string> = { s1: '', s2: '' };

  const push = async (token: string, ops: unknown[]) => {
    const r = await chain.call('POST', '/v1/sync/push', token, { ops });
    expect(r.json.results.map((x: { status: string }) => x.status), r.body).toEqual(ops.map(() => 'applied'));
  };
  const approval = (tillId: string, storeId: string, grantedAt: string, approverName: string) => ({
    opId: newId(),
    type: 'approval.granted' as const,
    payload: { approvalId: newId(), tillId, storeId, action: 'return.withoutReceipt', approverId: `m-${approverName}`, approverName, cashierId: 'c-1', cashierName: 'Ana', grantedAt },
  });
  /** Without `approver` (undefined): an older till's op, which does not say. */
  const noReceipt = (
    key: string,
    tillId: string,
    storeId: string,
    returnNo: number,
    returnedAt: string,
    method: 'cash' | 'storeCredit',
    approver?: { staffId: string; name: string } | null,
  ) => {
    const op = noReceiptOp(tillId, storeId, storeId === 'S1' ? 'RON' : 'MDL', returnNo);
    returns[key] = op.payload.returnId;
    return { ...op, payload: { ...op.payload, returnedAt, method, ...(approver !== undefined ? { approver } : {}) } };
  };

  beforeAll(async () => {
    if (!backend.available) return;
    await backend.setUp();
    chain = await setUpChain(await backend.freshDb());
    sessions = await consoleAccounts(chain);
    await chain.db.query(`UPDATE central_meta SET value = 'Europe/Chisinau' WHERE key = 'time_zone'`);
    await chain.db.query(
      `INSERT INTO products (sku, name_en, name_ru, name_ro, vat_category, category, sold_by) VALUES ('SKU-1', 'Mug', 'Кружка', 'Cană', 'standard', 'home', 'unit') ON CONFLICT DO NOTHING`,
    );
    // T1: an approved return, then (hours later) one the cashier's own role allowed; a late one on the next local day.
    await push(chain.t1, [
      approval('T1', 'S1', '2026-12-04T08:59:30.000Z', 'Maria Manager'),
      noReceipt('approved', 'T1', 'S1', 1, '2026-12-04T09:00:00.000Z', 'cash'),
      noReceipt('own', 'T1', 'S1', 2, '2026-12-04T12:00:00.000Z', 'storeCredit'),
      noReceipt('late', 'T1', 'S1', 3, '2026-12-04T22:30:00.000Z', 'storeCredit'),
    ]);
    await push(chain.t2, [noReceipt('other', 'T2', 'S2', 1, '2026-12-04T10:00:00.000Z', 'storeCredit')]);
    // The day before, from a till that names the approver: an approval by someone else just before
    // each return, which inference would have picked.
    await push(chain.t1, [
      approval('T1', 'S1', '2026-12-03T09:59:30.000Z', 'Ion Nearby'),
      noReceipt('named', 'T1', 'S1', 4, '2026-12-03T10:00:00.000Z', 'cash', { staffId: 'victor', name: 'Victor Named' }),
      noReceipt('ownNamed', 'T1', 'S1', 5, '2026-12-03T10:00:30.000Z', 'storeCredit', null),
    ]);
    // Two vouchers of store one, each overspent offline: A at till 2 (store two), B at till 1 (store one).
    const a = voucherCode();
    const b = voucherCode();
    await push(chain.t1, [issuedOp(a, 1000), issuedOp(b, 500), spentOp(a, 800)]);
    const overA = spentOp(a, 500, 'T2');
    await push(chain.t2, [overA, spentOp(b, 400, 'T2')]);
    const overB = spentOp(b, 400);
    await push(chain.t1, [overB]);
    spends.s2 = overA.payload.spendId;
    spends.s1 = overB.payload.spendId;
  });
  afterAll(async () => {
    if (!backend.available) return;
    await chain?.app.close();
    await backend.tearDown();
  });

  const get = (path: string, as: Session) => consoleCall(chain, 'GET', `/console/api/operations/${path}`, as);
  const resolve = (spendId: string, note: unknown, as: Session) => consoleCall(chain, 'POST', `/console/api/operations/voucher-conflicts/${spendId}/resolve`, as, { note });

  describe.skipIf(!backend.available)('returns without a receipt', () => {
    it('per store and local day, with the till, the cashier, the approving manager, the products, the amount and the method', async () => {
      const r = await get('no-receipt-returns?from=2026-12-04&to=2026-12-04', sessions.it_admin);
      expect(r.status, r.body).toBe(200);
      expect(r.json).toMatchObject({ from: '2026-12-04', to: '2026-12-04', timeZone: 'Europe/Chisinau', capped: false });
      // Store one first (by name), newest first; the 22:30 UTC return is the next local day in Chișinău.
      expect(r.json.returns.map((x: { id: string }) => x.id)).toEqual([returns.own, returns.approved, returns.other]);
      const approved = r.json.returns[1];
      expect(approved).toMatchObject({
        returnNo: 1,
        storeId: 'S1',
        store: 'Store one',
        till: 'Till 1',
        day: '2026-12-04',
        cashier: 'Ana',
        approver: 'Maria Manager',
        // An older till's op: the approver was inferred from the till's approvals, and says so.
        approverInferred: true,
        method: 'cash',
        refundMinor: 2400,
        currency: 'RON',
      });
      expect(approved.lines).toEqual([
        { sku: 'SKU-1', product: { en: 'Mug', ru: 'Кружка', ro: 'Cană' }, qtyKind: 'unit', quantity: 2, shelfPriceMinor: 1000, unitPriceMinor: 1000, refundMinor: 2000 },
        { sku: 'SKU-2', product: null, qtyKind: 'weight', quantity: 500, shelfPriceMinor: 1000, unitPriceMinor: 800, refundMinor: 400 },
      ]);
      // Three hours after the approval: none of it.
      expect(r.json.returns[0]).toMatchObject({ approver: null, approverInferred: false, method: 'storeCredit' });
      const next = await get('no-receipt-returns?from=2026-12-05&to=2026-12-05', sessions.it_admin);
      expect(next.json.returns.map((x: { id: string; day: string }) => [x.id, x.day])).toEqual([[returns.late, '2026-12-05']]);
    });

    it('the approver the till named wins over one inferred; a till that named none (the cashier’s own role) gets none inferred', async () => {
      const r = await get('no-receipt-returns?from=2026-12-03&to=2026-12-03', sessions.it_admin);
      expect(r.status, r.body).toBe(200);
      const byId = new Map(r.json.returns.map((x: { id: string }) => [x.id, x]));
      expect(byId.get(returns.named)).toMatchObject({ approver: 'Victor Named', approverInferred: false });
      expect(byId.get(returns.ownNamed)).toMatchObject({ approver: null, approverInferred: false });
      const { rows } = await chain.db.query(`SELECT approver_recorded, approver_id, approver_name FROM receiptless_returns WHERE id = $1`, [returns.named]);
      expect(rows).toEqual([{ approver_recorded: true, approver_id: 'victor', approver_name: 'Victor Named' }]);
    });

    it('refuses an op whose approver is not a staff id and a name, saying so, and records nothing', async () => {
      const before = await chain.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM receiptless_returns`);
      for (const approver of ['Maria', { staffId: '', name: 'Maria' }, { staffId: 'maria' }, { staffId: 'maria', name: 'Maria', role: 'manager' }, { staffId: 'maria', name: 'x'.repeat(101) }]) {
        const op = noReceiptOp('T1', 'S1', 'RON', 90);
        const r = await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [{ ...op, payload: { ...op.payload, approver } }] });
        expect(r.json.results[0], JSON.stringify(approver)).toMatchObject({ status: 'rejected', reason: 'invalid', detail: expect.stringContaining('approver') });
      }
      const after = await chain.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM receiptless_returns`);
      expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    });

    it('an op applied again keeps the approver it was first recorded with', async () => {
      const op = noReceipt('again', 'T1', 'S1', 6, '2026-12-03T11:00:00.000Z', 'cash', { staffId: 'maria', name: 'Maria Manager' });
      await push(chain.t1, [op]);
      const again = await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [op] });
      expect(again.json.results[0].status).toBe('duplicate');
      const { rows } = await chain.db.query(`SELECT approver_id, approver_name FROM receiptless_returns WHERE id = $1`, [returns.again]);
      expect(rows).toEqual([{ approver_id: 'maria', approver_name: 'Maria Manager' }]);
    });

    it('a store manager sees their own stores only, and is refused another’s', async () => {
      const mine = await get('no-receipt-returns?from=2026-12-04&to=2026-12-05', sessions.store_manager);
      expect(mine.json.returns.map((x: { storeId: string }) => x.storeId)).toEqual(['S1', 'S1', 'S1']);
      const other = await get('no-receipt-returns?from=2026-12-04&to=2026-12-05&storeId=S2', sessions.store_manager);
      expect(other.status).toBe(403);
      expect((await get('no-receipt-returns?from=2026-12-04&to=2026-12-05&storeId=S2', sessions.it_admin)).json.returns.map((x: { id: string }) => x.id)).toEqual([returns.other]);
    });

    it('refuses a period that ends before it starts, or is no date', async () => {
      const backwards = await get('no-receipt-returns?from=2026-12-05&to=2026-12-04', sessions.it_admin);
      expect(backwards.status).toBe(400);
      expect(backwards.json.error.code).toBe('RANGE_INVALID');
      expect((await get('no-receipt-returns?from=2026-12-40&to=2026-12-04', sessions.it_admin)).json.error.code).toBe('INPUT_INVALID');
      expect((await get('no-receipt-returns?from=2020-01-01&to=2026-12-04', sessions.it_admin)).json.error.code).toBe('RANGE_TOO_LONG');
    });
  });

  describe.skipIf(!backend.available)('voucher conflicts', () => {
    it('lists the overspent offline spends where they were taken; a store manager sees their stores’', async () => {
      const all = await get('voucher-conflicts', sessions.it_admin);
      expect(all.status, all.body).toBe(200);
      expect(all.json.conflicts.map((k: { spendId: string }) => k.spendId).sort()).toEqual([spends.s1, spends.s2].sort());
      expect(all.json.conflicts.find((k: { spendId: string }) => k.spendId === spends.s2)).toMatchObject({
        store: 'Store two',
        till: 'Till 2',
        amountMinor: 500,
        overspentMinor: 300,
        currency: 'RON',
        issuedIn: 'Store one',
        resolvedAt: null,
      });
      const mine = await get('voucher-conflicts', sessions.store_manager);
      expect(mine.json.conflicts.map((k: { spendId: string }) => k.spendId)).toEqual([spends.s1]);
    });

    it('a store manager resolves their store’s conflict with a note, audited; not another store’s, not twice, not without a note', async () => {
      const foreign = await resolve(spends.s2, 'called the customer', sessions.store_manager);
      expect(foreign.status).toBe(403);
      for (const note of ['', '   ', 'x'.repeat(501), 42]) expect((await resolve(spends.s1, note, sessions.store_manager)).status).toBe(400);
      expect((await resolve('no-such-spend', 'checked', sessions.it_admin)).status).toBe(404);
      const open = async () => (await get('voucher-conflicts', sessions.it_admin)).json.conflicts.length;
      expect(await open()).toBe(2);

      const done = await resolve(spends.s1, '  Till 1 short by 3 lei: written off  ', sessions.store_manager);
      expect(done.status, done.body).toBe(204);
      expect(await open()).toBe(1);
      const all = await get('voucher-conflicts?open=false', sessions.store_manager);
      expect(all.json.conflicts[0]).toMatchObject({ spendId: spends.s1, resolvedBy: 'manager', note: 'Till 1 short by 3 lei: written off' });
      expect(all.json.conflicts[0].resolvedAt).not.toBeNull();
      const { rows } = await chain.db.query<{ detail: string }>(`SELECT detail::text FROM console_audit WHERE action = 'voucher_conflict.resolve'`);
      expect(rows.map((x) => JSON.parse(x.detail))).toEqual([{ spendId: spends.s1, note: 'Till 1 short by 3 lei: written off' }]);
      const twice = await resolve(spends.s1, 'again', sessions.it_admin);
      expect(twice.status).toBe(409);
      expect((await get('voucher-conflicts?open=false', sessions.it_admin)).json.conflicts.find((k: { spendId: string }) => k.spendId === spends.s1).note).toBe(
        'Till 1 short by 3 lei: written off',
      );
    });

    it('a spend given back since (its sale did not complete) is no conflict any more', async () => {
      const c = voucherCode();
      const over = spentOp(c, 300);
      await push(chain.t1, [issuedOp(c, 300), spentOp(c, 300), over]);
      const listed = async () => (await get('voucher-conflicts?open=false', sessions.it_admin)).json.conflicts.map((k: { spendId: string }) => k.spendId);
      expect(await listed()).toContain(over.payload.spendId);
      const back = await chain.call('POST', '/v1/till/vouchers/return', chain.t1, { spendId: over.payload.spendId, code: c, saleId: over.payload.saleId, amountMinor: 300 });
      expect(back.json.returned, back.body).toBe(true);
      expect(await listed()).not.toContain(over.payload.spendId);
      expect((await resolve(over.payload.spendId, 'nothing to do', sessions.it_admin)).status).toBe(404);
    });
  });
});
