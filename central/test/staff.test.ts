import { describe, expect, it } from 'vitest';
import { PullPage, StaffDoc } from '../../core/sync/pull.js';
import { parsePinHash, PIN_SCRYPT } from '../../core/staff/pinHash.js';
import { ADMIN_KEY, usePgliteChain, type TestChain } from './support/chain.js';
import { newId } from '../../core/ids.js';

async function staffChanges(chain: TestChain, token: string) {
  const out: { key: string; op: string; data: unknown }[] = [];
  let cursor: string | undefined;
  for (;;) {
    const r = await chain.call('GET', `/v1/sync/pull?limit=500${cursor ? `&cursor=${cursor}` : ''}`, token);
    const page = PullPage.parse(r.json);
    out.push(...page.changes.filter((c) => c.entity === 'staff'));
    cursor = page.cursor;
    if (!page.hasMore) return out;
  }
}

describe('Central staff accounts', () => {
  let chain: TestChain;
  usePgliteChain((c) => (chain = c));

  it('stores a PIN as a salted scrypt hash only and syncs that hash to the tills', async () => {
    const put = await chain.call('PUT', '/v1/admin/staff/ana', ADMIN_KEY, { name: 'Ana Rusu', role: 'cashier', storeIds: ['S1'], pin: '4821', card: 'CARD-ANA-1' });
    expect(put.status, put.body).toBe(200);
    expect(put.json).toEqual({ id: 'ana', name: 'Ana Rusu', role: 'cashier', storeIds: ['S1'], hasCard: true, active: true });
    expect(put.body).not.toContain('4821');
    await chain.call('PUT', '/v1/admin/staff/bob', ADMIN_KEY, { name: 'Bob', role: 'manager', pin: '4821' });

    const { rows } = await chain.db.query<{ id: string; pin_hash: string }>(`SELECT id, pin_hash FROM staff ORDER BY id`);
    expect(rows.every((r) => r.pin_hash.startsWith('scrypt$') && !r.pin_hash.includes('4821'))).toBe(true);
    // The same PIN, two people: two salts, two hashes.
    expect(rows[0]?.pin_hash).not.toBe(rows[1]?.pin_hash);

    const changes = await staffChanges(chain, chain.t1);
    const ana = StaffDoc.parse(changes.find((c) => c.key === 'ana')?.data);
    expect(ana).toMatchObject({ id: 'ana', role: 'cashier', storeIds: ['S1'] });
    expect(JSON.stringify(changes)).not.toContain('4821');
    // The till verifies it (test/staff: central's hash against the till's check).
    expect(parsePinHash(ana.pinHash)).toMatchObject({ N: PIN_SCRYPT.N, r: PIN_SCRYPT.r, p: PIN_SCRYPT.p });

    const list = await chain.call('GET', '/v1/admin/staff', ADMIN_KEY);
    expect(list.json.staff.map((s: { id: string }) => s.id)).toEqual(['ana', 'bob']);
    expect(list.body).not.toContain('scrypt');
  });

  it('keeps the PIN when a change leaves it out, and tombstones a deactivated person', async () => {
    const before = (await chain.db.query<{ pin_hash: string }>(`SELECT pin_hash FROM staff WHERE id = 'ana'`)).rows[0]?.pin_hash;
    const renamed = await chain.call('PUT', '/v1/admin/staff/ana', ADMIN_KEY, { name: 'Ana R.', role: 'senior', storeIds: ['S1'] });
    expect(renamed.json.role, renamed.body).toBe('senior');
    expect((await chain.db.query<{ pin_hash: string }>(`SELECT pin_hash FROM staff WHERE id = 'ana'`)).rows[0]?.pin_hash).toBe(before);

    expect((await chain.call('DELETE', '/v1/admin/staff/bob', ADMIN_KEY)).status).toBe(204);
    const bob = (await staffChanges(chain, chain.t1)).find((c) => c.key === 'bob');
    expect(bob).toMatchObject({ op: 'delete', data: null });
    expect((await chain.call('DELETE', '/v1/admin/staff/nobody', ADMIN_KEY)).json.error.code).toBe('NOT_FOUND');
  });

  it('refuses bad input and changes nothing', async () => {
    const cases: [string, unknown, string][] = [
      ['/v1/admin/staff/new1', { name: 'No PIN', role: 'cashier' }, 'INPUT_INVALID'],
      ['/v1/admin/staff/new2', { name: 'Short', role: 'cashier', pin: '12' }, 'INPUT_INVALID'],
      ['/v1/admin/staff/new3', { name: 'Letters', role: 'cashier', pin: '12ab' }, 'INPUT_INVALID'],
      ['/v1/admin/staff/new4', { name: 'Boss', role: 'owner', pin: '1234' }, 'INPUT_INVALID'],
      ['/v1/admin/staff/new5', { name: 'Far', role: 'cashier', pin: '1234', storeIds: ['NOPE'] }, 'NOT_FOUND'],
      ['/v1/admin/staff/new6', { name: 'Copy', role: 'cashier', pin: '1234', card: 'CARD-ANA-1' }, 'CONFLICT'],
      ['/v1/admin/staff/new7', { name: 'Extra', role: 'cashier', pin: '1234', pinHash: 'scrypt$x' }, 'INPUT_INVALID'],
    ];
    for (const [url, body, code] of cases) {
      const r = await chain.call('PUT', url, ADMIN_KEY, body);
      expect(r.json.error?.code, `${url}: ${r.body}`).toBe(code);
    }
    const { rows } = await chain.db.query(`SELECT id FROM staff WHERE id LIKE 'new%'`);
    expect(rows).toEqual([]);
    expect((await chain.call('PUT', '/v1/admin/staff/x', chain.t1, { name: 'X', role: 'manager', pin: '1234' })).status).toBe(401);
  });

  it('records a manager approval pushed by a till exactly once; another till cannot push it', async () => {
    const approval = (tillId: string, storeId: string) => ({
      opId: newId(),
      type: 'approval.granted',
      payload: {
        approvalId: newId(),
        tillId,
        storeId,
        action: 'sale.cancelLarge',
        approverId: 'maria',
        approverName: 'Maria Popa',
        cashierId: 'ana',
        cashierName: 'Ana Rusu',
        grantedAt: '2026-12-04T09:00:00.000Z',
      },
    });
    const op = approval('T1', 'S1');
    const first = await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [op] });
    expect(first.json.results[0]).toMatchObject({ status: 'applied', result: { approvalId: op.payload.approvalId } });
    const again = await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [op] });
    expect(again.json.results[0].status).toBe('duplicate');
    const stolen = await chain.call('POST', '/v1/sync/push', chain.t2, { ops: [approval('T1', 'S1')] });
    expect(stolen.json.results[0]).toMatchObject({ status: 'rejected', reason: 'wrong_store' });
    const bad = await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [{ ...op, opId: newId(), payload: { ...op.payload, action: 'DROP TABLE' } }] });
    expect(bad.json.results[0]).toMatchObject({ status: 'rejected', reason: 'invalid' });
    const { rows } = await chain.db.query(`SELECT id, till_id, action, approver_id, cashier_id FROM approvals`);
    expect(rows).toEqual([{ id: op.payload.approvalId, till_id: 'T1', action: 'sale.cancelLarge', approver_id: 'maria', cashier_id: 'ana' }]);
  });
});
