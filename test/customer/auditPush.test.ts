import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../central/src/db.js';
import { tempDir } from '../helpers/tmp.js';
import { startFaultProxy } from '../sync/faultProxy.js';
import { freshPglite, phoneOf, seedChain, type Chain } from '../sync/fixtures.js';
import { openSyncTill, rpc, syncUntilQuiet } from '../sync/support.js';
import { national } from './support.js';

/** Issue 8 item 6: every lookup goes to the till's append-only audit log and is pushed to central. */

let db: Db;
let chain: Chain;

beforeAll(async () => {
  db = await freshPglite();
  chain = await seedChain(db, { products: 4, customers: 4 });
});
afterAll(async () => {
  await chain.central.close().catch(() => undefined);
  await db.close();
});

interface LocalRow {
  id: number;
  at: string;
  actor: string;
  action: string;
  subject: string | null;
  details: string | null;
}

const atCentral = async () =>
  (
    await db.query<{ audit_no: number; at: string; actor: string; action: string; subject: string | null; details: string | null; store_id: string }>(
      `SELECT audit_no::int AS audit_no, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor, action, subject, details, store_id
       FROM till_audit WHERE till_id = 'T1' ORDER BY audit_no`,
    )
  ).rows;

describe("the till's audit log at central", () => {
  it('arrives after the outbox, once when an answer is lost, without the number typed, and a bad row does not hold back the rest', async () => {
    const proxy = await startFaultProxy(chain.central.url, { maxBodyBytes: 512 * 1024 });
    const till = openSyncTill(tempDir());
    try {
      await rpc(till, 'sync.pair', { centralUrl: proxy.url, pairingCode: await chain.central.pairingCode('T1') });
      await syncUntilQuiet(till);
      await rpc(till, 'customer.lookup', { query: national(phoneOf(2)) });
      await rpc(till, 'customer.lookup', { query: '0721 555 998' });
      const local = till.db.prepare(`SELECT id, at, actor, action, subject, details FROM audit_log ORDER BY id`).all() as LocalRow[];
      expect(local.filter((r) => r.action === 'customer.lookup')).toHaveLength(2);

      // Central commits the batch and the answer is lost: the same ops go again and count once.
      proxy.schedule = ['drop_response'];
      await expect(till.sync.pushOnce()).rejects.toThrow();
      await till.sync.pushOnce();
      const rows = await atCentral();
      expect(rows).toEqual(local.map((r) => ({ audit_no: r.id, at: r.at, actor: r.actor, action: r.action, subject: r.subject, details: r.details, store_id: 'S1' })));
      expect(JSON.stringify(rows)).not.toMatch(/555\s*998|555998/);

      // Acknowledged rows are not sent again; a new one goes alone.
      proxy.pushBodies.length = 0;
      await till.sync.pushOnce();
      expect(proxy.pushBodies).toHaveLength(0);
      await rpc(till, 'customer.lookup', { query: national(phoneOf(3)) });
      till.db
        .prepare(`INSERT INTO audit_log (at, till_id, actor, action, subject, details) VALUES (?, 'T1', 'Test', 'customer.lookup', NULL, ?)`)
        .run(new Date().toISOString(), JSON.stringify({ note: 'x'.repeat(5_000) }));
      await rpc(till, 'customer.lookup', { query: national(phoneOf(1)) });
      await till.sync.pushOnce();
      expect(proxy.pushBodies).toHaveLength(1);
      expect((JSON.parse(proxy.pushBodies[0]!) as { ops: unknown[] }).ops).toHaveLength(3);
      // Central refused the oversized row; the till passed it and the rows after it arrived.
      const after = await atCentral();
      expect(after).toHaveLength(rows.length + 2);
      expect(till.db.prepare(`SELECT audit_pushed_through FROM sync_state`).pluck().get()).toBe(local.length + 3);

      await expect(db.query(`DELETE FROM till_audit WHERE till_id = 'T1'`)).rejects.toThrow(/append-only/);
      await expect(db.query(`UPDATE till_audit SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
    } finally {
      await till.close();
      await proxy.close();
    }
  });
});
