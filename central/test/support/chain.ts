import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { pgliteBackend, type Backend } from './backends.js';
import { newId } from '../../../core/ids.js';
import { PullPage } from '../../../core/sync/pull.js';
import type { Db } from '../../src/db.js';
import { buildApp } from '../../src/app.js';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef-central';

export interface TestChain {
  readonly app: FastifyInstance;
  readonly db: Db;
  /** Till T1 of store S1 (Romania) and till T2 of store S2 (Moldova). */
  readonly t1: string;
  readonly t2: string;
  readonly t1DeviceId: string;
  readonly channel: string;
  call(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token?: string | null, body?: unknown): Promise<{ status: number; json: any; body: string; headers: Record<string, unknown> }>;
  pair(tillId: string): Promise<{ token: string; deviceId: string }>;
}

/** A body sent as this exact text (for payloads JSON.stringify cannot make, such as 5,000-deep ones). */
export class RawJson {
  constructor(readonly text: string) {}
}

export async function setUpChain(db: Db, limits: { lookup?: number; pairing?: number; signIn?: number } = {}): Promise<TestChain> {
  const app = await buildApp({
    db,
    adminKey: ADMIN_KEY,
    logger: false,
    lookupRateLimit: limits.lookup ?? 10_000,
    pairingRateLimit: limits.pairing ?? 10_000,
    signInRateLimit: limits.signIn ?? 10_000,
  });
  const call: TestChain['call'] = async (method, url, token, body) => {
    const r = await app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { payload: body instanceof RawJson ? body.text : JSON.stringify(body) } : {}),
    });
    let json: unknown;
    try {
      json = JSON.parse(r.body);
    } catch {
      json = null;
    }
    return { status: r.statusCode, json, body: r.body, headers: r.headers };
  };
  const ok = async (method: 'POST' | 'PUT', url: string, body: unknown) => {
    const r = await call(method, url, ADMIN_KEY, body);
    if (r.status >= 300) throw new Error(`${method} ${url}: ${r.status} ${r.body}`);
    return r.json;
  };
  await ok('PUT', '/v1/admin/stores/S1', { name: 'Store one', country: 'RO', currency: 'RON' });
  await ok('PUT', '/v1/admin/stores/S2', { name: 'Store two', country: 'MD', currency: 'MDL' });
  await ok('PUT', '/v1/admin/tills/T1', { storeId: 'S1', name: 'Till 1' });
  await ok('PUT', '/v1/admin/tills/T2', { storeId: 'S2', name: 'Till 2' });
  const pair = async (tillId: string) => {
    const { code } = await ok('POST', `/v1/admin/tills/${tillId}/pairing-codes`, {});
    const paired = await call('POST', '/v1/devices/pair', null, { pairingCode: code, deviceName: `device of ${tillId}` });
    if (paired.status !== 201) throw new Error(`pairing failed: ${paired.body}`);
    return { token: paired.json.token as string, deviceId: paired.json.deviceId as string };
  };
  const t1 = await pair('T1');
  const t2 = await pair('T2');
  const { key } = await ok('POST', '/v1/admin/channel-clients', { name: 'web shop', channels: ['web', 'app', 'email', 'stream'] });
  return { app, db, t1: t1.token, t2: t2.token, t1DeviceId: t1.deviceId, channel: key, call, pair };
}

export function saleOp(tillId: string, storeId: string, extra: { customerId?: string | null; total?: number } = {}) {
  const total = extra.total ?? 1290;
  return {
    opId: newId(),
    type: 'sale.completed' as const,
    payload: {
      saleId: newId(),
      tillId,
      storeId,
      cashier: 'Ana',
      receiptNo: 1 + Math.floor(Math.random() * 100_000),
      country: 'RO',
      currency: 'RON',
      openedAt: '2026-11-20T10:00:00.000Z',
      completedAt: '2026-11-20T10:01:00.000Z',
      totalMinor: total,
      customerId: extra.customerId ?? null,
      lines: [
        { lineId: newId(), position: 1, sku: 'SKU-1', scannedCode: '5940000000004', name: 'Lapte', qtyKind: 'unit', quantity: 1, unitPriceMinor: total, lineTotalMinor: total, vatBasisPoints: 1100 },
      ],
      payments: [{ paymentId: newId(), method: 'cash', amountMinor: total, tenderedMinor: 2000, changeMinor: 2000 - total }],
      vat: [{ vatBasisPoints: 1100, grossMinor: total, netMinor: total - 128, vatMinor: 128 }],
    },
  };
}

