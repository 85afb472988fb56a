import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUE_CARTS_SQL, issueCartReminders } from '../src/promo/cartReminders.js';
import { allBackends } from './support/backends.js';
import { ADMIN_KEY, setUpChain, type TestChain } from './support/chain.js';

const HOUR = 3_600_000;
const NOW = new Date('2026-12-04T12:00:00.000Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * HOUR).toISOString();

describe.each(allBackends())('abandoned-cart reminders on $name', (backend) => {
  let chain: TestChain;

  beforeAll(async () => {
    if (!backend.available) return;
    await backend.setUp();
    chain = await setUpChain(await backend.freshDb());
    const campaign = {
      id: 'cart-reminder', name: 'Your cart is waiting', channel: 'email', codeKind: 'unique', codePrefix: 'CART', discountKind: 'percent', discountValue: 10,
      startsAt: '2026-11-01T00:00:00.000Z', endsAt: '2026-12-06T00:00:00.000Z',
    };
    expect((await chain.call('POST', '/v1/admin/campaigns', ADMIN_KEY, campaign)).status).toBe(201);
    expect((await chain.call('POST', '/v1/admin/campaigns', ADMIN_KEY, { ...campaign, id: 'stream', codeKind: 'shared' })).status).toBe(201);
    for (const id of ['C-1', 'C-2', 'C-3', 'C-4']) await chain.db.query(`INSERT INTO customers (id, name) VALUES ($1, $1)`, [id]);
    const line = (customer: string, channel: string, sku: string, at: string) =>
      chain.db.query(`INSERT INTO cart_lines (customer_id, channel, sku, quantity, price_seen_minor, currency, added_at) VALUES ($1, $2, $3, 1, 1000, 'MDL', $4)`, [customer, channel, sku, at]);
    await line('C-1', 'web', 'SKU-1', hoursAgo(30)); // left 30 hours ago: reminded
    await line('C-2', 'web', 'SKU-1', hoursAgo(30));
    await line('C-2', 'app', 'SKU-2', hoursAgo(2)); // but she was in her app cart two hours ago: not yet
    await line('C-3', 'app', 'SKU-3', hoursAgo(24 * 20)); // forgotten for weeks: not reminded
  });
  afterAll(async () => {
    if (!backend.available) return;
    await chain.app.close();
    await backend.tearDown();
  });

  it.skipIf(!backend.available)('refuses a bad policy with a clear error and keeps none; no policy, no reminders', async () => {
    expect((await chain.call('GET', '/v1/admin/cart-reminder', ADMIN_KEY)).json).toEqual({ policy: null });
    const bad = [
      [{ campaignId: 'cart-reminder', afterHours: 0, maxAgeHours: 48, validDays: 7 }, 400],
      [{ campaignId: 'cart-reminder', afterHours: 48, maxAgeHours: 24, validDays: 7 }, 400],
      [{ campaignId: 'cart-reminder', afterHours: 24, maxAgeHours: 48, validDays: 7, extra: 1 }, 400],
      [{ campaignId: 'no-such', afterHours: 24, maxAgeHours: 48, validDays: 7 }, 404],
      [{ campaignId: 'stream', afterHours: 24, maxAgeHours: 48, validDays: 7 }, 400],
    ] as const;
    for (const [body, status] of bad) {
      const r = await chain.call('PUT', '/v1/admin/cart-reminder', ADMIN_KEY, body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.json.error.message.length).toBeGreaterThan(0);
    }
    expect((await chain.call('PUT', '/v1/admin/cart-reminder', null, { campaignId: 'cart-reminder', afterHours: 24, maxAgeHours: 48, validDays: 7 })).status).toBe(401);
    expect((await chain.call('GET', '/v1/admin/cart-reminder', ADMIN_KEY)).json).toEqual({ policy: null });
    expect(await issueCartReminders(chain.db, NOW)).toBe(0);
  });

  it.skipIf(!backend.available)('issues one personal code per left cart, once; the pull carries it with her id; a cart left again is reminded again', async () => {
    const policy = { campaignId: 'cart-reminder', afterHours: 24, maxAgeHours: 24 * 7, validDays: 7 };
    expect((await chain.call('PUT', '/v1/admin/cart-reminder', ADMIN_KEY, policy)).json).toEqual(policy);
    expect(await issueCartReminders(chain.db, NOW)).toBe(1);
    const codes = async () =>
      (await chain.db.query<{ code: string; customer_id: string; expires_at: Date; single_use: boolean }>(`SELECT code, customer_id, expires_at, single_use FROM promo_codes WHERE campaign_id = 'cart-reminder' ORDER BY issued_at, customer_id`)).rows;
    const first = await codes();
    expect(first.map((c) => c.customer_id)).toEqual(['C-1']);
    expect(first[0]!.code).toMatch(/^CART[0-9A-Z]{10}$/);
    expect(first[0]!.single_use).toBe(true);
    // Valid a week, but not beyond the campaign's end.
    expect(first[0]!.expires_at.toISOString()).toBe('2026-12-06T00:00:00.000Z');
    // Run again (or by a second central node): nothing new.
    expect(await issueCartReminders(chain.db, NOW)).toBe(0);
    expect(await issueCartReminders(chain.db, new Date(NOW.getTime() + HOUR))).toBe(0);

    const { rows } = await chain.db.query<{ data: { customerId: string; campaignId: string } }>(`SELECT data FROM changes WHERE entity = 'promo_code' AND key = $1`, [first[0]!.code]);
    expect(rows[0]!.data).toMatchObject({ customerId: 'C-1', campaignId: 'cart-reminder' });

    // C-2's app cart is now over a day old: her turn. C-1 came back an hour after her reminder and left her cart again: a new one.
    const later = new Date(NOW.getTime() + 26 * HOUR);
    await chain.db.query(`UPDATE cart_lines SET added_at = $1 WHERE customer_id = 'C-1'`, [new Date(NOW.getTime() + HOUR).toISOString()]);
    expect(await issueCartReminders(chain.db, later)).toBe(2);
    expect((await codes()).map((c) => c.customer_id)).toEqual(['C-1', 'C-1', 'C-2']);
    const run = await chain.call('POST', '/v1/admin/cart-reminder/run', ADMIN_KEY);
    expect(run.status).toBe(200);
    expect(run.json).toEqual({ issued: 0 });
  });

  it.skipIf(!backend.available)('a run reads only the carts moved within the policy window, by the added_at index, not every cart line', async () => {
    const plan = await chain.db.transaction(async (tx) => {
      // Forbid the table scans a small test table would otherwise get, so the plan shows how the lines are found.
      await tx.query(`SET LOCAL enable_seqscan = off`);
      const { rows } = await tx.query<Record<string, string>>(`EXPLAIN ${DUE_CARTS_SQL}`, ['cart-reminder', NOW.toISOString(), 24, 24 * 7, 1000]);
      return rows.map((r) => Object.values(r)[0]).join('\n');
    });
    expect(plan).toMatch(/Index Scan (using|on) cart_lines_by_added_at/);
    expect(plan).toMatch(/Index Cond: \(added_at > /);
    // Every read of cart_lines is bounded by an index condition: no walk over all of them.
    const lines = plan.split('\n');
    const scans = lines.flatMap((line, i) => (/Scan.* on cart_lines\b/.test(line) ? [[line, lines[i + 1] ?? ''] as const] : []));
    expect(scans.length).toBeGreaterThan(0);
    for (const [scan, next] of scans) expect(next, scan).toMatch(/Cond: /);
  });
});
