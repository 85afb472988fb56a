import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { CampaignRules } from '../../../core/sync/pull.js';
import type { Db, Queryable } from '../db.js';
import { ApiError } from '../errors.js';
import { customerExists } from '../customers.js';
import { issueCodes } from '../campaigns.js';
import { signScanToken, type ChainScanKeys } from '../scanSigning.js';

/**
 * Signed offers (core/scan/signed.ts, kind O): what the web shop, the app, a stream overlay or
 * the console shows as a QR for a campaign whose offline policy is "signed". A till verifies
 * one offline with the chain's public key and redeems it within the campaign's per-till cap;
 * its nonce makes a second redemption of the same offer a conflict for the manager at sync.
 */

const CustomerId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const SignedOfferRequest = z
  .object({
    campaignId: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/),
    /** The offer is hers alone: a till accepts it only with her attached. */
    customerId: CustomerId.nullable().default(null),
    count: z.number().int().min(1).max(1000).default(1),
    /** Sooner than the campaign's end (or its code's expiry); never later. */
    expiresAt: z.iso.datetime({ offset: true }).nullable().default(null),
  })
  .strict();
export type SignedOfferRequest = z.input<typeof SignedOfferRequest>;

export const SignedOffer = z.object({ token: z.string(), code: z.string(), nonce: z.string(), expiresAt: z.string() });
export const SignedOffers = z.object({ campaignId: z.string(), offers: z.array(SignedOffer) });
export type SignedOffers = z.infer<typeof SignedOffers>;

interface CampaignRow {
  code_kind: 'unique' | 'shared';
  rules: unknown;
  ends_at: string;
  ended: boolean;
}

/** 96 random bits, 16 base64url characters. */
const newNonce = (): string => randomBytes(12).toString('base64url');

const seconds = (iso: string): number => Math.floor(Date.parse(iso) / 1000);

/** The campaign's one live shared code and when it expires (null: with the campaign). */
async function sharedCode(tx: Queryable, campaignId: string): Promise<{ code: string; expires_at: string | null }> {
  const { rows } = await tx.query<{ code: string; expires_at: string | null }>(
    `SELECT code, to_json(expires_at) #>> '{}' AS expires_at FROM promo_codes
     WHERE campaign_id = $1 AND NOT single_use AND state = 'issued' AND coalesce(expires_at, 'infinity') > now()
     ORDER BY issued_at LIMIT 1`,
    [campaignId],
  );
  if (!rows[0]) throw new ApiError('CONFLICT', `campaign ${campaignId} has no live shared code: issue its code first`);
  return rows[0];
}

const repeat = <T>(value: T, count: number): T[] => Array.from({ length: count }, () => value);

/** Fresh single-use codes, hers when the offer is, expiring with the offer. */
async function uniqueCodes(tx: Queryable, input: z.infer<typeof SignedOfferRequest>): Promise<{ code: string; expires_at: string | null }[]> {
  const { codes } = await issueCodes(tx, input.campaignId, { count: input.count, expiresAt: input.expiresAt, customerId: input.customerId });
  return codes.map((code) => ({ code, expires_at: input.expiresAt }));
}

/**
 * Signs `count` offers for a campaign whose offline policy is "signed": its shared code in each
 * (a stream QR), or a fresh single-use code per offer (a personal e-mail offer). Exported for the
 * console, which issues them on a manager's behalf.
 */
export async function issueSignedOffers(db: Db, keys: ChainScanKeys, request: SignedOfferRequest): Promise<SignedOffers> {
  const input = SignedOfferRequest.parse(request);
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<CampaignRow>(
      `SELECT code_kind, rules, to_json(ends_at) #>> '{}' AS ends_at, ends_at <= now() AS ended FROM campaigns WHERE id = $1`,
      [input.campaignId],
    );
    const campaign = rows[0];
    if (!campaign) throw new ApiError('NOT_FOUND', 'no such campaign');
    const rules = CampaignRules.safeParse(campaign.rules);
    if (!rules.success || rules.data.signedOffers !== true) {
      throw new ApiError('INPUT_INVALID', `campaign ${input.campaignId} does not issue signed offers: its offline policy is not "signed"`);
    }
    if (campaign.ended) throw new ApiError('CONFLICT', `campaign ${input.campaignId} has ended`);
    if (input.customerId !== null) await customerExists(tx, input.customerId);
    const codes = campaign.code_kind === 'shared' ? repeat(await sharedCode(tx, input.campaignId), input.count) : await uniqueCodes(tx, input);
    const offers = codes.map((code) => {
      const ends = [campaign.ends_at, code.expires_at, input.expiresAt].filter((x): x is string => x !== null).map(seconds);
      const payload = {
        code: code.code,
        campaign: input.campaignId,
        ...(input.customerId !== null ? { customer: input.customerId } : {}),
        expiry: Math.min(...ends),
        nonce: newNonce(),
        chain: keys.chain,
      };
      return { token: signScanToken('offer', payload, keys.privateKeyPem), code: payload.code, nonce: payload.nonce, expiresAt: new Date(payload.expiry * 1000).toISOString() };
    });
    return { campaignId: input.campaignId, offers };
  });
}

/** How long an app card is good for when the app does not say: it refreshes it long before. */
export const APP_CARD_DAYS = 30;

export const AppCardRequest = z.object({ validDays: z.number().int().min(1).max(365).default(APP_CARD_DAYS) }).strict();
export const AppCard = z.object({ token: z.string(), customerId: z.string(), expiresAt: z.string() });
export type AppCard = z.infer<typeof AppCard>;

/** A customer's app card (kind C): the QR her app shows, so a till attaches her without her saying her number. */
export async function issueAppCard(db: Queryable, keys: ChainScanKeys, customerId: string, validDays = APP_CARD_DAYS): Promise<AppCard> {
  await customerExists(db, customerId);
  const issued = Math.floor(Date.now() / 1000);
  const expiry = issued + validDays * 86_400;
  const token = signScanToken('appCard', { customer: customerId, chain: keys.chain, issued, expiry }, keys.privateKeyPem);
  return { token, customerId, expiresAt: new Date(expiry * 1000).toISOString() };
}
