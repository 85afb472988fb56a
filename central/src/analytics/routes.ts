import { z } from 'zod';
import { text } from '../../../core/text.js';
import { CURRENCIES } from '../../../core/money.js';
import { addDays, daysBetween } from '../../../core/analytics/rollup.js';
import type { Db } from '../db.js';
import { ApiError } from '../errors.js';
import { route, type AnyRoute, type Caller } from '../routes.js';
import { assertStoreAllowed, storeScope } from '../console/auth.js';
import { toCsv } from '../csv.js';
import { campaignReport, CampaignRow, channelReport, ChannelRow, dailyReport, DailyReport, pathReport, PathReport, SALES_CHANNELS, type ReportScope } from './reports.js';

/** The longest period one report reads: two years of days. */
export const MAX_REPORT_DAYS = 731;

const StoreId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);

const ReportQuery = z
  .object({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    storeId: StoreId.optional(),
    currency: z.enum(CURRENCIES).optional(),
    campaignId: text({ min: 1, max: 64 }).optional(),
    windowDays: z.coerce.number().int().min(1).max(365).default(30),
  })
  .strict();
type ReportQuery = z.infer<typeof ReportQuery>;

const Scope = z.object({ from: z.string(), to: z.string(), timeZone: z.string(), stores: z.array(z.string()).nullable(), currency: z.string() });

/**
 * The period in the chain's local days (default: the last 30 up to its today), the stores the
 * caller may read and the currency of money figures.
 */
async function resolveScope(db: Db, caller: Caller, query: ReportQuery): Promise<ReportScope> {
  const chain = await db.query<{ zone: string; today: string }>(`SELECT chain_time_zone() AS zone, local_day(now(), chain_time_zone())::text AS today`);
  const { zone, today } = chain.rows[0] as { zone: string; today: string };
  const to = query.to ?? today;
  const from = query.from ?? addDays(to, -29);
  if (from > to) throw new ApiError('RANGE_INVALID', `the period starts (${from}) after it ends (${to})`);
  if (daysBetween(from, to) > MAX_REPORT_DAYS) throw new ApiError('RANGE_TOO_LONG', `a report covers at most ${MAX_REPORT_DAYS} days; this period has ${daysBetween(from, to)}`);
  if (query.storeId) assertStoreAllowed(caller, query.storeId);
  const stores = query.storeId ? [query.storeId] : storeScope(caller);
  const { rows } = await db.query<{ id: string; currency: string }>(`SELECT id, currency FROM stores WHERE $1::text[] IS NULL OR id = ANY ($1::text[]) ORDER BY id`, [stores ? [...stores] : null]);
  if (query.storeId && rows.length === 0) throw new ApiError('NOT_FOUND', `no store ${query.storeId}`);
  return { from, to, timeZone: zone, stores, currency: query.currency ?? rows[0]?.currency ?? 'EUR' };
}

async function assertCampaign(db: Db, campaignId: string | undefined): Promise<void> {
  if (campaignId === undefined) return;
  const { rowCount } = await db.query(`SELECT 1 FROM campaigns WHERE id = $1`, [campaignId]);
  if (rowCount === 0) throw new ApiError('NOT_FOUND', `no campaign ${campaignId}`);
}

export const REPORTS = ['channels', 'campaigns', 'path', 'daily'] as const;
type Report = (typeof REPORTS)[number];

type Cell = string | number | null;

