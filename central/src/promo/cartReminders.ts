import { z } from 'zod';
import type { Db, Queryable } from '../db.js';
import { recordChanges } from '../changes.js';
import { ApiError } from '../errors.js';
import { newPromoCode } from '../codes.js';
import { repeat, type JobLog } from '../repeat.js';

/**
 * The abandoned-cart reminder (seed S4): a customer whose online cart has not moved for
 * `afterHours` (and not for longer than `maxAgeHours`: a cart forgotten for months is not
 * reminded of) is issued a personal code of the policy's campaign, valid `validDays`. The code
 * reaches the tills with the next pull, and applies as soon as the cashier attaches her.
 * Idempotent: a cart gets one reminder, found by her code of that campaign issued after the
 * cart last moved; a cart she fills again later gets a new one once it is left again.
 */
export const CartReminderPolicy = z
  .object({
    campaignId: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/),
    afterHours: z.number().int().min(1).max(24 * 90),
    maxAgeHours: z.number().int().min(2).max(24 * 365),
    validDays: z.number().int().min(1).max(90),
  })
  .strict()
  .refine((p) => p.maxAgeHours > p.afterHours, 'maxAgeHours must be more than afterHours');
export type CartReminderPolicy = z.infer<typeof CartReminderPolicy>;

const META_KEY = 'cart_reminder';

/** Customers reminded in one run at most: a run stays one short transaction; the next run takes the rest. */
export const REMINDERS_PER_RUN = 1_000;

export async function cartReminderPolicy(db: Queryable): Promise<CartReminderPolicy | null> {
  const { rows } = await db.query<{ value: string }>(`SELECT value FROM central_meta WHERE key = $1`, [META_KEY]);
  const parsed = rows[0] ? CartReminderPolicy.safeParse(JSON.parse(rows[0].value)) : null;
  return parsed?.success ? parsed.data : null;
}

/** Sets (or replaces) the policy; its campaign must exist and issue unique codes, one per customer. */
export async function setCartReminderPolicy(db: Queryable, policy: CartReminderPolicy): Promise<CartReminderPolicy> {
  const { rows } = await db.query<{ code_kind: string }>(`SELECT code_kind FROM campaigns WHERE id = $1`, [policy.campaignId]);
  if (!rows[0]) throw new ApiError('NOT_FOUND', `no campaign ${policy.campaignId}`);
  if (rows[0].code_kind !== 'unique') throw new ApiError('INPUT_INVALID', 'a cart reminder is a personal code: the campaign must issue unique codes');
  await db.query(`INSERT INTO central_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [META_KEY, JSON.stringify(policy)]);
  return policy;
}

/**
 * The customers due a reminder ($1 campaign, $2 now, $3 afterHours, $4 maxAgeHours, $5 at most): only those with a
 * cart line added within `maxAgeHours` are looked at (the added_at index), so a run costs the recent carts, not every
 * cart ever left; each one's last move is then read by her own index.
 */
export const DUE_CARTS_SQL = `WITH moved AS (SELECT DISTINCT customer_id FROM cart_lines WHERE added_at > $2::timestamptz - make_interval(hours => $4)),
       carts AS (SELECT m.customer_id, (SELECT max(l.added_at) FROM cart_lines l WHERE l.customer_id = m.customer_id) AS last_moved FROM moved m)
  SELECT customer_id FROM carts
  WHERE last_moved <= $2::timestamptz - make_interval(hours => $3) AND last_moved > $2::timestamptz - make_interval(hours => $4)
    AND NOT EXISTS (SELECT 1 FROM promo_codes k WHERE k.campaign_id = $1 AND k.customer_id = carts.customer_id AND k.issued_at >= carts.last_moved)
  ORDER BY customer_id LIMIT $5`;

/** Issues the reminders due at `now`; returns how many. Runs under a lock, so two central nodes never remind one cart twice. */
export async function issueCartReminders(db: Db, now: Date = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const policy = await cartReminderPolicy(tx);
    if (!policy) return 0;
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('cart_reminder'))`);
    const { rows: campaign } = await tx.query<{ code_prefix: string; ends_at: string }>(
      `SELECT code_prefix, to_json(ends_at) #>> '{}' AS ends_at FROM campaigns WHERE id = $1 AND code_kind = 'unique' AND starts_at <= $2 AND ends_at > $2`,
      [policy.campaignId, now.toISOString()],
    );
    const c = campaign[0];
    if (!c) return 0;
    const { rows: due } = await tx.query<{ customer_id: string }>(
      DUE_CARTS_SQL,
      [policy.campaignId, now.toISOString(), policy.afterHours, policy.maxAgeHours, REMINDERS_PER_RUN],
    );
    if (due.length === 0) return 0;
    const expiresAt = new Date(Math.min(now.getTime() + policy.validDays * 86_400_000, Date.parse(c.ends_at))).toISOString();
    const customers = due.map((r) => r.customer_id);
    // A collision at 44 bits is rare but possible: a colliding code is skipped, and its customer is reminded by the next run.
    const { rows: issued } = await tx.query<{ code: string }>(
      `INSERT INTO promo_codes (code, campaign_id, single_use, expires_at, customer_id, issued_at)
       SELECT k, $3, true, $4, c, $5 FROM unnest($1::text[], $2::text[]) AS x(k, c) ON CONFLICT DO NOTHING RETURNING code`,
      [customers.map(() => newPromoCode(c.code_prefix)), customers, policy.campaignId, expiresAt, now.toISOString()],
    );
    await recordChanges(tx, 'promo_code', issued.map((r) => r.code));
    return issued.length;
  });
}

/** Runs the reminder job every `everyMs` until stopped; a failed run is logged and the next one tries again. */
export function scheduleCartReminders(db: Db, everyMs: number, log: JobLog): () => void {
  return repeat(
    everyMs,
    async () => {
      const issued = await issueCartReminders(db);
      if (issued > 0) log.info({ issued }, 'cart reminders issued');
    },
    log,
    'cart reminder run failed',
  );
}
