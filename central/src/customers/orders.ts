import { z } from 'zod';
import { newId } from '../../../core/ids.js';
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
  })
  .strict();
export type OnlineOrderInput = z.infer<typeof OnlineOrderInput>;

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

/**
 * Records an order once per client and shop order id: a retry (or a second send) answers the
 * order first recorded, unchanged. Tills hear of it through the pull.
 */
export async function recordOnlineOrder(db: Db, customerId: string, input: OnlineOrderInput, clientId: string): Promise<{ order: OnlineOrderDoc; recorded: boolean }> {
  return db.transaction(async (tx) => {
    await customerExists(tx, customerId);
    if (input.storeId) {
      const store = await tx.query(`SELECT 1 FROM stores WHERE id = $1`, [input.storeId]);
      if (store.rowCount === 0) throw new ApiError('INPUT_INVALID', `no store ${input.storeId}: give the id of the store she collects the order in, or none`);
    }
    const inserted = await tx.query<{ id: string }>(
      `INSERT INTO online_orders (id, client_id, order_ref, customer_id, channel, store_id, currency, total_minor, placed_at, lines)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)
       ON CONFLICT (client_id, order_ref) DO NOTHING RETURNING id`,
      [newId(), clientId, input.orderId, customerId, input.channel, input.storeId ?? null, input.currency, input.totalMinor, input.placedAt, JSON.stringify(input.lines)],
    );
    const id = inserted.rows[0]?.id;
    if (id !== undefined) {
      await recordChanges(tx, 'online_order', [id]);
      return { order: await orderDoc(tx, id), recorded: true };
    }
    const { rows } = await tx.query<{ id: string; customer_id: string }>(`SELECT id, customer_id FROM online_orders WHERE client_id = $1 AND order_ref = $2`, [clientId, input.orderId]);
    const first = rows[0] as { id: string; customer_id: string };
    if (first.customer_id !== customerId) throw new ApiError('CONFLICT', `order ${input.orderId} was recorded for another customer`);
    return { order: await orderDoc(tx, first.id), recorded: false };
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
      response: z.object({ order: OnlineOrderDoc, recorded: z.boolean() }),
      handler: async ({ params, body, caller }) => {
        // A bot cannot record a web shop's order, nor the web shop an app's: only its own channels.
        if (caller.kind !== 'channel' || !caller.channels.includes(body.channel)) {
          throw new ApiError('FORBIDDEN', `this client may record orders of its own channels only, not ${body.channel}`);
        }
        return recordOnlineOrder(db, params.customerId, body, caller.clientId);
      },
    }),
  ];
}
