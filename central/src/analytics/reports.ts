import { z } from 'zod';
import { averageMinor, coverPeriod, eachDay, medianDays, mergedEstimates } from '../../../core/analytics/rollup.js';
import type { Queryable } from '../db.js';

/**
 * The console's analytics reports, read from the rollups of the analytics_rollups migration (never from the facts).
 * A scope is a period of the chain's local days (in `timeZone`, the chain's zone), the stores the
 * reader may see (null: every store and the online channels) and the currency money figures are in.
 */
export interface ReportScope {
  readonly from: string;
  readonly to: string;
  readonly timeZone: string;
  readonly stores: readonly string[] | null;
  readonly currency: string;
}

const scopeStores = (scope: ReportScope) => (scope.stores ? [...scope.stores] : null);

/**
 * Distinct customers per channel or campaign over the period, from day and month sketches; only
 * of the channels or campaigns in `keys` when given (the campaigns a report lists).
 */
async function reach(q: Queryable, dim: 'channel' | 'campaign', scope: ReportScope, keys: readonly string[] | null = null): Promise<Map<string, number>> {
  const { months, days } = coverPeriod(scope.from, scope.to);
  const { rows } = await q.query<{ key: string; sketch: string }>(
    `SELECT dim_value AS key, array_to_string(sketch, ',') AS sketch FROM analytics_reach
     WHERE dim = $1 AND ((grain = 'm' AND period = ANY ($2::date[])) OR (grain = 'd' AND period = ANY ($3::date[])))
       AND ($4::text[] IS NULL OR store_key = ANY ($4::text[])) AND ($5::text[] IS NULL OR dim_value = ANY ($5::text[]))`,
    [dim, months, days, scopeStores(scope), keys ? [...keys] : null],
  );
  return mergedEstimates(rows);
}

const num = (v: unknown) => Number(v ?? 0);

export const ChannelRow = z.object({
  channel: z.string(),
  touches: z.number(),
  reach: z.number(),
  codesIssued: z.number().nullable(),
  redemptions: z.number(),
  discountMinor: z.number(),
  sales: z.number(),
  /** Of the sales, the orders placed online (web, app). */
  onlineOrders: z.number(),
  revenueMinor: z.number(),
  averageBasketMinor: z.number().nullable(),
});
export type ChannelRow = z.infer<typeof ChannelRow>;

/**
 * Per channel: touchpoints and distinct customers reached through it; codes issued and redeemed
 * for the campaigns run on it; its sales — the orders placed on it online and the store sales its
 * online carts brought ('store': sales no cart brought) — their revenue and average basket. Codes
 * are chain-wide, so a reader limited to stores sees none; of the online orders, that reader sees
 * those collected in their stores.
 */
export async function channelReport(q: Queryable, scope: ReportScope): Promise<ChannelRow[]> {
  const stores = scopeStores(scope);
  const [touches, reached, codes, redemptions, sales, orders] = await Promise.all([
    q.query<{ key: string; n: string }>(
      `SELECT channel AS key, sum(touches) AS n FROM analytics_touches
       WHERE day BETWEEN $1 AND $2 AND ($3::text[] IS NULL OR store_key = ANY ($3::text[])) GROUP BY 1`,
      [scope.from, scope.to, stores],
    ),
    reach(q, 'channel', scope),
    q.query<{ key: string; n: string }>(
      `SELECT c.channel AS key, sum(a.issued) AS n FROM analytics_codes a JOIN campaigns c ON c.id = a.campaign_id
       WHERE a.day BETWEEN $1 AND $2 GROUP BY 1`,
      [scope.from, scope.to],
    ),
    q.query<{ key: string; n: string; discount: string }>(
      `SELECT c.channel AS key, sum(a.redemptions) AS n, sum(a.discount_minor) FILTER (WHERE a.currency = $4) AS discount
       FROM analytics_redemptions a JOIN campaigns c ON c.id = a.campaign_id
       WHERE a.day BETWEEN $1 AND $2 AND ($3::text[] IS NULL OR a.store_key = ANY ($3::text[])) GROUP BY 1`,
      [scope.from, scope.to, stores, scope.currency],
    ),
    q.query<{ key: string; n: string; revenue: string }>(
      `SELECT channel AS key, sum(sales) AS n, sum(revenue_minor) AS revenue FROM analytics_sales
       WHERE day BETWEEN $1 AND $2 AND channel <> '*' AND currency = $4 AND ($3::text[] IS NULL OR store_id = ANY ($3::text[])) GROUP BY 1`,
      [scope.from, scope.to, stores, scope.currency],
    ),
    onlineOrders(q, scope, { key: 'channel' }),
  ]);
  const byKey = <T extends { key: string }>(rows: T[]) => new Map(rows.map((r) => [r.key, r]));
  const t = byKey(touches.rows);
  const c = byKey(codes.rows);
  const r = byKey(redemptions.rows);
  const s = byKey(sales.rows);
  const o = byKey(orders);
  const channels = new Set([...t.keys(), ...reached.keys(), ...r.keys(), ...s.keys(), ...o.keys(), ...(stores ? [] : c.keys())]);
  return [...channels].sort().map((channel) => {
    const ordered = num(o.get(channel)?.n);
    const salesCount = num(s.get(channel)?.n) + ordered;
    const revenue = num(s.get(channel)?.revenue) + num(o.get(channel)?.revenue);
    return {
      channel,
      touches: num(t.get(channel)?.n),
      // An estimate never claims more customers than touchpoints.
      reach: Math.min(reached.get(channel) ?? 0, num(t.get(channel)?.n)),
      codesIssued: stores ? null : num(c.get(channel)?.n),
      redemptions: num(r.get(channel)?.n),
      discountMinor: num(r.get(channel)?.discount),
      sales: salesCount,
      onlineOrders: ordered,
      revenueMinor: revenue,
      averageBasketMinor: averageMinor(revenue, salesCount),
    };
  });
}

