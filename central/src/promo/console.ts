import { z } from 'zod';
import { text } from '../../../core/text.js';
import { CURRENCIES } from '../../../core/money.js';
import type { Db, Queryable } from '../db.js';
import { ApiError } from '../errors.js';
import { route, type AnyRoute } from '../routes.js';
import { audit } from '../console/users.js';
import { consoleUser } from '../console/auth.js';
import { CampaignDoc, CampaignNames, CampaignRules } from '../../../core/sync/pull.js';
import { CampaignInput, codeQr, codesCsv, createCampaign, Issuance, issueCodes, updateCampaign } from '../campaigns.js';
import type { ChainScanKeys } from '../scanSigning.js';
import { issueSignedOffers, SignedOfferRequest, SignedOffers } from './signedOffers.js';

/**
 * The console's campaigns page: every campaign with live counters (codes issued, redemptions
 * by channel and by store, discount given), and the redemption conflicts to review and resolve.
 * Counters are read from the ledger when the page asks; a resolution is audited.
 */
const Count = z.object({ key: z.string(), redeemed: z.number(), discountMinor: z.number() });

export const CampaignSummary = z.object({
  id: z.string(),
  name: z.string(),
  names: CampaignNames.nullable(),
  channel: z.string(),
  codeKind: z.string(),
  codePrefix: z.string(),
  discountKind: z.string(),
  discountValue: z.number(),
  currency: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  offlineAllowed: z.boolean(),
  offlineCapPerTill: z.number(),
  rules: CampaignRules,
  issued: z.number(),
  reserved: z.number(),
  redeemed: z.number(),
  byChannel: z.array(Count),
  byStore: z.array(Count.extend({ name: z.string() })),
  openConflicts: z.number(),
  /** The named customers (rules.customers) with their names, for the form to show them by name. */
  namedCustomers: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type CampaignSummary = z.infer<typeof CampaignSummary>;

export const Conflict = z.object({
  id: z.string(),
  code: z.string(),
  campaignId: z.string(),
  campaign: z.string(),
  saleId: z.string(),
  store: z.string(),
  till: z.string(),
  reason: z.string(),
  discountMinor: z.number(),
  currency: z.string().nullable(),
  redeemedAt: z.string(),
  resolvedAt: z.string().nullable(),
  resolution: z.string().nullable(),
  note: z.string().nullable(),
  resolvedBy: z.string().nullable(),
});

export async function campaignSummaries(q: Queryable): Promise<CampaignSummary[]> {
  const { rows } = await q.query<CampaignSummary>(
    `SELECT c.id, c.name, c.names, c.channel, c.code_kind AS "codeKind", c.discount_kind AS "discountKind", c.discount_value::int AS "discountValue",
            c.currency, iso(c.starts_at) AS "startsAt", iso(c.ends_at) AS "endsAt", c.offline_allowed AS "offlineAllowed",
            c.offline_cap_per_till AS "offlineCapPerTill", c.rules, c.code_prefix AS "codePrefix",
            (SELECT count(*) FROM promo_codes k WHERE k.campaign_id = c.id)::int AS issued,
            (SELECT count(*) FROM promo_reservations h WHERE h.campaign_id = c.id AND h.released_at IS NULL AND h.redeemed_at IS NULL
                                                        AND h.expires_at > now())::int AS reserved,
            (SELECT count(*) FROM redemptions r WHERE r.campaign_id = c.id AND r.rolled_back_at IS NULL)::int AS redeemed,
            (SELECT coalesce(jsonb_agg(jsonb_build_object('key', x.channel, 'redeemed', x.n, 'discountMinor', x.d) ORDER BY x.n DESC, x.channel), '[]')
             FROM (SELECT r.channel, count(*)::int AS n, sum(r.discount_minor)::bigint AS d FROM redemptions r
                   WHERE r.campaign_id = c.id AND r.rolled_back_at IS NULL GROUP BY r.channel) x) AS "byChannel",
            (SELECT coalesce(jsonb_agg(jsonb_build_object('key', x.store_id, 'name', x.name, 'redeemed', x.n, 'discountMinor', x.d) ORDER BY x.n DESC, x.store_id), '[]')
             FROM (SELECT t.store_id, s.name, count(*)::int AS n, sum(r.discount_minor)::bigint AS d FROM redemptions r
                   JOIN tills t ON t.id = r.till_id JOIN stores s ON s.id = t.store_id
                   WHERE r.campaign_id = c.id AND r.rolled_back_at IS NULL GROUP BY t.store_id, s.name) x) AS "byStore",
            (SELECT count(*) FROM redemption_conflicts k WHERE k.campaign_id = c.id AND k.resolved_at IS NULL)::int AS "openConflicts",
            (SELECT coalesce(jsonb_agg(jsonb_build_object('id', u.id, 'name', u.name) ORDER BY u.name, u.id), '[]') FROM customers u
             WHERE u.id IN (SELECT jsonb_array_elements_text(coalesce(c.rules->'customers', '[]')))) AS "namedCustomers"
     FROM campaigns c ORDER BY c.starts_at DESC, c.id`,
  );
  return rows;
}

async function conflicts(q: Queryable, open: boolean, campaignId: string | null): Promise<z.infer<typeof Conflict>[]> {
  const { rows } = await q.query<z.infer<typeof Conflict>>(
    `SELECT k.id, k.code, k.campaign_id AS "campaignId", c.name AS campaign, k.sale_id AS "saleId", s.name AS store, t.name AS till,
            coalesce(k.limit_reason, k.reason) AS reason, k.discount_minor::int AS "discountMinor", coalesce(c.currency, s.currency) AS currency, iso(k.redeemed_at) AS "redeemedAt",
            iso(k.resolved_at) AS "resolvedAt", k.resolution, k.resolution_note AS note, u.name AS "resolvedBy"
     FROM redemption_conflicts k JOIN campaigns c ON c.id = k.campaign_id JOIN tills t ON t.id = k.till_id JOIN stores s ON s.id = t.store_id
          LEFT JOIN console_users u ON u.id = k.resolved_by
     WHERE (NOT $1 OR k.resolved_at IS NULL) AND ($2::text IS NULL OR k.campaign_id = $2)
     ORDER BY k.recorded_at DESC LIMIT 500`,
    [open, campaignId],
  );
  return rows;
}

/** The currencies the chain's stores sell in, for the campaign form's currency (every currency before any store exists). */
async function chainCurrencies(q: Queryable): Promise<string[]> {
  const { rows } = await q.query<{ currency: string }>(`SELECT DISTINCT currency FROM stores ORDER BY currency`);
  return rows.length > 0 ? rows.map((r) => r.currency) : [...CURRENCIES];
}

async function chainTimeZone(q: Queryable): Promise<string> {
  const { rows } = await q.query<{ value: string }>(`SELECT value FROM central_meta WHERE key = 'time_zone'`);
  return rows[0]?.value ?? 'UTC';
}

/** The most brands the campaign form is offered (a chain's catalogue has far fewer). */
const MAX_BRANDS = 5000;

const CampaignParams = z.object({ campaignId: text({ min: 1, max: 64 }) });
const CodeParams = CampaignParams.extend({ code: text({ min: 1, max: 64 }) });

/** Creating, changing and issuing: each audited with the person who did it. */
function campaignEditRoutes(db: Db, scanKeys: () => Promise<ChainScanKeys>): AnyRoute[] {
  return [
    route({
      method: 'POST',
      url: '/console/api/campaigns',
      auth: 'console',
      area: 'campaigns',
      tag: 'console',
      summary: 'Create a campaign (any kind the engine runs: code or automatic, segments, basket rules, offline policy)',
      body: CampaignInput,
      response: CampaignDoc,
      successStatus: 201,
      handler: async ({ body, caller }) => {
        const doc = await createCampaign(db, body);
        await audit(db, consoleUser(caller).userId, 'campaign.create', null, { campaignId: body.id });
        return doc;
      },
    }),
    route({
      method: 'PUT',
      url: '/console/api/campaigns/:campaignId',
      auth: 'console',
      area: 'campaigns',
      tag: 'console',
      summary: 'Change a campaign (not its id, kind of code or prefix); the tills get the new rules',
      params: CampaignParams,
      body: CampaignInput,
      response: CampaignDoc,
      handler: async ({ params, body, caller }) => {
        if (body.id !== params.campaignId) throw new ApiError('INPUT_INVALID', 'the body names another campaign');
        const doc = await updateCampaign(db, body);
        await audit(db, consoleUser(caller).userId, 'campaign.update', null, { campaignId: body.id });
        return doc;
      },
    }),
    route({
      method: 'POST',
      url: '/console/api/campaigns/:campaignId/codes',
      auth: 'console',
      area: 'campaigns',
      tag: 'console',
      summary: 'Issue codes: {count} unique single-use codes, or the one {code} of a shared-code campaign',
      params: CampaignParams,
      body: Issuance,
      response: z.object({ issued: z.number() }),
      successStatus: 201,
      handler: async ({ params, body, caller }) => {
        const { issued } = await issueCodes(db, params.campaignId, body);
        await audit(db, consoleUser(caller).userId, 'campaign.codes', null, { campaignId: params.campaignId, issued });
        return { issued };
      },
    }),
    route({
      method: 'POST',
      url: '/console/api/campaigns/:campaignId/signed-offers',
      auth: 'console',
      area: 'campaigns',
      tag: 'console',
      summary: 'Sign offers (QR tokens a till verifies offline) for a campaign whose offline policy is "signed"',
      params: CampaignParams,
      body: SignedOfferRequest.omit({ campaignId: true }),
      response: SignedOffers,
      successStatus: 201,
      handler: async ({ params, body, caller }) => {
        const offers = await issueSignedOffers(db, await scanKeys(), { ...body, campaignId: params.campaignId });
        await audit(db, consoleUser(caller).userId, 'campaign.signed_offers', null, { campaignId: params.campaignId, issued: offers.offers.length });
        return offers;
      },
    }),
    route({
      method: 'GET',
      url: '/console/api/campaigns/:campaignId/codes.csv',
      auth: 'console',
      area: 'campaigns',
      tag: 'console',
      summary: "The campaign's codes as CSV, for the e-mail tool or the printer",
      params: CampaignParams,
      responseType: 'text/csv',
      handler: async ({ params, reply }) =>
        reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${params.campaignId}-codes.csv"`)
          .send(await codesCsv(db, params.campaignId)),
    }),
    route({
      method: 'GET',
      url: '/console/api/campaigns/:campaignId/codes/:code/qr.png',
      auth: 'console',
      area: 'campaigns',
      tag: 'console',
      summary: 'A code as a QR PNG (a stream overlay, a poster)',
      params: CodeParams,
      query: z.object({ size: z.coerce.number().int().min(64).max(2048).default(512) }),
      responseType: 'image/png',
      handler: async ({ params, query, reply }) =>
        reply
          .type('image/png')
          .header('content-disposition', `attachment; filename="${params.campaignId}-${params.code}.png"`)
          .send(await codeQr(db, params.campaignId, params.code, 'png', query.size)),
    }),
    route({
      method: 'GET',
      url: '/console/api/campaigns/:campaignId/codes/:code/qr.svg',
      auth: 'console',
      area: 'campaigns',
      tag: 'console',
      summary: 'A code as a QR SVG (print at any size)',
      params: CodeParams,
      responseType: 'image/svg+xml',
      handler: async ({ params, reply }) =>
        reply
          .type('image/svg+xml')
          .header('content-disposition', `attachment; filename="${params.campaignId}-${params.code}.svg"`)
          .send(await codeQr(db, params.campaignId, params.code, 'svg', 512)),
    }),
    route({
      method: 'GET',
      url: '/console/api/campaigns/:campaignId/shared-codes',
      auth: 'console',
      area: 'campaigns',
      tag: 'console',
      summary: 'A shared-code campaign’s codes (a handful), for the QR downloads',
      params: CampaignParams,
      response: z.object({ codes: z.array(z.object({ code: z.string(), state: z.string(), expiresAt: z.string().nullable() })) }),
      handler: async ({ params }) => {
        const { rows } = await db.query<{ code: string; state: string; expiresAt: string | null }>(
          `SELECT code, state, iso(expires_at) AS "expiresAt" FROM promo_codes WHERE campaign_id = $1 AND NOT single_use ORDER BY issued_at, code LIMIT 100`,
          [params.campaignId],
        );
        return { codes: rows };
      },
    }),
  ];
}

export function campaignConsoleRoutes(db: Db, scanKeys: () => Promise<ChainScanKeys>): AnyRoute[] {
  return [
    route({
      method: 'GET',
      url: '/console/api/campaigns',
      auth: 'console',
      area: 'campaigns',
      tag: 'console',
      summary: 'Campaigns with live counters: codes issued, reserved, redemptions by channel and by store, open conflicts; the chain’s time zone and its stores’ currencies',
      response: z.object({ campaigns: z.array(CampaignSummary), timeZone: z.string(), currencies: z.array(z.string()) }),
      handler: async () => ({ campaigns: await campaignSummaries(db), timeZone: await chainTimeZone(db), currencies: await chainCurrencies(db) }),
    }),
    ...campaignEditRoutes(db, scanKeys),
    route({
      method: 'GET',
      url: '/console/api/campaign-brands',
      auth: 'console',
      area: 'campaigns',
      tag: 'console',
      summary: 'The brands of the catalogue’s products, for the campaign form to choose from (rules.brands)',
      response: z.object({ brands: z.array(z.string()) }),
      handler: async () => {
        const { rows } = await db.query<{ brand: string }>(`SELECT DISTINCT brand FROM products WHERE brand IS NOT NULL AND brand <> '' ORDER BY brand LIMIT ${MAX_BRANDS}`);
        return { brands: rows.map((r) => r.brand) };
      },
    }),
    route({
      method: 'GET',
      url: '/console/api/redemption-conflicts',
      auth: 'console',
      area: 'campaigns',
      tag: 'console',
      summary:
        'Redemptions the ledger could not accept after the sale (duplicate, offline not allowed, over cap, expired), newest first; of one campaign when asked, resolved ones with their decision, note and who decided',
      query: z.object({ open: z.enum(['true', 'false']).default('true'), campaignId: text({ min: 1, max: 64 }).optional() }),
      response: z.object({ conflicts: z.array(Conflict) }),
      handler: async ({ query }) => ({ conflicts: await conflicts(db, query.open === 'true', query.campaignId ?? null) }),
    }),
    route({
      method: 'POST',
      url: '/console/api/redemption-conflicts/:conflictId/resolve',
      auth: 'console',
      area: 'campaigns',
      tag: 'console',
      summary:
        'Resolve a conflict with a note: the discount is honoured (a cost of the campaign) or to be recovered; the sale stands either way; audited',
      params: z.object({ conflictId: text({ min: 1, max: 64 }) }),
      body: z.object({ resolution: z.enum(['discount_honoured', 'discount_recovered']), note: text({ min: 1, max: 500, trim: true }) }).strict(),
      successStatus: 204,
      handler: async ({ params, body, caller }) => {
        const user = consoleUser(caller);
        await db.transaction(async (tx) => {
          const { rows } = await tx.query<{ resolution: string | null }>(`SELECT resolution FROM redemption_conflicts WHERE id = $1 FOR UPDATE`, [params.conflictId]);
          if (!rows[0]) throw new ApiError('NOT_FOUND', 'no such conflict');
          if (rows[0].resolution === body.resolution) return;
          if (rows[0].resolution !== null) throw new ApiError('CONFLICT', 'this conflict was already resolved otherwise');
          await tx.query(`UPDATE redemption_conflicts SET resolved_at = now(), resolution = $2, resolved_by = $3, resolution_note = $4 WHERE id = $1`, [
            params.conflictId,
            body.resolution,
            user.userId,
            body.note,
          ]);
          await audit(tx, user.userId, 'conflict.resolve', null, { conflictId: params.conflictId, resolution: body.resolution, note: body.note });
        });
      },
    }),
  ];
}
