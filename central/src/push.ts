import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  PushOp,
  Ulid,
  type ConsentChangedPayload,
  type PromoRedeemedPayload,
  type PushOpResult,
  type PushRejection,
  type SaleCompletedPayload,
  type TouchpointPayload,
} from '../../core/sync/ops.js';
import { newId } from '../../core/ids.js';
import type { Db, Queryable } from './db.js';
import { recordChanges } from './changes.js';
import { normaliseTypedCode } from './secrets.js';
import { hasValidCheckCharacter } from './codes.js';

/** The till a push comes from, as its device token says. */
export interface TillIdentity {
  readonly tillId: string;
  readonly storeId: string;
}

/** A permanent business refusal: stored against the op's key and answered the same on every retry. */
class Rejection extends Error {
  constructor(
    readonly reason: PushRejection,
    readonly detail: string,
  ) {
    super(detail);
  }
}

type Result = Record<string, unknown>;

/** JSON with sorted keys, so the same op hashes the same however the till serialised it. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function opHash(op: unknown): string {
  return createHash('sha256').update(canonical(op)).digest('hex');
}

const OpHead = z.object({ opId: Ulid, type: z.string().max(64) });

/** Applies a batch in order, each op in its own transaction. */
export async function applyBatch(db: Db, till: TillIdentity, ops: readonly unknown[]): Promise<PushOpResult[]> {
  const results: PushOpResult[] = [];
  for (const op of ops) results.push(await applyOne(db, till, op));
  return results;
}

export async function applyOne(db: Db, till: TillIdentity, raw: unknown): Promise<PushOpResult> {
  const head = OpHead.safeParse(raw);
  if (!head.success) {
    // Without a valid key there is nothing to store the answer under; the till drops it as invalid.
    return { opId: null, status: 'rejected', reason: 'invalid', detail: 'the op has no valid opId (a ULID) or type' };
  }
  const { opId, type } = head.data;
  const hash = opHash(raw);
  const parsed = PushOp.safeParse(raw);
  if (!parsed.success) {
    return storeRejection(db, till, opId, type, hash, new Rejection('invalid', z.prettifyError(parsed.error)));
  }
  try {
    return await db.transaction(async (tx) => {
      const claimed = await tx.query(
        `INSERT INTO applied_ops (op_id, till_id, type, payload_hash, status, result)
         VALUES ($1, $2, $3, $4, 'applied', '{}') ON CONFLICT (op_id) DO NOTHING`,
        [opId, till.tillId, type, hash],
      );
      if (claimed.rowCount === 0) return previousAnswer(tx, opId, hash);
      const result = await applyIntent(tx, till, parsed.data);
      await tx.query(`UPDATE applied_ops SET result = $2 WHERE op_id = $1`, [opId, JSON.stringify(result)]);
      return { opId, status: 'applied', result };
    });
  } catch (e) {
    if (e instanceof Rejection) return storeRejection(db, till, opId, type, hash, e);
    throw e;
  }
}

async function storeRejection(db: Db, till: TillIdentity, opId: string, type: string, hash: string, r: Rejection): Promise<PushOpResult> {
  return db.transaction(async (tx) => {
    const stored = await tx.query(
      `INSERT INTO applied_ops (op_id, till_id, type, payload_hash, status, result)
       VALUES ($1, $2, $3, $4, 'rejected', $5) ON CONFLICT (op_id) DO NOTHING`,
      [opId, till.tillId, type, hash, JSON.stringify({ reason: r.reason, detail: r.detail })],
    );
    if (stored.rowCount === 0) return previousAnswer(tx, opId, hash);
    return { opId, status: 'rejected', reason: r.reason, detail: r.detail };
  });
}

async function previousAnswer(tx: Queryable, opId: string, hash: string): Promise<PushOpResult> {
  const { rows } = await tx.query<{ payload_hash: string; status: string; result: Result }>(
    `SELECT payload_hash, status, result FROM applied_ops WHERE op_id = $1`,
    [opId],
  );
  const first = rows[0];
  if (!first) throw new Error(`applied_ops row for ${opId} vanished`);
  if (first.payload_hash !== hash) {
    return { opId, status: 'rejected', reason: 'key_reused', detail: 'this opId was already used for a different op' };
  }
  if (first.status === 'rejected') {
    const r = first.result as { reason: PushRejection; detail: string };
    return { opId, status: 'rejected', reason: r.reason, detail: r.detail };
  }
  return { opId, status: 'duplicate', result: first.result };
}

function applyIntent(tx: Queryable, till: TillIdentity, op: PushOp): Promise<Result> {
  switch (op.type) {
    case 'sale.completed':
      return saleCompleted(tx, till, op.payload);
    case 'promo.redeemed':
      return promoRedeemed(tx, till, op.payload);
    case 'customer.consent_changed':
      return consentChanged(tx, till, op.payload);
    case 'touchpoint':
      return touchpoint(tx, till, op.payload);
  }
}