/** The orders placed online in the scope (of a store-limited reader, those collected in their stores), grouped by `by`. */
async function onlineOrders<K extends string>(q: Queryable, scope: ReportScope, by: Record<K, string>): Promise<(Record<K, string> & { n: string; revenue: string })[]> {
  const keys = Object.entries<string>(by).map(([name, column]) => `${column} AS ${name}`);
  const { rows } = await q.query<Record<K, string> & { n: string; revenue: string }>(
    `SELECT ${keys.join(', ')}, sum(orders) AS n, sum(revenue_minor) AS revenue FROM analytics_orders
     WHERE day BETWEEN $1 AND $2 AND currency = $4 AND ($3::text[] IS NULL OR store_key = ANY ($3::text[])) GROUP BY ${keys.map((_, i) => i + 1).join(', ')}`,
    [scope.from, scope.to, scopeStores(scope), scope.currency],
  );
  return rows;
}

/** A campaign's redemptions on one sales channel (a till's `store`, the web shop's `web`, the app's `app`) and the sales that redeemed them. */
export const CampaignChannelRow = z.object({ channel: z.string(), redemptions: z.number(), discountMinor: z.number(), sales: z.number(), revenueMinor: z.number() });
export type CampaignChannelRow = z.infer<typeof CampaignChannelRow>;

/** The channels a campaign's redemptions are always shown for, even at zero. */
export const SALES_CHANNELS = ['store', 'web', 'app'] as const;

/**
 * A campaign's codes redeemed online for click-and-collect orders collected in a store, by that
 * store and on the day collected: orders (one per code of the campaign, as `sales` counts them),
 * the discount and their revenue. Beside the channel figures, never in them (those orders are the
 * web's or the app's).
 */
export const CampaignCollectedRow = z.object({ storeId: z.string(), store: z.string(), orders: z.number(), discountMinor: z.number(), revenueMinor: z.number() });
export type CampaignCollectedRow = z.infer<typeof CampaignCollectedRow>;

export const CampaignRow = ChannelRow.omit({ channel: true, onlineOrders: true }).extend({
  campaignId: z.string(),
  name: z.string(),
  /** Its name by UI language where the campaign has one (the console shows the reader's). */
  names: z.object({ en: z.string().optional(), ru: z.string().optional(), ro: z.string().optional() }).nullable(),
  channel: z.string(),
  byChannel: z.array(CampaignChannelRow),
  collected: z.array(CampaignCollectedRow),
});
export type CampaignRow = z.infer<typeof CampaignRow>;

/**
 * Per campaign running in the period (or the one asked for): touchpoints and customers reached,
 * codes issued, redemptions and the discount given, and the sales that redeemed its codes (their
 * revenue and average basket): the tills' sales and the online orders that name their codes; all
 * of these also by the sales channel the codes were redeemed on; and the click-and-collect orders
 * with its codes collected in the reader's stores, by store.
 */
