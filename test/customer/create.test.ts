import { describe, expect, it } from 'vitest';
import type { CustomerProfile, LookupResult } from '../../core/customer/contract.js';
import { CustomerCreatedOp } from '../../core/sync/ops.js';
import { errorCode, ok, openTestTill } from '../helpers/till.js';

describe('creating a customer at the till', () => {
  it('saves her at once with only the consents she ticked, queues her for central, and audits it', async () => {
    const till = openTestTill({ customers: 0 });
    const created = ok(await till.dispatch('customer.create', { phone: '0621 99 888', name: '  Ulyana   Popa ', email: 'ulyana@example.md', consents: ['sms', 'sms'] })) as CustomerProfile;
    expect(created).toMatchObject({ name: 'Ulyana Popa', maskedPhone: '+373 ••• ••• 88', consents: ['sms'], source: 'cache', carts: [], favourites: [] });
    const found = ok(await till.dispatch('customer.lookup', { query: '+373 621 99 888' })) as LookupResult;
    expect(found).toMatchObject({ kind: 'customer', customer: { id: created.id } });

    const row = till.db.prepare(`SELECT op_id, op_type, entity_id, payload FROM outbox WHERE op_type = 'customer.created'`).get() as { op_id: string; op_type: string; entity_id: string; payload: string };
    const op = CustomerCreatedOp.parse({ opId: row.op_id, type: row.op_type, payload: JSON.parse(row.payload) });
    expect(op.payload).toMatchObject({ customerId: created.id, phone: '+37362199888', name: 'Ulyana Popa', email: 'ulyana@example.md', consents: ['sms'] });
    expect(till.db.prepare('SELECT email FROM customers WHERE id = ?').get(created.id)).toEqual({ email: null });
    expect(row.entity_id).toBe(created.id);
    expect(till.db.prepare(`SELECT subject FROM audit_log WHERE action = 'customer.created'`).pluck().all()).toEqual([created.id]);
    await till.close();
  });

  it('names the signed-in person as who created her, in the op and in the audit log', async () => {
    const till = openTestTill({ customers: 0, staff: true });
    ok(await till.dispatch('staff.signIn', { staffId: 'ana', pin: '1111' }));
    const created = ok(await till.dispatch('customer.create', { phone: '0621 99 888', name: 'Ulyana Popa', consents: [] })) as CustomerProfile;
    const payload = JSON.parse(till.db.prepare(`SELECT payload FROM outbox WHERE op_type = 'customer.created'`).pluck().get() as string) as { cashier: string };
    expect(payload.cashier).toBe('Ana Rusu');
    expect(till.db.prepare(`SELECT actor, actor_id FROM audit_log WHERE action = 'customer.created' AND subject = ?`).get(created.id)).toEqual({ actor: 'Ana Rusu', actor_id: 'ana' });
    await till.close();
  });

  it('refuses a bad phone, a missing name, a bad e-mail and a number already here, and changes nothing', async () => {
    const till = openTestTill({ customers: 0 });
    ok(await till.dispatch('customer.create', { phone: '0621 99 888', name: 'Ulyana Popa', consents: [] }));
    const count = () => till.db.prepare('SELECT (SELECT count(*) FROM customers) + (SELECT count(*) FROM outbox)').pluck().get();
    const before = count();
    expect(errorCode(await till.dispatch('customer.create', { phone: '0621 99 88x', name: 'Ana', consents: [] }))).toBe('PHONE_INVALID');
    expect(errorCode(await till.dispatch('customer.create', { phone: '0621 99 777', name: '   ', consents: [] }))).toBe('CUSTOMER_NAME_MISSING');
    expect(errorCode(await till.dispatch('customer.create', { phone: '0621 99 777', name: 'Ana', email: 'ana@', consents: [] }))).toBe('CUSTOMER_EMAIL_INVALID');
    expect(errorCode(await till.dispatch('customer.create', { phone: '+373 621 99 888', name: 'Ana', consents: [] }))).toBe('CUSTOMER_EXISTS');
    expect(errorCode(await till.dispatch('customer.create', { phone: '0621 99 777', name: 'Ana', consents: ['fax'] } as never))).toBe('INPUT_INVALID');
    expect(count()).toBe(before);
    await till.close();
  });
});
