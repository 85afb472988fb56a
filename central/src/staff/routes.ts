import { z } from 'zod';
import { ROLES, PIN_PATTERN } from '../../../core/staff/roles.js';
import { text } from '../../../core/text.js';
import type { Db } from '../db.js';
import { ApiError } from '../errors.js';
import { recordChanges } from '../changes.js';
import { route, type AnyRoute } from '../routes.js';
import { hashSecret } from '../secrets.js';
import { hashPin } from './pin.js';

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);
const StoreId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);

const StaffInput = z
  .object({
    name: text({ min: 1, max: 100 }),
    role: z.enum(ROLES),
    storeIds: z.array(StoreId).max(500).default([]),
    /** Required when the person is new; given later, it replaces the PIN. Never stored or returned. */
    pin: z.string().regex(PIN_PATTERN, 'a PIN is 4 to 8 digits').optional(),
    /** The staff card's barcode; null removes the card. Stored as its SHA-256 only. */
    card: text({ min: 4, max: 128 }).nullable().optional(),
  })
  .strict();

const StaffView = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  storeIds: z.array(z.string()),
  hasCard: z.boolean(),
  active: z.boolean(),
});
type StaffView = z.infer<typeof StaffView>;

const VIEW_SQL = `SELECT id, name, role, store_ids AS "storeIds", card_hash IS NOT NULL AS "hasCard", active FROM staff`;

/** The barcode of a staff card as the till hashes it: trimmed, then SHA-256. */
export function cardHash(card: string): string {
  return hashSecret(card.trim());
}

async function upsertStaff(db: Db, id: string, body: z.infer<typeof StaffInput>): Promise<StaffView> {
  const pinHash = body.pin === undefined ? null : await hashPin(body.pin);
  const card = body.card === undefined ? undefined : body.card === null ? null : cardHash(body.card);
  return db.transaction(async (tx) => {
    if (body.storeIds.length > 0) {
      const { rows } = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM stores WHERE id = ANY($1::text[])`, [body.storeIds]);
      if ((rows[0]?.n ?? 0) !== new Set(body.storeIds).size) throw new ApiError('NOT_FOUND', 'one of the stores does not exist');
    }
    const { rows: existing } = await tx.query(`SELECT 1 FROM staff WHERE id = $1 FOR UPDATE`, [id]);
    if (existing.length === 0 && pinHash === null) throw new ApiError('INPUT_INVALID', 'a new person needs a PIN');
    if (card) {
      const { rows: taken } = await tx.query(`SELECT 1 FROM staff WHERE card_hash = $1 AND id <> $2`, [card, id]);
      if (taken.length > 0) throw new ApiError('CONFLICT', 'this staff card belongs to another person');
    }
    const stores = [...new Set(body.storeIds)];
    if (existing.length === 0) {
      await tx.query(`INSERT INTO staff (id, name, role, store_ids, pin_hash, card_hash) VALUES ($1, $2, $3, $4, $5, $6)`, [
        id, body.name, body.role, stores, pinHash, card ?? null,
      ]);
    } else {
      await tx.query(
        `UPDATE staff SET name = $2, role = $3, store_ids = $4, pin_hash = coalesce($5::text, pin_hash),
           card_hash = CASE WHEN $6::boolean THEN $7::text ELSE card_hash END, active = true, updated_at = now()
         WHERE id = $1`,
        [id, body.name, body.role, stores, pinHash, card !== undefined, card ?? null],
      );
    }
    await recordChanges(tx, 'staff', [id]);
    const { rows } = await tx.query<StaffView>(`${VIEW_SQL} WHERE id = $1`, [id]);
    return rows[0] as StaffView;
  });
}

/** Staff accounts: created and changed here (the console later), synced to the tills with hashes only. */
export function staffAdminRoutes(db: Db): AnyRoute[] {
  return [
    route({
      method: 'PUT',
      url: '/v1/admin/staff/:staffId',
      auth: 'admin',
      tag: 'admin',
      summary: 'Create or change a staff member (name, role, stores, PIN, staff card); the PIN is stored as a scrypt hash only',
      params: z.object({ staffId: Id }),
      body: StaffInput,
      response: StaffView,
      handler: ({ params, body }) => upsertStaff(db, params.staffId, body),
    }),
    route({
      method: 'GET',
      url: '/v1/admin/staff',
      auth: 'admin',
      tag: 'admin',
      summary: 'Every staff member, inactive ones included (never a PIN or its hash)',
      response: z.object({ staff: z.array(StaffView) }),
      handler: async () => ({ staff: (await db.query(`${VIEW_SQL} ORDER BY id`)).rows }),
    }),
    route({
      method: 'DELETE',
      url: '/v1/admin/staff/:staffId',
      auth: 'admin',
      tag: 'admin',
      summary: 'Deactivate a staff member: the tills drop them at their next sync',
      params: z.object({ staffId: Id }),
      successStatus: 204,
      handler: async ({ params }) => {
        await db.transaction(async (tx) => {
          const r = await tx.query(`UPDATE staff SET active = false, updated_at = now() WHERE id = $1`, [params.staffId]);
          if (r.rowCount === 0) throw new ApiError('NOT_FOUND', 'no such staff member');
          await recordChanges(tx, 'staff', [params.staffId]);
        });
      },
    }),
  ];
}
