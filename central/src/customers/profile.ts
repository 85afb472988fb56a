import { z } from 'zod';
import type { Queryable } from '../db.js';

/**
 * One customer as the console shows her: contact, consents, segments, online carts and
 * favourites (with product names), purchases in store and online (the orders the web shop and the
 * app recorded, and online purchase touchpoints), and one timeline of every touchpoint across
 * channels — with her online orders, the codes issued to her and her returns (what was refunded,
 * at which till). A store manager (`stores` set) sees store-level entries of their own stores only.
 */
const Names = z.object({ en: z.string(), ru: z.string(), ro: z.string() }).nullable();

export const TimelineEntry = z.object({
  at: z.string(),
  /** visit, cart_add, favourite_add, purchase, order, order_collected, return, email_sent, code_issued, code_redeemed, consent_granted, consent_withdrawn, … */
  kind: z.string(),
  channel: z.string(),
  campaign: z.string().nullable(),
  store: z.string().nullable(),
  till: z.string().nullable(),
  sku: z.string().nullable(),
  product: Names,
  amountMinor: z.number().nullable(),
  currency: z.string().nullable(),
  code: z.string().nullable(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const ConsoleProfile = z.object({
  customer: z.object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    phones: z.array(z.string()),
    segments: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  }),
  consents: z.array(z.object({ channel: z.string(), granted: z.boolean(), changedAt: z.string(), source: z.string() })),
  carts: z.array(
    z.object({
      channel: z.string(),
      lines: z.array(z.object({ sku: z.string(), product: Names, quantity: z.number(), priceSeenMinor: z.number(), currency: z.string(), addedAt: z.string() })),
    }),
  ),
  favourites: z.array(z.object({ sku: z.string(), product: Names, channel: z.string(), addedAt: z.string() })),
  storePurchases: z.array(
    z.object({
      saleId: z.string(),
      storeId: z.string(),
      store: z.string(),
      till: z.string(),
      receiptNo: z.number(),
      completedAt: z.string(),
      totalMinor: z.number(),
      currency: z.string(),
      lines: z.number(),
    }),
  ),
  /** Her online orders (with what they came to; `store`: where a click-and-collect order is collected) and online purchase touchpoints (no amount). */
  onlinePurchases: z.array(
    z.object({
      at: z.string(),
      channel: z.string(),
      campaign: z.string().nullable(),
      orderRef: z.string().nullable(),
      store: z.string().nullable(),
      totalMinor: z.number().nullable(),
      currency: z.string().nullable(),
      items: z.number().nullable(),
    }),
  ),
  timeline: z.array(TimelineEntry),
  timelineLimit: z.number(),
});
export type ConsoleProfile = z.infer<typeof ConsoleProfile>;

export const TIMELINE_LIMIT = 300;
const PURCHASE_LIMIT = 100;

const productNames = (alias: string) =>
  `(SELECT jsonb_build_object('en', p.name_en, 'ru', p.name_ru, 'ro', p.name_ro) FROM products p WHERE p.sku = ${alias}.sku)`;

export async function consoleProfile(q: Queryable, id: string, stores: readonly string[] | null): Promise<ConsoleProfile | null> {
  const { rows: found } = await q.query<ConsoleProfile['customer']>(
    `SELECT c.id, c.name, c.email, to_jsonb(c.segments) AS segments, iso(c.created_at) AS "createdAt", iso(c.updated_at) AS "updatedAt",
            ARRAY(SELECT phone_e164 FROM customer_phones p WHERE p.customer_id = c.id ORDER BY p.added_at, p.phone_e164) AS phones
     FROM customers c WHERE c.id = $1`,
    [id],
  );
  const customer = found[0];
  if (!customer) return null;
  // $2 null: every store; else only these stores' entries (store-less entries stay).
  const scope = stores ? [...stores] : null;
  const { rows } = await q.query<{
    consents: ConsoleProfile['consents'];
    carts: ConsoleProfile['carts'];
    favourites: ConsoleProfile['favourites'];
    store_purchases: ConsoleProfile['storePurchases'];
    online_purchases: ConsoleProfile['onlinePurchases'];
    timeline: TimelineEntry[];
  }>(
    `SELECT
       (SELECT coalesce(jsonb_agg(jsonb_build_object('channel', k.channel, 'granted', k.granted, 'changedAt', iso(k.changed_at), 'source', k.source)
                                  ORDER BY k.channel), '[]')
        FROM customer_consents k WHERE k.customer_id = $1) AS consents,
       (SELECT coalesce(jsonb_agg(jsonb_build_object('channel', ch.channel, 'lines', ch.lines) ORDER BY ch.channel), '[]')
        FROM (SELECT l.channel, jsonb_agg(jsonb_build_object('sku', l.sku, 'product', ${productNames('l')}, 'quantity', l.quantity,
                       'priceSeenMinor', l.price_seen_minor, 'currency', l.currency, 'addedAt', iso(l.added_at)) ORDER BY l.added_at DESC, l.sku) AS lines
              FROM cart_lines l WHERE l.customer_id = $1 GROUP BY l.channel) ch) AS carts,
       (SELECT coalesce(jsonb_agg(jsonb_build_object('sku', f.sku, 'product', ${productNames('f')}, 'channel', f.channel, 'addedAt', iso(f.added_at))
                                  ORDER BY f.added_at DESC, f.sku), '[]')
        FROM favourites f WHERE f.customer_id = $1) AS favourites,
       (SELECT coalesce(jsonb_agg(x ORDER BY x->>'completedAt' DESC), '[]') FROM (
          SELECT jsonb_build_object('saleId', s.id, 'storeId', s.store_id, 'store', st.name, 'till', t.name, 'receiptNo', s.receipt_no,
                   'completedAt', iso(s.completed_at), 'totalMinor', s.total_minor, 'currency', s.currency,
                   'lines', (SELECT count(*) FROM sale_lines sl WHERE sl.sale_id = s.id)) AS x
          FROM sales s JOIN stores st ON st.id = s.store_id JOIN tills t ON t.id = s.till_id
          WHERE s.customer_id = $1 AND ($2::text[] IS NULL OR s.store_id = ANY ($2::text[]))
          ORDER BY s.completed_at DESC LIMIT ${PURCHASE_LIMIT}) sp) AS store_purchases,
       (SELECT coalesce(jsonb_agg(x ORDER BY x->>'at' DESC), '[]') FROM (
          SELECT jsonb_build_object('at', iso(tp.occurred_at), 'channel', tp.channel, 'campaign', cp.name, 'orderRef', NULL, 'store', NULL,
                   'totalMinor', NULL, 'currency', NULL, 'items', NULL) AS x, tp.occurred_at AS at
          FROM touchpoints tp LEFT JOIN campaigns cp ON cp.id = tp.campaign_id
          WHERE tp.customer_id = $1 AND tp.channel <> 'store' AND tp.kind IN ('purchase', 'order')
          UNION ALL
          SELECT jsonb_build_object('at', iso(o.placed_at), 'channel', o.channel, 'campaign', NULL, 'orderRef', o.order_ref, 'store', st.name,
                   'totalMinor', o.total_minor, 'currency', o.currency,
                   'items', (SELECT coalesce(sum((l->>'quantity')::int), 0) FROM jsonb_array_elements(o.lines) l)), o.placed_at
          FROM online_orders o LEFT JOIN stores st ON st.id = o.store_id
          WHERE o.customer_id = $1 AND ($2::text[] IS NULL OR o.store_id IS NULL OR o.store_id = ANY ($2::text[]))
          ORDER BY at DESC LIMIT ${PURCHASE_LIMIT}) op) AS online_purchases,
       (SELECT coalesce(jsonb_agg(e ORDER BY e->>'at' DESC), '[]') FROM (
          SELECT e FROM (
            -- A return's touchpoint has the return's id: what was refunded, at the till that took it back.
            SELECT jsonb_build_object('at', iso(tp.occurred_at), 'kind', tp.kind, 'channel', tp.channel, 'campaign', cp.name, 'store', st.name,
                     'till', t.name, 'sku', NULL, 'product', NULL, 'amountMinor', coalesce(rt.refund_minor, s.total_minor),
                     'currency', coalesce(rt.currency, s.currency), 'code', NULL) AS e, tp.occurred_at AS at
            FROM touchpoints tp
            LEFT JOIN campaigns cp ON cp.id = tp.campaign_id
            LEFT JOIN stores st ON st.id = tp.store_id
            LEFT JOIN sales s ON s.id = tp.sale_id
            LEFT JOIN sale_returns rt ON tp.kind = 'return' AND rt.id = tp.id
            LEFT JOIN tills t ON t.id = coalesce(rt.till_id, s.till_id)
            WHERE tp.customer_id = $1 AND ($2::text[] IS NULL OR tp.store_id IS NULL OR tp.store_id = ANY ($2::text[]))
            UNION ALL
            SELECT jsonb_build_object('at', iso(o.placed_at), 'kind', 'order', 'channel', o.channel, 'campaign', NULL, 'store', st.name, 'till', NULL,
                     'sku', NULL, 'product', NULL, 'amountMinor', o.total_minor, 'currency', o.currency, 'code', NULL), o.placed_at
            FROM online_orders o LEFT JOIN stores st ON st.id = o.store_id
            WHERE o.customer_id = $1 AND ($2::text[] IS NULL OR o.store_id IS NULL OR o.store_id = ANY ($2::text[]))
            UNION ALL
            -- A click-and-collect order collected in its store.
            SELECT jsonb_build_object('at', iso(o.collected_at), 'kind', 'order_collected', 'channel', o.channel, 'campaign', NULL, 'store', st.name,
                     'till', NULL, 'sku', NULL, 'product', NULL, 'amountMinor', o.total_minor, 'currency', o.currency, 'code', NULL), o.collected_at
            FROM online_orders o JOIN stores st ON st.id = o.store_id
            WHERE o.customer_id = $1 AND o.collected_at IS NOT NULL AND ($2::text[] IS NULL OR o.store_id = ANY ($2::text[]))
            UNION ALL
            -- The codes an online order redeemed (the redemptions under the ULID it names).
            SELECT jsonb_build_object('at', iso(r.redeemed_at), 'kind', 'code_redeemed', 'channel', r.channel, 'campaign', cp.name, 'store', st.name,
                     'till', NULL, 'sku', NULL, 'product', NULL, 'amountMinor', r.discount_minor, 'currency', r.currency, 'code', r.code), r.redeemed_at
            FROM online_orders o JOIN redemptions r ON r.sale_id = o.sale_id AND r.till_id IS NULL AND r.rolled_back_at IS NULL
            JOIN campaigns cp ON cp.id = r.campaign_id LEFT JOIN stores st ON st.id = o.store_id
            WHERE o.customer_id = $1 AND ($2::text[] IS NULL OR o.store_id IS NULL OR o.store_id = ANY ($2::text[]))
            UNION ALL
            SELECT jsonb_build_object('at', iso(k.issued_at), 'kind', 'code_issued', 'channel', cp.channel, 'campaign', cp.name, 'store', NULL, 'till', NULL,
                     'sku', NULL, 'product', NULL, 'amountMinor', NULL, 'currency', NULL, 'code', k.code), k.issued_at
            FROM promo_codes k JOIN campaigns cp ON cp.id = k.campaign_id
            WHERE k.customer_id = $1
            UNION ALL
            SELECT jsonb_build_object('at', iso(l.added_at), 'kind', 'cart_add', 'channel', l.channel, 'campaign', NULL, 'store', NULL, 'till', NULL,
                     'sku', l.sku, 'product', ${productNames('l')}, 'amountMinor', l.price_seen_minor * l.quantity, 'currency', l.currency, 'code', NULL), l.added_at
            FROM cart_lines l WHERE l.customer_id = $1
            UNION ALL
            SELECT jsonb_build_object('at', iso(f.added_at), 'kind', 'favourite_add', 'channel', f.channel, 'campaign', NULL, 'store', NULL, 'till', NULL,
                     'sku', f.sku, 'product', ${productNames('f')}, 'amountMinor', NULL, 'currency', NULL, 'code', NULL), f.added_at
            FROM favourites f WHERE f.customer_id = $1
            UNION ALL
            SELECT jsonb_build_object('at', iso(k.changed_at), 'kind', CASE WHEN k.granted THEN 'consent_granted' ELSE 'consent_withdrawn' END,
                     'channel', k.channel, 'campaign', NULL, 'store', NULL, 'till', NULL, 'sku', NULL, 'product', NULL, 'amountMinor', NULL,
                     'currency', NULL, 'code', NULL), k.changed_at
            FROM customer_consents k WHERE k.customer_id = $1
            UNION ALL
            SELECT jsonb_build_object('at', iso(r.redeemed_at), 'kind', 'code_redeemed', 'channel', r.channel, 'campaign', cp.name, 'store', st.name,
                     'till', t.name, 'sku', NULL, 'product', NULL, 'amountMinor', r.discount_minor, 'currency', r.currency, 'code', r.code), r.redeemed_at
            FROM sales s JOIN redemptions r ON r.sale_id = s.id AND r.rolled_back_at IS NULL
            JOIN campaigns cp ON cp.id = r.campaign_id JOIN stores st ON st.id = s.store_id LEFT JOIN tills t ON t.id = r.till_id
            WHERE s.customer_id = $1 AND ($2::text[] IS NULL OR s.store_id = ANY ($2::text[]))
          ) u ORDER BY at DESC LIMIT ${TIMELINE_LIMIT}) tl) AS timeline`,
    [id, scope],
  );
  const r = rows[0]!;
  return {
    customer,
    consents: r.consents,
    carts: r.carts,
    favourites: r.favourites,
    storePurchases: r.store_purchases,
    onlinePurchases: r.online_purchases,
    timeline: r.timeline,
    timelineLimit: TIMELINE_LIMIT,
  };
}
