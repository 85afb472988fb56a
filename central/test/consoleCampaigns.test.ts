import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allBackends } from './support/backends.js';
import { ADMIN_KEY, CAMPAIGN, redeemOp, setUpChain, type TestChain } from './support/chain.js';
import { consoleAccounts, consoleCall, type Session } from './support/console.js';

describe.each(allBackends())('console campaigns on $name', (backend) => {
  let chain: TestChain;
  let sessions: Record<'it_admin' | 'marketer' | 'store_manager', Session>;

  beforeAll(async () => {
    if (!backend.available) return;
    await backend.setUp();
    chain = await setUpChain(await backend.freshDb());
    sessions = await consoleAccounts(chain);
    expect((await chain.call('POST', '/v1/admin/campaigns', ADMIN_KEY, CAMPAIGN)).status).toBe(201);
    expect((await chain.call('POST', `/v1/admin/campaigns/${CAMPAIGN.id}/codes`, ADMIN_KEY, { count: 5 })).status).toBe(201);
    const csv = await chain.call('GET', `/v1/admin/campaigns/${CAMPAIGN.id}/codes.csv`, ADMIN_KEY);
    const codes = csv.body.trim().split('\r\n').slice(1).map((l) => l.split(',')[0] as string);
    const first = await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [redeemOp(codes[0]!, 'T1', 'S1')] });
    expect(first.json.results[0].result.outcome).toBe('accepted');
    const twice = await chain.call('POST', '/v1/sync/push', chain.t2, { ops: [redeemOp(codes[0]!, 'T2', 'S2')] });
    expect(twice.json.results[0].result.outcome).toBe('conflict');
    const offline = await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [redeemOp(codes[1]!, 'T1', 'S1', true)] });
    expect(offline.json.results[0].result.outcome).toBe('conflict');
  });
  afterAll(async () => {
    if (!backend.available) return;
    await chain?.app.close();
    await backend.tearDown();
  });

  describe.skipIf(!backend.available)('campaigns', () => {
    it('lists each campaign with its live counters: issued, redeemed by channel and by store, open conflicts', async () => {
      const r = await consoleCall(chain, 'GET', '/console/api/campaigns', sessions.marketer);
      expect(r.status).toBe(200);
      expect(r.json.campaigns).toEqual([
        expect.objectContaining({
          id: CAMPAIGN.id,
          name: CAMPAIGN.name,
          issued: 5,
          redeemed: 1,
          byChannel: [{ key: 'store', redeemed: 1, discountMinor: 150 }],
          byStore: [{ key: 'S1', name: 'Store one', redeemed: 1, discountMinor: 150 }],
          openConflicts: 2,
        }),
      ]);
    });

    it('lists open conflicts, resolves one (audited, once, idempotent) and refuses a contrary second decision', async () => {
      const open = await consoleCall(chain, 'GET', '/console/api/redemption-conflicts', sessions.marketer);
      expect(open.json.conflicts.map((c: { reason: string }) => c.reason).sort()).toEqual(['already_redeemed', 'offline_not_allowed']);
      const target = open.json.conflicts.find((c: { reason: string }) => c.reason === 'already_redeemed');
      expect(target).toMatchObject({ store: 'Store two', till: 'Till 2', campaign: CAMPAIGN.name, resolvedAt: null });
      const url = `/console/api/redemption-conflicts/${target.id}/resolve`;
      const noCsrf = await consoleCall(chain, 'POST', url, sessions.marketer, { resolution: 'discount_honoured' }, { 'x-csrf-token': '' });
      expect(noCsrf.json.error.code).toBe('CSRF_INVALID');
      expect((await consoleCall(chain, 'POST', url, sessions.marketer, { resolution: 'discount_honoured' })).status).toBe(204);
      expect((await consoleCall(chain, 'POST', url, sessions.marketer, { resolution: 'discount_honoured' })).status).toBe(204);
      const contrary = await consoleCall(chain, 'POST', url, sessions.it_admin, { resolution: 'discount_recovered' });
      expect(contrary.status).toBe(409);
      expect(contrary.json.error.code).toBe('CONFLICT');
      const bad = await consoleCall(chain, 'POST', url, sessions.marketer, { resolution: 'forget_it' });
      expect(bad.json.error.code).toBe('INPUT_INVALID');
      expect((await consoleCall(chain, 'POST', '/console/api/redemption-conflicts/nope/resolve', sessions.marketer, { resolution: 'discount_honoured' })).status).toBe(404);
      const still = await consoleCall(chain, 'GET', '/console/api/redemption-conflicts', sessions.marketer);
      expect(still.json.conflicts.map((c: { reason: string }) => c.reason)).toEqual(['offline_not_allowed']);
      const all = await consoleCall(chain, 'GET', '/console/api/redemption-conflicts?open=false', sessions.marketer);
      expect(all.json.conflicts.find((c: { id: string }) => c.id === target.id)).toMatchObject({ resolution: 'discount_honoured' });
      const { rows } = await chain.db.query(`SELECT action, detail FROM console_audit WHERE action = 'conflict.resolve'`);
      expect(rows).toEqual([{ action: 'conflict.resolve', detail: { conflictId: target.id, resolution: 'discount_honoured' } }]);
      expect((await consoleCall(chain, 'GET', '/console/api/campaigns', sessions.marketer)).json.campaigns[0].openConflicts).toBe(1);
    });

    it('is not a store manager’s page', async () => {
      expect((await consoleCall(chain, 'GET', '/console/api/campaigns', sessions.store_manager)).status).toBe(403);
    });
  });
});
