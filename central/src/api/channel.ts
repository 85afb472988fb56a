import { z } from 'zod';
import { text } from '../../../core/text.js';
import { TouchpointPayload } from '../../../core/sync/ops.js';
import { CartDoc, CartLine, CustomerDoc, FAVOURITE_CHANNELS, FavouriteDoc, ONLINE_CHANNELS } from '../../../core/sync/pull.js';
import type { Db } from '../db.js';
import { ApiError } from '../errors.js';
import { recordChanges } from '../changes.js';
import { CustomerProfile, CustomerUpsert, customerExists, customerProfile, upsertCustomerByPhone } from '../customers.js';
import { route, type AnyRoute, type Caller } from '../routes.js';
import type { ChainScanKeys } from '../scanSigning.js';
import { AppCard, AppCardRequest, issueAppCard, issueSignedOffers, SignedOfferRequest, SignedOffers } from '../promo/signedOffers.js';

const CustomerId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);
const Sku = text({ min: 1, max: 64 });

function clientOf(caller: Caller): string {
  return caller.kind === 'channel' ? `channel:${caller.clientId}` : caller.kind;
}

/** What the web shop, the app and bots call. */
export function channelRoutes(db: Db, scanKeys: () => Promise<ChainScanKeys>): AnyRoute[] {
  return [
    route({
      method: 'POST',
      url: '/v1/customers/:customerId/app-card',
      auth: 'channel',
      tag: 'channel',
      summary: "The customer's app card: a signed QR text (OT1.C.…) her app shows, so a till attaches her offline without her phone number",
      params: z.object({ customerId: CustomerId }),
      body: AppCardRequest,
      response: AppCard,
      handler: async ({ params, body }) => issueAppCard(db, await scanKeys(), params.customerId, body.validDays),
    }),
    route({
      method: 'POST',
      url: '/v1/promo/signed-offers',
      auth: 'channel',
      tag: 'channel',
      summary: 'Signed offers (OT1.O.…) of a campaign whose offline policy is "signed": QR texts a till verifies and redeems offline within its per-till cap',
      body: SignedOfferRequest,
      response: SignedOffers,
      successStatus: 201,
      handler: async ({ body }) => issueSignedOffers(db, await scanKeys(), body),
    }),
    route({
      method: 'POST',
      url: '/v1/customers/upsert-by-phone',
      auth: 'channel',
      tag: 'channel',
      summary: 'Find the customer owning a phone number, or create her; apply name, e-mail, segments, consents',
      body: CustomerUpsert,
      response: z.object({ customer: CustomerDoc, created: z.boolean() }),
      handler: async ({ body, caller }) => upsertCustomerByPhone(db, body, clientOf(caller)),
    }),
    route({
      method: 'GET',
      url: '/v1/customers/:customerId',
      auth: 'channel',
      tag: 'channel',
      summary: 'A customer with her online carts and favourites',
      params: z.object({ customerId: CustomerId }),
      response: CustomerProfile,
      handler: async ({ params }) => {
        const profile = await customerProfile(db, params.customerId);
        if (!profile) throw new ApiError('NOT_FOUND', 'no such customer');
        return profile;
      },
    }),
    route({
      method: 'PUT',
      url: '/v1/customers/:customerId/carts/:channel',
      auth: 'channel',
      tag: 'channel',
      summary: "Replace the customer's online cart of one channel (an empty list empties it)",
      params: z.object({ customerId: CustomerId, channel: z.enum(ONLINE_CHANNELS) }),
      body: z.object({ lines: z.array(CartLine.extend({ sku: Sku }).strict()).max(200) }).strict(),
      response: CartDoc,
      handler: async ({ params, body }) => {
        const skus = body.lines.map((l) => l.sku);
        if (new Set(skus).size !== skus.length) throw new ApiError('INPUT_INVALID', 'a SKU appears twice in the cart: send one line per SKU');
        return db.transaction(async (tx) => {
          await customerExists(tx, params.customerId);
          await tx.query(`DELETE FROM cart_lines WHERE customer_id = $1 AND channel = $2`, [params.customerId, params.channel]);
          await tx.query(
            `INSERT INTO cart_lines (customer_id, channel, sku, quantity, price_seen_minor, currency, added_at)
             SELECT $1, $2, l.sku, l.quantity, l."priceSeenMinor", l.currency, l."addedAt"
             FROM jsonb_to_recordset($3::jsonb) AS l(sku text, quantity int, "priceSeenMinor" bigint, currency text, "addedAt" timestamptz)`,
            [params.customerId, params.channel, JSON.stringify(body.lines)],
          );
          await recordChanges(tx, 'cart', [`${params.customerId}/${params.channel}`]);
          const { rows } = await tx.query<{ doc: CartDoc }>(`SELECT cart_doc($1, $2) AS doc`, [params.customerId, params.channel]);
          return (rows[0] as { doc: CartDoc }).doc;
        });
      },
    }),
    route({
      method: 'GET',
      url: '/v1/customers/:customerId/carts/:channel',
      auth: 'channel',
      tag: 'channel',
      summary: "The customer's online cart of one channel",
      params: z.object({ customerId: CustomerId, channel: z.enum(ONLINE_CHANNELS) }),
      response: CartDoc,
      handler: async ({ params }) => {
        await customerExists(db, params.customerId);
        const { rows } = await db.query<{ doc: CartDoc }>(`SELECT cart_doc($1, $2) AS doc`, [params.customerId, params.channel]);
        return (rows[0] as { doc: CartDoc }).doc;
      },
    }),
    route({
      method: 'PUT',
      url: '/v1/customers/:customerId/favourites/:sku',
      auth: 'channel',
      tag: 'channel',
      summary: 'Add a favourite (adding it again keeps the first date)',
      params: z.object({ customerId: CustomerId, sku: Sku }),
      body: z.object({ channel: z.enum(FAVOURITE_CHANNELS), addedAt: z.iso.datetime({ offset: true }).optional() }).strict(),
      response: FavouriteDoc,
      handler: async ({ params, body }) =>
        db.transaction(async (tx) => {
          await customerExists(tx, params.customerId);
          await tx.query(
            `INSERT INTO favourites (customer_id, sku, channel, added_at) VALUES ($1, $2, $3, coalesce($4::timestamptz, now()))
             ON CONFLICT (customer_id, sku) DO NOTHING`,
            [params.customerId, params.sku, body.channel, body.addedAt ?? null],
          );
          await recordChanges(tx, 'favourite', [`${params.customerId}/${params.sku}`]);
          const { rows } = await tx.query<FavouriteDoc>(
            `SELECT customer_id AS "customerId", sku, channel, iso(added_at) AS "addedAt" FROM favourites
             WHERE customer_id = $1 AND sku = $2`,
            [params.customerId, params.sku],
          );
          return rows[0];
        }),
    }),
    route({
      method: 'DELETE',
      url: '/v1/customers/:customerId/favourites/:sku',
      auth: 'channel',
      tag: 'channel',
      summary: 'Remove a favourite (tills receive a tombstone)',
      params: z.object({ customerId: CustomerId, sku: Sku }),
      successStatus: 204,
      handler: async ({ params }) =>
        db.transaction(async (tx) => {
          await customerExists(tx, params.customerId);
          const gone = await tx.query(`DELETE FROM favourites WHERE customer_id = $1 AND sku = $2`, [params.customerId, params.sku]);
          if (gone.rowCount > 0) await recordChanges(tx, 'favourite', [`${params.customerId}/${params.sku}`]);
        }),
    }),
    route({
      method: 'POST',
      url: '/v1/touchpoints',
      auth: 'channel',
      tag: 'channel',
      summary: 'Record a step of a customer path (visit, e-mail click, stream QR scan); idempotent by touchpointId',
      body: TouchpointPayload.extend({ storeId: text({ min: 1, max: 64 }).nullable().optional() }).strict(),
      response: z.object({ touchpointId: z.string(), recorded: z.boolean() }),
      handler: async ({ body, caller }) => {
        // A web shop cannot record a store purchase, nor a bot an e-mail click: only its own channels.
        if (caller.kind !== 'channel' || !caller.channels.includes(body.channel)) {
          throw new ApiError('FORBIDDEN', `this client may record touchpoints of its own channels only (${caller.kind === 'channel' ? caller.channels.join(', ') : 'none'}), not ${body.channel}`);
        }
        const r = await db.query(
          `INSERT INTO touchpoints (id, channel, kind, customer_id, campaign_id, store_id, sale_id, occurred_at)
           VALUES ($1, $2, $3, (SELECT id FROM customers WHERE id = $4), (SELECT id FROM campaigns WHERE id = $5),
                   (SELECT id FROM stores WHERE id = $6), $7, $8)
           ON CONFLICT (id) DO NOTHING`,
          [body.touchpointId, body.channel, body.kind, body.customerId, body.campaignId, body.storeId ?? null, body.saleId, body.occurredAt],
        );
        return { touchpointId: body.touchpointId, recorded: r.rowCount > 0 };
      },
    }),
  ];
}
