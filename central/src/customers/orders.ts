import { z } from 'zod';
import { ULID_PATTERN, newId } from '../../../core/ids.js';
import { normalisePromoCode } from '../../../core/scan/resolve.js';
import { CURRENCIES } from '../../../core/money.js';
import { text } from '../../../core/text.js';
import { ONLINE_CHANNELS, OnlineOrderDoc, OnlineOrderLine } from '../../../core/sync/pull.js';
import { recordChanges } from '../changes.js';
import { customerExists } from '../customers.js';
import type { Db, Queryable } from '../db.js';
import { ApiError } from '../errors.js';
import { route, type AnyRoute } from '../routes.js';

/** An order is small: a shop that sends more than this sends something else. */
const ORDER_BODY_LIMIT = 64 * 1024;
const MAX_ORDER_LINES = 200;
const MAX_ORDER_CODES = 20;
export const FULFILMENTS = ['delivery', 'collect'] as const;

export const OnlineOrderInput = z
  .object({
    /** The shop's own order id: sending the same one again records nothing new. */
    orderId: text({ min: 1, max: 64 }),
    channel: z.enum(ONLINE_CHANNELS),
    placedAt: z.iso.datetime({ offset: true }),
    currency: z.enum(CURRENCIES),
    totalMinor: OnlineOrderLine.shape.priceMinor,
    lines: z.array(OnlineOrderLine.extend({ sku: text({ min: 1, max: 64 }) }).strict()).min(1).max(MAX_ORDER_LINES),
    /** Click and collect: the store she collects it in. */
    storeId: text({ min: 1, max: 64 }).nullable().optional(),
    /** `collect` (in the store `storeId`) or `delivery` (no store); when left out, `collect` if a store is given. */
    fulfilment: z.enum(FULFILMENTS).optional(),
    /**
     * The codes the order redeemed: the ULID the shop reserved and redeemed them under
     * (/v1/promo/reserve, /v1/promo/redeem) and each code with its discount, as redeemed.
     */
    promo: z
      .object({
        saleId: z.string().regex(ULID_PATTERN, 'expected the ULID the codes were redeemed under'),
        codes: z
          .array(z.object({ code: text({ min: 3, max: 64 }), discountMinor: OnlineOrderLine.shape.priceMinor }).strict())
          .min(1)
          .max(MAX_ORDER_CODES),
      })
      .strict()
      .optional(),
  })
  .strict();
export type OnlineOrderInput = z.infer<typeof OnlineOrderInput>;

export const OrderCode = z.object({ code: z.string(), campaignId: z.string(), discountMinor: z.number() });
export type OrderCode = z.infer<typeof OrderCode>;

export const CollectInput = z.object({ collectedAt: z.iso.datetime({ offset: true }) }).strict();

/** An order as the channel API answers: the till's document, the codes it redeemed and when it was collected. */
export const RecordedOrder = z.object({
  order: OnlineOrderDoc,
  fulfilment: z.enum(FULFILMENTS),
  codes: z.array(OrderCode),
  collectedAt: z.string().nullable(),
  recorded: z.boolean(),
});
export type RecordedOrder = z.infer<typeof RecordedOrder>;

const CustomerId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

async function orderDoc(q: Queryable, id: string): Promise<OnlineOrderDoc> {
  const { rows } = await q.query<{ doc: OnlineOrderDoc }>(`SELECT online_order_doc($1) AS doc`, [id]);
  return (rows[0] as { doc: OnlineOrderDoc }).doc;
}

/** Her latest orders, newest first, as a till's pull carries them: the live lookup's history. */
export async function latestOnlineOrders(q: Queryable, customerId: string, limit: number): Promise<OnlineOrderDoc[]> {
  const { rows } = await q.query<{ doc: OnlineOrderDoc }>(
    `SELECT online_order_doc(id) AS doc FROM online_orders WHERE customer_id = $1 ORDER BY placed_at DESC, id LIMIT $2`,
    [customerId, limit],
  );
  return rows.map((r) => r.doc);
}

interface OrderRow {
  id: string;
  customer_id: string;
  store_id: string | null;
  placed_at: string;
  collected_at: string | null;
}