/** A till's redemption report, in its store's currency (S1 Romania: RON, S2 Moldova: MDL) unless told otherwise. */
export function redeemOp(code: string, tillId: string, storeId: string, offline = false, currency = storeId === 'S2' ? 'MDL' : 'RON') {
  return {
    opId: newId(),
    type: 'promo.redeemed' as const,
    payload: {
      redemptionId: newId(),
      saleId: newId(),
      code,
      tillId,
      storeId,
      redeemedAt: new Date().toISOString(),
      discountMinor: 150,
      currency,
      offline,
    },
  };
}

export const CAMPAIGN = {
  id: 'spring-email',
  name: 'Spring e-mail',
  channel: 'email',
  codeKind: 'unique',
  codePrefix: 'SPR',
  discountKind: 'percent',
  discountValue: 10,
  startsAt: '2026-01-01T00:00:00.000Z',
  endsAt: '2030-01-01T00:00:00.000Z',
};

/** A chain on a fresh database of `backend` for the enclosing describe block: handed over before its tests, closed after them. */
export function useChain(backend: Backend, ready: (chain: TestChain) => void): void {
  let chain: TestChain | undefined;
  beforeAll(async () => {
    if (!backend.available) return;
    await backend.setUp();
    chain = await setUpChain(await backend.freshDb());
    ready(chain);
  });
  afterAll(async () => {
    if (!backend.available) return;
    await chain?.app.close();
    await backend.tearDown();
  });
}

/** A chain on a fresh PGlite for the enclosing describe block: handed over before its tests, closed after them. */
export function usePgliteChain(ready: (chain: TestChain) => void): void {
  useChain(pgliteBackend(), ready);
}

const DAY = 86_400_000;

/** A shared 10 % e-mail campaign running from yesterday to three days from now; a test's fields go over it. */
export const CAMPAIGN_BASE = {
  channel: 'email',
  codePrefix: '',
  discountKind: 'percent',
  discountValue: 10,
  startsAt: new Date(Date.now() - DAY).toISOString(),
  endsAt: new Date(Date.now() + 3 * DAY).toISOString(),
};

/** A campaign created through the admin API over CAMPAIGN_BASE (the test fails with central's answer if it is refused). */
export async function campaign(chain: TestChain, body: Record<string, unknown>): Promise<void> {
  const r = await chain.call('POST', '/v1/admin/campaigns', ADMIN_KEY, { ...CAMPAIGN_BASE, ...body });
  expect(r.status, r.body).toBe(201);
}

/** A shared code of a campaign. */
export async function sharedCode(chain: TestChain, campaignId: string, code: string): Promise<void> {
  const r = await chain.call('POST', `/v1/admin/campaigns/${campaignId}/codes`, ADMIN_KEY, { code });
  expect(r.status, r.body).toBeLessThan(300);
}

/** Every change a till pulls from `cursor` on, page by page, and the cursor after the last page. */
export async function pullAll(chain: TestChain, token: string, cursor?: string, limit = 50) {
  const changes: { entity: string; key: string; op: string; data: any }[] = [];
  let next = cursor;
  for (;;) {
    const r = await chain.call('GET', `/v1/sync/pull?limit=${limit}${next ? `&cursor=${next}` : ''}`, token);
    expect(r.status, r.body).toBe(200);
    const page = PullPage.parse(r.json);
    changes.push(...page.changes);
    next = page.cursor;
    if (!page.hasMore) return { changes, cursor: next as string };
  }
}
