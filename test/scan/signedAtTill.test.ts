import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SaleView } from '../../core/sale/contract.js';
import type { OfferPayload } from '../../core/scan/signed.js';
import { PromoRedeemedOp } from '../../core/sync/ops.js';
import { scanSigningKeysFromSeed, signScanToken, type ScanSigningKeys } from '../../central/src/scanSigning.js';
import type { TillDatabase } from '../../electron/backend/db.js';
import { writeScanKeys } from '../../electron/backend/scan/keys.js';
import { errorCode, ok, openTestTill, type TestTill } from '../helpers/till.js';

const NOW = new Date('2026-12-04T10:00:00.000Z');
const NOW_S = NOW.getTime() / 1000;
let clock = NOW;
const CHAIN = 'omni-md';
const KEYS = scanSigningKeysFromSeed(new Uint8Array(32).fill(7));
const OTHER_KEYS = scanSigningKeysFromSeed(new Uint8Array(32).fill(9));

function installKeys(db: TillDatabase, keys: ScanSigningKeys = KEYS, chain = CHAIN): void {
  writeScanKeys(db, { chain, publicKeys: [Buffer.from(keys.publicKey).toString('base64url')] });
}

function addStreamCampaign(db: TillDatabase, cap: number): void {
  db.prepare(
    `INSERT INTO campaigns (id, name, channel, code_kind, discount_kind, discount_value, currency, starts_at, ends_at, offline_allowed,
       offline_cap_per_till, rules, sync_gen) VALUES ('stream-qr', 'Stream QR −20 %', 'stream', 'shared', 'percent', 20, NULL,
       '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z', 1, ?, '{"signedOffers":true}', 1)`,
  ).run(cap);
  db.prepare(`INSERT INTO promo_codes (code, campaign_id, single_use, state) VALUES ('STREAM20', 'stream-qr', 0, 'issued')`).run();
}

function addCustomer(db: TillDatabase, id: string): void {
  db.prepare(`INSERT INTO customers (id, name, email, segments, updated_at) VALUES (?, ?, NULL, '[]', '2026-12-01T10:00:00Z')`).run(id, `Customer ${id}`);
}

let nonces = 0;
function offer(over: Partial<OfferPayload> = {}, keys: ScanSigningKeys = KEYS): string {
  const payload: OfferPayload = { code: 'STREAM20', campaign: 'stream-qr', expiry: NOW_S + 3600, nonce: `nonce-${String(++nonces).padStart(4, '0')}`, chain: CHAIN, ...over };
  return signScanToken('offer', payload, keys.privateKeyPem);
}

function appCard(customer: string, over: { expiry?: number; issued?: number; chain?: string } = {}, keys: ScanSigningKeys = KEYS): string {
  return signScanToken('appCard', { customer, chain: over.chain ?? CHAIN, issued: over.issued ?? NOW_S - 60, expiry: over.expiry ?? NOW_S + 86_400 }, keys.privateKeyPem);
}

function firstProduct(db: TillDatabase): { sku: string; price: number } {
  return db
    .prepare(`SELECT p.sku, sp.price_minor AS price FROM products p JOIN store_prices sp ON sp.sku = p.sku WHERE p.sold_by = 'unit' AND sp.price_minor >= 1000 ORDER BY p.sku LIMIT 1`)
    .get() as { sku: string; price: number };
}

