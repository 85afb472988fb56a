import { text } from '../../../core/text.js';
import { z } from 'zod';
import { ULID_PATTERN, newId } from '../../../core/ids.js';
import { CURRENCIES } from '../../../core/money.js';
import { ONLINE_CHANNELS } from '../../../core/sync/pull.js';
import { RESERVE_REFUSALS, ReserveResult, type ReserveRefusal } from '../../../core/promo/reservation.js';
import type { Db, Queryable } from '../db.js';
import { recordChanges } from '../changes.js';
import { normalisePromoCode } from '../../../core/scan/resolve.js';
import { campaignHasAmounts } from '../../../core/promo/fromSync.js';
import type { CampaignRules } from '../../../core/sync/pull.js';
import { giveBackHold, holdUse, lockUsage, takeUse } from './usage.js';

/**
 * The redemption lifecycle every channel shares: reserve (a code held for one sale or web order,
 * keyed by its ULID, for a time) → redeem (the reservation becomes a redemption) → release
 * (cancelled, code removed, or simply expired). Every limit is held by the database: the
 * partial unique indexes on live reservations and live redemptions of a single-use code, and
 * conditional statements — never a read and then a write. A campaign's total uses and budget are
 * counted on its usage row (./usage.ts): a reservation holds a use, a redemption takes it.
 */

const Ulid = z.string().regex(ULID_PATTERN, 'expected a ULID');
const Code = z.string().min(3).max(64);

export const MIN_TTL_SECONDS = 30;
export const MAX_TTL_SECONDS = 3_600;
export const DEFAULT_TTL_SECONDS = 900;

export const ReserveInput = z
  .object({
    code: Code,
    /** The sale's or the web order's ULID: a retry with it finds the same reservation. */
    saleId: Ulid,
    ttlSeconds: z.number().int().min(MIN_TTL_SECONDS).max(MAX_TTL_SECONDS).default(DEFAULT_TTL_SECONDS),
    /** For a personal code: the customer the order is for. */
    customerId: text({ min: 1, max: 64 }).nullable().default(null),
  })
  .strict();
export type ReserveInput = z.infer<typeof ReserveInput>;

const REFUSALS = RESERVE_REFUSALS;
type Refusal = ReserveRefusal;
export { ReserveResult };

export const ReleaseInput = z.object({ code: Code, saleId: Ulid }).strict();
export const ReleaseResult = z.object({ released: z.boolean() });

export const RedeemInput = z
  .object({
    redemptionId: Ulid,
    code: Code,
    saleId: Ulid,
    discountMinor: z.number().int().min(0).max(1_000_000_000),
    currency: z.enum(CURRENCIES),
    redeemedAt: z.iso.datetime({ offset: true }),
    /** The online channel the order is placed on (one of the client's); its first channel when left out. */
    channel: z.enum(ONLINE_CHANNELS).optional(),
  })
  .strict();
export type RedeemInput = z.infer<typeof RedeemInput>;

/**
 * A redemption also names its order's currency: an amount, a minimum, a cap or a budget is in the
 * campaign's currency, so an order in another one is `wrong_currency` (as a till's op is
 * `currency_mismatch`), and a campaign with amounts but no currency is `no_currency` (the engine's reasons).
 */
const REDEEM_REFUSALS = [...REFUSALS, 'wrong_currency', 'no_currency'] as const;

export const RedeemResult = z.discriminatedUnion('redeemed', [
  z.object({ redeemed: z.literal(true), redemptionId: z.string(), code: z.string() }),
  z.object({ redeemed: z.literal(false), code: z.string(), reason: z.enum(REDEEM_REFUSALS) }),
]);
export type RedeemResult = z.infer<typeof RedeemResult>;

interface CodeState {
  code: string;
  campaign_id: string;
  single_use: boolean;
  state: 'issued' | 'redeemed' | 'void';
  customer_id: string | null;
  not_yet: boolean;
  expired: boolean;
  currency: string | null;
  discount_kind: 'percent' | 'amount';
  rules: CampaignRules;
}

/** The code and whether it can be used at `at` — the engine's window: starts inclusive, ends exclusive. */
async function codeState(tx: Queryable, code: string, at: string | null): Promise<CodeState | null> {
  const { rows } = await tx.query<CodeState>(
    `SELECT k.code, k.campaign_id, k.single_use, k.state, k.customer_id, c.currency, c.discount_kind, c.rules,
            coalesce($2::timestamptz, now()) < c.starts_at AS not_yet,
            coalesce($2::timestamptz, now()) >= c.ends_at OR coalesce($2::timestamptz, now()) >= coalesce(k.expires_at, 'infinity') AS expired
     FROM promo_codes k JOIN campaigns c ON c.id = k.campaign_id WHERE k.code = $1`,
    [code, at],
  );
  return rows[0] ?? null;
}

