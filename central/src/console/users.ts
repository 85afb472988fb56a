import { z } from 'zod';
import { CONSOLE_ROLES, type ConsoleRole } from '../../../core/console/roles.js';
import { newId } from '../../../core/ids.js';
import { text } from '../../../core/text.js';
import type { Db, Queryable } from '../db.js';
import { ApiError } from '../errors.js';
import { hashPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './passwords.js';

export const Password = z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH);

export const NewUser = z
  .object({
    email: z.email().max(254),
    name: text({ min: 1, max: 200 }),
    role: z.enum(CONSOLE_ROLES),
    password: Password,
    storeIds: z.array(text({ min: 1, max: 64 })).max(200).default([]),
  })
  .strict()
  .refine((u) => u.role === 'store_manager' || u.storeIds.length === 0, { message: 'only a store manager is bound to stores', path: ['storeIds'] })
  .refine((u) => u.role !== 'store_manager' || u.storeIds.length > 0, { message: 'a store manager manages at least one store', path: ['storeIds'] });
export type NewUser = z.infer<typeof NewUser>;

export const ConsoleUser = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(CONSOLE_ROLES),
  storeIds: z.array(z.string()),
  disabled: z.boolean(),
});
export type ConsoleUser = z.infer<typeof ConsoleUser>;

const USER_COLUMNS = `u.id, u.email, u.name, u.role, u.disabled_at IS NOT NULL AS disabled,
  ARRAY(SELECT store_id FROM console_user_stores WHERE user_id = u.id ORDER BY store_id) AS "storeIds"`;

export async function createUser(db: Db, input: NewUser): Promise<ConsoleUser> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const id = newId();
    const inserted = await tx.query(
      `INSERT INTO console_users (id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [id, input.email, input.name, input.role, passwordHash],
    );
    if (inserted.rowCount === 0) throw new ApiError('CONFLICT', 'a console account with this e-mail exists already');
    const stores = [...new Set(input.storeIds)];
    if (stores.length > 0) {
      const { rowCount } = await tx.query(
        `INSERT INTO console_user_stores (user_id, store_id) SELECT $1, s.id FROM stores s WHERE s.id = ANY ($2::text[])`,
        [id, stores],
      );
      if (rowCount !== stores.length) throw new ApiError('NOT_FOUND', 'no such store');
    }
    return (await userById(tx, id)) as ConsoleUser;
  });
}

export async function userById(q: Queryable, id: string): Promise<ConsoleUser | null> {
  const { rows } = await q.query<ConsoleUser>(`SELECT ${USER_COLUMNS} FROM console_users u WHERE u.id = $1`, [id]);
  return rows[0] ?? null;
}

export async function listUsers(q: Queryable): Promise<ConsoleUser[]> {
  const { rows } = await q.query<ConsoleUser>(`SELECT ${USER_COLUMNS} FROM console_users u ORDER BY lower(u.email)`);
  return rows;
}

/** The stored hash of an enabled account, for sign-in. */
export async function signInRecord(q: Queryable, email: string): Promise<{ id: string; passwordHash: string } | null> {
  const { rows } = await q.query<{ id: string; password_hash: string }>(
    `SELECT id, password_hash FROM console_users WHERE lower(email) = lower($1) AND disabled_at IS NULL`,
    [email],
  );
  return rows[0] ? { id: rows[0].id, passwordHash: rows[0].password_hash } : null;
}

/** Creates the account or, when the e-mail exists, sets its password and role (the CLI and the demo). */
export async function upsertAdmin(db: Db, email: string, name: string, password: string): Promise<{ created: boolean }> {
  const passwordHash = await hashPassword(password);
  const { rows } = await db.query<{ created: boolean }>(
    `INSERT INTO console_users (id, email, name, role, password_hash) VALUES ($1, $2, $3, 'it_admin', $4)
     ON CONFLICT (lower(email)) DO UPDATE SET password_hash = EXCLUDED.password_hash, role = 'it_admin', disabled_at = NULL
     RETURNING (xmax = 0) AS created`,
    [newId(), email, name, passwordHash],
  );
  await db.query(
    `UPDATE console_sessions SET ended_at = now() WHERE ended_at IS NULL AND user_id = (SELECT id FROM console_users WHERE lower(email) = lower($1))`,
    [email],
  );
  return { created: rows[0]?.created ?? false };
}

export async function audit(q: Queryable, userId: string, action: string, customerId: string | null, detail: Record<string, unknown> = {}): Promise<void> {
  await q.query(`INSERT INTO console_audit (id, user_id, action, customer_id, detail) VALUES ($1, $2, $3, $4, $5)`, [
    newId(),
    userId,
    action,
    customerId,
    JSON.stringify(detail),
  ]);
}

export type { ConsoleRole };
