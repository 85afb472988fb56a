import { z } from 'zod';
import { recordTillContact } from '../fleet/health.js';
import { text } from '../../../core/text.js';
import { StoreDoc } from '../../../core/store/policy.js';
import { LiveCustomerDoc, PullPage, PullQuery, SYNC_PROTOCOL_HEADER, SYNC_PROTOCOL_VERSION } from '../../../core/sync/pull.js';
import { PushRequest, PushResponse } from '../../../core/sync/ops.js';
import type { Country } from '../../../core/vat.js';
import { newId } from '../../../core/ids.js';
import type { Db } from '../db.js';
import { ApiError } from '../errors.js';
import { normalisePairingCode, PAIRING_HANDLE_LENGTH } from '../../../core/sync/pairing.js';
import { hashSecret, newToken } from '../secrets.js';
import { pullPage } from '../pull.js';
import { applyBatch } from '../push.js';
import { customerProfile } from '../customers.js';
import { latestOnlineOrders } from '../customers/orders.js';
import { maskPhone, normalisePhone } from '../../../core/customer/phone.js';
import { route, type AnyRoute, type Caller } from '../routes.js';
import { scanKeysDoc, type ChainScanKeys } from '../scanSigning.js';

type TillCaller = Extract<Caller, { kind: 'till' }>;

function tillOf(caller: Caller): TillCaller {
  if (caller.kind !== 'till') throw new ApiError('UNAUTHENTICATED', 'missing or invalid credentials');
  return caller;
}

/** Wrong guesses one pairing code survives, whatever addresses they come from. */
export const MAX_FAILED_PAIRINGS = 5;

/** Large enough for MAX_PUSH_OPS sales of many lines, small enough to refuse abuse early. */
export const PUSH_BODY_LIMIT = 4 * 1024 * 1024;

