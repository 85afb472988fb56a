import type { Db, Queryable } from '../db.js';
import { repeat, type JobLog } from '../repeat.js';
import { recordChanges } from '../changes.js';

/**
 * A campaign's total uses and total discount (rules.maxUses, rules.budgetMinor) across every
 * channel, on one `campaign_usage` row changed only by conditional UPDATEs — the row's lock
 * serialises the channels, never a read and then a write.
 *
 * - A reservation holds a use (`held`): a use promised to one sale is not promised to another.
 *   It holds no budget (its discount is known only when it is redeemed): a redemption that no
 *   longer fits the budget left is refused with `budget_exhausted`.
 * - Releasing a reservation, or its expiry, gives the held use back; redeeming it turns the held
 *   use into a use and adds the discount. An expired hold is given back by the next path that
 *   counts against the campaign (`lockUsage`, first in every one) or by the sweep, whichever comes first.
 * - A rollback (the sale returned in full) gives the use and the discount back.
 */
export type LimitRefusal = 'usage_exhausted' | 'budget_exhausted';

const MAX_USES = `(c.rules->>'maxUses')::bigint`;
const BUDGET = `(c.rules->>'budgetMinor')::bigint`;

/** The pulled campaign carries its usage: a limited campaign's change goes to the tills. */
async function published(tx: Queryable, campaignId: string, limited: boolean): Promise<void> {
  if (limited) await recordChanges(tx, 'campaign', [campaignId]);
}

/** Which limit refused: read after the conditional UPDATE found no room (the row is not written from it). */
async function whichLimit(tx: Queryable, campaignId: string, fromHold: number): Promise<LimitRefusal> {
  const { rows } = await tx.query<{ full: boolean }>(
    `SELECT ${MAX_USES} IS NOT NULL AND u.uses + u.held - $2 >= ${MAX_USES} AS full
     FROM campaign_usage u JOIN campaigns c ON c.id = u.campaign_id WHERE u.campaign_id = $1`,
    [campaignId, fromHold],
  );
  return rows[0]?.full ? 'usage_exhausted' : 'budget_exhausted';
}

/**
 * The campaign's usage row locked for this transaction, then its expired reservations released and
 * their held uses given back — before anything is counted against a limit, so a hold that expired
 * blocks no one. Every path that touches a campaign's reservations or usage starts here: the usage
 * row is always locked before any reservation row, so no two paths wait on each other in opposite
 * orders. Each expired hold is given back once: the UPDATE releases only what is still live, and
 * gives back exactly what it released.
 */
export async function lockUsage(tx: Queryable, campaignId: string): Promise<void> {
  await tx.query(`INSERT INTO campaign_usage (campaign_id) VALUES ($1) ON CONFLICT (campaign_id) DO NOTHING`, [campaignId]);
  await tx.query(`SELECT 1 FROM campaign_usage WHERE campaign_id = $1 FOR UPDATE`, [campaignId]);
  await tx.query(
    `WITH gone AS (
       UPDATE promo_reservations SET released_at = expires_at
       WHERE campaign_id = $1 AND released_at IS NULL AND redeemed_at IS NULL AND expires_at <= now() RETURNING holds_use)
     UPDATE campaign_usage SET held = held - (SELECT count(*) FROM gone WHERE holds_use)
     WHERE campaign_id = $1 AND EXISTS (SELECT 1 FROM gone WHERE holds_use)`,
    [campaignId],
  );
}

/**
 * Every campaign's expired holds given back, a campaign at a time as `lockUsage` does it (the
 * sweep central runs on a timer, so the count is right even for a campaign no one touches).
 * Answers how many campaigns had expired holds.
 */
export async function sweepExpiredHolds(db: Db): Promise<number> {
  const { rows } = await db.query<{ campaign_id: string }>(
    `SELECT DISTINCT campaign_id FROM promo_reservations WHERE released_at IS NULL AND redeemed_at IS NULL AND expires_at <= now()`,
  );
  for (const r of rows) await db.transaction((tx) => lockUsage(tx, r.campaign_id));
  return rows.length;
}