/** The order as the channel API answers it. */
async function recordedOrder(q: Queryable, row: OrderRow, recorded: boolean): Promise<RecordedOrder> {
  const { rows: codes } = await q.query<OrderCode>(
    `SELECT r.code, r.campaign_id AS "campaignId", r.discount_minor::int AS "discountMinor"
     FROM online_orders o JOIN redemptions r ON r.sale_id = o.sale_id AND r.till_id IS NULL AND r.rolled_back_at IS NULL
     WHERE o.id = $1 ORDER BY r.code`,
    [row.id],
  );
  return {
    order: await orderDoc(q, row.id),
    fulfilment: row.store_id === null ? 'delivery' : 'collect',
    codes,
    collectedAt: row.collected_at === null ? null : new Date(row.collected_at).toISOString(),
    recorded,
  };
}

const ORDER_ROW = `id, customer_id, store_id, to_json(placed_at) #>> '{}' AS placed_at, to_json(collected_at) #>> '{}' AS collected_at`;

async function orderRow(q: Queryable, clientId: string, orderRef: string, lock = false): Promise<OrderRow | null> {
  const { rows } = await q.query<OrderRow>(`SELECT ${ORDER_ROW} FROM online_orders WHERE client_id = $1 AND order_ref = $2${lock ? ' FOR UPDATE' : ''}`, [clientId, orderRef]);
  return rows[0] ?? null;
}

/** The store of a click-and-collect order, or null for a delivery; what does not fit is refused. */
async function fulfilmentStore(q: Queryable, input: OnlineOrderInput): Promise<string | null> {
  const storeId = input.storeId ?? null;
  const fulfilment = input.fulfilment ?? (storeId === null ? 'delivery' : 'collect');
  if (fulfilment === 'delivery') {
    if (storeId !== null) throw new ApiError('INPUT_INVALID', `a delivery is collected in no store: leave storeId out, or send fulfilment "collect"`);
    return null;
  }
  if (storeId === null) throw new ApiError('INPUT_INVALID', 'a click-and-collect order needs storeId, the store she collects it in');
  const store = await q.query(`SELECT 1 FROM stores WHERE id = $1`, [storeId]);
  if (store.rowCount === 0) throw new ApiError('INPUT_INVALID', `no store ${storeId}: give the id of the store she collects the order in, or none`);
  return storeId;
}

/**
 * The order's codes against the redemption ledger: under its ULID, each code it lists is a live
 * redemption the channel API made on the order's channel, with the discount the order says, and
 * every live redemption there is listed. The rows stay locked until the order is written, so a
 * rollback cannot slip between the check and the order.
 */
async function checkOrderCodes(q: Queryable, input: OnlineOrderInput): Promise<void> {
  const promo = input.promo;
  if (!promo) return;
  const taken = await q.query<{ order_ref: string }>(`SELECT order_ref FROM online_orders WHERE sale_id = $1`, [promo.saleId]);
  if (taken.rows[0]) throw new ApiError('CONFLICT', `the codes redeemed under ${promo.saleId} belong to order ${taken.rows[0].order_ref}`);
  const { rows } = await q.query<{ code: string; channel: string; till_id: string | null; discount_minor: string; currency: string }>(
    `SELECT code, channel, till_id, discount_minor, currency FROM redemptions WHERE sale_id = $1 AND rolled_back_at IS NULL ORDER BY code FOR SHARE`,
    [promo.saleId],
  );
  if (rows.some((r) => r.till_id !== null)) throw new ApiError('INPUT_INVALID', `${promo.saleId} is a till's sale, not an order's redemptions`);
  const listed = new Map<string, number>();
  for (const c of promo.codes) {
    const code = normalisePromoCode(c.code);
    if (listed.has(code)) throw new ApiError('INPUT_INVALID', `code ${code} is listed twice`);
    listed.set(code, c.discountMinor);
  }
  for (const [code, discount] of listed) {
    const r = rows.find((x) => x.code === code);
    if (!r) throw new ApiError('CONFLICT', `code ${code} was not redeemed under ${promo.saleId}: redeem it (/v1/promo/redeem) before recording the order`);
    if (r.channel !== input.channel) throw new ApiError('CONFLICT', `code ${code} was redeemed for the ${r.channel} channel, not ${input.channel}`);
    if (Number(r.discount_minor) !== discount || r.currency !== input.currency) {
      throw new ApiError('CONFLICT', `code ${code} was redeemed for a discount of ${r.discount_minor} ${r.currency}, not ${discount} ${input.currency}`);
    }
  }
  const unlisted = rows.find((r) => !listed.has(r.code));
  if (unlisted) throw new ApiError('CONFLICT', `code ${unlisted.code} was redeemed under ${promo.saleId} and the order does not list it`);
}

/**
 * Records an order once per client and shop order id: a retry (or a second send) answers the
 * order first recorded, unchanged. Tills hear of it through the pull.
 */