/** Changes in a store's scope: what a till pulling from the start will receive. */
async function scopeSize(db: Db, storeId: string): Promise<number> {
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM changes WHERE scope = '' OR scope = $1`, [storeId]);
  return rows[0]?.n ?? 0;
}

/** The panel lists her last ten purchases: the live lookup brings as many online orders. */
const LIVE_ORDERS = 10;

export function tillRoutes(db: Db, limits: { lookupPerMinute: number; pairingPerMinute: number }, scanKeys: () => Promise<ChainScanKeys>): AnyRoute[] {
  return [
    route({
      method: 'POST',
      url: '/v1/devices/pair',
      auth: 'none',
      tag: 'till',
      summary: "Exchange a manager's one-time pairing code for this till's device token (shown once)",
      body: z.object({ pairingCode: text({ min: 4, max: 20 }), deviceName: text({ min: 1, max: 100, trim: true }) }).strict(),
      response: z.object({
        deviceId: z.string(),
        tillId: z.string(),
        storeId: z.string(),
        token: z.string(),
        /** The store's policies as the pull's store document has them, for the till's first run (the pull keeps them current). */
        store: StoreDoc.extend({ country: z.string(), currency: z.string() }),
      }),
      successStatus: 201,
      rateLimit: { max: limits.pairingPerMinute, timeWindow: '1 minute' },
      handler: async ({ body }) => {
        const typed = normalisePairingCode(body.pairingCode);
        const paired = await db.transaction(async (tx) => {
          const { rows } = await tx.query<{ till_id: string; store_id: string; country: string; currency: string; doc: StoreDoc }>(
            `UPDATE pairing_codes p SET used_at = now() FROM tills t JOIN stores s ON s.id = t.store_id
             WHERE p.code_hash = $1 AND p.used_at IS NULL AND p.expires_at > now() AND p.failed_attempts < $2 AND t.id = p.till_id
             RETURNING p.till_id, t.store_id, s.country, s.currency, store_doc(s.id) AS doc`,
            [hashSecret(typed), MAX_FAILED_PAIRINGS],
          );
          const till = rows[0];
          if (!till) return null;
          const token = newToken('otd');
          const deviceId = newId();
          await tx.query(`INSERT INTO device_tokens (id, token_hash, till_id, device_name) VALUES ($1, $2, $3, $4)`, [
            deviceId,
            hashSecret(token),
            till.till_id,
            body.deviceName,
          ]);
          return {
            deviceId,
            tillId: till.till_id,
            storeId: till.store_id,
            token,
            store: { ...till.doc, country: till.country, currency: till.currency },
          };
        });
        if (paired) return paired;
        // A wrong secret under a live code's handle counts against that code (so that till), from
        // any address; after MAX_FAILED_PAIRINGS it no longer pairs and a manager issues a new one.
        if (typed.length > PAIRING_HANDLE_LENGTH) {
          await db.query(`UPDATE pairing_codes SET failed_attempts = failed_attempts + 1 WHERE handle = $1 AND used_at IS NULL AND expires_at > now()`, [
            typed.slice(0, PAIRING_HANDLE_LENGTH),
          ]);
        }
        // Unknown, used, expired and exhausted codes get the same answer: nothing to learn by probing.
        throw new ApiError('PAIRING_CODE_INVALID', 'this pairing code is not valid: ask a manager for a new one');
      },
    }),
    route({
      method: 'GET',
      url: '/v1/sync/pull',
      auth: 'till',
      tag: 'till',
      summary: "A page of changes in this till's scope; 409 SYNC_RESYNC_REQUIRED when the cursor is from another epoch",
      query: PullQuery,
      response: PullPage,
      handler: async ({ query, caller, reply, request }) => {
        const storeId = tillOf(caller).storeId;
        await recordTillContact(db, tillOf(caller).tillId, 'pull', request);
        const page = await pullPage(db, storeId, query.cursor, query.limit);
        // A pull from the start says how much is coming, so the till can show a progress bar.
        const estimate = query.cursor === undefined && page.hasMore ? await scopeSize(db, storeId) : null;
        // The changes are JSON already; the page is assembled as text rather than parsed and re-serialised.
        return reply
          .code(200)
          .type('application/json; charset=utf-8')
          .header(SYNC_PROTOCOL_HEADER, String(SYNC_PROTOCOL_VERSION))
          .send(
            `{"epoch":${JSON.stringify(page.epoch)},"cursor":${JSON.stringify(page.cursor)},"hasMore":${page.hasMore},${estimate === null ? '' : `"estimatedTotal":${estimate},`}"scanKeys":${JSON.stringify(scanKeysDoc(await scanKeys()))},"changes":[${page.changes.join(',')}]}`,
          );
      },
    }),
    route({
      method: 'POST',
      url: '/v1/sync/push',
      auth: 'till',
      tag: 'till',
      summary: 'Apply a batch of intents, each exactly once by its opId; one result per op, in order',
      body: PushRequest.strict(),
      response: PushResponse,
      bodyLimit: PUSH_BODY_LIMIT,
      handler: async ({ body, caller, request }) => {
        const till = tillOf(caller);
        await recordTillContact(db, till.tillId, 'push', request);
        return { results: await applyBatch(db, { tillId: till.tillId, storeId: till.storeId }, body.ops, (detail, message) => request.log.warn(detail, message)) };
      },
    }),
    route({
      method: 'GET',
      url: '/v1/customers/lookup',
      auth: 'till',
      tag: 'till',
      summary: "One customer fresh for the till's panel, by a phone typed or by her id (a candidate chosen, an app card); every lookup is audited",
      query: z.object({
        phone: text({ min: 3, max: 40 }).optional(),
        customerId: text({ min: 1, max: 64 }).optional(),
        cashier: text({ min: 1, max: 100, trim: true }),
      }),
      response: LiveCustomerDoc,
      rateLimit: { max: limits.lookupPerMinute, timeWindow: '1 minute' },
      handler: async ({ query, caller }) => {
        const till = tillOf(caller);
        if ((query.phone === undefined) === (query.customerId === undefined)) throw new ApiError('INPUT_INVALID', 'give either a phone or a customer id');
        let customerId: string | null;
        let phone: string | null;
        if (query.phone !== undefined) {
          const { rows: store } = await db.query<{ country: Country }>(`SELECT country FROM stores WHERE id = $1`, [till.storeId]);
          phone = normalisePhone(query.phone, store[0]?.country);
          if (!phone) throw new ApiError('PHONE_INVALID', 'not a phone number: check the digits');
          const { rows } = await db.query<{ customer_id: string }>(`SELECT customer_id FROM customer_phones WHERE phone_e164 = $1`, [phone]);
          customerId = rows[0]?.customer_id ?? null;
        } else {
          // An id a till created is an alias of the customer central merged it into.
          const { rows } = await db.query<{ id: string; phone: string | null }>(
            `SELECT c.id, (SELECT p.phone_e164 FROM customer_phones p WHERE p.customer_id = c.id ORDER BY p.phone_e164 LIMIT 1) AS phone
             FROM customers c WHERE c.id = $1 OR c.id = (SELECT a.customer_id FROM customer_aliases a WHERE a.alias = $1) LIMIT 1`,
            [query.customerId],
          );
          customerId = rows[0]?.id ?? null;
          phone = rows[0]?.phone ?? null;
        }
        await db.query(
          `INSERT INTO lookup_audit (id, till_id, store_id, cashier, phone_masked, customer_id) VALUES ($1, $2, $3, $4, $5, $6)`,
          [newId(), till.tillId, till.storeId, query.cashier, phone ? maskPhone(phone) : '', customerId],
        );
        const profile = customerId ? await customerProfile(db, customerId) : null;
        if (!profile) throw new ApiError('NOT_FOUND', query.phone !== undefined ? 'no customer with this phone' : 'no such customer');
        // A till never shows an e-mail, so it is not sent one. Her latest orders as many as the panel lists.
        return { ...profile, customer: { ...profile.customer, email: null }, onlineOrders: await latestOnlineOrders(db, profile.customer.id, LIVE_ORDERS) };
      },
    }),
  ];
}
