import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Change } from '../../core/sync/pull.js';
import { openTillDatabase } from '../../electron/backend/db.js';
import { checkPage, createCache, PageInvalid } from '../../electron/backend/sync/cache.js';
import { tempDir } from '../helpers/tmp.js';

/** The cache applied directly, page by page, for what the central-backed tests cannot stage (a key twice on one page). */
function cacheDb() {
  const db = openTillDatabase(join(tempDir(), 'till.sqlite'));
  const cache = createCache(db);
  const scope = { storeId: 'S1', currency: 'RON' };
  const apply = (changes: Change[]) => db.transaction(() => cache.apply(changes, 2, scope, '2026-01-01T00:00:00.000Z'))();
  const phones = (id: string) => db.prepare('SELECT phone_e164 FROM customer_phones WHERE customer_id = ? ORDER BY 1').pluck().all(id);
  const barcodes = (sku: string) => db.prepare('SELECT code FROM barcodes WHERE sku = ? ORDER BY 1').pluck().all(sku);
  const price = (sku: string) => db.prepare('SELECT price_minor FROM store_prices WHERE sku = ?').pluck().get(sku);
  const pending = () => db.prepare('SELECT COUNT(*) FROM pending_prices').pluck().get();
  return { db, apply, phones, barcodes, price, pending };
}

const customer = (id: string, phones: string[]): Change => ({
  entity: 'customer',
  key: id,
  op: 'upsert',
  data: { id, name: `Name ${id}`, email: null, segments: [], phones, consents: [], updatedAt: '2026-01-01T00:00:00.000Z' },
});
/** `brand` undefined: a product as a central of an earlier release sends it. */
const product = (sku: string, barcodes: string[], brand?: string | null): Change => ({
  entity: 'product',
  key: sku,
  op: 'upsert',
  data: { sku, barcodes, names: { en: sku, ru: sku, ro: sku }, vatCategory: 'standard', category: 'grocery', soldBy: 'unit', plu: null, ...(brand !== undefined ? { brand } : {}) },
});
const price = (sku: string, priceMinor: number): Change => ({ entity: 'price', key: sku, op: 'upsert', data: { sku, storeId: 'S1', priceMinor } });

const campaign = (id: string, usage?: { uses: number; spentMinor: number }): Change => ({
  entity: 'campaign',
  key: id,
  op: 'upsert',
  data: {
    id, name: id, channel: 'stream', codeKind: 'shared', discountKind: 'percent', discountValue: 10, currency: 'MDL',
    startsAt: '2026-01-01T00:00:00.000Z', endsAt: '2030-01-01T00:00:00.000Z', offlineAllowed: true, offlineCapPerTill: 5,
    rules: { maxUses: 7, budgetMinor: 5_000 }, ...(usage ? { usage } : {}),
  },
});