export async function campaignReport(q: Queryable, scope: ReportScope, campaignId: string | null): Promise<CampaignRow[]> {
  const stores = scopeStores(scope);
  const campaigns = await q.query<{ id: string; name: string; names: CampaignRow['names']; channel: string }>(
    `SELECT id, name, names, channel FROM campaigns
     WHERE ($3::text IS NULL OR id = $3) AND starts_at < ($2::date + 1)::timestamp AT TIME ZONE $4 AND ends_at > $1::date::timestamp AT TIME ZONE $4
     ORDER BY starts_at, id`,
    [scope.from, scope.to, campaignId, scope.timeZone],
  );
  // Only the sketches of the campaigns listed are merged.
  const [touches, reached, codes, redemptions, collected] = await Promise.all([
    q.query<{ key: string; n: string }>(
      `SELECT campaign_key AS key, sum(touches) AS n FROM analytics_touches
       WHERE day BETWEEN $1 AND $2 AND campaign_key <> '' AND ($3::text[] IS NULL OR store_key = ANY ($3::text[])) GROUP BY 1`,
      [scope.from, scope.to, stores],
    ),
    reach(q, 'campaign', scope, campaigns.rows.map((k) => k.id)),
    q.query<{ key: string; n: string }>(`SELECT campaign_id AS key, sum(issued) AS n FROM analytics_codes WHERE day BETWEEN $1 AND $2 GROUP BY 1`, [scope.from, scope.to]),
    q.query<{ key: string; channel: string; n: string; discount: string; sales: string; revenue: string }>(
      `SELECT campaign_id AS key, channel, sum(redemptions) AS n, sum(discount_minor) FILTER (WHERE currency = $4) AS discount,
              sum(sales) FILTER (WHERE currency = $4) AS sales, sum(revenue_minor) FILTER (WHERE currency = $4) AS revenue
       FROM analytics_redemptions WHERE day BETWEEN $1 AND $2 AND ($3::text[] IS NULL OR store_key = ANY ($3::text[])) GROUP BY 1, 2`,
      [scope.from, scope.to, stores, scope.currency],
    ),
    q.query<{ key: string; storeId: string; store: string; n: string; discount: string | null; revenue: string | null }>(
      `SELECT a.campaign_id AS key, a.store_id AS "storeId", s.name AS store, sum(a.redemptions) FILTER (WHERE a.currency = $4) AS n,
              sum(a.discount_minor) FILTER (WHERE a.currency = $4) AS discount, sum(a.revenue_minor) FILTER (WHERE a.currency = $4) AS revenue
       FROM analytics_collected a JOIN stores s ON s.id = a.store_id
       WHERE a.day BETWEEN $1 AND $2 AND ($3::text[] IS NULL OR a.store_id = ANY ($3::text[]))
       GROUP BY 1, 2, 3 HAVING sum(a.redemptions) FILTER (WHERE a.currency = $4) <> 0 ORDER BY 3, 2`,
      [scope.from, scope.to, stores, scope.currency],
    ),
  ]);
  const collectedBy = new Map<string, CampaignCollectedRow[]>();
  for (const row of collected.rows) {
    const list = collectedBy.get(row.key) ?? [];
    list.push({ storeId: row.storeId, store: row.store, orders: num(row.n), discountMinor: num(row.discount), revenueMinor: num(row.revenue) });
    collectedBy.set(row.key, list);
  }
  const byKey = <T extends { key: string }>(rows: T[]) => new Map(rows.map((r) => [r.key, r]));
  const t = byKey(touches.rows);
  const c = byKey(codes.rows);
  const perChannel = new Map<string, CampaignChannelRow[]>();
  for (const row of redemptions.rows) {
    const list = perChannel.get(row.key) ?? [];
    list.push({ channel: row.channel, redemptions: num(row.n), discountMinor: num(row.discount), sales: num(row.sales), revenueMinor: num(row.revenue) });
    perChannel.set(row.key, list);
  }
  const channelsOf = (id: string): CampaignChannelRow[] => {
    const rows = perChannel.get(id) ?? [];
    const zero = (channel: string) => ({ channel, redemptions: 0, discountMinor: 0, sales: 0, revenueMinor: 0 });
    const others = rows.filter((x) => !(SALES_CHANNELS as readonly string[]).includes(x.channel)).sort((a, b) => (a.channel < b.channel ? -1 : 1));
    return [...SALES_CHANNELS.map((ch) => rows.find((x) => x.channel === ch) ?? zero(ch)), ...others];
  };
  const sum = (rows: CampaignChannelRow[], key: 'redemptions' | 'discountMinor' | 'sales' | 'revenueMinor') => rows.reduce((a, x) => a + x[key], 0);
  return campaigns.rows.map((k) => {
    const byChannel = channelsOf(k.id);
    const salesCount = sum(byChannel, 'sales');
    const revenue = sum(byChannel, 'revenueMinor');
    return {
      campaignId: k.id,
      name: k.name,
      names: k.names,
      channel: k.channel,
      touches: num(t.get(k.id)?.n),
      reach: Math.min(reached.get(k.id) ?? 0, num(t.get(k.id)?.n)),
      codesIssued: stores ? null : num(c.get(k.id)?.n),
      redemptions: sum(byChannel, 'redemptions'),
      discountMinor: sum(byChannel, 'discountMinor'),
      sales: salesCount,
      revenueMinor: revenue,
      averageBasketMinor: averageMinor(revenue, salesCount),
      byChannel,
      collected: collectedBy.get(k.id) ?? [],
    };
  });
}

