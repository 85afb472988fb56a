import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../central/src/db.js';
import type { PaymentStateView } from '../../core/payment/contract.js';
import type { SaleView } from '../../core/sale/contract.js';
import type { TillDatabase } from '../../electron/backend/db.js';
import { readSettings } from '../../electron/backend/settings.js';
import { checkPage } from '../../electron/backend/sync/cache.js';
import type { Till } from '../../electron/backend/till.js';
import { tempDir } from '../helpers/tmp.js';
import { freshPglite, seedChain, type Chain } from '../sync/fixtures.js';
import { openSyncTill, rpc, syncUntilQuiet } from '../sync/support.js';

let db: Db;
let chain: Chain;

beforeAll(async () => {
  db = await freshPglite();
  chain = await seedChain(db, { products: 5, customers: 1 });
  await chain.central.admin('PUT', '/v1/admin/staff/ana', { name: 'Ana', role: 'cashier', storeIds: ['S1'], pin: '1111' });
  await chain.central.admin('PUT', '/v1/admin/staff/maria', { name: 'Maria', role: 'manager', storeIds: ['S1'], pin: '9999' });
});
afterAll(async () => {
  await chain.central.close().catch(() => undefined);
  await db.close();
});

const S1 = { name: 'București', country: 'RO', currency: 'RON' };

async function pairedTill(tillId: string, language = 'en'): Promise<Till> {
  const till = openSyncTill(tempDir(), {}, null, language);
  await rpc(till, 'sync.pair', { centralUrl: chain.central.url, pairingCode: await chain.central.pairingCode(tillId) });
  await syncUntilQuiet(till);
  return till;
}

const policyAudits = (tillDb: TillDatabase) =>
  (tillDb.prepare(`SELECT actor, action, subject, details FROM audit_log WHERE action LIKE 'store.policy%' ORDER BY id`).all() as { actor: string; action: string; subject: string; details: string }[]).map(
    (r) => ({ ...r, details: JSON.parse(r.details) as Record<string, any> }),
  );

