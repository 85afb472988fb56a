import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { postgresBackend } from './support/backends.js';
import { CAMPAIGN, redeemOp, saleOp, setUpChain, ADMIN_KEY, type TestChain } from './support/chain.js';
import type { Db, Queryable } from '../src/db.js';
import { pullPage } from '../src/pull.js';
import { recordChanges } from '../src/changes.js';

/** Concurrency is what PGlite (one session) cannot show: these run on a real PostgreSQL only. */
const backend = postgresBackend(40);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A raw connection as a Queryable, to hold a transaction open by hand. */
function session(c: pg.Client): Queryable {
  return {
    query: async (sql, params) => {
      const r = await c.query(sql, params as unknown[] | undefined);
      return { rows: r.rows, rowCount: r.rowCount ?? 0 };
    },
    exec: async (sql) => {
      await c.query(sql);
    },
  };
}

async function addProduct(client: Queryable, sku: string): Promise<void> {
  await client.query(
    `INSERT INTO products (sku, name_en, name_ru, name_ro, vat_category, sold_by) VALUES ($1, $1, $1, $1, 'standard', 'unit')`,
    [sku],
  );
}

describe.skipIf(!backend.available)('concurrency on a real PostgreSQL', () => {
  let db: Db;
  let chain: TestChain;
  let database: string;

  beforeAll(async () => {
    await backend.setUp();
    db = await backend.freshDb();
    chain = await setUpChain(db);
    database = (await db.query<{ name: string }>(`SELECT current_database() AS name`)).rows[0]!.name;
  });
  afterAll(async () => {
    await chain?.app.close();
    await backend.tearDown();
  });

  async function client(): Promise<pg.Client> {
    const { rows } = await db.query<{ port: number }>(`SELECT setting::int AS port FROM pg_settings WHERE name = 'port'`);
    const c = new pg.Client({ host: '127.0.0.1', port: rows[0]!.port, user: 'postgres', database });
    await c.connect();
    return c;
  }

  it('holds back a change committed after a later one until it is visible, so the cursor never skips it', async () => {
    const early = await client();
    const late = await client();
    let page = await pullPage(db, 'S1', undefined, 5_000);
    while (page.hasMore) page = await pullPage(db, 'S1', page.cursor, 5_000);
    const cursor = page.cursor;

    await early.query('BEGIN');
    await addProduct(session(early), 'EARLY');
    await recordChanges(session(early), 'product', ['EARLY']);
    await late.query('BEGIN');
    await addProduct(session(late), 'LATE');
    await recordChanges(session(late), 'product', ['LATE']);
    await late.query('COMMIT');

    // LATE is committed but EARLY, with a smaller txid and seq, is still open: serving LATE now
    // would move the cursor past the place EARLY will appear in.
    const whileOpen = await pullPage(db, 'S1', cursor, 100);
    expect(whileOpen.changes).toEqual([]);
    expect(whileOpen.cursor).toBe(cursor);
    await early.query('COMMIT');
    const after = await pullPage(db, 'S1', whileOpen.cursor, 100);
    expect(after.changes.map((c) => JSON.parse(c).key)).toEqual(['EARLY', 'LATE']);
    await early.end();
    await late.end();
  });

  it('gives a reader paging all the while every change exactly once, with writers committing out of order', async () => {
    const writers = 16;
    const perWriter = 30;
    let running = true;
    const seen = new Map<string, number>();
    let cursor: string | undefined;
    const readPage = async (): Promise<boolean> => {
      const page = await pullPage(db, 'S1', cursor, 13);
      for (const c of page.changes) {
        const key = JSON.parse(c).key as string;
        if (key.startsWith('W')) seen.set(key, (seen.get(key) ?? 0) + 1);
      }
      cursor = page.cursor;
      return page.hasMore;
    };
    const reader = (async () => {
      while (running) {
        await readPage();
        await sleep(1);
      }
    })();
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < perWriter; i++) {
          await db.transaction(async (tx) => {
            const sku = `W${w}-${i}`;
            await addProduct(tx, sku);
            await recordChanges(tx, 'product', [sku]);
            // Hold the transaction open a random while so commits land out of txid order.
            await sleep(Math.random() * 15);
          });
        }
      }),
    );
    running = false;
    await reader;
    while (await readPage());
    await readPage();
    expect(seen.size).toBe(writers * perWriter);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
  });

  it('lets exactly one of 200 concurrent redemptions of a single-use code succeed', async () => {
    await chain.call('POST', '/v1/admin/campaigns', ADMIN_KEY, CAMPAIGN);
    await chain.call('POST', `/v1/admin/campaigns/${CAMPAIGN.id}/codes`, ADMIN_KEY, { count: 1 });
    const { rows } = await db.query<{ code: string }>(`SELECT code FROM promo_codes WHERE campaign_id = $1`, [CAMPAIGN.id]);
    const code = rows[0]!.code;
    const tills = [chain.t1, chain.t2];
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const [tillId, storeId] = i % 2 === 0 ? ['T1', 'S1'] : ['T2', 'S2'];
        return chain.call('POST', '/v1/sync/push', tills[i % 2], { ops: [redeemOp(code, tillId as string, storeId as string)] });
      }),
    );
    const outcomes = responses.map((r) => r.json.results[0].result.outcome ?? r.json.results[0].reason);
    expect(outcomes.filter((o) => o === 'accepted')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'conflict')).toHaveLength(199);
    const { rows: ledger } = await db.query<{ n: number; conflicts: number }>(
      `SELECT count(*)::int AS n, (SELECT count(*)::int FROM redemption_conflicts WHERE code = $1) AS conflicts
       FROM redemptions WHERE code = $1 AND rolled_back_at IS NULL`,
      [code],
    );
    expect(ledger[0]).toEqual({ n: 1, conflicts: 199 });
  });

  it('applies overlapping batches sent at once, in different orders, each sale exactly once', async () => {
    const ops = Array.from({ length: 60 }, () => saleOp('T1', 'S1'));
    const batches = [ops.slice(0, 40), [...ops.slice(20, 60)].reverse(), [...ops].sort(() => Math.random() - 0.5).slice(0, 50), ops.slice(10, 30)];
    const responses = await Promise.all(batches.map((b) => chain.call('POST', '/v1/sync/push', chain.t1, { ops: b })));
    const applied = new Map<string, number>();
    responses.forEach((r, i) => {
      expect(r.status, r.body).toBe(200);
      expect(r.json.results.map((x: { opId: string }) => x.opId)).toEqual(batches[i]!.map((o) => o.opId));
      for (const x of r.json.results as { opId: string; status: string }[]) {
        expect(['applied', 'duplicate']).toContain(x.status);
        if (x.status === 'applied') applied.set(x.opId, (applied.get(x.opId) ?? 0) + 1);
      }
    });
    expect(applied.size).toBe(ops.length);
    expect([...applied.values()].every((n) => n === 1)).toBe(true);
    const { rows } = await db.query<{ n: number; lines: number }>(
      `SELECT count(*)::int AS n, (SELECT count(*)::int FROM sale_lines WHERE sale_id = ANY($1)) AS lines FROM sales WHERE id = ANY($1)`,
      [ops.map((o) => o.payload.saleId)],
    );
    expect(rows[0]).toEqual({ n: 60, lines: 60 });
  });

  it('uses the change-feed index for a page', async () => {
    await db.query('ANALYZE changes');
    const { rows } = await db.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT * FROM changes WHERE scope = '' AND (txid, seq) > ('5'::xid8, 5::bigint) AND txid < '100000'::xid8
       ORDER BY txid, seq LIMIT 100`,
    );
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/Index Scan using changes_feed/);
  });
});
