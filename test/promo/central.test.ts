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
});