/** Sweeps the expired holds every `everyMs` until stopped. */
export function scheduleHoldSweep(db: Db, everyMs: number, log: JobLog): () => void {
  return repeat(
    everyMs,
    async () => {
      const campaigns = await sweepExpiredHolds(db);
      if (campaigns > 0) log.info({ campaigns }, 'expired promo holds released');
    },
    log,
    'promo hold sweep failed',
  );
}

/**
 * One use held for a reservation of a campaign with a use limit (true), none needed (false, no
 * limit on uses), or the limit that refuses. A spent budget refuses too: nothing is left to give.
 * Called after `lockUsage` in the same transaction, as is `takeUse`.
 */
export async function holdUse(tx: Queryable, campaignId: string): Promise<boolean | LimitRefusal> {
  const { rows } = await tx.query<{ limited: boolean; room: boolean }>(
    `SELECT ${MAX_USES} IS NOT NULL AS limited,
            (${BUDGET} IS NULL OR u.spent_minor < ${BUDGET}) AS room
     FROM campaigns c JOIN campaign_usage u ON u.campaign_id = c.id WHERE c.id = $1`,
    [campaignId],
  );
  const limits = rows[0];
  if (!limits?.limited) return limits?.room === false ? 'budget_exhausted' : false;
  const held = await tx.query(
    `UPDATE campaign_usage u SET held = u.held + 1 FROM campaigns c
     WHERE u.campaign_id = $1 AND c.id = u.campaign_id
       AND u.uses + u.held < ${MAX_USES} AND (${BUDGET} IS NULL OR u.spent_minor < ${BUDGET})`,
    [campaignId],
  );
  if (held.rowCount === 0) return whichLimit(tx, campaignId, 0);
  await published(tx, campaignId, true);
  return true;
}

/** A held use given back (the reservation released). */
export async function giveBackHold(tx: Queryable, campaignId: string): Promise<void> {
  await tx.query(`UPDATE campaign_usage SET held = held - 1 WHERE campaign_id = $1 AND held > 0`, [campaignId]);
  await recordChanges(tx, 'campaign', [campaignId]);
}

/**
 * A redemption counted: one use (turning the held one into it when `fromHold`) and its discount,
 * only while both limits have room. Null when counted, else the limit that refuses.
 */
export async function takeUse(tx: Queryable, campaignId: string, discountMinor: number, fromHold: boolean): Promise<LimitRefusal | null> {
  const h = fromHold ? 1 : 0;
  const { rows } = await tx.query<{ limited: boolean }>(
    `UPDATE campaign_usage u SET uses = u.uses + 1, held = u.held - $3, spent_minor = u.spent_minor + $2 FROM campaigns c
     WHERE u.campaign_id = $1 AND c.id = u.campaign_id AND u.held >= $3
       AND (${MAX_USES} IS NULL OR u.uses + u.held - $3 < ${MAX_USES})
       AND (${BUDGET} IS NULL OR u.spent_minor + $2 <= ${BUDGET})
     RETURNING ${MAX_USES} IS NOT NULL OR ${BUDGET} IS NOT NULL AS limited`,
    [campaignId, discountMinor, h],
  );
  if (!rows[0]) return whichLimit(tx, campaignId, h);
  await published(tx, campaignId, rows[0].limited);
  return null;
}

/** Rolled-back redemptions give their uses and discounts back. */
export async function giveBack(tx: Queryable, rolledBack: readonly { campaign_id: string; discount_minor: string | number }[]): Promise<void> {
  const byCampaign = new Map<string, { uses: number; spent: number }>();
  for (const r of rolledBack) {
    const c = byCampaign.get(r.campaign_id) ?? { uses: 0, spent: 0 };
    c.uses += 1;
    c.spent += Number(r.discount_minor);
    byCampaign.set(r.campaign_id, c);
  }
  for (const [campaignId, c] of byCampaign) {
    await tx.query(
      `UPDATE campaign_usage SET uses = greatest(uses - $2, 0), spent_minor = greatest(spent_minor - $3, 0) WHERE campaign_id = $1`,
      [campaignId, c.uses, c.spent],
    );
  }
  await recordChanges(tx, 'campaign', [...byCampaign.keys()]);
}
