import { z } from 'zod';
import { text } from '../../../core/text.js';
import { CURRENCIES } from '../../../core/money.js';
import { COUNTRIES } from '../../../core/vat.js';
import { StorePolicyInput } from '../../../core/store/policy.js';
import { POLICY_COLUMNS, setStorePolicy } from '../stores/policy.js';
import { CampaignDoc } from '../../../core/sync/pull.js';
import { newId } from '../../../core/ids.js';
import type { Db } from '../db.js';
import { ApiError } from '../errors.js';
import { hashSecret, newPairingCode, newToken } from '../secrets.js';
import { importCatalogueCsv } from '../catalogue.js';
import { CampaignInput, codeQr, codesCsv, createCampaign, Issuance, issueCodes } from '../campaigns.js';
import { route, type AnyRoute } from '../routes.js';
import { CLIENT_CHANNELS } from '../../../core/sync/ops.js';

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);
const Name = text({ min: 1, max: 200, trim: true });
const Store = StorePolicyInput.extend({
  id: Id,
  name: Name,
  country: z.enum(COUNTRIES),
  currency: z.enum(CURRENCIES),
});
/**
 * A policy left out keeps its value: automation that only renames a store must not wipe what was
 * set in the console. A new store starts from the defaults (the columns' defaults, core/store/policy.ts).
 */
const StoreInput = Store.omit({ id: true }).partial({ paymentMethods: true, noReceiptReturns: true, manualDiscountLimit: true, voucherOfflineCapMinor: true }).strict();
const STORE_COLUMNS = `id, name, country, currency, ${POLICY_COLUMNS}`;
const Till = z.object({ id: Id, storeId: Id, name: Name });

