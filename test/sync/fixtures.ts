import { afterAll, beforeAll } from 'vitest';
import { pgliteDb } from '../../central/src/db.js';
import type { Backend } from '../../central/test/support/backends.js';
import { migrate } from '../../central/src/migrate.js';
import type { Db } from '../../central/src/db.js';
import { catalogueCsv, ean13, startCentral, type Central } from './support.js';

export interface Chain {
  readonly central: Central;
  readonly channel: string;
  /** Products P0001… with barcodes, priced in S1 (RON) and S2 (MDL). */
  readonly barcodes: string[];
}

export function product(i: number, price = 100 + i) {
  const sku = `P${String(i).padStart(4, '0')}`;
  return { sku, name: `Product ${i}`, barcode: ean13(`5940000${String(i).padStart(5, '0')}`), prices: { S1: (price / 100).toFixed(2), S2: ((price * 4) / 100).toFixed(2) } };
}

export const phoneOf = (i: number) => `+40721${String(1_000_000 + i).slice(1)}`;

/** A chain of two stores with a catalogue, customers with carts and favourites, and a campaign. */
export async function seedChain(db: Db, size = { products: 40, customers: 30 }): Promise<Chain> {
  const central = await startCentral(db);
  await central.admin('PUT', '/v1/admin/stores/S1', { name: 'București', country: 'RO', currency: 'RON' });
  await central.admin('PUT', '/v1/admin/stores/S2', { name: 'Chișinău', country: 'MD', currency: 'MDL' });
  for (const t of ['T1', 'T2', 'T3']) await central.admin('PUT', `/v1/admin/tills/${t}`, { storeId: 'S1', name: t });
  await central.admin('PUT', '/v1/admin/tills/M1', { storeId: 'S2', name: 'M1' });
  const products = Array.from({ length: size.products }, (_, i) => product(i + 1));
  await central.admin('POST', '/v1/admin/catalogue', catalogueCsv(products, ['S1', 'S2']), 'text/csv');
  const channel = await central.channelKey();
  for (let i = 1; i <= size.customers; i++) {
    const r = await central.call('POST', '/v1/customers/upsert-by-phone', channel, { phone: phoneOf(i), name: `Customer ${i}`, email: `c${i}@example.com` });
    if (r.status >= 300) throw new Error(JSON.stringify(r.json));
    const id = r.json.customer.id as string;
    if (i % 2 === 0) {
      const p = products[i % products.length]!;
      await central.call('PUT', `/v1/customers/${id}/carts/web`, channel, {
        lines: [{ sku: p.sku, quantity: 1 + (i % 3), priceSeenMinor: 100 + i, currency: 'RON', addedAt: '2026-11-20T10:00:00.000Z' }],
      });
    }
    if (i % 3 === 0) await central.call('PUT', `/v1/customers/${id}/favourites/${products[(i * 7) % products.length]!.sku}`, channel, { channel: 'app' });
  }
  await central.admin('POST', '/v1/admin/campaigns', {
    id: 'spring',
    name: 'Spring',
    channel: 'email',
    codeKind: 'unique',
    codePrefix: 'SPR',
    discountKind: 'percent',
    discountValue: 10,
    startsAt: '2026-01-01T00:00:00.000Z',
    endsAt: '2030-01-01T00:00:00.000Z',
  });
  await central.admin('POST', '/v1/admin/campaigns/spring/codes', { count: 5 });
  return { central, channel, barcodes: products.map((p) => p.barcode) };
}

export async function freshPglite(): Promise<Db> {
  const db = await pgliteDb();
  await migrate(db);
  return db;
}

/**
 * Registers a suite's set-up and tear-down of a fresh central database on `backend`, seeded
 * with the test chain; the returned object is filled in once `beforeAll` has run.
 */
export function useSeededCentral(backend: Backend): { db: Db; chain: Chain } {
  const state = {} as { db: Db; chain: Chain };
  beforeAll(async () => {
    await backend.setUp();
    state.db = await backend.freshDb();
    state.chain = await seedChain(state.db);
  });
  afterAll(async () => {
    await state.chain?.central.close();
    await backend.tearDown();
  });
  return state;
}