const PathGroup = z.object({ key: z.string(), customers: z.number(), converted: z.number(), conversion: z.number().nullable(), medianDays: z.number().nullable() });
export const PathReport = z.object({
  windowDays: z.number(),
  total: PathGroup,
  byChannel: z.array(PathGroup),
  byCampaign: z.array(PathGroup.extend({ name: z.string() })),
  byStore: z.array(z.object({ key: z.string(), name: z.string(), converted: z.number(), medianDays: z.number().nullable() })),
  byDay: z.array(z.object({ day: z.string(), customers: z.number(), converted: z.number() })),
});
export type PathReport = z.infer<typeof PathReport>;

class Tally {
  customers = 0;
  readonly days = new Map<number, number>();
  add(d: number, n: number) {
    this.customers += n;
    if (d >= 0) this.days.set(d, (this.days.get(d) ?? 0) + n);
  }
  get converted() {
    return [...this.days.values()].reduce((a, b) => a + b, 0);
  }
  group(key: string) {
    const converted = this.converted;
    return { key, customers: this.customers, converted, conversion: this.customers > 0 ? converted / this.customers : null, medianDays: medianDays(this.days) };
  }
}

/**
 * The online-to-store path: customers whose first online intent (a web or app cart line, an online
 * favourite) fell in the period, and those of them who bought in a store within `windowDays` days
 * of it; by the channel and the campaign of their first touch, by the store they bought in and by
 * the day of the intent. A reader limited to stores sees conversions to their stores only.
 */
export async function pathReport(q: Queryable, scope: Omit<ReportScope, 'currency'>, windowDays: number): Promise<PathReport> {
  const { rows } = await q.query<{ dim: string; key: string; d: number | null; conv: boolean | null; n: string }>(
    `WITH r AS (
       SELECT day, first_channel, first_campaign_key, store_key, customers,
              CASE WHEN days BETWEEN 0 AND $3 AND ($4::text[] IS NULL OR store_key = ANY ($4::text[])) THEN days ELSE -1 END AS d
       FROM analytics_path_days WHERE day BETWEEN $1 AND $2)
     SELECT CASE WHEN GROUPING(first_channel) = 0 THEN 'channel' WHEN GROUPING(first_campaign_key) = 0 THEN 'campaign'
                 WHEN GROUPING(store_key) = 0 THEN 'store' ELSE 'day' END AS dim,
            coalesce(first_channel, first_campaign_key, store_key, day::text) AS key,
            CASE WHEN GROUPING(day) = 0 THEN NULL ELSE d END AS d,
            CASE WHEN GROUPING(day) = 0 THEN d >= 0 END AS conv,
            sum(customers) AS n
     FROM r GROUP BY GROUPING SETS ((first_channel, d), (first_campaign_key, d), (store_key, d), (day, d >= 0))`,
    [scope.from, scope.to, windowDays, scope.stores ? [...scope.stores] : null],
  );
  const total = new Tally();
  const tallies = { channel: new Map<string, Tally>(), campaign: new Map<string, Tally>(), store: new Map<string, Tally>() };
  const perDay = new Map<string, { customers: number; converted: number }>();
  for (const row of rows) {
    const n = Number(row.n);
    if (row.dim === 'day') {
      const day = perDay.get(row.key) ?? { customers: 0, converted: 0 };
      day.customers += n;
      if (row.conv) day.converted += n;
      perDay.set(row.key, day);
      continue;
    }
    const map = tallies[row.dim as 'channel' | 'campaign' | 'store'];
    const tally = map.get(row.key) ?? new Tally();
    tally.add(row.d as number, n);
    map.set(row.key, tally);
    if (row.dim === 'channel') total.add(row.d as number, n);
  }
  const names = await q.query<{ kind: string; id: string; name: string }>(
    `SELECT 'campaign' AS kind, id, name FROM campaigns WHERE id = ANY ($1::text[])
     UNION ALL SELECT 'store', id, name FROM stores WHERE id = ANY ($2::text[])`,
    [[...tallies.campaign.keys()], [...tallies.store.keys()]],
  );
  const nameOf = (kind: string, id: string) => names.rows.find((r) => r.kind === kind && r.id === id)?.name ?? id;
  const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    windowDays,
    total: total.group('*'),
    byChannel: sorted(tallies.channel).map(([k, t]) => t.group(k)),
    byCampaign: sorted(tallies.campaign)
      .filter(([k]) => k !== '')
      .map(([k, t]) => ({ ...t.group(k), name: nameOf('campaign', k) })),
    byStore: sorted(tallies.store)
      .filter(([k, t]) => k !== '' && t.converted > 0)
      .map(([k, t]) => ({ key: k, name: nameOf('store', k), converted: t.converted, medianDays: medianDays(t.days) })),
    byDay: eachDay(scope.from, scope.to).map((day) => ({ day, ...(perDay.get(day) ?? { customers: 0, converted: 0 }) })),
  };
}