function refusalOf(k: CodeState | null, customerId: string | null): Refusal | null {
  if (!k) return 'unknown_code';
  if (k.state === 'void') return 'code_void';
  if (k.state === 'redeemed') return 'code_redeemed';
  if (k.not_yet) return 'not_yet_valid';
  if (k.expired) return 'expired';
  if (k.customer_id !== null && k.customer_id !== customerId) return 'not_your_code';
  return null;
}

function currencyRefusalOf(k: CodeState, currency: string): 'wrong_currency' | 'no_currency' | null {
  if (k.currency !== null) return k.currency === currency ? null : 'wrong_currency';
  return campaignHasAmounts({ discountKind: k.discount_kind, rules: k.rules }) ? 'no_currency' : null;
}

interface ReservationRow {
  id: string;
  expires_at: string;
}

const live = `released_at IS NULL AND redeemed_at IS NULL`;

/**
 * Holds a code for one sale. A single-use code is held by one sale at a time: the campaign's
 * expired holds are released first, then the insert either takes the live index or finds it taken. A retry with
 * the same sale finds its reservation (and extends it); a multi-use code is simply recorded.
 */
export async function reserve(db: Db, holder: string, input: ReserveInput): Promise<ReserveResult> {
  const code = normalisePromoCode(input.code);
  return db.transaction(async (tx) => {
    const k = await codeState(tx, code, null);
    const refusal = refusalOf(k, input.customerId);
    if (refusal || !k) return { reserved: false, code, reason: refusal ?? 'unknown_code' };
    await lockUsage(tx, k.campaign_id);
    // A sale that already redeemed the code (a reservation retried after its redemption) has nothing left to hold.
    const { rowCount: redeemed } = await tx.query(`SELECT 1 FROM redemptions WHERE sale_id = $1 AND code = $2`, [input.saleId, code]);
    if (redeemed > 0) return { reserved: false, code, reason: 'code_redeemed' };
    const ttl = `${input.ttlSeconds} seconds`;
    const own = await tx.query<ReservationRow>(
      `UPDATE promo_reservations SET expires_at = greatest(expires_at, now() + $3::interval)
       WHERE sale_id = $1 AND code = $2 AND ${live} AND expires_at > now() RETURNING id, to_json(expires_at) #>> '{}' AS expires_at`,
      [input.saleId, code, ttl],
    );
    if (own.rows[0]) return { reserved: true, reservationId: own.rows[0].id, code, campaignId: k.campaign_id, expiresAt: new Date(own.rows[0].expires_at).toISOString() };
    if (k.single_use) {
      const { rowCount } = await tx.query(`SELECT 1 FROM redemptions WHERE code = $1 AND single_use AND rolled_back_at IS NULL`, [code]);
      if (rowCount > 0) return { reserved: false, code, reason: 'code_redeemed' };
    }
    const id = newId();
    const inserted = await tx.query<ReservationRow>(
      `INSERT INTO promo_reservations (id, code, campaign_id, single_use, sale_id, holder, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + $7::interval)
       ON CONFLICT DO NOTHING RETURNING id, to_json(expires_at) #>> '{}' AS expires_at`,
      [id, code, k.campaign_id, k.single_use, input.saleId, holder, ttl],
    );
    const row = inserted.rows[0];
    if (!row) {
      // The same sale's reservation committed meanwhile (a duplicated request) is this sale's, not another's.
      const again = await tx.query<ReservationRow>(
        `SELECT id, to_json(expires_at) #>> '{}' AS expires_at FROM promo_reservations WHERE sale_id = $1 AND code = $2 AND ${live}`,
        [input.saleId, code],
      );
      if (again.rows[0]) return { reserved: true, reservationId: again.rows[0].id, code, campaignId: k.campaign_id, expiresAt: new Date(again.rows[0].expires_at).toISOString() };
      return { reserved: false, code, reason: 'reserved_elsewhere' };
    }
    // Only a reservation that exists takes a use: a duplicate never holds one, even for a moment.
    const hold = await holdUse(tx, k.campaign_id);
    if (typeof hold === 'string') {
      await tx.query(`DELETE FROM promo_reservations WHERE id = $1`, [id]);
      return { reserved: false, code, reason: hold };
    }
    if (hold) await tx.query(`UPDATE promo_reservations SET holds_use = true WHERE id = $1`, [id]);
    return { reserved: true, reservationId: row.id, code, campaignId: k.campaign_id, expiresAt: new Date(row.expires_at).toISOString() };
  });
}

/**
 * Lets the code go (order cancelled, code removed), and the use it held. Releasing what is not
 * held (never reserved, already released, redeemed, or expired) answers false, and gives nothing back again.
 */
