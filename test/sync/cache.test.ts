import { describe, expect, it } from 'vitest';
import type { Change } from '../../core/sync/pull.js';
import { checkPage, PageInvalid } from '../../electron/backend/sync/cache.js';

const customer = (id: string, phones: string[]): Change => ({
  entity: 'customer',
  key: id,
  op: 'upsert',
  data: { id, name: `Name ${id}`, email: null, segments: [], phones, consents: [], updatedAt: '2026-01-01T00:00:00.000Z' },
});
const price = (sku: string, priceMinor: number): Change => ({ entity: 'price', key: sku, op: 'upsert', data: { sku, storeId: 'S1', priceMinor } });

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
