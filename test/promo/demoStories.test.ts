import { describe, expect, it } from 'vitest';
import { BRAND_WEEK, BRAND_WEEK_CODE } from '../../core/demo/campaigns.js';
import { rejectionMessage } from '../../core/promo/messages.js';
import type { SaleView } from '../../core/sale/contract.js';
import { errorCode, ok, openTestTill, type TestTill } from '../helpers/till.js';

/**
 * The seeds' promotion stories on an offline demo till (no central ever reached): the campaigns
 * and the named customers' codes come with the till's own demo seed, running today.
 */
const KOSTYA = 'C-00000002';
const TIMUR = 'C-00000003';
const DOINA = 'C-00000004';
const VICTOR = 'C-00000005';

function openDemoTill(): TestTill {
  return openTestTill({ customers: 20, products: 200 });
}

async function startSale(till: TestTill): Promise<SaleView> {
  const sku = till.db.prepare(`SELECT sku FROM products WHERE sold_by = 'unit' ORDER BY sku LIMIT 1`).pluck().get() as string;
  return ok(await till.dispatch('sale.addProduct', { sku })) as SaleView;
}

describe('the demo promotion stories on an offline till', () => {
  it('S2 and S4 offline: Kostya’s welcome code and Doina’s cart reminder are shown on attach, and say plainly they need a connection (their campaigns deny offline use)', async () => {
    const till = openDemoTill();
    const open = await startSale(till);
    for (const [customerId, code] of [[KOSTYA, 'HELLO3C2WEW5MXH'], [DOINA, 'CARTH3Q62MNWJQ']] as const) {
      const view = ok(await till.dispatch('customer.attachToSale', { customerId })) as SaleView;
      expect(view.promo.codes).toEqual([{ code, source: 'customer', applied: false, reason: 'offline_not_allowed', params: {} }]);
      expect(view.totals.total).toBe(open.totals.total);
      expect(rejectionMessage('en', { code, reason: 'offline_not_allowed' }, String)).toBe(`Code ${code} works only while the till is online, and it is offline now. Try again when the connection is back.`);
      const typed = await till.dispatch('promo.enterCode', { code });
      expect(typed.ok ? null : typed.error).toMatchObject({ code: 'PROMO_CODE_REFUSED', params: { reason: 'offline_not_allowed' } });
    }
    // Typed with nobody attached, the first-order code waits for its customer.
    ok(await till.dispatch('customer.attachToSale', { customerId: null }));
    const nobody = ok(await till.dispatch('promo.enterCode', { code: 'HELLO3C2WEW5MXH' })) as SaleView;
    expect(nobody.promo.codes).toEqual([{ code: 'HELLO3C2WEW5MXH', source: 'entered', applied: false, reason: 'customer_required', params: {} }]);
    await till.close();
  });

  it('S6 brand week offline: its code takes 15 % off the brand’s products only, by the brand the till keeps for each product', async () => {
    const till = openDemoTill();
    const skuOf = (brand: string, not: boolean) =>
      till.db.prepare(`SELECT sku FROM products WHERE sold_by = 'unit' AND (brand = ?) = ? ORDER BY sku LIMIT 1`).pluck().get(brand, not ? 0 : 1) as string;
    ok(await till.dispatch('sale.addProduct', { sku: skuOf(BRAND_WEEK, false) }));
    ok(await till.dispatch('sale.addProduct', { sku: skuOf(BRAND_WEEK, true) }));
    const view = ok(await till.dispatch('promo.enterCode', { code: BRAND_WEEK_CODE.toLowerCase() })) as SaleView;
    const [branded, other] = view.lines as [SaleView['lines'][number], SaleView['lines'][number]];
    expect(view.promo.applied).toEqual([
      expect.objectContaining({ promotionId: 'brand-week-codru', code: BRAND_WEEK_CODE, lines: [{ lineId: branded.id, discount: Math.round((branded.lineTotal * 15) / 100) }] }),
    ]);
    expect(other.discount).toBe(0);
    await till.close();
  });

  it('S3: the stream QR code works offline in the store’s currency (MDL here), once per customer', async () => {
    const till = openDemoTill();
    const open = await startSale(till);
    const view = ok(await till.dispatch('sale.scan', { code: 'STREAMMDL' })) as SaleView;
    expect(view.promo.applied).toEqual([expect.objectContaining({ promotionId: 'stream-qr-mdl', code: 'STREAMMDL', discount: Math.min(5_000, open.totals.total) })]);
    // The lei code is for the Romanian stores: refused here, and it says why.
    const lei = await till.dispatch('promo.enterCode', { code: 'STREAMRON' });
    expect(lei.ok ? null : lei.error).toMatchObject({ code: 'PROMO_CODE_REFUSED', params: { reason: 'wrong_currency' } });
    // Once per customer: Timur used it on this sale; on his next one it is refused, with why.
    const timur = ok(await till.dispatch('customer.attachToSale', { customerId: TIMUR })) as SaleView;
    expect(timur.promo.codes).toMatchObject([{ code: 'STREAMMDL', applied: true }]);
    ok(await till.dispatch('sale.payCash', { tenderedMinor: timur.totals.total }));
    await startSale(till);
    ok(await till.dispatch('customer.attachToSale', { customerId: TIMUR }));
    const again = await till.dispatch('promo.enterCode', { code: 'STREAMMDL' });
    expect(again.ok ? null : again.error).toMatchObject({ code: 'PROMO_CODE_REFUSED', params: { reason: 'per_customer_limit' } });
    expect(rejectionMessage('en', { code: 'STREAMMDL', reason: 'per_customer_limit' }, String)).toBe('Code STREAMMDL: she has already used this offer as often as it allows.');
    // Somebody else (or nobody) may still use it.
    ok(await till.dispatch('customer.attachToSale', { customerId: 'C-00000011' }));
    expect((ok(await till.dispatch('promo.enterCode', { code: 'STREAMMDL' })) as SaleView).promo.codes).toMatchObject([{ code: 'STREAMMDL', applied: true }]);
    await till.close();
  });

  it('S7: Victor’s segment offer applies by itself, offline, from the cached segment; nobody else gets it', async () => {
    const till = openDemoTill();
    const open = await startSale(till);
    const his = ok(await till.dispatch('customer.attachToSale', { customerId: VICTOR })) as SaleView;
    expect(his.promo.applied).toEqual([{ promotionId: 'win-back-30d', name: 'We miss you: 10 % off', names: { en: 'We miss you: 10 % off', ru: 'Мы скучаем по вам: скидка 10 %', ro: 'Ne e dor de tine: 10 % reducere' }, code: null, discount: Math.round(open.totals.total / 10), lines: [expect.any(Object)] }]);
    const other = ok(await till.dispatch('customer.attachToSale', { customerId: 'C-00000011' })) as SaleView;
    expect(other.promo.applied).toEqual([]);
    expect(errorCode(await till.dispatch('promo.removeCode', { code: 'HELLO3C2WEW5MXH' }))).toBe('PROMO_CODE_NOT_ON_SALE');
    await till.close();
  });
});