export async function recordOnlineOrder(db: Db, customerId: string, input: OnlineOrderInput, clientId: string): Promise<RecordedOrder> {
  return db.transaction(async (tx) => {
    await customerExists(tx, customerId);
    const first = async (): Promise<RecordedOrder | null> => {
      const row = await orderRow(tx, clientId, input.orderId);
      if (!row) return null;
      if (row.customer_id !== customerId) throw new ApiError('CONFLICT', `order ${input.orderId} was recorded for another customer`);
      return recordedOrder(tx, row, false);
    };
    const known = await first();
    if (known) return known;
    const storeId = await fulfilmentStore(tx, input);
    await checkOrderCodes(tx, input);
    const inserted = await tx.query<OrderRow>(
      `INSERT INTO online_orders (id, client_id, order_ref, customer_id, channel, store_id, currency, total_minor, placed_at, lines, sale_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11)
       ON CONFLICT (client_id, order_ref) DO NOTHING RETURNING ${ORDER_ROW}`,
      [newId(), clientId, input.orderId, customerId, input.channel, storeId, input.currency, input.totalMinor, input.placedAt, JSON.stringify(input.lines), input.promo?.saleId ?? null],
    );
    const row = inserted.rows[0];
    if (!row) return (await first()) as RecordedOrder;
    await recordChanges(tx, 'online_order', [row.id]);
    return recordedOrder(tx, row, true);
  });
}

/**
 * A click-and-collect order collected in its store: from then on it counts on the online-to-store
 * path as a store purchase there, on the day collected. Once: a second call answers the first
 * collection, unchanged.
 */
export async function collectOnlineOrder(db: Db, customerId: string, orderRef: string, collectedAt: string, clientId: string): Promise<RecordedOrder> {
  return db.transaction(async (tx) => {
    const row = await orderRow(tx, clientId, orderRef, true);
    if (!row || row.customer_id !== customerId) throw new ApiError('NOT_FOUND', `no order ${orderRef} of this customer`);
    if (row.store_id === null) throw new ApiError('INPUT_INVALID', `order ${orderRef} is a delivery: only a click-and-collect order is collected in a store`);
    if (row.collected_at !== null) return recordedOrder(tx, row, false);
    if (Date.parse(collectedAt) < Date.parse(row.placed_at)) throw new ApiError('INPUT_INVALID', `order ${orderRef} cannot be collected before it was placed (${new Date(row.placed_at).toISOString()})`);
    const { rows } = await tx.query<OrderRow>(`UPDATE online_orders SET collected_at = $2 WHERE id = $1 RETURNING ${ORDER_ROW}`, [row.id, collectedAt]);
    return recordedOrder(tx, rows[0] as OrderRow, true);
  });
}

/** The web shop and the app write her orders here (channel API). */
export function onlineOrderRoutes(db: Db): AnyRoute[] {
  return [
    route({
      method: 'POST',
      url: '/v1/customers/:customerId/orders',
      auth: 'channel',
      tag: 'channel',
      summary: "Record an order she placed online (idempotent by the shop's orderId); tills show it in her purchase history",
      params: z.object({ customerId: CustomerId }),
      body: OnlineOrderInput,
      bodyLimit: ORDER_BODY_LIMIT,
      response: RecordedOrder,
      handler: async ({ params, body, caller }) => {
        // A bot cannot record a web shop's order, nor the web shop an app's: only its own channels.
        if (caller.kind !== 'channel' || !caller.channels.includes(body.channel)) {
          throw new ApiError('FORBIDDEN', `this client may record orders of its own channels only, not ${body.channel}`);
        }
        return recordOnlineOrder(db, params.customerId, body, caller.clientId);
      },
    }),
    route({
      method: 'POST',
      url: '/v1/customers/:customerId/orders/:orderId/collected',
      auth: 'channel',
      tag: 'channel',
      summary: 'A click-and-collect order collected in its store (once; a retry answers the first): the online-to-store path counts it as bought in that store that day',
      params: z.object({ customerId: CustomerId, orderId: text({ min: 1, max: 64 }) }),
      body: CollectInput,
      response: RecordedOrder,
      handler: async ({ params, body, caller }) => {
        if (caller.kind !== 'channel') throw new ApiError('FORBIDDEN', 'only the client that recorded an order marks it collected');
        return collectOnlineOrder(db, params.customerId, params.orderId, body.collectedAt, caller.clientId);
      },
    }),
  ];
}
