import { describe, expect, it } from 'vitest';
import type { TillDatabase } from '../../electron/backend/db.js';
import type { SaleView } from '../../core/sale/contract.js';
import type { ApprovalView } from '../../core/staff/contract.js';
import { ApprovalGrantedOp } from '../../core/sync/ops.js';
import { APPROVAL_TTL_MS } from '../../core/staff/roles.js';
import { errorCode, ok, openTestTill } from '../helpers/till.js';

function unitBarcodes(db: TillDatabase, n: number): string[] {
  return db
    .prepare(`SELECT b.code FROM barcodes b JOIN products p USING (sku) JOIN store_prices sp USING (sku) WHERE p.sold_by = 'unit' AND sp.price_minor > 0 ORDER BY b.code LIMIT ?`)
    .pluck()
    .all(n) as string[];
}

function clock(start = Date.parse('2026-12-04T09:00:00Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

/** A sale of `lines` different products, as the signed-in cashier. */
async function saleOf(till: ReturnType<typeof openTestTill>, lines: number): Promise<SaleView> {
  let sale: SaleView | null = null;
  for (const code of unitBarcodes(till.db, lines)) sale = ok(await till.dispatch('sale.scan', { code })) as SaleView;
  return sale as SaleView;
}

const approvalAudit = (db: TillDatabase) =>
  db.prepare(`SELECT actor_id AS actorId, action, subject, details FROM audit_log WHERE action LIKE 'approval.%' ORDER BY id`).all() as {
    actorId: string;
    action: string;
    subject: string;
    details: string;
  }[];

describe('manager approval, offline', () => {
  it('cancelling a long sale needs a manager: her PIN on this till approves it once; audited and queued for central', async () => {
    const c = clock();
    const till = openTestTill({ staff: true, now: c.now });
    till.db.prepare(`INSERT INTO settings (key, value) VALUES ('staff', '{"cancelLinesOver": 2}')`).run();
    await till.close();
    const again = openTestTill({ staff: true, now: c.now, file: till.file });
    ok(await again.dispatch('staff.signIn', { staffId: 'ana', pin: '1111' }));
    await saleOf(again, 3);
    const refused = await again.dispatch('sale.cancel', {});
    expect(errorCode(refused)).toBe('APPROVAL_REQUIRED');
    if (!refused.ok) expect(refused.error.params).toEqual({ action: 'sale.cancelLarge' });
    expect(ok(await again.dispatch('sale.current', {}))).not.toBeNull();

    // A senior cashier cannot approve it; a wrong manager PIN counts like a wrong sign-in.
    expect(errorCode(await again.dispatch('approval.grant', { action: 'sale.cancelLarge', staffId: 'ion', pin: '2222' }))).toBe('STAFF_APPROVER_NOT_MANAGER');
    expect(errorCode(await again.dispatch('approval.grant', { action: 'sale.cancelLarge', staffId: 'maria', pin: '0000' }))).toBe('STAFF_WRONG_PIN');
    expect(again.db.prepare(`SELECT failures FROM staff_pin_failures WHERE staff_id = 'maria'`).pluck().get()).toBe(1);
    expect(again.db.prepare(`SELECT COUNT(*) FROM outbox WHERE op_type = 'approval.granted'`).pluck().get()).toBe(0);

    const granted = ok(await again.dispatch('approval.grant', { action: 'sale.cancelLarge', staffId: 'maria', pin: '9999' })) as ApprovalView;
    expect(granted.approver).toEqual({ id: 'maria', name: 'Maria Popa', role: 'manager' });
    expect(ok(await again.dispatch('sale.cancel', {}))).toBeNull();
    expect(approvalAudit(again.db).map((r) => [r.action, r.actorId, r.subject])).toEqual([
      ['approval.needed', 'ana', 'sale.cancelLarge'],
      ['approval.refused', 'ana', 'sale.cancelLarge'],
      ['approval.refused', 'ana', 'sale.cancelLarge'],
      ['approval.granted', 'maria', 'sale.cancelLarge'],
      ['approval.used', 'ana', 'sale.cancelLarge'],
    ]);
    const row = again.db.prepare(`SELECT op_id, op_type, payload FROM outbox WHERE op_type = 'approval.granted'`).get() as { op_id: string; op_type: string; payload: string };
    const op = ApprovalGrantedOp.parse({ opId: row.op_id, type: row.op_type, payload: JSON.parse(row.payload) });
    expect(op.payload).toMatchObject({ approvalId: granted.approvalId, action: 'sale.cancelLarge', approverId: 'maria', cashierId: 'ana', cashierName: 'Ana Rusu' });

    // Used up: the next long sale needs another approval.
    await saleOf(again, 3);
    expect(errorCode(await again.dispatch('sale.cancel', {}))).toBe('APPROVAL_REQUIRED');
    // One that expires unused helps nobody.
    ok(await again.dispatch('approval.grant', { action: 'sale.cancelLarge', staffId: 'maria', pin: '9999' }));
    c.advance(APPROVAL_TTL_MS);
    expect(errorCode(await again.dispatch('sale.cancel', {}))).toBe('APPROVAL_REQUIRED');
    // An approval is for its action only.
    ok(await again.dispatch('approval.grant', { action: 'shift.z', staffId: 'maria', pin: '9999' }));
    expect(errorCode(await again.dispatch('sale.cancel', {}))).toBe('APPROVAL_REQUIRED');
    await again.close();
  });

  it('a short sale is cancelled by the cashier alone; a manager signed in needs no approval; a till without staff needs none', async () => {
    const till = openTestTill({ staff: true });
    ok(await till.dispatch('staff.signIn', { staffId: 'ana', pin: '1111' }));
    await saleOf(till, 2);
    expect(ok(await till.dispatch('sale.cancel', {}))).toBeNull();
    ok(await till.dispatch('staff.signIn', { staffId: 'maria', pin: '9999' }));
    await saleOf(till, 12);
    expect(ok(await till.dispatch('sale.cancel', {}))).toBeNull();
    expect(approvalAudit(till.db)).toEqual([]);
    await till.close();

    const open = openTestTill();
    await saleOf(open, 12);
    expect(ok(await open.dispatch('sale.cancel', {}))).toBeNull();
    await open.close();
  });

  it('bad approval input is refused and records nothing', async () => {
    const till = openTestTill({ staff: true });
    expect(errorCode(await till.dispatch('approval.grant', { action: 'sale.cancelLarge', staffId: 'maria', pin: '9999' }))).toBe('STAFF_SIGN_IN_REQUIRED');
    ok(await till.dispatch('staff.signIn', { staffId: 'ana', pin: '1111' }));
    expect(errorCode(await till.dispatch('approval.grant', { action: 'sale.fly', staffId: 'maria', pin: '9999' }))).toBe('INPUT_INVALID');
    expect(errorCode(await till.dispatch('approval.grant', { action: 'sale.cancelLarge', staffId: 'maria', pin: 'abcd' }))).toBe('STAFF_PIN_FORMAT');
    expect(errorCode(await till.dispatch('approval.grant', { action: 'sale.cancelLarge', staffId: 'ghost', pin: '9999' }))).toBe('STAFF_UNKNOWN');
    expect(approvalAudit(till.db)).toEqual([]);
    expect(till.db.prepare(`SELECT COUNT(*) FROM outbox`).pluck().get()).toBe(0);
    await till.close();
  });
});
