import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allBackends } from './support/backends.js';
import { saleOp, setUpChain, type TestChain } from './support/chain.js';
import { consoleAccounts, consoleCall, type Session } from './support/console.js';

describe.each(allBackends())('console fleet health on $name', (backend) => {
  let chain: TestChain;
  let sessions: Record<'it_admin' | 'marketer' | 'store_manager', Session>;

  const fleet = async (query = '', as: Session = sessions.it_admin) => consoleCall(chain, 'GET', `/console/api/fleet${query}`, as);
  const tillOf = (json: any, id: string) => json.stores.flatMap((s: any) => s.tills).find((t: any) => t.id === id);
  const pull = (token: string, headers: Record<string, string>) =>
    chain.app.inject({ method: 'GET', url: '/v1/sync/pull?limit=10', headers: { authorization: `Bearer ${token}`, ...headers } });

  beforeAll(async () => {
    if (!backend.available) return;
    await backend.setUp();
    chain = await setUpChain(await backend.freshDb());
    sessions = await consoleAccounts(chain);
  });
  afterAll(async () => {
    if (!backend.available) return;
    await chain?.app.close();
    await backend.tearDown();
  });

  describe.skipIf(!backend.available)('fleet', () => {
    it('shows what a till said at its last pull and flags a paired till never heard from as silent', async () => {
      const oldest = new Date(Date.now() - 5 * 60_000).toISOString();
      const r = await pull(chain.t1, { 'x-omnitill-app-version': '0.1.0', 'x-omnitill-sync-protocol': '1', 'x-omnitill-queue-depth': '3', 'x-omnitill-queue-oldest': oldest });
      expect(r.statusCode).toBe(200);
      const f = await fleet();
      expect(f.status).toBe(200);
      const t1 = tillOf(f.json, 'T1');
      expect(t1).toMatchObject({ paired: true, silent: false, appVersion: '0.1.0', protocolVersion: 1, queueDepth: 3, queueOldestAt: oldest, lastPushAt: null, rejectedOps: 0 });
      expect(t1.lastPullAt).not.toBeNull();
      expect(tillOf(f.json, 'T2')).toMatchObject({ paired: true, silent: true, lastSeenAt: null, appVersion: null });
    });

    it('flags a till silent once it has not pulled or pushed for longer than the limit', async () => {
      await chain.db.query(`UPDATE till_health SET last_pull_at = now() - interval '20 minutes' WHERE till_id = 'T1'`);
      expect(tillOf((await fleet()).json, 'T1')).toMatchObject({ silent: true, silentMinutes: 20 });
      expect(tillOf((await fleet('?silentMinutes=30')).json, 'T1').silent).toBe(false);
      // A push is contact too; and a queue reported empty clears its age.
      const push = await chain.app.inject({
        method: 'POST',
        url: '/v1/sync/push',
        headers: { authorization: `Bearer ${chain.t1}`, 'content-type': 'application/json', 'x-omnitill-queue-depth': '0' },
        payload: JSON.stringify({ ops: [saleOp('T1', 'S1')] }),
      });
      expect(push.statusCode).toBe(200);
      expect(tillOf((await fleet()).json, 'T1')).toMatchObject({ silent: false, queueDepth: 0, queueOldestAt: null, appVersion: '0.1.0' });
    });

    it('counts rejected ops per till', async () => {
      const sale = saleOp('T1', 'S1');
      const again = { ...saleOp('T1', 'S1'), payload: sale.payload };
      const r = await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [sale] });
      expect(r.json.results[0].status).toBe('applied');
      const rejected = await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [again] });
      expect(rejected.json.results[0].status).toBe('rejected');
      const t1 = tillOf((await fleet()).json, 'T1');
      expect(t1.rejectedOps).toBe(1);
      // The latest rejection says what and why, as the till was told.
      expect(t1.lastRejected).toEqual({ type: 'sale.completed', reason: rejected.json.results[0].reason, at: expect.any(String) });
      expect(tillOf((await fleet()).json, 'T2').lastRejected).toBeNull();
    });

    it('ignores malformed self-reports without failing the sync request', async () => {
      const r = await pull(chain.t2, { 'x-omnitill-app-version': 'evil version <script>', 'x-omnitill-sync-protocol': 'one', 'x-omnitill-queue-depth': '-4', 'x-omnitill-queue-oldest': 'yesterday' });
      expect(r.statusCode).toBe(200);
      expect(tillOf((await fleet()).json, 'T2')).toMatchObject({ silent: false, appVersion: null, protocolVersion: null, queueDepth: null, queueOldestAt: null });
    });

    it('gives a store manager their own stores only and refuses another store; refuses marketers', async () => {
      const own = await fleet('', sessions.store_manager);
      expect(own.json.stores.map((s: { id: string }) => s.id)).toEqual(['S1']);
      expect((await fleet('?storeId=S1', sessions.store_manager)).status).toBe(200);
      const other = await fleet('?storeId=S2', sessions.store_manager);
      expect(other.status).toBe(403);
      expect(other.json.error.code).toBe('FORBIDDEN');
      expect((await fleet('?storeId=S2', sessions.it_admin)).json.stores.map((s: { id: string }) => s.id)).toEqual(['S2']);
      expect((await fleet('', sessions.marketer)).status).toBe(403);
      expect((await fleet('?silentMinutes=0')).json.error.code).toBe('INPUT_INVALID');
    });
  });
});