describe('the store’s policies on every pull', () => {
  it('a change of each policy at central is enforced by the till after its next pull, and audited there', async () => {
    await chain.central.admin('PUT', '/v1/admin/stores/S1', S1);
    const till = await pairedTill('T1', 'ro');
    await rpc(till, 'staff.signIn', { staffId: 'ana', pin: '1111' });
    expect((await rpc(till, 'payment.state', {})).methods).toEqual(['cash', 'card']);

    // Before: an 8 % discount is the cashier's to give.
    const line = ((await rpc(till, 'sale.scan', { code: chain.barcodes[0]! })) as SaleView).lines[0]!;
    const discount = { lineId: line.id, discount: { kind: 'percent' as const, value: 800 }, reason: 'Dented' };
    expect((await till.dispatch('sale.discountLine', discount)).ok).toBe(true);
    await rpc(till, 'sale.discountLine', { lineId: line.id, discount: null, reason: '' });

    await chain.central.admin('PUT', '/v1/admin/stores/S1', {
      ...S1,
      paymentMethods: ['cash'],
      noReceiptReturns: { methods: ['cash', 'storeCredit'], maxMinor: 100 },
      manualDiscountLimit: 5,
      voucherOfflineCapMinor: 2_500,
    });
    // Nothing changes at the till until it pulls; then the screens are told.
    expect(readSettings(till.db).manualDiscountLimit).toBe(10);
    const seen = (await rpc(till, 'till.events', { after: 0 })).events.length;
    await syncUntilQuiet(till);
    expect((await rpc(till, 'till.events', { after: 0 })).events.slice(seen).map((e) => e.event.type)).toContain('store.changed');

    const settings = readSettings(till.db);
    expect([settings.paymentMethods, settings.noReceiptReturns, settings.manualDiscountLimit, settings.voucherOfflineCapMinor]).toEqual([
      ['cash'],
      { methods: ['cash', 'storeCredit'], maxMinor: 100 },
      5,
      2_500,
    ]);
    // Card is no longer offered, and refused if asked for.
    expect(((await rpc(till, 'payment.state', {})) as PaymentStateView).methods).toEqual(['cash']);
    const card = await till.dispatch('payment.pay', { cardMinor: 101, cashTenderedMinor: 0 });
    expect(card.ok ? null : card.error.code).toBe('PAYMENT_METHOD_NOT_ALLOWED');
    // The discount that was free now needs a manager.
    const refused = await till.dispatch('sale.discountLine', discount);
    expect(refused.ok ? null : refused.error.code).toBe('APPROVAL_REQUIRED');
    expect((await rpc(till, 'staff.session', {})).discountLimit).toBe(5);
    await rpc(till, 'sale.cancel', {});

    // The lower no-receipt maximum refuses, in the till's language.
    await rpc(till, 'staff.signOut', {});
    await rpc(till, 'staff.signIn', { staffId: 'maria', pin: '9999' });
    expect(await rpc(till, 'return.noReceiptPolicy', {})).toEqual({ methods: ['cash', 'storeCredit'], maxMinor: 100, currency: 'RON' });
    const sku = till.db.prepare('SELECT sku FROM barcodes WHERE code = ?').pluck().get(chain.barcodes[0]) as string;
    const over = await till.dispatch('return.noReceipt', { lines: [{ sku, quantity: 1 }], method: 'cash' });
    expect(over.ok ? null : over.error.code).toBe('RETURN_NO_RECEIPT_OVER_LIMIT');
    expect(over.ok ? '' : over.error.message).toMatch(/^Un retur fără bon poate rambursa cel mult 1[.,]00/);

    const audits = policyAudits(till.db);
    expect(audits.map((a) => [a.actor, a.action, a.subject, a.details.source])).toEqual([['central', 'store.policy_changed', 'S1', 'pull']]);
    expect(audits[0]!.details.version).toBe(2);
    expect(audits[0]!.details.changed.manualDiscountLimit).toEqual({ from: 10, to: 5 });
    expect(Object.keys(audits[0]!.details.changed).sort()).toEqual(['manualDiscountLimit', 'noReceiptReturns', 'paymentMethods', 'voucherOfflineCapMinor']);

    // The same policy again is no change: nothing written, nothing audited.
    await chain.central.admin('PUT', '/v1/admin/stores/S1', { ...S1, paymentMethods: ['cash'], noReceiptReturns: { methods: ['cash', 'storeCredit'], maxMinor: 100 }, manualDiscountLimit: 5, voucherOfflineCapMinor: 2_500 });
    await syncUntilQuiet(till);
    expect(policyAudits(till.db)).toHaveLength(1);
    await till.close();
  });

  it('a first run takes the policies from the pair reply, through the same code path', async () => {
    await chain.central.admin('PUT', '/v1/admin/stores/S1', { ...S1, paymentMethods: ['card'], manualDiscountLimit: 2.5, voucherOfflineCapMinor: 700 });
    const till = openSyncTill(tempDir());
    await rpc(till, 'sync.pair', { centralUrl: chain.central.url, pairingCode: await chain.central.pairingCode('T2') });
    const settings = readSettings(till.db);
    expect([settings.paymentMethods, settings.manualDiscountLimit, settings.voucherOfflineCapMinor]).toEqual([['card'], 2.5, 700]);
    expect(policyAudits(till.db).map((a) => [a.action, a.details.source])).toEqual([['store.policy_changed', 'pair']]);
    // The first pull brings the same document: nothing more to change.
    await syncUntilQuiet(till);
    expect(policyAudits(till.db)).toHaveLength(1);
    await till.close();
  });

  it('a store document of the wrong schema is refused alone: the rest of the pull is applied, the policy in force stays', async () => {
    await chain.central.admin('PUT', '/v1/admin/stores/S1', { ...S1, manualDiscountLimit: 4 });
    const till = await pairedTill('T3');
    expect(readSettings(till.db).manualDiscountLimit).toBe(4);
    await db.transaction(async (tx) => {
      await tx.query(`UPDATE stores SET manual_discount_limit_bp = 300 WHERE id = 'S1'`);
      await tx.query(`UPDATE changes SET data = jsonb_set(data, '{manualDiscountLimit}', '150') WHERE entity = 'store' AND key = 'S1'`);
    });
    await chain.central.admin('POST', '/v1/admin/catalogue', `sku,name_en,name_ru,name_ro,vat_category,sold_by,category,plu,barcodes,price.S1\nP0001,Product 1,Product 1 ру,Product 1 ro,standard,unit,grocery,,${chain.barcodes[0]},7.77\n`, 'text/csv');
    await syncUntilQuiet(till);
    expect(till.db.prepare(`SELECT price_minor FROM store_prices WHERE sku = 'P0001'`).pluck().get()).toBe(777);
    expect(readSettings(till.db).manualDiscountLimit).toBe(4);
    expect(till.sync.status().lastError).toBeNull();
    const refused = policyAudits(till.db).filter((a) => a.action === 'store.policy_refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.details.reason).toContain('manualDiscountLimit');
    await till.close();
  });
});

describe('a till reads a newer central’s store document leniently', () => {
  const page = (data: unknown) => ({ epoch: 'e', cursor: 'c', hasMore: false, changes: [{ entity: 'store', key: 'S1', op: 'upsert', data }, { entity: 'till_theme', key: 'x', op: 'upsert', data: {} }] });
  const doc = {
    id: 'S1',
    name: 'București',
    version: 7,
    changedAt: '2026-12-04T10:00:00.000Z',
    paymentMethods: ['card', 'sbp', 'cash', 'card'],
    noReceiptReturns: { methods: ['giftCard', 'cash'], maxMinor: 10_000, perDay: 3 },
    manualDiscountLimit: 7.5,
    voucherOfflineCapMinor: 0,
    loyaltyPointsPerUnit: 2,
  };

  it('drops fields and methods it does not know, keeps the ones it does', () => {
    const checked = checkPage(page(doc));
    expect(checked.storeRefused).toBeNull();
    expect(checked.store).toEqual({ id: 'S1', name: 'București', version: 7, changedAt: doc.changedAt, paymentMethods: ['card', 'cash'], noReceiptReturns: { methods: ['cash'], maxMinor: 10_000 }, manualDiscountLimit: 7.5, voucherOfflineCapMinor: 0 });
    expect(checked.skipped).toEqual({ till_theme: 1 });
  });

  it('refuses a document it cannot enforce, and keeps the page', () => {
    for (const bad of [{ ...doc, paymentMethods: ['sbp'] }, { ...doc, manualDiscountLimit: '7.5' }, { ...doc, voucherOfflineCapMinor: -1 }, { ...doc, noReceiptReturns: null }, null]) {
      const checked = checkPage(page(bad));
      expect(checked.store).toBeNull();
      expect(checked.storeRefused).toMatch(/^store S1: /);
      expect(checked.size).toBe(2);
    }
  });
});
