import { describe, expect, it } from 'vitest';
import { newId } from '../../core/ids.js';
import type { SaleView } from '../../core/sale/contract.js';
import { pgliteBackend } from '../../central/test/support/backends.js';
import { tempDir } from '../helpers/tmp.js';
import { product, useSeededCentral } from '../sync/fixtures.js';
import { openSyncTill, rpc, syncUntilQuiet } from '../sync/support.js';

/**
 * A till paired with a real central on loopback: a single-use code is held at central when the
 * cashier enters it online, refused while the web shop holds it, and its redemption arrives
 * with the sale and takes the hold over.
 */
const central = useSeededCentral(pgliteBackend());

describe('promo codes between the till and central', () => {
  it('validate → reserve → redeem across the web shop and the till; a refusal by central takes the code off', async () => {
    const { db, chain } = central;
    await chain.central.admin('POST', '/v1/admin/campaigns', {
      id: 'kostya-mail', name: 'First order −10 %', channel: 'email', codeKind: 'unique', codePrefix: 'KM', discountKind: 'percent', discountValue: 10,
      startsAt: new Date(Date.now() - 86_400_000).toISOString(), endsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    await chain.central.admin('POST', '/v1/admin/campaigns/kostya-mail/codes', { count: 1 });
    const { rows } = await db.query<{ code: string }>(`SELECT code FROM promo_codes WHERE campaign_id = 'kostya-mail'`);
    const code = rows[0]!.code;

    const till = openSyncTill(tempDir());
    await rpc(till, 'sync.pair', { centralUrl: chain.central.url, pairingCode: await chain.central.pairingCode('T1') });
    await syncUntilQuiet(till);
    expect(till.sync.isOnline()).toBe(true);
    await rpc(till, 'sale.scan', { code: product(1).barcode });

    // The web shop holds it for an order: the till is refused, plainly, and keeps nothing.
    const order = newId();
    expect((await chain.central.call('POST', '/v1/promo/reserve', chain.channel, { code, saleId: order })).json).toMatchObject({ reserved: true });
    const refused = await till.dispatch('promo.enterCode', { code: code.toLowerCase() });
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'PROMO_CODE_REFUSED', params: { code, reason: 'code_reserved' } });
    expect((await rpc(till, 'sale.current', {}))!.promo.codes).toEqual([]);

    // Released: the till takes it and holds it at central for this sale.
    await chain.central.call('POST', '/v1/promo/release', chain.channel, { code, saleId: order });
    const applied = (await rpc(till, 'promo.enterCode', { code })) as SaleView;
    expect(applied.promo.codes).toMatchObject([{ code, applied: true }]);
    const held = await db.query<{ holder: string; sale_id: string }>(`SELECT holder, sale_id FROM promo_reservations WHERE code = $1 AND released_at IS NULL AND redeemed_at IS NULL`, [code]);
    expect(held.rows).toEqual([{ holder: 'till:T1', sale_id: applied.id }]);
    expect((await chain.central.call('POST', '/v1/promo/reserve', chain.channel, { code, saleId: newId() })).json).toMatchObject({ reserved: false, reason: 'reserved_elsewhere' });

    // Paid: the redemption goes with the sale and becomes central's, once.
    await rpc(till, 'sale.payCash', { tenderedMinor: applied.totals.total });
    await syncUntilQuiet(till);
    const redeemed = await db.query<{ sale_id: string; offline: boolean }>(`SELECT sale_id, offline FROM redemptions WHERE code = $1`, [code]);
    expect(redeemed.rows).toEqual([{ sale_id: applied.id, offline: false }]);
    const hold = await db.query<{ redeemed: boolean }>(`SELECT redeemed_at IS NOT NULL AS redeemed FROM promo_reservations WHERE sale_id = $1`, [applied.id]);
    expect(hold.rows).toEqual([{ redeemed: true }]);
    // The pull brings the code back as redeemed: entering it again is refused locally.
    await syncUntilQuiet(till);
    await rpc(till, 'sale.scan', { code: product(2).barcode });
    const again = await till.dispatch('promo.enterCode', { code });
    expect(again.ok ? null : again.error).toMatchObject({ code: 'PROMO_CODE_REFUSED', params: { reason: 'code_redeemed' } });
    await till.close();
  }, 60_000);

  it('a shared code of a campaign with a total uses limit is held at central online; at the limit central refuses it with usage_exhausted', async () => {
    const { db, chain } = central;
    await chain.central.admin('POST', '/v1/admin/campaigns', {
      id: 'two-uses', name: 'Two uses', channel: 'stream', codeKind: 'shared', codePrefix: '', discountKind: 'percent', discountValue: 10,
      startsAt: new Date(Date.now() - 86_400_000).toISOString(), endsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), rules: { maxUses: 2 },
    });
    await chain.central.admin('POST', '/v1/admin/campaigns/two-uses/codes', { code: 'TWOUSES' });
    const till = openSyncTill(tempDir());
    await rpc(till, 'sync.pair', { centralUrl: chain.central.url, pairingCode: await chain.central.pairingCode('T1') });
    await syncUntilQuiet(till);
    await rpc(till, 'sale.scan', { code: product(3).barcode });
    const applied = (await rpc(till, 'promo.enterCode', { code: 'twouses' })) as SaleView;
    expect(applied.promo.codes).toMatchObject([{ code: 'TWOUSES', applied: true }]);
    const held = await db.query(`SELECT sale_id FROM promo_reservations WHERE code = 'TWOUSES' AND holds_use AND released_at IS NULL`);
    expect(held.rows).toEqual([{ sale_id: applied.id }]);
    // Cancelled: the held use goes back. The web shop takes both uses; the till's next sale is told the campaign is used up.
    await rpc(till, 'sale.cancel', {});
    const usage = async () => (await db.query<{ held: number }>(`SELECT held::int FROM campaign_usage WHERE campaign_id = 'two-uses'`)).rows[0]?.held;
    await expect.poll(usage, { timeout: 10_000 }).toBe(0);
    for (let i = 0; i < 2; i++) expect((await chain.central.call('POST', '/v1/promo/reserve', chain.channel, { code: 'TWOUSES', saleId: newId() })).json).toMatchObject({ reserved: true });
    await rpc(till, 'sale.scan', { code: product(3).barcode });
    const refused = await till.dispatch('promo.enterCode', { code: 'TWOUSES' });
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'PROMO_CODE_REFUSED', params: { code: 'TWOUSES', reason: 'usage_exhausted' } });
    expect((await rpc(till, 'sale.current', {}))!.promo.codes).toEqual([]);
    await till.close();
  }, 60_000);

  it('cancelling the sale lets the hold go at once', async () => {
    const { db, chain } = central;
    await chain.central.admin('POST', '/v1/admin/campaigns/kostya-mail/codes', { count: 1 });
    const { rows } = await db.query<{ code: string }>(`SELECT code FROM promo_codes WHERE campaign_id = 'kostya-mail' AND state = 'issued'`);
    const code = rows[0]!.code;
    const till = openSyncTill(tempDir());
    await rpc(till, 'sync.pair', { centralUrl: chain.central.url, pairingCode: await chain.central.pairingCode('T2') });
    await syncUntilQuiet(till);
    await rpc(till, 'sale.scan', { code: product(3).barcode });
    const sale = (await rpc(till, 'promo.enterCode', { code })) as SaleView;
    const live = async () =>
      (await db.query(`SELECT 1 FROM promo_reservations WHERE sale_id = $1 AND released_at IS NULL AND redeemed_at IS NULL`, [sale.id])).rowCount;
    expect(await live()).toBe(1);
    await rpc(till, 'sale.cancel', {});
    await expect.poll(live, { timeout: 10_000 }).toBe(0);
    await till.close();
  }, 60_000);
  it('S4 and S2 online: central reminds her of the cart she left, the pull brings the offer, the till applies it when she is attached; his first-order code is held for him and used once', async () => {
    const { db, chain } = central;
    const day = 86_400_000;
    const campaign = { channel: 'email', codeKind: 'unique', discountKind: 'percent', discountValue: 10, startsAt: new Date(Date.now() - day).toISOString(), endsAt: new Date(Date.now() + 30 * day).toISOString() };
    await chain.central.admin('POST', '/v1/admin/campaigns', { ...campaign, id: 'cart-rem', name: 'Your cart is waiting', codePrefix: 'CART' });
    await chain.central.admin('POST', '/v1/admin/campaigns', { ...campaign, id: 'welcome', name: 'Welcome −10 %', codePrefix: 'HELLO', rules: { firstPurchaseOnly: true } });
    const person = async (phone: string, name: string) => (await chain.central.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone, name })).json.customer.id as string;
    const doina = await person('+37362456789', 'Doina Rusu');
    const kostya = await person('+37362234567', 'Kostya Lungu');
    await chain.central.call('PUT', `/v1/customers/${doina}/carts/web`, chain.channel, {
      lines: [{ sku: product(5).sku, quantity: 1, priceSeenMinor: 500, currency: 'RON', addedAt: new Date(Date.now() - 30 * 3_600_000).toISOString() }],
    });
    await chain.central.admin('PUT', '/v1/admin/cart-reminder', { campaignId: 'cart-rem', afterHours: 24, maxAgeHours: 48, validDays: 7 });
    expect(await chain.central.admin('POST', '/v1/admin/cart-reminder/run')).toEqual({ issued: 1 });
    const { rows: reminders } = await db.query<{ code: string; customer_id: string }>(`SELECT code, customer_id FROM promo_codes WHERE campaign_id = 'cart-rem'`);
    expect(reminders.map((r) => r.customer_id)).toEqual([doina]);
    await chain.central.admin('POST', '/v1/admin/campaigns/welcome/codes', { count: 1, customerId: kostya });
    const welcome = (await db.query<{ code: string }>(`SELECT code FROM promo_codes WHERE campaign_id = 'welcome'`)).rows[0]!.code;

    const till = openSyncTill(tempDir());
    await rpc(till, 'sync.pair', { centralUrl: chain.central.url, pairingCode: await chain.central.pairingCode('T3') });
    await syncUntilQuiet(till);
    await rpc(till, 'sale.scan', { code: product(5).barcode });
    const hers = await rpc(till, 'customer.attachToSale', { customerId: doina });
    expect(hers.promo.codes).toEqual([{ code: reminders[0]!.code, source: 'customer', applied: true, reason: null, params: {} }]);
    expect(hers.promo.applied[0]).toMatchObject({ name: 'Your cart is waiting', discount: Math.round(hers.totals.subtotal / 10) });
    await rpc(till, 'sale.payCash', { tenderedMinor: hers.totals.total });

    await rpc(till, 'sale.scan', { code: product(6).barcode });
    const his = await rpc(till, 'customer.attachToSale', { customerId: kostya });
    expect(his.promo.codes).toEqual([{ code: welcome, source: 'customer', applied: true, reason: null, params: {} }]);
    // Taken off, then typed again by the cashier: held at central for this sale, and for him.
    expect((await rpc(till, 'promo.removeCode', { code: welcome })).promo.applied).toEqual([]);
    const typed = await rpc(till, 'promo.enterCode', { code: welcome.toLowerCase() });
    expect(typed.promo.codes).toEqual([{ code: welcome, source: 'entered', applied: true, reason: null, params: {} }]);
    const held = await db.query(`SELECT 1 FROM promo_reservations WHERE code = $1 AND sale_id = $2 AND released_at IS NULL`, [welcome, typed.id]);
    expect(held.rowCount).toBe(1);
    await rpc(till, 'sale.payCash', { tenderedMinor: typed.totals.total });
    await syncUntilQuiet(till);
    const { rows: redeemed } = await db.query<{ code: string; sale_id: string }>(`SELECT code, sale_id FROM redemptions WHERE code = ANY ($1::text[]) ORDER BY code`, [[reminders[0]!.code, welcome]]);
    expect(redeemed.map((r) => r.sale_id).sort()).toEqual([hers.id, typed.id].sort());

    // His first order is done: a second welcome code would wait for a first purchase that is not his any more.
    await chain.central.admin('POST', '/v1/admin/campaigns/welcome/codes', { count: 1, customerId: kostya });
    await syncUntilQuiet(till);
    await rpc(till, 'sale.scan', { code: product(7).barcode });
    const second = await rpc(till, 'customer.attachToSale', { customerId: kostya });
    expect(second.promo.applied).toEqual([]);
    expect(second.promo.codes.map((c) => c.reason)).toEqual(['not_first_purchase']);
    await till.close();
  }, 90_000);
  it('a brand campaign prices the same at the till (brand from the pull) and on central\'s quote (brand from the catalogue); a product without brand is not targeted', async () => {
    const { chain } = central;
    const branded = product(21);
    const plain = product(22);
    const row = (p: typeof branded, brand: string) => [p.sku, p.name, `${p.name} ру`, `${p.name} ro`, 'standard', 'unit', 'grocery', brand, p.barcode, p.prices.S1, p.prices.S2].join(',');
    const csv = ['sku,name_en,name_ru,name_ro,vat_category,sold_by,category,brand,barcodes,price.S1,price.S2', row(branded, 'Codru'), row(plain, '')].join('\n');
    expect(await chain.central.admin('POST', '/v1/admin/catalogue', csv, 'text/csv')).toEqual({ products: 2, prices: 4 });
    await chain.central.admin('POST', '/v1/admin/campaigns', {
      id: 'codru-week', name: 'Codru week −20 %', channel: 'email', codeKind: 'shared', codePrefix: '', discountKind: 'percent', discountValue: 20,
      startsAt: new Date(Date.now() - 86_400_000).toISOString(), endsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), rules: { automatic: true, brands: ['Codru'] },
    });
    const till = openSyncTill(tempDir());
    await rpc(till, 'sync.pair', { centralUrl: chain.central.url, pairingCode: await chain.central.pairingCode('T1') });
    await syncUntilQuiet(till);
    await rpc(till, 'sale.scan', { code: branded.barcode });
    const atTill = await rpc(till, 'sale.scan', { code: plain.barcode });
    const skuOf = new Map(atTill.lines.map((l) => [l.id, l.sku]));
    const tillLines = atTill.promo.applied.flatMap((a) => a.lines.map((l) => ({ promotionId: a.promotionId, sku: skuOf.get(l.lineId), discount: l.discount })));
    expect(tillLines).toEqual([{ promotionId: 'codru-week', sku: branded.sku, discount: Math.round(atTill.lines[0]!.lineTotal / 5) }]);

    // The web shop sends the same cart without brands: central finds them in its catalogue.
    const quoted = await chain.central.call('POST', '/v1/promo/quote', chain.channel, {
      currency: 'RON',
      lines: atTill.lines.map((l) => ({ lineId: l.id, sku: l.sku, quantity: l.quantity, amountMinor: l.lineTotal })),
      codes: [],
    });
    expect(quoted.status, JSON.stringify(quoted.json)).toBe(200);
    const webLines = (quoted.json.applied as { promotionId: string; lines: { lineId: string; discount: number }[] }[]).flatMap((a) => a.lines.map((l) => ({ promotionId: a.promotionId, sku: skuOf.get(l.lineId), discount: l.discount })));
    expect(webLines).toEqual(tillLines);
    expect(quoted.json.discount).toBe(atTill.totals.discount);
    await rpc(till, 'sale.cancel', {});
    await till.close();
  }, 60_000);
});
