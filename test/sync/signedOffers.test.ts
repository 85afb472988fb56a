import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../central/src/db.js';
import { newId } from '../../core/ids.js';
import { readScanKeys } from '../../electron/backend/scan/keys.js';
import { tempDir } from '../helpers/tmp.js';
import { freshPglite, seedChain, type Chain } from './fixtures.js';
import { openSyncTill, rpc, syncUntilQuiet } from './support.js';

/**
 * Signed offers and app cards between a real central (HTTP on loopback) and two tills: the
 * chain's key reaches each till with its pull, the web shop's app card attaches her, and the
 * same stream offer sold at two tills is one redemption and one conflict for the manager, both
 * sales standing.
 */

let db: Db;
let chain: Chain;

beforeAll(async () => {
  db = await freshPglite();
  chain = await seedChain(db, { products: 5, customers: 3 });
  await chain.central.admin('POST', '/v1/admin/campaigns', {
    id: 'stream-signed',
    name: 'Stream QR',
    channel: 'stream',
    codeKind: 'shared',
    discountKind: 'percent',
    discountValue: 20,
    startsAt: '2026-01-01T00:00:00.000Z',
    endsAt: '2030-01-01T00:00:00.000Z',
    offlineAllowed: true,
    offlineCapPerTill: 3,
    rules: { signedOffers: true },
  });
  await chain.central.admin('POST', '/v1/admin/campaigns/stream-signed/codes', { code: 'STREAM20' });
});
afterAll(async () => {
  await chain.central.close();
  await db.close();
});

async function pairedTill(tillId: string) {
  const till = openSyncTill(tempDir());
  await rpc(till, 'sync.pair', { centralUrl: chain.central.url, pairingCode: await chain.central.pairingCode(tillId) });
  await syncUntilQuiet(till);
  return till;
}

describe('signed offers between central and tills', () => {
  it('the pull gives each till the chain key; her app card attaches her; one offer sold twice is one redemption and one conflict', async () => {
    const t1 = await pairedTill('T1');
    const t2 = await pairedTill('T2');
    const { rows } = await db.query<{ value: string }>(`SELECT value FROM central_meta WHERE key = 'chain_id'`);
    for (const till of [t1, t2]) expect(readScanKeys(till.db)?.chain).toBe(rows[0]?.value);

    const customer = (await chain.central.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone: '+40721000001' })).json.customer.id as string;
    const card = await chain.central.call('POST', `/v1/customers/${customer}/app-card`, chain.channel, {});
    await rpc(t1, 'sale.scan', { code: chain.barcodes[0]! });
    expect((await rpc(t1, 'sale.scan', { code: card.json.token })).customer?.id).toBe(customer);

    const offer = (await chain.central.call('POST', '/v1/promo/signed-offers', chain.channel, { campaignId: 'stream-signed' })).json.offers[0] as { token: string; nonce: string };
    const saleIds: string[] = [];
    for (const till of [t1, t2]) {
      if (till === t2) await rpc(till, 'sale.scan', { code: chain.barcodes[0]! });
      const view = await rpc(till, 'sale.scan', { code: offer.token });
      expect(view.promo.applied.map((a) => a.code)).toEqual(['STREAM20']);
      saleIds.push((await rpc(till, 'sale.payCash', { tenderedMinor: view.totals.total })).sale.id);
      await syncUntilQuiet(till);
    }

    const { rows: redemptions } = await db.query<{ sale_id: string }>(`SELECT sale_id FROM redemptions WHERE offer_nonce = $1`, [offer.nonce]);
    const { rows: conflicts } = await db.query<{ sale_id: string; reason: string; till_id: string }>(
      `SELECT sale_id, reason, till_id FROM redemption_conflicts WHERE offer_nonce = $1`,
      [offer.nonce],
    );
    expect(redemptions).toEqual([{ sale_id: saleIds[0] }]);
    expect(conflicts).toEqual([{ sale_id: saleIds[1], reason: 'already_redeemed', till_id: 'T2' }]);
    const { rows: sales } = await db.query<{ id: string }>(`SELECT id FROM sales WHERE id = ANY($1) ORDER BY id`, [saleIds]);
    expect(sales.map((s) => s.id).sort()).toEqual([...saleIds].sort());
    await t1.close();
    await t2.close();
  });

  it('online, the single-use code of an offer is held at central: one the web shop holds is refused at the till', async () => {
    await chain.central.admin('POST', '/v1/admin/campaigns', {
      id: 'mail-signed',
      name: 'Mail QR',
      channel: 'email',
      codeKind: 'unique',
      codePrefix: 'ML',
      discountKind: 'percent',
      discountValue: 10,
      startsAt: '2026-01-01T00:00:00.000Z',
      endsAt: '2030-01-01T00:00:00.000Z',
      offlineAllowed: true,
      offlineCapPerTill: 3,
      rules: { signedOffers: true },
    });
    const issued = (await chain.central.call('POST', '/v1/promo/signed-offers', chain.channel, { campaignId: 'mail-signed', count: 2 })).json.offers as { token: string; code: string }[];
    const till = await pairedTill('T3');
    const [held, free] = issued as [{ token: string; code: string }, { token: string; code: string }];
    const web = await chain.central.call('POST', '/v1/promo/reserve', chain.channel, { code: held.code, saleId: newId() });
    expect(web.json.reserved).toBe(true);

    await rpc(till, 'sale.scan', { code: chain.barcodes[1]! });
    expect(await till.dispatch('sale.scan', { code: held.token })).toMatchObject({ ok: false, error: { code: 'PROMO_CODE_REFUSED', params: { reason: 'code_reserved' } } });
    expect((await rpc(till, 'sale.current', {}))?.promo.codes).toEqual([]);
    const view = await rpc(till, 'sale.scan', { code: free.token });
    expect(view.promo.applied.map((a) => a.code)).toEqual([free.code]);
    const { rows } = await db.query<{ holder: string }>(`SELECT holder FROM promo_reservations WHERE code = $1 AND released_at IS NULL`, [free.code]);
    expect(rows).toEqual([{ holder: 'till:T3' }]);
    await till.close();
  });
});