/** The chain's IT and marketing: stores, tills, pairing, catalogue, campaigns. Admin API key only. */
export function adminRoutes(db: Db): AnyRoute[] {
  return [
    route({
      method: 'PUT',
      url: '/v1/admin/stores/:storeId',
      auth: 'admin',
      tag: 'admin',
      summary: "Create or rename a store, and set its policies (payment methods, no-receipt returns, discount limit, offline voucher cap; those left out keep their value, or the defaults for a new store); its tills learn them on their next pull",
      params: z.object({ storeId: Id }),
      body: StoreInput,
      response: Store,
      handler: async ({ params, body }) => {
        const { name, country, currency, ...policy } = body;
        return db.transaction(async (tx) => {
          const { rows } = await tx.query<{ country: string; currency: string }>(
            `INSERT INTO stores (id, name, country, currency) VALUES ($1, $2, $3, $4)
             ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name RETURNING country, currency`,
            [params.storeId, name, country, currency],
          );
          const stored = rows[0] as { country: string; currency: string };
          if (stored.country !== country || stored.currency !== currency) {
            throw new ApiError('CONFLICT', 'a store keeps its country and currency: its prices and receipts depend on them');
          }
          await setStorePolicy(tx, params.storeId, policy);
          const { rows: store } = await tx.query<z.infer<typeof Store>>(`SELECT ${STORE_COLUMNS} FROM stores WHERE id = $1`, [params.storeId]);
          return store[0];
        });
      },
    }),
    route({
      method: 'GET',
      url: '/v1/admin/stores',
      auth: 'admin',
      tag: 'admin',
      summary: 'All stores',
      response: z.object({ stores: z.array(Store) }),
      handler: async () => {
        const { rows } = await db.query(`SELECT ${STORE_COLUMNS} FROM stores ORDER BY id`);
        return { stores: rows };
      },
    }),
    route({
      method: 'PUT',
      url: '/v1/admin/tills/:tillId',
      auth: 'admin',
      tag: 'admin',
      summary: 'Create or rename a till of a store',
      params: z.object({ tillId: Id }),
      body: Till.omit({ id: true }).strict(),
      response: Till,
      handler: async ({ params, body }) => {
        const { rows: store } = await db.query(`SELECT 1 FROM stores WHERE id = $1`, [body.storeId]);
        if (store.length === 0) throw new ApiError('NOT_FOUND', 'no such store');
        const { rows } = await db.query<z.infer<typeof Till>>(
          `INSERT INTO tills (id, store_id, name) VALUES ($1, $2, $3)
           ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name
           RETURNING id, store_id AS "storeId", name`,
          [params.tillId, body.storeId, body.name],
        );
        const till = rows[0] as z.infer<typeof Till>;
        if (till.storeId !== body.storeId) throw new ApiError('CONFLICT', 'a till stays in its store: create a new till instead');
        return till;
      },
    }),
    route({
      method: 'POST',
      url: '/v1/admin/tills/:tillId/pairing-codes',
      auth: 'admin',
      tag: 'admin',
      summary: 'A one-time code a till exchanges for its device token; shown once, expires in minutes',
      params: z.object({ tillId: Id }),
      body: z.object({ ttlMinutes: z.number().int().min(1).max(24 * 60).default(15) }).strict(),
      response: z.object({ tillId: z.string(), code: z.string(), expiresAt: z.string() }),
      successStatus: 201,
      handler: async ({ params, body }) => {
        const { code, handle } = newPairingCode();
        const { rows } = await db.query<{ expires_at: Date }>(
          `INSERT INTO pairing_codes (code_hash, till_id, expires_at, handle)
           SELECT $1, id, now() + make_interval(mins => $3), $4 FROM tills WHERE id = $2 RETURNING expires_at`,
          [hashSecret(code), params.tillId, body.ttlMinutes, handle],
        );
        if (!rows[0]) throw new ApiError('NOT_FOUND', 'no such till');
        return { tillId: params.tillId, code, expiresAt: new Date(rows[0].expires_at).toISOString() };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/admin/tills/:tillId/devices',
      auth: 'admin',
      tag: 'admin',
      summary: 'Devices paired with a till, revoked ones included',
      params: z.object({ tillId: Id }),
      response: z.object({
        devices: z.array(z.object({ id: z.string(), deviceName: z.string(), createdAt: z.string(), revokedAt: z.string().nullable() })),
      }),
      handler: async ({ params }) => {
        const { rows } = await db.query(
          `SELECT id, device_name AS "deviceName", iso(created_at) AS "createdAt", iso(revoked_at) AS "revokedAt"
           FROM device_tokens WHERE till_id = $1 ORDER BY created_at`,
          [params.tillId],
        );
        return { devices: rows };
      },
    }),
    route({
      method: 'POST',
      url: '/v1/admin/devices/:deviceId/revoke',
      auth: 'admin',
      tag: 'admin',
      summary: "Revoke a device token: the till's next request is refused",
      params: z.object({ deviceId: text({ max: 64 }) }),
      successStatus: 204,
      handler: async ({ params }) => {
        const r = await db.query(`UPDATE device_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1`, [params.deviceId]);
        if (r.rowCount === 0) throw new ApiError('NOT_FOUND', 'no such device');
      },
    }),
    route({
      method: 'POST',
      url: '/v1/admin/channel-clients',
      auth: 'admin',
      tag: 'admin',
      summary: 'A key for the web shop, the app or a bot; shown once',
      body: z
        .object({
          name: text({ min: 1, max: 100, trim: true }),
          // The touchpoint channels this client speaks for; `store` is the tills' alone.
          channels: z.array(z.enum(CLIENT_CHANNELS)).min(1).max(CLIENT_CHANNELS.length),
        })
        .strict(),
      response: z.object({ id: z.string(), name: z.string(), channels: z.array(z.string()), key: z.string() }),
      successStatus: 201,
      handler: async ({ body }) => {
        const id = newId();
        const key = newToken('otc');
        const channels = [...new Set(body.channels)];
        await db.query(`INSERT INTO channel_clients (id, name, key_hash, channels) VALUES ($1, $2, $3, $4)`, [id, body.name, hashSecret(key), channels]);
        return { id, name: body.name, channels, key };
      },
    }),
    route({
      method: 'POST',
      url: '/v1/admin/catalogue',
      auth: 'admin',
      tag: 'admin',
      summary: 'Import products and store prices from CSV (sku, name_en, name_ru, name_ro, vat_category, sold_by, category, plu, barcodes, price.<storeId>…); all or nothing',
      body: z.string().min(1),
      bodyType: 'text/csv',
      bodyLimit: 50 * 1024 * 1024,
      response: z.object({ products: z.number(), prices: z.number() }),
      handler: async ({ body }) => importCatalogueCsv(db, body),
    }),
    route({
      method: 'POST',
      url: '/v1/admin/campaigns',
      auth: 'admin',
      tag: 'admin',
      summary: 'Create a promo campaign',
      body: CampaignInput,
      response: CampaignDoc,
      successStatus: 201,
      handler: async ({ body }) => createCampaign(db, body),
    }),
    route({
      method: 'POST',
      url: '/v1/admin/campaigns/:campaignId/codes',
      auth: 'admin',
      tag: 'admin',
      summary: 'Issue codes: {count} random single-use codes, or {code} for a shared-code campaign',
      params: z.object({ campaignId: text({ max: 64 }) }),
      body: Issuance,
      response: z.object({ issued: z.number() }),
      successStatus: 201,
      handler: async ({ params, body }) => ({ issued: (await issueCodes(db, params.campaignId, body)).issued }),
    }),
    route({
      method: 'GET',
      url: '/v1/admin/campaigns/:campaignId/codes.csv',
      auth: 'admin',
      tag: 'admin',
      summary: "The campaign's codes as CSV, for the e-mail tool or the printer",
      params: z.object({ campaignId: text({ max: 64 }) }),
      responseType: 'text/csv',
      handler: async ({ params, reply }) => {
        const csv = await codesCsv(db, params.campaignId);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${params.campaignId}-codes.csv"`)
          .send(csv);
      },
    }),
    route({
      method: 'GET',
      url: '/v1/admin/campaigns/:campaignId/codes/:code/qr.png',
      auth: 'admin',
      tag: 'admin',
      summary: 'A code as a QR PNG (for a stream overlay, a poster or an e-mail)',
      params: z.object({ campaignId: text({ max: 64 }), code: text({ max: 64 }) }),
      query: z.object({ size: z.coerce.number().int().min(64).max(2048).default(512) }),
      responseType: 'image/png',
      handler: async ({ params, query, reply }) => {
        const png = await codeQr(db, params.campaignId, params.code, 'png', query.size);
        return reply.type('image/png').send(png);
      },
    }),
    route({
      method: 'GET',
      url: '/v1/admin/redemption-conflicts',
      auth: 'admin',
      tag: 'admin',
      summary: 'Redemptions the ledger could not accept (duplicate, offline not allowed, over cap, expired), newest first',
      query: z.object({ storeId: Id.optional(), open: z.enum(['true', 'false']).default('true') }),
      response: z.object({ conflicts: z.array(z.record(z.string(), z.unknown())) }),
      handler: async ({ query }) => {
        const { rows } = await db.query(
          `SELECT c.id, c.code, c.campaign_id AS "campaignId", c.sale_id AS "saleId", c.till_id AS "tillId",
                  t.store_id AS "storeId", coalesce(c.limit_reason, c.reason) AS reason, c.discount_minor::int AS "discountMinor", iso(c.redeemed_at) AS "redeemedAt"
           FROM redemption_conflicts c JOIN tills t ON t.id = c.till_id
           WHERE ($1::text IS NULL OR t.store_id = $1) AND (NOT $2 OR c.resolved_at IS NULL)
           ORDER BY c.recorded_at DESC LIMIT 500`,
          [query.storeId ?? null, query.open === 'true'],
        );
        return { conflicts: rows };
      },
    }),
  ];
}
