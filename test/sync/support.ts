import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { TillDatabase } from '../../electron/backend/db.js';
import { buildApp } from '../../central/src/app.js';
import type { Db } from '../../central/src/db.js';
import type { PaymentTerminal } from '../../electron/backend/payment/terminal.js';
import { startTill, type Till } from '../../electron/backend/till.js';
import type { SyncOptions } from '../../electron/backend/sync/service.js';
import type { Input, Method, Output } from '../../core/rpc/contract.js';
import { silentLog } from '../helpers/till.js';

export const ADMIN = 'sync-test-admin-key-0123456789abcdef';

export interface Central {
  readonly db: Db;
  readonly app: FastifyInstance;
  readonly url: string;
  call(method: string, path: string, token: string | null, body?: unknown, contentType?: string): Promise<{ status: number; json: any }>;
  admin(method: string, path: string, body?: unknown, contentType?: string): Promise<any>;
  pairingCode(tillId: string): Promise<string>;
  /** A channel client key (the web shop). */
  channelKey(): Promise<string>;
  close(): Promise<void>;
}

/** Central over real HTTP on loopback, on the given database (already migrated). */
export async function startCentral(db: Db): Promise<Central> {
  const app = await buildApp({ db, adminKey: ADMIN, logger: false, lookupRateLimit: 1_000_000, pairingRateLimit: 1_000_000 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const call: Central['call'] = async (method, path, token, body, contentType) => {
    const r = await fetch(url + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': contentType ?? 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    const text = await r.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: r.status, json };
  };
  const admin: Central['admin'] = async (method, path, body, contentType) => {
    const r = await call(method, path, ADMIN, body, contentType);
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json;
  };
  return {
    db,
    app,
    url,
    call,
    admin,
    pairingCode: async (tillId) => (await admin('POST', `/v1/admin/tills/${tillId}/pairing-codes`, {})).code as string,
    channelKey: async () => (await admin('POST', '/v1/admin/channel-clients', { name: 'web shop', channels: ['web', 'app', 'email', 'stream'] })).key as string,
    close: () => app.close(),
  };
}

/** Products with barcodes and prices in the given stores, as central's CSV import takes them. */
export function catalogueCsv(products: { sku: string; name: string; barcode: string; prices: Record<string, string>; plu?: string }[], stores: string[]): string {
  const head = ['sku', 'name_en', 'name_ru', 'name_ro', 'vat_category', 'sold_by', 'category', 'plu', 'barcodes', ...stores.map((s) => `price.${s}`)];
  const rows = products.map((p) => [p.sku, p.name, `${p.name} ру`, `${p.name} ro`, 'standard', 'unit', 'grocery', p.plu ?? '', p.barcode, ...stores.map((s) => p.prices[s] ?? '')]);
  return [head, ...rows].map((r) => r.join(',')).join('\n') + '\n';
}

/** A valid EAN-13 from 12 digits. */
export function ean13(twelve: string): string {
  const sum = [...twelve].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return twelve + String((10 - (sum % 10)) % 10);
}

/** A till to pair with central; `terminal`: the card terminal beside it (none by default). */
export function openSyncTill(dir: string, sync: Partial<SyncOptions> = {}, terminal: PaymentTerminal | null = null, language = 'en'): Till {
  return startTill({
    terminal,
    databaseFile: join(dir, 'till.sqlite'),
    language,
    log: silentLog,
    printQueue: false,
    sync: { autoStart: false, http: { timeoutMs: 1_000, maxBodyBytes: 512 * 1024 }, backoff: { baseMs: 10, maxMs: 100 }, pageSize: 50, ...sync },
  });
}

/** Syncs until a round passes with no error and nothing queued; fails after `rounds`. */
export async function syncUntilQuiet(till: Till, rounds = 20): Promise<void> {
  let last: unknown = null;
  for (let i = 0; i < rounds; i++) {
    const r = await till.sync.syncOnce();
    const s = till.sync.status();
    if (!r.pull && !r.push && s.queued === 0 && !s.pull.fullSync) return;
    last = { ...r, queued: s.queued, fullSync: s.pull.fullSync };
  }
  throw new Error(`sync did not settle: ${JSON.stringify(last)}`);
}

const sortBy = <T>(rows: T[], key: (r: T) => string) => [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

/** Central's data in a store's scope, in one neutral shape. */
export async function centralScope(db: Db, storeId: string) {
  const q = async <T>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows;
  const customers = (await q<{ d: any }>(`SELECT customer_doc(id) AS d FROM customers`)).map(({ d }) => ({
    id: d.id,
    name: d.name,
    // Central keeps her e-mail; the till never holds it.
    email: null,
    segments: d.segments,
    consents: d.consents,
    updatedAt: d.updatedAt,
    phones: [...d.phones].sort(),
  }));
  const products = (await q<{ d: any }>(`SELECT product_doc(sku) AS d FROM products`)).map(({ d }) => ({
    sku: d.sku,
    names: d.names,
    vatCategory: d.vatCategory,
    soldBy: d.soldBy,
    plu: d.plu,
    category: d.category,
    barcodes: [...d.barcodes].sort(),
  }));
  return {
    customers: sortBy(customers, (c) => c.id),
    products: sortBy(products, (p) => p.sku),
    prices: await q(`SELECT sku, price_minor::int AS price FROM store_prices WHERE store_id = $1 ORDER BY sku`, [storeId]),
    carts: await q(
      `SELECT customer_id, channel, sku, quantity, price_seen_minor::int AS price, currency, iso(added_at) AS added_at FROM cart_lines ORDER BY 1, 2, 3`,
    ),
    favourites: await q(`SELECT customer_id, sku, channel, iso(added_at) AS added_at FROM favourites ORDER BY 1, 2`),
    campaigns: (await q<{ d: any }>(`SELECT campaign_doc(id) AS d FROM campaigns ORDER BY id`)).map(({ d }) => d),
    codes: (await q<{ d: any }>(`SELECT promo_code_doc(code) AS d FROM promo_codes ORDER BY code`)).map(({ d }) => d),
  };
}

/** The till's cache in the same shape. */
export function tillScope(db: TillDatabase, storeId: string) {
  const all = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
  const phones = new Map<string, string[]>();
  for (const p of all<{ phone_e164: string; customer_id: string }>('SELECT phone_e164, customer_id FROM customer_phones')) {
    phones.set(p.customer_id, [...(phones.get(p.customer_id) ?? []), p.phone_e164]);
  }
  const barcodes = new Map<string, string[]>();
  for (const b of all<{ code: string; sku: string }>('SELECT code, sku FROM barcodes')) barcodes.set(b.sku, [...(barcodes.get(b.sku) ?? []), b.code]);
  return {
    customers: all<any>('SELECT * FROM customers ORDER BY id').map((c) => ({
      id: c.id,
      name: c.name,
      email: c.email,
      segments: JSON.parse(c.segments),
      consents: JSON.parse(c.consents),
      updatedAt: c.updated_at,
      phones: (phones.get(c.id) ?? []).sort(),
    })),
    products: all<any>('SELECT * FROM products ORDER BY sku').map((p) => ({
      sku: p.sku,
      names: { en: p.name_en, ru: p.name_ru, ro: p.name_ro },
      vatCategory: p.vat_category,
      soldBy: p.sold_by,
      plu: p.plu,
      category: p.category,
      barcodes: (barcodes.get(p.sku) ?? []).sort(),
    })),
    prices: all(`SELECT sku, price_minor AS price FROM store_prices WHERE store_id = ? ORDER BY sku`, storeId),
    carts: all(`SELECT customer_id, channel, sku, quantity, price_seen_minor AS price, currency, added_at FROM online_cart_lines ORDER BY 1, 2, 3`),
    favourites: all(`SELECT customer_id, sku, channel, added_at FROM favourites ORDER BY 1, 2`),
    campaigns: all<any>('SELECT * FROM campaigns ORDER BY id').map((c) => ({
      id: c.id,
      name: c.name,
      channel: c.channel,
      codeKind: c.code_kind,
      discountKind: c.discount_kind,
      discountValue: c.discount_value,
      currency: c.currency,
      startsAt: c.starts_at,
      endsAt: c.ends_at,
      offlineAllowed: c.offline_allowed === 1,
      offlineCapPerTill: c.offline_cap_per_till,
      rules: JSON.parse(c.rules),
      ...(c.usage_uses !== null ? { usage: { uses: c.usage_uses, spentMinor: c.usage_spent_minor } } : {}),
    })),
    codes: all<any>('SELECT * FROM promo_codes ORDER BY code').map((k) => ({
      code: k.code,
      campaignId: k.campaign_id,
      singleUse: k.single_use === 1,
      state: k.state,
      expiresAt: k.expires_at,
      customerId: k.customer_id,
    })),
  };
}

/** Extra checks on the till side: one search row per product, no price waiting for a product that exists. */
export function tillCacheConsistent(db: TillDatabase): { searchRows: number; products: number; orphanPending: number } {
  const one = (sql: string) => db.prepare(sql).pluck().get() as number;
  return {
    searchRows: one('SELECT COUNT(*) FROM product_search'),
    products: one('SELECT COUNT(*) FROM products'),
    orphanPending: one('SELECT COUNT(*) FROM pending_prices pp JOIN products p ON p.sku = pp.sku'),
  };
}

/** Logs every cursor the till stores (a trigger in the till's own file), for the never-backwards check. */
export function recordCursors(db: TillDatabase): void {
  db.exec(`CREATE TABLE IF NOT EXISTS test_cursor_log (n INTEGER PRIMARY KEY, cursor TEXT, gen INTEGER);
    CREATE TRIGGER IF NOT EXISTS test_cursor_log AFTER UPDATE OF cursor ON sync_state WHEN NEW.cursor IS NOT NULL
    BEGIN INSERT INTO test_cursor_log (cursor, gen) VALUES (NEW.cursor, NEW.gen); END;`);
}

/** Every stored cursor, in order, never behind the one before it within one generation (central's cursor is epoch|txid|seq). */
export function cursorsMonotonic(db: TillDatabase): { count: number; backwards: string[] } {
  const rows = db.prepare('SELECT cursor, gen FROM test_cursor_log ORDER BY n').all() as { cursor: string; gen: number }[];
  const backwards: string[] = [];
  let prev: { gen: number; epoch: string; txid: bigint; seq: bigint } | null = null;
  for (const r of rows) {
    const [epoch, txid, seq] = Buffer.from(r.cursor, 'base64url').toString('utf8').split('|') as [string, string, string];
    const cur = { gen: r.gen, epoch, txid: BigInt(txid), seq: BigInt(seq) };
    if (prev && prev.gen === cur.gen && prev.epoch === cur.epoch && (cur.txid < prev.txid || (cur.txid === prev.txid && cur.seq < prev.seq))) {
      backwards.push(`${prev.txid}/${prev.seq} -> ${cur.txid}/${cur.seq}`);
    }
    if (prev && cur.gen < prev.gen) backwards.push(`generation ${prev.gen} -> ${cur.gen}`);
    prev = cur;
  }
  return { count: rows.length, backwards };
}

/** A typed RPC call through the till's dispatcher; fails the test with the error code when not ok. */
export async function rpc<M extends Method>(till: Till, method: M, input: Input<M>): Promise<Output<M>> {
  const r = await till.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
  return r.value as Output<M>;
}