describe('signed offers and app cards at the till, offline', () => {
  let till: TestTill;
  let item: { sku: string; price: number };
  const current = async () => ok(await till.dispatch('sale.current', {})) as SaleView | null;
  const scan = (code: string, typed = false) => till.dispatch('sale.scan', typed ? { code, typed } : { code });
  /** A refused scan changes nothing: the sale is what it was. */
  async function refusedUnchanged(code: string, expected: string): Promise<void> {
    const before = await current();
    expect(errorCode(await scan(code))).toBe(expected);
    expect(await current()).toEqual(before);
  }

  beforeEach(async () => {
    clock = NOW;
    till = openTestTill({ customers: 0, products: 100, now: () => clock });
    installKeys(till.db);
    addStreamCampaign(till.db, 2);
    item = firstProduct(till.db);
    ok(await till.dispatch('sale.addProduct', { sku: item.sku }));
  });
  afterEach(async () => {
    await till.close();
  });

  it('a stream QR offer applies its promotion offline; the shared code typed offline asks for the QR', async () => {
    const typed = await till.dispatch('promo.enterCode', { code: 'STREAM20' });
    expect(typed.ok ? null : typed.error).toMatchObject({ code: 'PROMO_CODE_REFUSED', params: { reason: 'signed_offer_required' } });

    const view = ok(await scan(`]Q1${offer()}\r\n`)) as SaleView;
    expect(view.promo.applied).toMatchObject([{ promotionId: 'stream-qr', code: 'STREAM20', discount: Math.round(item.price * 0.2) }]);
    expect(view.totals.total).toBe(item.price - Math.round(item.price * 0.2));
  });

  it('redeems the offer with the sale: its nonce on the redemption and on the promo.redeemed op; the same offer again is refused', async () => {
    const token = offer({ nonce: 'stream-once-1' });
    const open = ok(await scan(token, true)) as SaleView;
    ok(await till.dispatch('sale.payCash', { tenderedMinor: open.totals.total }));
    expect(till.db.prepare(`SELECT offer_nonce, offline FROM promo_redemptions`).all()).toEqual([{ offer_nonce: 'stream-once-1', offline: 1 }]);
    const op = PromoRedeemedOp.parse(
      (() => {
        const row = till.db.prepare(`SELECT op_id, payload FROM outbox WHERE op_type = 'promo.redeemed'`).get() as { op_id: string; payload: string };
        return { opId: row.op_id, type: 'promo.redeemed', payload: JSON.parse(row.payload) };
      })(),
    );
    expect(op.payload).toMatchObject({ code: 'STREAM20', offline: true, offerNonce: 'stream-once-1', discountMinor: Math.round(item.price * 0.2) });

    ok(await till.dispatch('sale.addProduct', { sku: item.sku }));
    await refusedUnchanged(token, 'SCAN_OFFER_REDEEMED');
  });

  it('an offer that expires while the sale is open no longer vouches for its code offline', async () => {
    ok(await scan(offer({ expiry: NOW_S + 60 })));
    clock = new Date(NOW.getTime() + 61_000);
    const later = await current();
    expect(later?.promo.applied).toEqual([]);
    expect(later?.promo.codes).toMatchObject([{ code: 'STREAM20', applied: false, reason: 'signed_offer_required' }]);
  });

  it('applies offers within the campaign per-till cap', async () => {
    for (let i = 0; i < 2; i++) {
      const open = ok(await scan(offer())) as SaleView;
      expect(open.promo.applied).toHaveLength(1);
      ok(await till.dispatch('sale.payCash', { tenderedMinor: open.totals.total }));
      ok(await till.dispatch('sale.addProduct', { sku: item.sku }));
    }
    const over = await scan(offer());
    expect(over.ok ? null : over.error).toMatchObject({ code: 'PROMO_CODE_REFUSED', params: { reason: 'offline_cap_reached', cap: 2 } });
    expect((await current())?.promo.applied).toEqual([]);
  });

  it('refuses a tampered offer, one of another chain, an expired one, and one it has no key for; nothing changes', async () => {
    const good = offer();
    const [head, kind, payload, signature] = good.split('.') as [string, string, string, string];
    const other = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as OfferPayload;
    const richer = Buffer.from(JSON.stringify({ ...other, code: 'STREAM99' })).toString('base64url');
    await refusedUnchanged([head, kind, richer, signature].join('.'), 'SCAN_SIGNED_TAMPERED');
    await refusedUnchanged(`${head}.${kind}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BA' : 'AA'}`, 'SCAN_SIGNED_TAMPERED');
    await refusedUnchanged(offer({}, OTHER_KEYS), 'SCAN_SIGNED_TAMPERED');
    await refusedUnchanged(offer({ chain: 'other-chain' }), 'SCAN_SIGNED_OTHER_CHAIN');
    await refusedUnchanged(offer({ expiry: NOW_S - 1 }), 'SCAN_OFFER_EXPIRED');
    till.db.prepare(`DELETE FROM settings WHERE key = 'scanKeys'`).run();
    await refusedUnchanged(good, 'SCAN_SIGNED_NO_KEY');
  });

  it('a customer-bound offer: refused with another customer on the sale, or for someone the till does not know; attaches her when nobody is on it', async () => {
    addCustomer(till.db, 'C-ANA');
    addCustomer(till.db, 'C-DOINA');
    await refusedUnchanged(offer({ customer: 'C-NOBODY' }), 'SCAN_OFFER_UNKNOWN_CUSTOMER');
    ok(await till.dispatch('customer.attachToSale', { customerId: 'C-ANA' }));
    await refusedUnchanged(offer({ customer: 'C-DOINA' }), 'SCAN_OFFER_OTHER_CUSTOMER');
    ok(await till.dispatch('customer.attachToSale', { customerId: null }));
    const view = ok(await scan(offer({ customer: 'C-DOINA' }))) as SaleView;
    expect(view.customer?.id).toBe('C-DOINA');
    expect(view.promo.applied).toHaveLength(1);
  });

  it('her app card attaches her, scanned or typed; expired, unknown and foreign cards are refused', async () => {
    addCustomer(till.db, 'C-DOINA');
    const view = ok(await scan(appCard('C-DOINA'))) as SaleView;
    expect(view.customer?.id).toBe('C-DOINA');
    ok(await till.dispatch('customer.attachToSale', { customerId: null }));
    expect((ok(await scan(appCard('C-DOINA'), true)) as SaleView).customer?.id).toBe('C-DOINA');
    ok(await till.dispatch('customer.attachToSale', { customerId: null }));
    await refusedUnchanged(appCard('C-DOINA', { expiry: NOW_S - 10 }), 'SCAN_CARD_EXPIRED');
    await refusedUnchanged(appCard('C-NOBODY'), 'SCAN_CARD_UNKNOWN_CUSTOMER');
    await refusedUnchanged(appCard('C-DOINA', { chain: 'other-chain' }), 'SCAN_SIGNED_OTHER_CHAIN');
    await refusedUnchanged(appCard('C-DOINA', {}, OTHER_KEYS), 'SCAN_SIGNED_TAMPERED');
    await refusedUnchanged(appCard('C-DOINA', { issued: NOW_S + 3600 }), 'SCAN_SIGNED_CLOCK');
  });

  it('4 KB and binary payloads get a clear error and change nothing', async () => {
    const long = `OT1.O.${'A'.repeat(4090)}`;
    expect(long).toHaveLength(4096);
    await refusedUnchanged(long, 'SCAN_UNKNOWN_CODE');
    await refusedUnchanged(`${offer()}${'A'.repeat(4096 - offer().length)}`, 'SCAN_UNKNOWN_CODE');
    await refusedUnchanged(`OT1.O.${'QUJD'.repeat(250)}.${'A'.repeat(86)}`, 'SCAN_UNKNOWN_CODE');
    await refusedUnchanged('OT1.O.\u0000\u0001\u0002\u00ff.sig', 'SCAN_GARBAGE');
    await refusedUnchanged(String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i)), 'SCAN_GARBAGE');
  });

  it('every refusal reads in ru and ro too', async () => {
    const ru = await till.dispatch('sale.scan', { code: offer({ chain: 'other-chain' }) });
    expect(ru.ok ? null : ru.error.message).toMatch(/another retail chain/);
    await till.close();
    for (const [language, words] of [['ru', /другой торговой сетью/], ['ro', /altă rețea/]] as const) {
      till = openTestTill({ customers: 0, products: 100, now: () => NOW, language });
      installKeys(till.db);
      const r = await till.dispatch('sale.scan', { code: offer({ chain: 'other-chain' }) });
      expect(r.ok ? null : r.error.message).toMatch(words);
      await till.close();
    }
    till = openTestTill({ customers: 0, products: 10, now: () => NOW });
  });
});