function assertOwnTill(till: TillIdentity, tillId: string, storeId: string): void {
  if (tillId !== till.tillId || storeId !== till.storeId) {
    throw new Rejection('wrong_store', `this device is till ${till.tillId} of store ${till.storeId}`);
  }
}

async function saleCompleted(tx: Queryable, till: TillIdentity, sale: SaleCompletedPayload): Promise<Result> {
  assertOwnTill(till, sale.tillId, sale.storeId);
  // An unknown customer never costs the sale: it is recorded without the link.
  const inserted = await tx.query<{ customer_id: string | null }>(
    `INSERT INTO sales (id, till_id, store_id, customer_id, cashier, receipt_no, country, currency, opened_at,
                        completed_at, total_minor, vat)
     VALUES ($1, $2, $3, (SELECT id FROM customers WHERE id = $4), $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (id) DO NOTHING RETURNING customer_id`,
    [sale.saleId, sale.tillId, sale.storeId, sale.customerId ?? null, sale.cashier, sale.receiptNo, sale.country,
      sale.currency, sale.openedAt, sale.completedAt, sale.totalMinor, JSON.stringify(sale.vat)],
  );
  if (inserted.rowCount === 0) {
    throw new Rejection('sale_already_recorded', `sale ${sale.saleId} was recorded by another op`);
  }
  await tx.query(
    `INSERT INTO sale_lines (id, sale_id, position, sku, scanned_code, name, qty_kind, quantity, unit_price_minor,
                             line_total_minor, vat_basis_points)
     SELECT l."lineId", $1, l.position, l.sku, l."scannedCode", l.name, l."qtyKind", l.quantity, l."unitPriceMinor",
            l."lineTotalMinor", l."vatBasisPoints"
     FROM jsonb_to_recordset($2::jsonb) AS l("lineId" text, position int, sku text, "scannedCode" text, name text,
            "qtyKind" text, quantity int, "unitPriceMinor" bigint, "lineTotalMinor" bigint, "vatBasisPoints" int)`,
    [sale.saleId, JSON.stringify(sale.lines)],
  );
  await tx.query(
    `INSERT INTO sale_payments (id, sale_id, method, amount_minor, tendered_minor, change_minor)
     SELECT p."paymentId", $1, p.method, p."amountMinor", p."tenderedMinor", p."changeMinor"
     FROM jsonb_to_recordset($2::jsonb) AS p("paymentId" text, method text, "amountMinor" bigint,
            "tenderedMinor" bigint, "changeMinor" bigint)`,
    [sale.saleId, JSON.stringify(sale.payments)],
  );
  const customerId = inserted.rows[0]?.customer_id ?? null;
  await tx.query(
    `INSERT INTO touchpoints (id, channel, kind, customer_id, store_id, sale_id, occurred_at)
     VALUES ($1, 'store', 'purchase', $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
    [sale.saleId, customerId, sale.storeId, sale.saleId, sale.completedAt],
  );
  return { saleId: sale.saleId, customerLinked: customerId !== null };
}

interface CodeRow {
  code: string;
  campaign_id: string;
  single_use: boolean;
  expired: boolean;
  offline_allowed: boolean;
  offline_cap_per_till: number;
  channel: string;
}

type ConflictReason = 'already_redeemed' | 'offline_not_allowed' | 'offline_cap_exceeded' | 'expired';

/**
 * A redemption reported by a till is a fact about a sale that already happened: it is
 * accepted into the ledger, or — duplicate, offline where the campaign forbids it, over the
 * till's offline cap, expired — kept as a conflict for a manager. Either way the sale stands.
 */
async function promoRedeemed(tx: Queryable, till: TillIdentity, r: PromoRedeemedPayload): Promise<Result> {
  assertOwnTill(till, r.tillId, r.storeId);
  const { rowCount: reported } = await tx.query(
    `SELECT 1 FROM redemptions WHERE id = $1 UNION ALL SELECT 1 FROM redemption_conflicts WHERE redemption_id = $1`,
    [r.redemptionId],
  );
  if (reported > 0) throw new Rejection('invalid', `redemption ${r.redemptionId} was already reported by another op`);
  const code = normaliseTypedCode(r.code);
  const { rows } = await tx.query<CodeRow>(
    `SELECT k.code, k.campaign_id, k.single_use, c.offline_allowed, c.offline_cap_per_till, c.channel,
            ($2::timestamptz < c.starts_at OR $2::timestamptz > c.ends_at OR $2::timestamptz > coalesce(k.expires_at, 'infinity')
             OR k.state = 'void') AS expired
     FROM promo_codes k JOIN campaigns c ON c.id = k.campaign_id WHERE k.code = $1`,
    [code, r.redeemedAt],
  );
  const found = rows[0];
  if (!found) {
    const hint = hasValidCheckCharacter(code) ? '' : ' (its check character does not match: likely mistyped)';
    throw new Rejection('unknown_code', `no promo code ${code}${hint}`);
  }
  let conflict: ConflictReason | null = null;
  if (found.expired) conflict = 'expired';
  else if (r.offline && !found.offline_allowed) conflict = 'offline_not_allowed';
  else if (r.offline) {
    // One till's offline redemptions of a campaign are counted under a lock, so the cap holds.
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1 || '/' || $2))`, [found.campaign_id, till.tillId]);
    const { rows: used } = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM redemptions
       WHERE campaign_id = $1 AND till_id = $2 AND offline AND rolled_back_at IS NULL`,
      [found.campaign_id, till.tillId],
    );
    if ((used[0]?.n ?? 0) >= found.offline_cap_per_till) conflict = 'offline_cap_exceeded';
  }
  if (conflict === null) {
    const inserted = await tx.query(
      `INSERT INTO redemptions (id, code, campaign_id, single_use, sale_id, till_id, channel, offline, discount_minor,
                                currency, redeemed_at)
       SELECT $1, $2, $3, $4, $5, $6, 'store', $7, $8, $9, $10
       WHERE NOT EXISTS (SELECT 1 FROM redemptions WHERE sale_id = $5 AND code = $2)
       ON CONFLICT (code) WHERE single_use AND rolled_back_at IS NULL DO NOTHING`,
      [r.redemptionId, code, found.campaign_id, found.single_use, r.saleId, till.tillId, r.offline, r.discountMinor,
        r.currency, r.redeemedAt],
    );
    if (inserted.rowCount === 0) conflict = 'already_redeemed';
  }
  await tx.query(
    `INSERT INTO touchpoints (id, channel, kind, campaign_id, store_id, sale_id, occurred_at)
     VALUES ($1, 'store', 'code_redeemed', $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
    [r.redemptionId, found.campaign_id, till.storeId, r.saleId, r.redeemedAt],
  );
  if (conflict !== null) {
    const conflictId = newId();
    await tx.query(
      `INSERT INTO redemption_conflicts (id, redemption_id, code, campaign_id, sale_id, till_id, reason, discount_minor,
                                         redeemed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [conflictId, r.redemptionId, code, found.campaign_id, r.saleId, till.tillId, conflict, r.discountMinor, r.redeemedAt],
    );
    return { redemptionId: r.redemptionId, outcome: 'conflict', reason: conflict, conflictId };
  }
  if (found.single_use) {
    await tx.query(`UPDATE promo_codes SET state = 'redeemed' WHERE code = $1`, [code]);
    await recordChanges(tx, 'promo_code', [code]);
  }
  return { redemptionId: r.redemptionId, outcome: 'accepted' };
}

async function consentChanged(tx: Queryable, till: TillIdentity, c: ConsentChangedPayload): Promise<Result> {
  if (c.tillId !== till.tillId) throw new Rejection('wrong_store', `this device is till ${till.tillId}`);
  const { rowCount: known } = await tx.query(`SELECT 1 FROM customers WHERE id = $1`, [c.customerId]);
  if (known === 0) throw new Rejection('unknown_customer', `no customer ${c.customerId}`);
  // Consents from several channels arrive out of order; the latest decision wins.
  const changed = await tx.query(
    `INSERT INTO customer_consents (customer_id, channel, granted, changed_at, source)
     VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (customer_id, channel) DO UPDATE
       SET granted = EXCLUDED.granted, changed_at = EXCLUDED.changed_at, source = EXCLUDED.source
       WHERE customer_consents.changed_at < EXCLUDED.changed_at`,
    [c.customerId, c.channel, c.granted, c.changedAt, `till:${till.tillId}:${c.cashier}`],
  );
  if (changed.rowCount > 0) {
    await tx.query(`UPDATE customers SET updated_at = now() WHERE id = $1`, [c.customerId]);
    await recordChanges(tx, 'customer', [c.customerId]);
  }
  return { customerId: c.customerId, current: changed.rowCount > 0 };
}

async function touchpoint(tx: Queryable, till: TillIdentity, t: TouchpointPayload): Promise<Result> {
  await tx.query(
    `INSERT INTO touchpoints (id, channel, kind, customer_id, campaign_id, store_id, sale_id, occurred_at)
     VALUES ($1, $2, $3, (SELECT id FROM customers WHERE id = $4), (SELECT id FROM campaigns WHERE id = $5), $6, $7, $8)
     ON CONFLICT (id) DO NOTHING`,
    [t.touchpointId, t.channel, t.kind, t.customerId, t.campaignId, till.storeId, t.saleId, t.occurredAt],
  );
  return { touchpointId: t.touchpointId };
}