describe('applying pull pages to the cache', () => {
  it("keeps a campaign's usage as central counted it, so the engine knows a used-up campaign offline", () => {
    const c = cacheDb();
    const usage = (id: string) => c.db.prepare('SELECT usage_uses AS uses, usage_spent_minor AS spent FROM campaigns WHERE id = ?').get(id);
    c.apply([campaign('S3', { uses: 2, spentMinor: 300 }), campaign('OLD')]);
    expect(usage('S3')).toEqual({ uses: 2, spent: 300 });
    expect(usage('OLD')).toEqual({ uses: null, spent: null });
    c.apply([campaign('S3', { uses: 7, spentMinor: 1_050 })]);
    expect(usage('S3')).toEqual({ uses: 7, spent: 1_050 });
  });

  it("keeps a campaign's names by language; a central of an earlier release sends none, and a language this till does not know is left out", () => {
    const c = cacheDb();
    const names = (id: string) => c.db.prepare('SELECT names FROM campaigns WHERE id = ?').pluck().get(id);
    const named = (id: string, n: unknown): Change => ({ ...campaign(id), data: { ...(campaign(id).data as object), names: n } }) as Change;
    const page = checkPage({ epoch: 'e', cursor: 'c', hasMore: false, changes: [named('S3', { en: 'Stream', ru: 'Эфир', ro: 'Transmisiune', uk: 'Ефір' }), named('S4', null), campaign('OLD')] });
    c.apply([...page.changes]);
    expect(JSON.parse(names('S3') as string)).toEqual({ en: 'Stream', ru: 'Эфир', ro: 'Transmisiune' });
    expect([names('S4'), names('OLD')]).toEqual([null, null]);
    c.apply([...checkPage({ epoch: 'e', cursor: 'c', hasMore: false, changes: [named('S3', { ro: 'Flux' })] }).changes]);
    expect(JSON.parse(names('S3') as string)).toEqual({ ro: 'Flux' });
  });

  it("an upsert replaces a customer's phones and a product's barcodes, whether the row is new, cached, or upserted earlier on the same page", () => {
    const c = cacheDb();
    c.apply([customer('C1', ['+40720000001']), customer('C1', ['+40720000002']), product('P1', ['111']), product('P1', ['222'])]);
    expect(c.phones('C1')).toEqual(['+40720000002']);
    expect(c.barcodes('P1')).toEqual(['222']);
    c.apply([customer('C1', ['+40720000003', '+40720000004']), product('P1', ['333'])]);
    expect(c.phones('C1')).toEqual(['+40720000003', '+40720000004']);
    expect(c.barcodes('P1')).toEqual(['333']);
    // Deleted and back on one page: nothing of the old row survives.
    c.apply([{ entity: 'customer', key: 'C1', op: 'delete', data: null }, customer('C1', ['+40720000005'])]);
    expect(c.phones('C1')).toEqual(['+40720000005']);
    // A phone moved to a new customer leaves the old one.
    c.apply([customer('C2', ['+40720000005'])]);
    expect(c.phones('C1')).toEqual([]);
    expect(c.phones('C2')).toEqual(['+40720000005']);
    expect(c.db.prepare('SELECT COUNT(*) FROM product_search').pluck().get()).toBe(1);
  });

  it("keeps a product's brand for the engine's brand campaigns; a central of an earlier release sends none, and null clears it", () => {
    const c = cacheDb();
    const brand = (sku: string) => c.db.prepare('SELECT brand FROM products WHERE sku = ?').pluck().get(sku);
    c.apply([product('P1', ['111'], 'Codru'), product('P2', ['222'])]);
    expect(brand('P1')).toBe('Codru');
    expect(brand('P2')).toBeNull();
    c.apply([product('P1', ['111'], 'Prut')]);
    expect(brand('P1')).toBe('Prut');
    c.apply([product('P1', ['111'], null)]);
    expect(brand('P1')).toBeNull();
    expect(checkPage({ epoch: 'e', cursor: 'c', hasMore: false, changes: [product('P3', ['333'], 'Codru')] }).changes[0]).toMatchObject({ data: { brand: 'Codru' } });
  });

  it('a price that comes before its product waits, on the same page or an earlier one, and moves in with the product', () => {
    const c = cacheDb();
    c.apply([price('P1', 100), product('P1', ['111']), price('P2', 200)]);
    expect(c.price('P1')).toBe(100);
    expect(c.price('P2')).toBeUndefined();
    expect(c.pending()).toBe(1);
    c.apply([product('P2', ['222'])]);
    expect(c.price('P2')).toBe(200);
    expect(c.pending()).toBe(0);
    c.apply([price('P2', 250)]);
    expect(c.price('P2')).toBe(250);
    expect(c.pending()).toBe(0);
  });
});

describe('checking a pull page', () => {
  const page = (changes: unknown[]) => ({ epoch: 'e', cursor: 'c', hasMore: false, changes });

  it('checks each change against the schema of its entity and op; unknown entities are skipped and counted', () => {
    const checked = checkPage(page([customer('C1', ['+40720000001']), { entity: 'price', key: 'P1', op: 'delete', data: null }, { entity: 'loyalty', key: 'x', op: 'upsert', data: {} }]));
    expect(checked.changes.map((c) => `${c.entity}:${c.op}`)).toEqual(['customer:upsert', 'price:delete']);
    expect(checked.skipped).toEqual({ loyalty: 1 });
    expect(checked.size).toBe(3);
    // Unknown fields are dropped, as the union did.
    const extra = checkPage(page([{ ...price('P1', 5), extra: 1, data: { sku: 'P1', storeId: 'S1', priceMinor: 5, future: true } }]));
    expect(extra.changes[0]).toEqual(price('P1', 5));
  });

  it('refuses the whole page for one malformed change of a known type', () => {
    for (const bad of [
      { entity: 'customer', key: 'C1', op: 'upsert', data: { id: 1 } },
      { entity: 'customer', key: 'C1', op: 'delete', data: { id: 'C1' } },
      { entity: 'price', key: 'P1', op: 'upsert', data: null },
      { entity: 'price', key: 'P1', op: 'replace', data: null },
      { entity: '', key: 'P1', op: 'delete', data: null },
      { entity: 'price', op: 'delete', data: null },
      'price',
      null,
      [],
    ]) {
      expect(() => checkPage(page([price('P1', 5), bad]))).toThrow(PageInvalid);
    }
  });
});