/** Only the client that reserved (`holder`, as in reserve) lets its hold go: knowing a sale's ULID and code is not enough. */
export async function release(db: Db, holder: string, input: z.infer<typeof ReleaseInput>): Promise<{ released: boolean }> {
  const code = normalisePromoCode(input.code);
  return db.transaction(async (tx) => {
    const { rows: campaign } = await tx.query<{ campaign_id: string }>(`SELECT campaign_id FROM promo_codes WHERE code = $1`, [code]);
    if (!campaign[0]) return { released: false };
    await lockUsage(tx, campaign[0].campaign_id);
    const { rows } = await tx.query<{ campaign_id: string; holds_use: boolean }>(
      `UPDATE promo_reservations SET released_at = now() WHERE sale_id = $1 AND code = $2 AND holder = $3 AND ${live} RETURNING campaign_id, holds_use`,
      [input.saleId, code, holder],
    );
    if (rows[0]?.holds_use) await giveBackHold(tx, rows[0].campaign_id);
    return { released: rows.length > 0 };
  });
}

/** Whether this sale's live reservation of the code holds a use of its campaign; the row stays locked until the redemption is written. */
export async function heldUse(tx: Queryable, saleId: string, code: string): Promise<boolean> {
  const { rows } = await tx.query<{ holds_use: boolean }>(
    `SELECT holds_use FROM promo_reservations WHERE sale_id = $1 AND code = $2 AND ${live} FOR UPDATE`,
    [saleId, code],
  );
  return rows[0]?.holds_use === true;
}

/**
 * A channel's redemption: its reservation (if any) becomes the redemption, exactly once per sale
 * and code (a retry answers the first result); a single-use code is redeemed once across every
 * channel by the live-redemption index, and never while another sale holds it.
 */
export async function redeem(db: Db, channel: string, input: RedeemInput): Promise<RedeemResult> {
  const code = normalisePromoCode(input.code);
  return db.transaction(async (tx) => {
    const k = await codeState(tx, code, input.redeemedAt);
    // Under the campaign's lock, so that the same sale's redemption delivered twice at once is seen by the second.
    if (k) await lockUsage(tx, k.campaign_id);
    const first = await tx.query<{ id: string }>(`SELECT id FROM redemptions WHERE sale_id = $1 AND code = $2`, [input.saleId, code]);
    if (first.rows[0]) return { redeemed: true, redemptionId: first.rows[0].id, code };
    const { rows: held } = await tx.query<{ sale_id: string }>(
      `SELECT sale_id FROM promo_reservations WHERE code = $1 AND single_use AND ${live} AND expires_at > now()`,
      [code],
    );
    const refusal = refusalOf(k, null) ?? (held[0] && held[0].sale_id !== input.saleId ? 'reserved_elsewhere' : null) ?? (k && currencyRefusalOf(k, input.currency));
    // A personal code's customer was checked when it was reserved; redeeming needs no customer again.
    if ((refusal && refusal !== 'not_your_code') || !k) return { redeemed: false, code, reason: refusal ?? 'unknown_code' };
    const inserted = await tx.query(
      `INSERT INTO redemptions (id, code, campaign_id, single_use, sale_id, till_id, channel, offline, discount_minor, currency, redeemed_at)
       VALUES ($1, $2, $3, $4, $5, NULL, $6, false, $7, $8, $9) ON CONFLICT DO NOTHING`,
      [input.redemptionId, code, k.campaign_id, k.single_use, input.saleId, channel, input.discountMinor, input.currency, input.redeemedAt],
    );
    if (inserted.rowCount === 0) {
      const again = await tx.query<{ id: string }>(`SELECT id FROM redemptions WHERE sale_id = $1 AND code = $2`, [input.saleId, code]);
      return again.rows[0] ? { redeemed: true, redemptionId: again.rows[0].id, code } : { redeemed: false, code, reason: 'code_redeemed' };
    }
    const limit = await takeUse(tx, k.campaign_id, input.discountMinor, await heldUse(tx, input.saleId, code));
    if (limit) {
      await tx.query(`DELETE FROM redemptions WHERE id = $1`, [input.redemptionId]);
      return { redeemed: false, code, reason: limit };
    }
    await tx.query(`UPDATE promo_reservations SET redeemed_at = $3 WHERE sale_id = $1 AND code = $2 AND ${live}`, [input.saleId, code, input.redeemedAt]);
    if (k.single_use) {
      await tx.query(`UPDATE promo_codes SET state = 'redeemed' WHERE code = $1`, [code]);
      await recordChanges(tx, 'promo_code', [code]);
    }
    return { redeemed: true, redemptionId: input.redemptionId, code };
  });
}