const Money = { sales: z.number(), onlineOrders: z.number(), revenueMinor: z.number(), averageBasketMinor: z.number().nullable() };
export const DailyReport = z.object({
  days: z.array(z.object({ day: z.string(), touches: z.number(), redemptions: z.number(), ...Money })),
  stores: z.array(z.object({ storeId: z.string(), name: z.string(), redemptions: z.number(), ...Money })),
});
export type DailyReport = z.infer<typeof DailyReport>;

/**
 * By day and by store: touchpoints, redemptions, sales (store sales and the orders placed online;
 * an order collected in a store counts for that store), revenue and average basket.
 */
export async function dailyReport(q: Queryable, scope: ReportScope): Promise<DailyReport> {
  const stores = scopeStores(scope);
  const params = [scope.from, scope.to, stores];
  const [touches, redemptions, sales, orders, storeRows] = await Promise.all([
    q.query<{ day: string; n: string }>(
      `SELECT day::text, sum(touches) AS n FROM analytics_touches WHERE day BETWEEN $1 AND $2 AND ($3::text[] IS NULL OR store_key = ANY ($3::text[])) GROUP BY 1`,
      params,
    ),
    q.query<{ day: string; store: string; n: string }>(
      `SELECT day::text, store_key AS store, sum(redemptions) AS n FROM analytics_redemptions
       WHERE day BETWEEN $1 AND $2 AND ($3::text[] IS NULL OR store_key = ANY ($3::text[])) GROUP BY 1, 2`,
      params,
    ),
    q.query<{ day: string; store: string; n: string; revenue: string }>(
      `SELECT day::text, store_id AS store, sum(sales) AS n, sum(revenue_minor) AS revenue FROM analytics_sales
       WHERE day BETWEEN $1 AND $2 AND channel = '*' AND currency = $4 AND ($3::text[] IS NULL OR store_id = ANY ($3::text[])) GROUP BY 1, 2`,
      [...params, scope.currency],
    ),
    onlineOrders(q, scope, { day: 'day::text', store: 'store_key' }),
    q.query<{ id: string; name: string }>(`SELECT id, name FROM stores WHERE $1::text[] IS NULL OR id = ANY ($1::text[]) ORDER BY id`, [stores]),
  ]);
  const zero = { redemptions: 0, sales: 0, onlineOrders: 0, revenueMinor: 0 };
  const days = new Map(eachDay(scope.from, scope.to).map((day) => [day, { day, touches: 0, ...zero }]));
  const perStore = new Map(storeRows.rows.map((s) => [s.id, { storeId: s.id, name: s.name, ...zero }]));
  for (const r of touches.rows) days.get(r.day)!.touches += num(r.n);
  for (const r of redemptions.rows) {
    days.get(r.day)!.redemptions += num(r.n);
    const store = perStore.get(r.store);
    if (store) store.redemptions += num(r.n);
  }
  const addSales = (r: { day: string; store: string; n: string; revenue: string }, online: boolean) => {
    for (const into of [days.get(r.day)!, perStore.get(r.store)]) {
      if (!into) continue;
      into.sales += num(r.n);
      into.revenueMinor += num(r.revenue);
      if (online) into.onlineOrders += num(r.n);
    }
  };
  for (const r of sales.rows) addSales(r, false);
  for (const r of orders) addSales(r, true);
  return {
    days: [...days.values()].map((d) => ({ ...d, averageBasketMinor: averageMinor(d.revenueMinor, d.sales) })),
    stores: [...perStore.values()].map((s) => ({ ...s, averageBasketMinor: averageMinor(s.revenueMinor, s.sales) })),
  };
}
