import { z } from 'zod';
import { text } from '../../core/text.js';
import { CONSENT_CHANNELS } from '../../core/sync/ops.js';
import { CartDoc, CustomerDoc, CustomerProfileDoc, FavouriteDoc } from '../../core/sync/pull.js';
import { COUNTRIES } from '../../core/vat.js';
import { newId } from '../../core/ids.js';
import type { Db, Queryable } from './db.js';
import { ApiError } from './errors.js';
import { recordChanges } from './changes.js';
import { normalisePhone } from '../../core/customer/phone.js';

const IsoTime = z.iso.datetime({ offset: true });

export const CustomerUpsert = z
  .object({
  phone: text({ min: 3, max: 40 }),
  /** How to read a phone typed without a country code. */
  country: z.enum(COUNTRIES).optional(),
  name: text({ max: 200, trim: true }).optional(),
  email: z.email().max(254).nullable().optional(),
  /** Replaces the customer's segments when given. */
  segments: z.array(z.string().regex(/^[a-z0-9_-]{1,40}$/)).max(50).optional(),
  /** More numbers of the same person; a number already belonging to someone else is refused. */
  otherPhones: z.array(text({ min: 3, max: 40 })).max(5).optional(),
  consents: z
    .array(z.object({ channel: z.enum(CONSENT_CHANNELS), granted: z.boolean(), changedAt: IsoTime }).strict())
    .max(CONSENT_CHANNELS.length)
    .optional(),
  })
  .strict();
export type CustomerUpsert = z.infer<typeof CustomerUpsert>;

export const CustomerProfile = CustomerProfileDoc;
export type CustomerProfile = CustomerProfileDoc;

function phoneOrThrow(text: string, country: CustomerUpsert['country']): string {
  const e164 = normalisePhone(text, country);
  if (!e164) throw new ApiError('PHONE_INVALID', `not a phone number we can use: give it with its country code (+…)`);
  return e164;
}

/** Two channels creating the same new customer at once: the loser's insert conflicts and it retries. */
export class RaceLost extends Error {}

/**
 * Finds the customer owning the phone or creates one, then applies what the channel knows.
 * Consents only move forward in time: an older decision arriving late does not undo a newer one.
 */
export async function upsertCustomerByPhone(db: Db, input: CustomerUpsert, source: string): Promise<{ customer: CustomerDoc; created: boolean }> {
  const phone = phoneOrThrow(input.phone, input.country);
  const others = (input.otherPhones ?? []).map((p) => phoneOrThrow(p, input.country)).filter((p) => p !== phone);
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction((tx) => upsertByPhoneIn(tx, phone, input, others, source));
    } catch (e) {
      if (e instanceof RaceLost && attempt < 2) continue;
      throw e;
    }
  }
}

/**
 * The upsert in the caller's transaction. `created.id` names a new customer (a till's own id);
 * `fillOnly` leaves a known customer's name and e-mail as they are unless empty — what a
 * cashier typed does not overwrite what she gave online.
 */
export async function upsertByPhoneIn(
  tx: Queryable,
  phone: string,
  input: CustomerUpsert,
  others: readonly string[],
  source: string,
  options: { id?: string; fillOnly?: boolean } = {},
): Promise<{ customer: CustomerDoc; created: boolean }> {
  const { rows } = await tx.query<{ customer_id: string }>(`SELECT customer_id FROM customer_phones WHERE phone_e164 = $1`, [phone]);
  let id = rows[0]?.customer_id;
  const created = id === undefined;
  if (id === undefined) {
    id = options.id ?? newId();
    await tx.query(`INSERT INTO customers (id, name, email) VALUES ($1, $2, $3)`, [id, input.name ?? '', input.email ?? null]);
    const claimed = await tx.query(`INSERT INTO customer_phones (phone_e164, customer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [phone, id]);
    if (claimed.rowCount === 0) throw new RaceLost();
  } else if (options.fillOnly) {
    await tx.query(
      `UPDATE customers SET name = CASE WHEN name = '' THEN $2 ELSE name END, email = coalesce(email, $3) WHERE id = $1`,
      [id, input.name ?? '', input.email ?? null],
    );
    input = { ...input, name: undefined, email: undefined };
  }
  await applyUpdate(tx, id, input, [...others], source);
  await recordChanges(tx, 'customer', [id]);
  const doc = await customerDoc(tx, id);
  return { customer: doc as CustomerDoc, created };
}

async function applyUpdate(tx: Queryable, id: string, input: CustomerUpsert, others: string[], source: string): Promise<void> {
  await tx.query(
    `UPDATE customers SET name = coalesce($2, name),
                          email = CASE WHEN $3 THEN $4 ELSE email END,
                          segments = coalesce($5, segments),
                          updated_at = now()
     WHERE id = $1`,
    [id, input.name ?? null, input.email !== undefined, input.email ?? null, input.segments ?? null],
  );
  for (const p of others) {
    const { rows } = await tx.query<{ customer_id: string }>(
      `INSERT INTO customer_phones (phone_e164, customer_id) VALUES ($1, $2)
       ON CONFLICT (phone_e164) DO UPDATE SET phone_e164 = EXCLUDED.phone_e164 RETURNING customer_id`,
      [p, id],
    );
    if (rows[0]?.customer_id !== id) throw new ApiError('PHONE_TAKEN', `one of the other phones belongs to another customer`);
  }
  for (const c of input.consents ?? []) {
    await tx.query(
      `INSERT INTO customer_consents (customer_id, channel, granted, changed_at, source) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (customer_id, channel) DO UPDATE
         SET granted = EXCLUDED.granted, changed_at = EXCLUDED.changed_at, source = EXCLUDED.source
         WHERE customer_consents.changed_at < EXCLUDED.changed_at`,
      [id, c.channel, c.granted, c.changedAt, source],
    );
  }
}

export async function customerDoc(q: Queryable, id: string): Promise<CustomerDoc | null> {
  const { rows } = await q.query<{ doc: CustomerDoc | null }>(`SELECT customer_doc($1) AS doc`, [id]);
  return rows[0]?.doc ?? null;
}

export async function customerExists(q: Queryable, id: string): Promise<void> {
  const { rowCount } = await q.query(`SELECT 1 FROM customers WHERE id = $1`, [id]);
  if (rowCount === 0) throw new ApiError('NOT_FOUND', 'no such customer');
}

/** Profile, online carts (non-empty ones) and favourites: what a till shows on lookup. */
export async function customerProfile(q: Queryable, id: string): Promise<CustomerProfile | null> {
  const { rows } = await q.query<{ customer: CustomerDoc | null; carts: CartDoc[]; favourites: FavouriteDoc[] }>(
    `SELECT customer_doc($1) AS customer,
            (SELECT coalesce(jsonb_agg(cart_doc($1, ch) ORDER BY ch), '[]')
             FROM (SELECT DISTINCT channel AS ch FROM cart_lines WHERE customer_id = $1) c) AS carts,
            (SELECT coalesce(jsonb_agg(jsonb_build_object('customerId', f.customer_id, 'sku', f.sku, 'channel', f.channel,
                                                          'addedAt', iso(f.added_at)) ORDER BY f.added_at DESC, f.sku), '[]')
             FROM favourites f WHERE f.customer_id = $1) AS favourites`,
    [id],
  );
  const row = rows[0];
  if (!row?.customer) return null;
  return { customer: row.customer, carts: row.carts, favourites: row.favourites };
}
