import { describe, expect, it } from 'vitest';
import { newId } from '../../core/ids.js';
import type { SaleView } from '../../core/sale/contract.js';
import { pgliteBackend } from '../../central/test/support/backends.js';
import { tempDir } from '../helpers/tmp.js';
import { startFaultProxy, type Fault } from '../sync/faultProxy.js';
import { product, useSeededCentral } from '../sync/fixtures.js';
import { openSyncTill, rpc, syncUntilQuiet } from '../sync/support.js';

/**
 * Reserve and redeem through a proxy that loses answers, delivers requests twice and late:
 * a single-use code is never redeemed twice and never lost, and the web shop cannot take a code
 * a till holds even when the till never heard central say so.
 */
const central = useSeededCentral(pgliteBackend());

async function singleUseCode(campaignId: string): Promise<string> {
  const { db, chain } = central;
  const known = await db.query(`SELECT 1 FROM campaigns WHERE id = $1`, [campaignId]);
  if (known.rowCount === 0) {
    await chain.central.admin('POST', '/v1/admin/campaigns', {
      id: campaignId, name: 'Faulty −10 %', channel: 'email', codeKind: 'unique', codePrefix: 'FT', discountKind: 'percent', discountValue: 10,
      startsAt: new Date(Date.now() - 86_400_000).toISOString(), endsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
  }
  await chain.central.admin('POST', `/v1/admin/campaigns/${campaignId}/codes`, { count: 1 });
  const { rows } = await db.query<{ code: string }>(`SELECT code FROM promo_codes WHERE campaign_id = $1 ORDER BY issued_at DESC, code LIMIT 1`, [campaignId]);
  return rows[0]!.code;
}

const counts = async (code: string) => {
  const { rows } = await central.db.query<{ redemptions: number; conflicts: number; state: string }>(
    `SELECT (SELECT count(*)::int FROM redemptions WHERE code = $1 AND rolled_back_at IS NULL) AS redemptions,
            (SELECT count(*)::int FROM redemption_conflicts WHERE code = $1) AS conflicts,
            (SELECT state FROM promo_codes WHERE code = $1) AS state`,
    [code],
  );
  return rows[0];
};

describe('reserve and redeem under network faults', () => {
  const cases: [Fault, Fault][] = [
    ['drop_response', 'drop_response'],
    ['duplicate', 'duplicate'],
    ['reorder', 'stall'],
    ['drop_request', 'duplicate'],
  ];
  for (const [i, [onReserve, onPush]] of cases.entries()) {
    it(`reserve ${onReserve}, push ${onPush}: one redemption for the sale, no conflict, and the code is held meanwhile`, async () => {
      const { chain } = central;
      const code = await singleUseCode('faulty');
      const proxy = await startFaultProxy(chain.central.url, { maxBodyBytes: 512 * 1024 });
      const till = openSyncTill(tempDir());
      try {
        await rpc(till, 'sync.pair', { centralUrl: proxy.url, pairingCode: await chain.central.pairingCode(`T${1 + (i % 3)}`) });
        await syncUntilQuiet(till);
        await rpc(till, 'sale.scan', { code: product(10 + i).barcode });
        proxy.schedule = [onReserve];
        const applied = (await rpc(till, 'promo.enterCode', { code })) as SaleView;
        // Whatever became of central's answer, the local decision stands: the code is on the sale.
        expect(applied.promo.codes).toMatchObject([{ code, applied: true }]);
        if (onReserve !== 'drop_request') {
          // The hold reached central (at once or late): the web shop is refused meanwhile.
          await expect
            .poll(async () => (await chain.central.call('POST', '/v1/promo/reserve', chain.channel, { code, saleId: newId() })).json.reason, { timeout: 5_000 })
            .toBe('reserved_elsewhere');
        }
        await rpc(till, 'sale.payCash', { tenderedMinor: applied.totals.total });
        proxy.schedule = [onPush];
        for (let round = 0; round < 5 && till.sync.status().queued > 0; round++) await till.sync.pushOnce().catch(() => undefined);
        await syncUntilQuiet(till);
        await expect.poll(() => counts(code), { timeout: 5_000 }).toEqual({ redemptions: 1, conflicts: 0, state: 'redeemed' });
        const { rows } = await central.db.query<{ sale_id: string; offline: boolean }>(`SELECT sale_id, offline FROM redemptions WHERE code = $1`, [code]);
        expect(rows).toEqual([{ sale_id: applied.id, offline: false }]);
        expect(till.db.prepare(`SELECT COUNT(*) FROM outbox WHERE status <> 'done'`).pluck().get()).toBe(0);
      } finally {
        await till.close();
        await proxy.close();
      }
    }, 60_000);
  }

  it('the web shop redeeming through lost answers and repeated requests gets one redemption, the first one', async () => {
    const { chain } = central;
    const code = await singleUseCode('faulty');
    const proxy = await startFaultProxy(chain.central.url, { maxBodyBytes: 512 * 1024 });
    try {
      const order = newId();
      const call = (path: string, body: unknown) =>
        fetch(proxy.url + path, { method: 'POST', headers: { authorization: `Bearer ${chain.channel}`, 'content-type': 'application/json' }, body: JSON.stringify(body) })
          .then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, unknown> }))
          .catch(() => null);
      proxy.schedule = ['drop_response', 'duplicate'];
      expect(await call('/v1/promo/reserve', { code, saleId: order })).toBeNull();
      expect((await call('/v1/promo/reserve', { code, saleId: order }))?.json).toMatchObject({ reserved: true });
      const redemption = { redemptionId: newId(), code, saleId: order, discountMinor: 100, currency: 'RON', redeemedAt: new Date().toISOString() };
      proxy.schedule = ['drop_response', 'duplicate', 'reorder'];
      expect(await call('/v1/promo/redeem', redemption)).toBeNull();
      expect((await call('/v1/promo/redeem', { ...redemption, redemptionId: newId() }))?.json).toEqual({ redeemed: true, redemptionId: redemption.redemptionId, code });
      expect(await call('/v1/promo/redeem', redemption)).toBeNull();
      await expect.poll(() => counts(code), { timeout: 5_000 }).toEqual({ redemptions: 1, conflicts: 0, state: 'redeemed' });
      // Another order cannot have it.
      expect((await call('/v1/promo/redeem', { ...redemption, redemptionId: newId(), saleId: newId() }))?.json).toMatchObject({ redeemed: false, reason: 'code_redeemed' });
    } finally {
      await proxy.close();
    }
  }, 60_000);
});
