import { describe, expect, it } from 'vitest';
import type { TillDatabase } from '../../electron/backend/db.js';
import { join } from 'node:path';
import type { CompletedSaleView, SaleView } from '../../core/sale/contract.js';
import type { SessionView } from '../../core/staff/contract.js';
import type { Change } from '../../core/sync/pull.js';
import { can, MAX_PIN_FAILURES, PIN_LOCK_MS } from '../../core/staff/roles.js';
import { openTillDatabase } from '../../electron/backend/db.js';
import { createCache } from '../../electron/backend/sync/cache.js';
import { cardHash, hashPinSync, verifyPin } from '../../electron/backend/staff/pin.js';
import { createStaffSession, requirePermission } from '../../electron/backend/staff/session.js';
import { DEFAULT_SETTINGS } from '../../electron/backend/settings.js';
import { errorCode, ok, openTestTill } from '../helpers/till.js';
import { tempDir } from '../helpers/tmp.js';
import { hashPin } from '../../central/src/staff/pin.js';

function unitBarcode(db: TillDatabase): string {
  return db.prepare(`SELECT b.code FROM barcodes b JOIN products p USING (sku) JOIN store_prices sp USING (sku) WHERE p.sold_by = 'unit' AND sp.price_minor > 0 ORDER BY b.code LIMIT 1`).pluck().get() as string;
}

