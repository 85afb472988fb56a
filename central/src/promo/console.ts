import { z } from 'zod';
import { text } from '../../../core/text.js';
import type { Db, Queryable } from '../db.js';
import { ApiError } from '../errors.js';
import { route, type AnyRoute } from '../routes.js';
import { audit } from '../console/users.js';
import { consoleUser } from '../console/auth.js';

/**
 * The console's campaigns page: every campaign with live counters (codes issued, redemptions
 * by channel and by store, discount given), and the redemption conflicts to review and resolve.
 * Counters are read from the ledger when the page asks; a resolution is audited.
 */
const Count = z.object({ key: z.string(), redeemed: z.number(), discountMinor: z.number() });

export const CampaignSummary = z.object({
  id: z.string(),
  name: z.string(),
  channel: z.string(),
  codeKind: z.string(),
  discountKind: z.string(),
  discountValue: z.number(),
  currency: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  offlineAllowed: z.boolean(),
  offlineCapPerTill: z.number(),
  issued: z.number(),
  redeemed: z.number(),
  byChannel: z.array(Count),
  byStore: z.array(Count.extend({ name: z.string() })),
  openConflicts: z.number(),
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
});

export async function campaignSummaries(q: Queryable): Promise<CampaignSummary[]> {
  const { rows } = await q.query<CampaignSummary>(
    `SELECT c.id, c.name, c.channel, c.code_kind AS "codeKind", c.discount_kind AS "discountKind", c.discount_value::int AS "discountValue",
            c.currency, iso(c.starts_at) AS "startsAt", iso(c.ends_at) AS "endsAt", c.offline_allowed AS "offlineAllowed",
            c.offline_cap_per_till AS "offlineCapPerTill",
            (SELECT count(*) FROM promo_codes k WHERE k.campaign_id = c.id)::int AS issued,
            (SELECT count(*) FROM redemptions r WHERE r.campaign_id = c.id AND r.rolled_back_at IS NULL)::int AS redeemed,
            (SELECT coalesce(jsonb_agg(jsonb_build_object('key', x.channel, 'redeemed', x.n, 'discountMinor', x.d) ORDER BY x.n DESC, x.channel), '[]')
             FROM (SELECT r.channel, count(*)::int AS n, sum(r.discount_minor)::bigint AS d FROM redemptions r
                   WHERE r.campaign_id = c.id AND r.rolled_back_at IS NULL GROUP BY r.channel) x) AS "byChannel",
            (SELECT coalesce(jsonb_agg(jsonb_build_object('key', x.store_id, 'name', x.name, 'redeemed', x.n, 'discountMinor', x.d) ORDER BY x.n DESC, x.store_id), '[]')
             FROM (SELECT t.store_id, s.name, count(*)::int AS n, sum(r.discount_minor)::bigint AS d FROM redemptions r
                   JOIN tills t ON t.id = r.till_id JOIN stores s ON s.id = t.store_id
                   WHERE r.campaign_id = c.id AND r.rolled_back_at IS NULL GROUP BY t.store_id, s.name) x) AS "byStore",
            (SELECT count(*) FROM redemption_conflicts k WHERE k.campaign_id = c.id AND k.resolved_at IS NULL)::int AS "openConflicts"
     FROM campaigns c ORDER BY c.starts_at DESC, c.id`,
  );
  return rows;
}

async function conflicts(q: Queryable, open: boolean): Promise<z.infer<typeof Conflict>[]> {
  const { rows } = await q.query<z.infer<typeof Conflict>>(
    `SELECT k.id, k.code, k.campaign_id AS "campaignId", c.name AS campaign, k.sale_id AS "saleId", s.name AS store, t.name AS till,
            k.reason, k.discount_minor::int AS "discountMinor", coalesce(c.currency, s.currency) AS currency, iso(k.redeemed_at) AS "redeemedAt",
            iso(k.resolved_at) AS "resolvedAt", k.resolution
     FROM redemption_conflicts k JOIN campaigns c ON c.id = k.campaign_id JOIN tills t ON t.id = k.till_id JOIN stores s ON s.id = t.store_id
     WHERE NOT $1 OR k.resolved_at IS NULL
     ORDER BY k.recorded_at DESC LIMIT 500`,
    [open],
  );
  return rows;
}

export function campaignConsoleRoutes(db: Db): AnyRoute[] {
  return [
    route({
      method: 'GET',
      url: '/console/api/campaigns',
      auth: 'console',
      area: 'campaigns',
      tag: 'console',
      summary: 'Campaigns with live counters: codes issued, redemptions by channel and by store, open conflicts',
      response: z.object({ campaigns: z.array(CampaignSummary) }),
      handler: async () => ({ campaigns: await campaignSummaries(db) }),
    }),
    route({
      method: 'GET',
      url: '/console/api/redemption-conflicts',
      auth: 'console',
      area: 'campaigns',
      tag: 'console',
      summary: 'Redemptions the ledger could not accept after the sale (duplicate, offline not allowed, over cap, expired), newest first',
      query: z.object({ open: z.enum(['true', 'false']).default('true') }),
      response: z.object({ conflicts: z.array(Conflict) }),
      handler: async ({ query }) => ({ conflicts: await conflicts(db, query.open === 'true') }),
    }),
    route({
      method: 'POST',
      url: '/console/api/redemption-conflicts/:conflictId/resolve',
      auth: 'console',
      area: 'campaigns',
      tag: 'console',
      summary: 'Resolve a conflict: the discount is honoured (a cost of the campaign) or to be recovered; the sale stands either way; audited',
      params: z.object({ conflictId: text({ min: 1, max: 64 }) }),
      body: z.object({ resolution: z.enum(['discount_honoured', 'discount_recovered']) }).strict(),
      successStatus: 204,
      handler: async ({ params, body, caller }) => {
        const user = consoleUser(caller);
        await db.transaction(async (tx) => {
          const { rows } = await tx.query<{ resolution: string | null }>(`SELECT resolution FROM redemption_conflicts WHERE id = $1 FOR UPDATE`, [params.conflictId]);
          if (!rows[0]) throw new ApiError('NOT_FOUND', 'no such conflict');
          if (rows[0].resolution === body.resolution) return;
          if (rows[0].resolution !== null) throw new ApiError('CONFLICT', 'this conflict was already resolved otherwise');
          await tx.query(`UPDATE redemption_conflicts SET resolved_at = now(), resolution = $2, resolved_by = $3 WHERE id = $1`, [
            params.conflictId,
            body.resolution,
            user.userId,
          ]);
          await audit(tx, user.userId, 'conflict.resolve', null, { conflictId: params.conflictId, resolution: body.resolution });
        });
      },
    }),
  ];
}