/** One report as CSV: a header and rows, money in minor units with its currency in a column. */
async function reportCsv(db: Db, report: Report, scope: ReportScope, query: ReportQuery): Promise<{ header: string[]; rows: Cell[][] }> {
  const money = ['sales', 'revenue_minor', 'average_basket_minor', 'currency'];
  if (report === 'channels') {
    const rows = await channelReport(db, scope);
    return {
      header: ['channel', 'touches', 'reach', 'codes_issued', 'redemptions', 'discount_minor', 'online_orders', ...money],
      rows: rows.map((r) => [r.channel, r.touches, r.reach, r.codesIssued, r.redemptions, r.discountMinor, r.onlineOrders, r.sales, r.revenueMinor, r.averageBasketMinor, scope.currency]),
    };
  }
  if (report === 'campaigns') {
    const rows = await campaignReport(db, scope, query.campaignId ?? null);
    // Per sales channel: its redemptions and the revenue of the sales that redeemed them.
    const perChannel = SALES_CHANNELS.flatMap((ch) => [`${ch}_redemptions`, `${ch}_revenue_minor`]);
    return {
      header: ['campaign_id', 'name', 'channel', 'touches', 'reach', 'codes_issued', 'redemptions', 'discount_minor', ...money, ...perChannel],
      rows: rows.map((r) => [
        r.campaignId,
        r.name,
        r.channel,
        r.touches,
        r.reach,
        r.codesIssued,
        r.redemptions,
        r.discountMinor,
        r.sales,
        r.revenueMinor,
        r.averageBasketMinor,
        scope.currency,
        ...SALES_CHANNELS.flatMap((ch) => {
          const c = r.byChannel.find((x) => x.channel === ch);
          return [c?.redemptions ?? 0, c?.revenueMinor ?? 0];
        }),
      ]),
    };
  }
  if (report === 'path') {
    const p = await pathReport(db, scope, query.windowDays);
    const group = (dimension: string, g: { key: string; customers: number; converted: number; conversion: number | null; medianDays: number | null }, name: string | null = null): Cell[] => [
      dimension,
      g.key,
      name,
      g.customers,
      g.converted,
      g.conversion === null ? null : Number(g.conversion.toFixed(4)),
      g.medianDays,
    ];
    return {
      header: ['dimension', 'key', 'name', 'customers_with_online_intent', `bought_in_store_within_${p.windowDays}_days`, 'conversion', 'median_days'],
      rows: [
        group('total', p.total),
        ...p.byChannel.map((g) => group('first_channel', g)),
        ...p.byCampaign.map((g) => group('first_campaign', g, g.name)),
        ...p.byStore.map((g) => ['store', g.key, g.name, null, g.converted, null, g.medianDays]),
        ...p.byDay.map((d) => ['day', d.day, null, d.customers, d.converted, d.customers > 0 ? Number((d.converted / d.customers).toFixed(4)) : null, null]),
      ],
    };
  }
  const d = await dailyReport(db, scope);
  return {
    header: ['dimension', 'key', 'name', 'touches', 'redemptions', 'online_orders', ...money],
    rows: [
      ...d.days.map((r) => ['day', r.day, null, r.touches, r.redemptions, r.onlineOrders, r.sales, r.revenueMinor, r.averageBasketMinor, scope.currency]),
      ...d.stores.map((r) => ['store', r.storeId, r.name, null, r.redemptions, r.onlineOrders, r.sales, r.revenueMinor, r.averageBasketMinor, scope.currency]),
    ],
  };
}

/**
 * The console's analytics: per channel, per campaign, the online-to-store path, by day and store;
 * each as JSON for the page and as CSV. Marketers and IT admins read the chain; a store manager
 * reads their own stores.
 */
export function analyticsConsoleRoutes(db: Db): AnyRoute[] {
  const report = <R extends z.ZodType>(url: string, summary: string, response: R, read: (scope: ReportScope, query: ReportQuery) => Promise<z.infer<R>>) =>
    route({
      method: 'GET',
      url: `/console/api/analytics/${url}`,
      auth: 'console',
      area: 'analytics',
      tag: 'console',
      summary,
      query: ReportQuery,
      response: z.object({ scope: Scope, report: response }),
      handler: async ({ query, caller }) => {
        const scope = await resolveScope(db, caller, query);
        await assertCampaign(db, query.campaignId);
        return { scope: { ...scope, stores: scope.stores ? [...scope.stores] : null }, report: await read(scope, query) };
      },
    });
  return [
    report('channels', 'Per channel: touchpoints, customers reached, codes issued, redemptions, the store sales its carts brought, revenue and average basket', z.array(ChannelRow), (scope) => channelReport(db, scope)),
    report('campaigns', 'Per campaign: touchpoints, customers reached, codes issued, redemptions, discount, the sales that redeemed its codes, revenue and average basket', z.array(CampaignRow), (scope, query) =>
      campaignReport(db, scope, query.campaignId ?? null),
    ),
    report('path', 'Online to store: customers with an online cart or favourite who bought in a store within windowDays days, by first channel, first campaign, store and day', PathReport, (scope, query) =>
      pathReport(db, scope, query.windowDays),
    ),
    report('daily', 'By day and by store: touchpoints, redemptions, store sales, revenue and average basket', DailyReport, (scope) => dailyReport(db, scope)),
    route({
      method: 'GET',
      url: '/console/api/analytics/export/:report',
      auth: 'console',
      area: 'analytics',
      tag: 'console',
      summary: 'One analytics report as CSV (the same filters as its page)',
      params: z.object({ report: z.enum(REPORTS) }),
      query: ReportQuery,
      responseType: 'text/csv',
      handler: async ({ params, query, caller, reply }) => {
        const scope = await resolveScope(db, caller, query);
        await assertCampaign(db, query.campaignId);
        const { header, rows } = await reportCsv(db, params.report, scope, query);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="omnitill-${params.report}-${scope.from}-${scope.to}.csv"`)
          .send(toCsv(header, rows));
      },
    }),
  ];
}