function clock(start = Date.parse('2026-12-04T09:00:00Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

const audit = (db: TillDatabase, action: string) =>
  db.prepare('SELECT actor, actor_id AS actorId, subject, details FROM audit_log WHERE action = ? ORDER BY id').all(action) as { actor: string; actorId: string | null; subject: string | null; details: string | null }[];

describe('staff sign-in at the till', () => {
  it('a till without staff (before its first sync) sells as its configured cashier', async () => {
    const till = openTestTill();
    const session = ok(await till.dispatch('staff.session', {})) as SessionView;
    expect(session).toMatchObject({ state: 'signedOut', required: false, staff: [] });
    ok(await till.dispatch('sale.scan', { code: unitBarcode(till.db) }));
    await till.close();
  });

  it('refuses to sell until someone signs in; the signed-in person is the cashier on the sale, the op, the receipt and the audit rows', async () => {
    const till = openTestTill({ staff: true });
    const code = unitBarcode(till.db);
    const first = ok(await till.dispatch('staff.session', {})) as SessionView;
    expect(first.required).toBe(true);
    expect(first.staff.map((s) => s.name)).toEqual(['Ana Rusu', 'Ion Ceban', 'Maria Popa']);
    expect(errorCode(await till.dispatch('sale.scan', { code }))).toBe('STAFF_SIGN_IN_REQUIRED');
    expect(errorCode(await till.dispatch('customer.lookup', { query: '+37360000000' }))).toBe('STAFF_SIGN_IN_REQUIRED');
    // Reading the open sale stays possible behind the sign-in screen.
    expect(ok(await till.dispatch('sale.current', {}))).toBeNull();

    const signed = ok(await till.dispatch('staff.signIn', { staffId: 'ana', pin: '1111' })) as SessionView;
    expect(signed).toMatchObject({ state: 'open', person: { id: 'ana', name: 'Ana Rusu', role: 'cashier' } });
    const sale = ok(await till.dispatch('sale.scan', { code })) as SaleView;
    const done = ok(await till.dispatch('sale.payCash', { tenderedMinor: sale.totals.total })) as CompletedSaleView;
    expect(done.cashier).toBe('Ana Rusu');
    expect(till.db.prepare('SELECT cashier, cashier_id FROM sales WHERE id = ?').get(done.sale.id)).toEqual({ cashier: 'Ana Rusu', cashier_id: 'ana' });
    const op = JSON.parse(till.db.prepare('SELECT payload FROM outbox WHERE entity_id = ?').pluck().get(done.sale.id) as string) as { cashier: string };
    expect(op.cashier).toBe('Ana Rusu');
    const receipt = JSON.parse(till.db.prepare(`SELECT document FROM print_jobs WHERE sale_id = ?`).pluck().get(done.sale.id) as string) as object;
    expect(JSON.stringify(receipt)).toContain('Ana Rusu');
    expect(audit(till.db, 'staff.signed_in')).toEqual([{ actor: 'Ana Rusu', actorId: 'ana', subject: 'ana', details: '{"how":"pin"}' }]);

    ok(await till.dispatch('staff.signOut', {}));
    expect(errorCode(await till.dispatch('sale.scan', { code }))).toBe('STAFF_SIGN_IN_REQUIRED');
    expect(audit(till.db, 'staff.signed_out')).toHaveLength(1);
    await till.close();
  });

  it('signs in by staff card; a person signing in mid-sale takes the sale over; audit rows name who did it', async () => {
    const till = openTestTill({ staff: true });
    const code = unitBarcode(till.db);
    ok(await till.dispatch('staff.signIn', { staffId: 'ion', pin: '2222' }));
    const sale = ok(await till.dispatch('sale.scan', { code })) as SaleView;
    ok(await till.dispatch('sale.voidLine', { lineId: sale.lines[0]!.id }));
    expect(audit(till.db, 'sale.line_voided')[0]).toMatchObject({ actor: 'Ion Ceban', actorId: 'ion' });

    expect(errorCode(await till.dispatch('staff.signIn', { card: 'STAFF-NOBODY' }))).toBe('STAFF_UNKNOWN_CARD');
    const maria = ok(await till.dispatch('staff.signIn', { card: '  STAFF-MARIA-K9P4 ' })) as SessionView;
    expect(maria.person).toEqual({ id: 'maria', name: 'Maria Popa', role: 'manager' });
    ok(await till.dispatch('sale.scan', { code }));
    const done = ok(await till.dispatch('sale.payCash', { tenderedMinor: 10_000_000 })) as CompletedSaleView;
    expect(done.cashier).toBe('Maria Popa');
    expect(audit(till.db, 'staff.signed_in').at(-1)).toMatchObject({ actorId: 'maria', details: '{"how":"card","after":"ion"}' });
    expect(audit(till.db, 'staff.card_unknown')).toHaveLength(1);
    await till.close();
  });

  it('five wrong PINs lock that person for five minutes (audited, kept over a restart); others can still sign in', async () => {
    const c = clock();
    const till = openTestTill({ staff: true, now: c.now });
    const lefts: number[] = [];
    for (let i = 1; i < MAX_PIN_FAILURES; i++) {
      const r = await till.dispatch('staff.signIn', { staffId: 'ana', pin: '0000' });
      expect(errorCode(r)).toBe('STAFF_WRONG_PIN');
      if (!r.ok) lefts.push(Number(r.error.params?.left));
    }
    expect(lefts).toEqual([4, 3, 2, 1]);
    const fifth = await till.dispatch('staff.signIn', { staffId: 'ana', pin: '0000' });
    expect(errorCode(fifth)).toBe('STAFF_PIN_LOCKED');
    if (!fifth.ok) expect(fifth.error.message).toBe('Too many wrong PINs: Ana Rusu is locked until 11:05. Another person can sign in.');
    // The right PIN does not help while locked.
    expect(errorCode(await till.dispatch('staff.signIn', { staffId: 'ana', pin: '1111' }))).toBe('STAFF_PIN_LOCKED');
    expect(audit(till.db, 'staff.pin_wrong')).toHaveLength(5);
    expect(audit(till.db, 'staff.pin_locked')).toHaveLength(1);
    ok(await till.dispatch('staff.signIn', { staffId: 'maria', pin: '9999' }));
    const file = till.file;
    await till.close();

    const again = openTestTill({ staff: true, now: c.now, file });
    expect(errorCode(await again.dispatch('staff.signIn', { staffId: 'ana', pin: '1111' }))).toBe('STAFF_PIN_LOCKED');
    c.advance(PIN_LOCK_MS);
    expect((ok(await again.dispatch('staff.signIn', { staffId: 'ana', pin: '1111' })) as SessionView).person?.id).toBe('ana');
    // A success starts the count again.
    expect(again.db.prepare('SELECT failures, locked_until FROM staff_pin_failures WHERE staff_id = ?').get('ana')).toEqual({ failures: 0, locked_until: null });
    await again.close();
  });

  it('locks after inactivity; the same PIN unlocks; bad input is refused and changes nothing', async () => {
    const c = clock();
    const till = openTestTill({ staff: true, now: c.now });
    const code = unitBarcode(till.db);
    ok(await till.dispatch('staff.signIn', { staffId: 'ana', pin: '1111' }));
    ok(await till.dispatch('sale.scan', { code }));
    const { lockAfterMs } = ok(await till.dispatch('staff.session', {})) as SessionView;
    c.advance(lockAfterMs - 1);
    ok(await till.dispatch('sale.scan', { code }));
    c.advance(lockAfterMs);
    expect(errorCode(await till.dispatch('sale.scan', { code }))).toBe('STAFF_SESSION_LOCKED');
    expect((ok(await till.dispatch('staff.session', {})) as SessionView).state).toBe('locked');
    expect(audit(till.db, 'staff.locked')[0]?.details).toBe('{"reason":"inactivity"}');
    ok(await till.dispatch('staff.signIn', { staffId: 'ana', pin: '1111' }));
    expect(audit(till.db, 'staff.unlocked')).toHaveLength(1);
    expect((ok(await till.dispatch('sale.current', {})) as SaleView).lines[0]?.quantity).toBe(2);

    ok(await till.dispatch('staff.lock', {}));
    expect(errorCode(await till.dispatch('sale.scan', { code }))).toBe('STAFF_SESSION_LOCKED');

    const before = till.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get();
    expect(errorCode(await till.dispatch('staff.signIn', { staffId: 'ana', pin: '12' }))).toBe('STAFF_PIN_FORMAT');
    expect(errorCode(await till.dispatch('staff.signIn', { staffId: 'ana', pin: '12a4' }))).toBe('STAFF_PIN_FORMAT');
    expect(errorCode(await till.dispatch('staff.signIn', { staffId: 'nobody', pin: '1111' }))).toBe('STAFF_UNKNOWN');
    expect(errorCode(await till.dispatch('staff.signIn', { staffId: 'ana\u0000', pin: '1111' }))).toBe('INPUT_INVALID');
    expect(errorCode(await till.dispatch('staff.signIn', { staffId: 'ana' }))).toBe('INPUT_INVALID');
    expect(till.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get()).toBe(before);
    expect(till.db.prepare('SELECT COUNT(*) FROM staff_pin_failures').pluck().get()).toBe(0);
    await till.close();
  });

  it('staff synced from central: only hashes in the cache, another store’s staff cannot sign in, a tombstone removes them', async () => {
    const db = openTillDatabase(join(tempDir(), 'till.sqlite'));
    const cache = createCache(db);
    const person = (id: string, storeIds: string[], pin: string): Change => ({
      entity: 'staff',
      key: id,
      op: 'upsert',
      data: { id, name: `Person ${id}`, role: 'cashier', storeIds, pinHash: hashPinSync(pin), cardHash: cardHash(`CARD-${id}`) },
    });
    const apply = (changes: Change[]) => db.transaction(() => cache.apply(changes, 2, { storeId: DEFAULT_SETTINGS.storeId, currency: 'MDL' }, '2026-01-01T00:00:00.000Z'))();
    apply([person('here', [DEFAULT_SETTINGS.storeId], '5555'), person('there', ['ELSEWHERE'], '6666'), person('all', [], '7777')]);
    expect(JSON.stringify(db.prepare('SELECT * FROM staff').all())).not.toMatch(/5555|6666|7777/);
    const session = createStaffSession({ db, settings: DEFAULT_SETTINGS, now: () => new Date() });
    const { signInWithPin, sessionView } = await import('../../electron/backend/staff/session.js');
    expect(sessionView(session).staff.map((s) => s.id).sort()).toEqual(['all', 'here']);
    await expect(signInWithPin(session, 'there', '6666')).rejects.toMatchObject({ code: 'STAFF_UNKNOWN' });
    expect((await signInWithPin(session, 'here', '5555')).person?.id).toBe('here');
    apply([{ entity: 'staff', key: 'here', op: 'delete', data: null }]);
    await expect(signInWithPin(session, 'here', '5555')).rejects.toMatchObject({ code: 'STAFF_UNKNOWN' });
    db.close();
  });

  it('roles carry permissions per action', () => {
    expect(can('cashier', 'sale.voidLine')).toBe(true);
    expect(can('cashier', 'shift.z')).toBe(false);
    expect(can('senior', 'shift.x')).toBe(true);
    expect(can('senior', 'return.withoutReceipt')).toBe(false);
    expect(can('manager', 'return.withoutReceipt')).toBe(true);
    const db = openTillDatabase(join(tempDir(), 'till.sqlite'));
    db.prepare(`INSERT INTO staff (id, name, role, store_ids, pin_hash) VALUES ('c', 'Cashier C', 'cashier', '[]', ?)`).run(hashPinSync('1234'));
    const session = createStaffSession({ db, settings: DEFAULT_SETTINGS, now: () => new Date() });
    session.person = db.prepare('SELECT * FROM staff').get() as typeof session.person;
    session.lastActivity = Date.now();
    expect(() => requirePermission(session, 'shift.z')).toThrow(expect.objectContaining({ code: 'STAFF_NOT_PERMITTED', params: { name: 'Cashier C', role: 'cashier', action: 'shift.z' } }));
    expect(() => requirePermission(session, 'sale.cancel')).not.toThrow();
    db.close();
  });

  it('a PIN hashed on central verifies on the till; a hash the till cannot read matches no PIN', async () => {
    const fromCentral = await hashPin('4821');
    expect(await verifyPin('4821', fromCentral)).toBe(true);
    expect(await verifyPin('4822', fromCentral)).toBe(false);
    expect(await verifyPin('1234', 'plain-1234')).toBe(false);
    expect(await verifyPin('1234', 'scrypt$3$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toBe(false);
  });
});
