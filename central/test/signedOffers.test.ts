import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBase64Url } from '../../core/scan/base64url.js';
import { verifySigned } from '../../core/scan/signed.js';
import { PullPage, type ScanKeysDoc } from '../../core/sync/pull.js';
import { buildApp } from '../src/app.js';
import { issueSignedOffers } from '../src/promo/signedOffers.js';
import { loadChainScanKeys } from '../src/scanSigning.js';
import { pgliteBackend } from './support/backends.js';
import { ADMIN_KEY, redeemOp, setUpChain, type TestChain } from './support/chain.js';

const DAY = 86_400_000;
const now = () => Math.floor(Date.now() / 1000);

const STREAM = {
  id: 'stream-signed',
  name: 'Stream QR −20 %',
  channel: 'stream',
  codeKind: 'shared',
  discountKind: 'percent',
  discountValue: 20,
  startsAt: new Date(Date.now() - DAY).toISOString(),
  endsAt: new Date(Date.now() + 3 * DAY).toISOString(),
  offlineAllowed: true,
  offlineCapPerTill: 5,
  rules: { signedOffers: true },
};

describe('signed offers and app cards from central', () => {
  const backend = pgliteBackend();
  let chain: TestChain;
  let customerId: string;

  async function pulledKeys(token: string): Promise<ScanKeysDoc> {
    const r = await chain.call('GET', '/v1/sync/pull?limit=1', token);
    const keys = PullPage.parse(r.json).scanKeys;
    if (!keys) throw new Error('the pull carries no scan keys');
    return keys;
  }
  const raw = (keys: ScanKeysDoc) => keys.publicKeys.map((k) => fromBase64Url(k) as Uint8Array);

  beforeAll(async () => {
    chain = await setUpChain(await backend.freshDb());
    const created = await chain.call('POST', '/v1/customers/upsert-by-phone', chain.channel, { phone: '+37369123456', name: 'Doina' });
    customerId = created.json.customer.id;
    expect((await chain.call('POST', '/v1/admin/campaigns', ADMIN_KEY, STREAM)).status).toBe(201);
    expect((await chain.call('POST', `/v1/admin/campaigns/${STREAM.id}/codes`, ADMIN_KEY, { code: 'STREAM20' })).status).toBeLessThan(300);
  });
  afterAll(async () => {
    await chain?.app.close();
    await backend.tearDown();
  });

  it('creates the chain key once: a restarted central signs with the key tills already hold', async () => {
    const before = await pulledKeys(chain.t1);
    expect(before.chain).toMatch(/^chain-[a-z0-9]{10}$/);
    const again = await buildApp({ db: chain.db, adminKey: ADMIN_KEY, logger: false });
    const r = await again.inject({ method: 'GET', url: '/v1/sync/pull?limit=1', headers: { authorization: `Bearer ${chain.t2}` } });
    await again.close();
    expect(PullPage.parse(JSON.parse(r.body)).scanKeys).toEqual(before);
    expect(Buffer.from((await loadChainScanKeys(chain.db)).publicKey).toString('base64url')).toBe(before.publicKeys[0]);
    // The private key never leaves central.
    expect(r.body).not.toContain('PRIVATE');
  });

  it('issues her app card: a till verifies it offline with the pulled key and reads her id', async () => {
    const r = await chain.call('POST', `/v1/customers/${customerId}/app-card`, chain.channel, {});
    expect(r.status, r.body).toBe(200);
    const keys = await pulledKeys(chain.t1);
    const verified = await verifySigned(r.json.token, raw(keys), { chain: keys.chain, now: now() });
    expect(verified.ok && verified.token.kind === 'appCard' && verified.token.payload.customer).toBe(customerId);
    expect(Date.parse(r.json.expiresAt)).toBeGreaterThan(Date.now() + 29 * DAY);
  });

  it('refuses an app card for someone central does not know, and to a till', async () => {
    expect((await chain.call('POST', '/v1/customers/nobody/app-card', chain.channel, {})).json.error.code).toBe('NOT_FOUND');
    expect((await chain.call('POST', `/v1/customers/${customerId}/app-card`, chain.t1, {})).status).toBe(401);
    expect((await chain.call('POST', `/v1/customers/${customerId}/app-card`, chain.channel, { validDays: 0 })).json.error.code).toBe('INPUT_INVALID');
  });

  it('issues signed offers of the shared stream code, each with its own nonce, expiring with the campaign', async () => {
    const r = await chain.call('POST', '/v1/promo/signed-offers', chain.channel, { campaignId: STREAM.id, count: 3 });
    expect(r.status, r.body).toBe(201);
    const keys = await pulledKeys(chain.t2);
    const offers = r.json.offers as { token: string; code: string; nonce: string; expiresAt: string }[];
    expect(new Set(offers.map((o) => o.nonce)).size).toBe(3);
    for (const o of offers) {
      const v = await verifySigned(o.token, raw(keys), { chain: keys.chain, now: now() });
      if (!v.ok || v.token.kind !== 'offer') throw new Error(`offer did not verify: ${JSON.stringify(v)}`);
      expect(v.token.payload).toMatchObject({ code: 'STREAM20', campaign: STREAM.id, nonce: o.nonce });
      expect(v.token.payload.customer).toBeUndefined();
      expect(v.token.payload.expiry).toBe(Math.floor(Date.parse(STREAM.endsAt) / 1000));
    }
  });

  it('binds an offer to her and ends it sooner when asked; the console calls the same function', async () => {
    const expiresAt = new Date(Date.now() + DAY).toISOString();
    const issued = await issueSignedOffers(chain.db, await loadChainScanKeys(chain.db), { campaignId: STREAM.id, customerId, expiresAt });
    const keys = await pulledKeys(chain.t1);
    const v = await verifySigned(issued.offers[0]?.token ?? '', raw(keys), { chain: keys.chain, now: now() });
    expect(v.ok && v.token.kind === 'offer' && v.token.payload).toMatchObject({ customer: customerId, expiry: Math.floor(Date.parse(expiresAt) / 1000) });
  });

  it('refuses offers for a campaign whose offline policy is not "signed", an unknown campaign or customer', async () => {
    const plain = { ...STREAM, id: 'stream-plain', rules: {} };
    expect((await chain.call('POST', '/v1/admin/campaigns', ADMIN_KEY, plain)).status).toBe(201);
    const refused = await chain.call('POST', '/v1/promo/signed-offers', chain.channel, { campaignId: 'stream-plain' });
    expect(refused.json.error.code).toBe('INPUT_INVALID');
    expect(refused.json.error.message).toContain('not "signed"');
    expect((await chain.call('POST', '/v1/promo/signed-offers', chain.channel, { campaignId: 'no-such' })).json.error.code).toBe('NOT_FOUND');
    expect((await chain.call('POST', '/v1/promo/signed-offers', chain.channel, { campaignId: STREAM.id, customerId: 'nobody' })).json.error.code).toBe('NOT_FOUND');
    expect((await chain.call('POST', '/v1/promo/signed-offers', chain.channel, { campaignId: STREAM.id, count: 1001 })).json.error.code).toBe('INPUT_INVALID');
  });

  it('refuses a "signed" campaign that allows no offline redemption', async () => {
    const r = await chain.call('POST', '/v1/admin/campaigns', ADMIN_KEY, { ...STREAM, id: 'signed-no-cap', offlineCapPerTill: 0 });
    expect(r.status).toBe(400);
    expect(r.body).toContain('offlineCapPerTill');
  });

  it('keeps a second redemption of the same offer as a conflict for the manager; the first stands', async () => {
    const issued = await chain.call('POST', '/v1/promo/signed-offers', chain.channel, { campaignId: STREAM.id });
    const nonce = issued.json.offers[0].nonce as string;
    const first = redeemOp('STREAM20', 'T1', 'S1', true);
    const second = redeemOp('STREAM20', 'T2', 'S2', true);
    const a = await chain.call('POST', '/v1/sync/push', chain.t1, { ops: [{ ...first, payload: { ...first.payload, offerNonce: nonce } }] });
    const b = await chain.call('POST', '/v1/sync/push', chain.t2, { ops: [{ ...second, payload: { ...second.payload, offerNonce: nonce } }] });
    expect(a.json.results[0].result.outcome).toBe('accepted');
    expect(b.json.results[0].result).toMatchObject({ outcome: 'conflict', reason: 'already_redeemed' });
    const { rows } = await chain.db.query<{ offer_nonce: string; till_id: string }>(`SELECT offer_nonce, till_id FROM redemption_conflicts WHERE redemption_id = $1`, [second.payload.redemptionId]);
    expect(rows).toEqual([{ offer_nonce: nonce, till_id: 'T2' }]);
    // Another offer of the same shared code is its own redemption.
    const other = await chain.call('POST', '/v1/promo/signed-offers', chain.channel, { campaignId: STREAM.id });
    const third = redeemOp('STREAM20', 'T2', 'S2', true);
    const c = await chain.call('POST', '/v1/sync/push', chain.t2, { ops: [{ ...third, payload: { ...third.payload, offerNonce: other.json.offers[0].nonce } }] });
    expect(c.json.results[0].result.outcome).toBe('accepted');
  });
});
