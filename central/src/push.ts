import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  PushOp,
  Ulid,
  type ApprovalGrantedPayload,
  type AuditRecordedPayload,
  type ShiftClosedPayload,
  type ConsentChangedPayload,
  type CustomerCreatedPayload,
  type PromoRedeemedPayload,
  type SaleReturnedPayload,
  type ReturnNoReceiptPayload,
  type VoucherIssuedPayload,
  type VoucherSpentPayload,
  type VoucherReturnedPayload,
  type PushOpResult,
  type PushRejection,
  type SaleCompletedPayload,
  type TouchpointPayload,
} from '../../core/sync/ops.js';
import { newId } from '../../core/ids.js';
import type { Db, Queryable } from './db.js';
import { recordChanges } from './changes.js';
import { upsertByPhoneIn } from './customers.js';
import { normalisePromoCode } from '../../core/scan/resolve.js';
import { promoCodeCheck } from '../../core/scan/promoCode.js';
import { recordLineDiscounts, recordReturn } from './returns/record.js';
import { recordNoReceiptReturn } from './returns/noReceipt.js';
import { recordOfflineSpend, recordVoucher, returnSpend } from './vouchers/ledger.js';
import { heldUse } from './promo/ledger.js';
import { lockUsage, takeUse, type LimitRefusal } from './promo/usage.js';

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

/** No op the till writes nests deeper than a handful of levels. */
export const MAX_OP_DEPTH = 16;

/** Iterative, so a 5,000-deep value cannot overflow the stack while being measured. */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) stack.push([child, depth + 1]);
  }
  return false;
}

const OpHead = z.object({ opId: Ulid, type: z.string().max(64) });

/** An op of a batch after the checks that need no database: what is left to do with it. */
type Prepared =
  | { readonly kind: 'answered'; readonly result: PushOpResult }
  | { readonly kind: 'refused'; readonly opId: string; readonly type: string; readonly hash: string; readonly rejection: Rejection }
  | { readonly kind: 'sale'; readonly opId: string; readonly hash: string; readonly sale: SaleCompletedPayload }
  | { readonly kind: 'other'; readonly opId: string; readonly type: string; readonly hash: string; readonly op: OtherOp };

/** Schema, the till's own store and the sale's internal keys: all checked before the database sees the op. */
function prepare(till: TillIdentity, raw: unknown): Prepared {
  const head = OpHead.safeParse(raw);
  // Size and depth before anything recursive (hashing, the schema) walks the op.
  if (nestedDeeperThan(raw, MAX_OP_DEPTH)) {
    return { kind: 'answered', result: { opId: head.success ? head.data.opId : null, status: 'rejected', reason: 'invalid', detail: `the op is nested deeper than ${MAX_OP_DEPTH} levels` } };
  }
  if (!head.success) {
    // Without a valid key there is nothing to store the answer under; the till drops it as invalid.
    return { kind: 'answered', result: { opId: null, status: 'rejected', reason: 'invalid', detail: 'the op has no valid opId (a ULID) or type' } };
  }
  const { opId, type } = head.data;
  const hash = opHash(raw);
  const refuse = (rejection: Rejection): Prepared => ({ kind: 'refused', opId, type, hash, rejection });
  const parsed = PushOp.safeParse(raw);
  if (!parsed.success) return refuse(new Rejection('invalid', z.prettifyError(parsed.error)));
  const op = parsed.data;
  if (op.type !== 'sale.completed') return { kind: 'other', opId, type, hash, op };
  const sale = op.payload;
  if (sale.tillId !== till.tillId || sale.storeId !== till.storeId) return refuse(wrongStore(till));
  const repeated = repeatedKey(sale);
  if (repeated) return refuse(new Rejection('invalid', repeated));
  return { kind: 'sale', opId, hash, sale };
}

/** Line ids, line positions and payment ids are unique within a sale (and in the database). */
function repeatedKey(sale: SaleCompletedPayload): string | null {
  const check = (what: string, values: readonly (string | number)[]) =>
    new Set(values).size === values.length ? null : `the sale repeats a ${what}`;
  return (
    check('line id', sale.lines.map((l) => l.lineId)) ??
    check('line position', sale.lines.map((l) => l.position)) ??
    check('payment id', sale.payments.map((p) => p.paymentId))
  );
}

/**
 * Applies a batch in order with one result per op. The whole batch commits once: each run of
 * sales goes to the database in one call (push_sale_ops, migration 0002: a few set-based
 * statements for the whole run), other ops run under a savepoint so a refusal leaves nothing
 * but its stored answer. A retry after a failed commit finds nothing applied, so exactly-once
 * holds as it did with one transaction per op, at one durable commit per batch.
 * Should the batch fail on something a check above could not foresee (a line id already used
 * by another sale, a number out of the column's range, a deadlock with another push), it is
 * rolled back whole and each op is applied alone, so the faulty op is refused by itself.
 */
export type PushLog = (detail: object, message: string) => void;

export async function applyBatch(db: Db, till: TillIdentity, ops: readonly unknown[], log?: PushLog): Promise<PushOpResult[]> {
  const prepared = ops.map((op) => prepare(till, op));
  try {
    return await db.transaction((tx) => applyPrepared(tx, till, prepared));
  } catch {
    const results: PushOpResult[] = [];
    for (const p of prepared) results.push(await applyAlone(db, till, p, log));
    return results;
  }
}

async function applyPrepared(tx: Queryable, till: TillIdentity, prepared: readonly Prepared[]): Promise<PushOpResult[]> {
  const results: PushOpResult[] = [];
  // A run of consecutive sales goes in one call; an opId or saleId seen again starts a new
  // run, so the second sees what the first wrote, as if the ops came one by one.
  let sales: SaleOp[] = [];
  const keys = new Set<string>();
  const flushSales = async () => {
    if (sales.length === 0) return;
    results.push(...(await applySales(tx, till, sales)));
    sales = [];
    keys.clear();
  };
  for (const p of prepared) {
    if (p.kind === 'sale') {
      if (keys.has(`op:${p.opId}`) || keys.has(`sale:${p.sale.saleId}`)) await flushSales();
      sales.push(p);
      keys.add(`op:${p.opId}`).add(`sale:${p.sale.saleId}`);
      continue;
    }
    await flushSales();
    if (p.kind === 'answered') results.push(p.result);
    else if (p.kind === 'refused') results.push(await storeRejection(tx, till, p.opId, p.type, p.hash, p.rejection));
    else results.push(await applyOther(tx, till, p));
  }
  await flushSales();
  return results;
}

type SaleOp = Extract<Prepared, { kind: 'sale' }>;

/** A run of sales in one round trip; see migrations/central/0002_push_sales.sql. */
async function applySales(tx: Queryable, till: TillIdentity, sales: readonly SaleOp[]): Promise<PushOpResult[]> {
  const aliases = await customerAliases(tx, sales.flatMap((s) => (s.sale.customerId ? [s.sale.customerId] : [])));
  const linked = (sale: SaleCompletedPayload) => (sale.customerId && aliases.has(sale.customerId) ? { ...sale, customerId: aliases.get(sale.customerId) } : sale);
  const { rows } = await tx.query<{ results: PushOpResult[] }>(`SELECT push_sale_ops($1, $2::jsonb) AS results`, [
    till.tillId,
    JSON.stringify(sales.map((s) => ({ opId: s.opId, hash: s.hash, sale: linked(s.sale) }))),
  ]);
  const answered = rows[0]?.results ?? [];
  if (answered.length !== sales.length || answered.some((a) => a === null)) {
    throw new Error(`push_sale_ops answered ${answered.filter((a) => a !== null).length} of ${sales.length} ops`);
  }
  const applied = sales.filter((_, i) => answered[i]?.status === 'applied').map((s) => s.sale);
  const recorded = applied.map((s) => s.saleId);
  await settleCarts(tx, recorded);
  await attributeToCampaigns(tx, recorded);
  await recordCardDetails(tx, applied);
  await recordLineDiscounts(tx, applied.flatMap((s) => s.lines));
  return answered;
}

/** What the card terminal approved for a sale's card payments (central 0016): beside the rows push_sale_ops wrote. */
async function recordCardDetails(tx: Queryable, sales: readonly SaleCompletedPayload[]): Promise<void> {
  const cards = sales.flatMap((s) => s.payments.flatMap((p) => (p.method === 'card' && p.approvalCode && p.cardLast4 ? [p] : [])));
  if (cards.length === 0) return;
  await tx.query(
    `UPDATE sale_payments sp SET approval_code = c.approval_code, card_last4 = c.card_last4, terminal_reference = c.reference
     FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS c(id, approval_code, card_last4, reference)
     WHERE sp.id = c.id AND sp.method = 'card'`,
    [cards.map((c) => c.paymentId), cards.map((c) => c.approvalCode), cards.map((c) => c.cardLast4), cards.map((c) => c.terminalReference ?? null)],
  );
}

/**
 * A store purchase made with a campaign's code is attributed to the channel the code came from
 * (the stream, the e-mail): its purchase touchpoint lists that channel beside her carts', and
 * the code's own touchpoint names her. The till sends a sale's redemptions before the sale
 * itself, so this runs when either arrives; each run only adds what is missing.
 */
async function attributeToCampaigns(tx: Queryable, saleIds: readonly string[]): Promise<void> {
  if (saleIds.length === 0) return;
  await tx.query(
    `UPDATE touchpoints t SET attributed_channels = (
       SELECT array_agg(DISTINCT ch ORDER BY ch) FROM unnest(coalesce(t.attributed_channels, '{}') || x.channels) AS ch)
     FROM (SELECT r.sale_id, array_agg(DISTINCT c.channel) AS channels FROM redemptions r JOIN campaigns c ON c.id = r.campaign_id
           WHERE r.sale_id = ANY ($1::text[]) AND r.channel = 'store' GROUP BY r.sale_id) x
     WHERE t.sale_id = x.sale_id AND t.kind = 'purchase' AND NOT (coalesce(t.attributed_channels, '{}') @> x.channels)`,
    [saleIds],
  );
  await tx.query(
    `UPDATE touchpoints t SET customer_id = s.customer_id FROM sales s
     WHERE t.sale_id = s.id AND s.id = ANY ($1::text[]) AND t.kind = 'code_redeemed' AND t.customer_id IS NULL AND s.customer_id IS NOT NULL`,
    [saleIds],
  );
}

/** A till's own ids of customers central already had, to the customer each one is. */
async function customerAliases(tx: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await tx.query<{ alias: string; customer_id: string }>(`SELECT alias, customer_id FROM customer_aliases WHERE alias = ANY ($1::text[])`, [
    [...new Set(ids)],
  ]);
  return new Map(rows.map((r) => [r.alias, r.customer_id]));
}

/**
 * What she bought in a store from her online cart leaves that cart, so the web shop and the app
 * stop reminding her of it (unless the chain keeps them: central_meta keep_carts_after_store_purchase).
 * Only for sales recorded now: a replayed op never empties a cart she has filled again since.
 */
async function settleCarts(tx: Queryable, saleIds: readonly string[]): Promise<void> {
  if (saleIds.length === 0) return;
  const { rows } = await tx.query<{ key: string }>(
    `DELETE FROM cart_lines c USING sale_lines l JOIN sales s ON s.id = l.sale_id
     WHERE s.id = ANY ($1::text[]) AND l.origin LIKE 'cart:%' AND s.customer_id IS NOT NULL
       AND c.customer_id = s.customer_id AND c.channel = substr(l.origin, 6) AND c.sku = l.sku
       AND NOT EXISTS (SELECT 1 FROM central_meta WHERE key = 'keep_carts_after_store_purchase' AND value = 'true')
     RETURNING c.customer_id || '/' || c.channel AS key`,
    [saleIds],
  );
  await recordChanges(tx, 'cart', rows.map((r) => r.key));
}

async function applyOther(tx: Queryable, till: TillIdentity, p: Extract<Prepared, { kind: 'other' }>): Promise<PushOpResult> {
  await tx.query('SAVEPOINT push_op');
  try {
    const claimed = await claim(tx, till, p.opId, p.type, p.hash);
    const result = claimed ? await applyClaimed(tx, till, p.opId, p.op) : await previousAnswer(tx, p.opId, p.hash);
    await tx.query('RELEASE SAVEPOINT push_op');
    return result;
  } catch (e) {
    if (!(e instanceof Rejection)) throw e;
    await tx.query('ROLLBACK TO SAVEPOINT push_op');
    await tx.query('RELEASE SAVEPOINT push_op');
    return storeRejection(tx, till, p.opId, p.type, p.hash, e);
  }
}

async function claim(tx: Queryable, till: TillIdentity, opId: string, type: string, hash: string): Promise<boolean> {
  const claimed = await tx.query(
    `INSERT INTO applied_ops (op_id, till_id, type, payload_hash, status, result)
     VALUES ($1, $2, $3, $4, 'applied', '{}') ON CONFLICT (op_id) DO NOTHING`,
    [opId, till.tillId, type, hash],
  );
  return claimed.rowCount > 0;
}

async function applyClaimed(tx: Queryable, till: TillIdentity, opId: string, op: OtherOp): Promise<PushOpResult> {
  const result = await applyIntent(tx, till, op);
  await tx.query(`UPDATE applied_ops SET result = $2 WHERE op_id = $1`, [opId, JSON.stringify(result)]);
  return { opId, status: 'applied', result };
}

/** SQLSTATE classes 22 (data exception) and 23 (integrity violation): the op's content, not the moment. */
function isPermanentDataError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

/** One op in its own transaction: the path of a batch that could not commit whole. */
async function applyAlone(db: Db, till: TillIdentity, p: Prepared, log?: PushLog): Promise<PushOpResult> {
  if (p.kind === 'answered') return p.result;
  if (p.kind === 'refused') return db.transaction((tx) => storeRejection(tx, till, p.opId, p.type, p.hash, p.rejection));
  const type = p.kind === 'sale' ? 'sale.completed' : p.type;
  try {
    return await db.transaction(async (tx) => {
      if (p.kind === 'sale') return (await applySales(tx, till, [p]))[0] as PushOpResult;
      if (!(await claim(tx, till, p.opId, type, p.hash))) return previousAnswer(tx, p.opId, p.hash);
      return applyClaimed(tx, till, p.opId, p.op);
    });
  } catch (e) {
    if (e instanceof Rejection) return db.transaction((tx) => storeRejection(tx, till, p.opId, type, p.hash, e));
    // The database refused what the op says (a key another sale already used, a number too
    // large for its column): retrying cannot help, so it is refused for good, not left blocking the queue.
    if (isPermanentDataError(e)) {
      // The database's own words stay in the log, under a reference; the till gets a stable answer.
      const reference = newId();
      log?.({ reference, opId: p.opId, type, err: (e as Error).message, code: (e as { code?: unknown }).code }, 'push op refused by the database');
      const detail = `the database refused the op (reference ${reference})`;
      return db.transaction((tx) => storeRejection(tx, till, p.opId, type, p.hash, new Rejection('invalid', detail)));
    }
    throw e;
  }
}

async function storeRejection(tx: Queryable, till: TillIdentity, opId: string, type: string, hash: string, r: Rejection): Promise<PushOpResult> {
  const stored = await tx.query(
    `INSERT INTO applied_ops (op_id, till_id, type, payload_hash, status, result)
     VALUES ($1, $2, $3, $4, 'rejected', $5) ON CONFLICT (op_id) DO NOTHING`,
    [opId, till.tillId, type, hash, JSON.stringify({ reason: r.reason, detail: r.detail })],
  );
  if (stored.rowCount === 0) return previousAnswer(tx, opId, hash);
  return { opId, status: 'rejected', reason: r.reason, detail: r.detail };
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

/** Every intent but a completed sale, which push_sale_ops applies in SQL. */
type OtherOp = Exclude<PushOp, { type: 'sale.completed' }>;

function applyIntent(tx: Queryable, till: TillIdentity, op: OtherOp): Promise<Result> {
  switch (op.type) {
    case 'promo.redeemed':
      return promoRedeemed(tx, till, op.payload);
    case 'customer.consent_changed':
      return consentChanged(tx, till, op.payload);
    case 'touchpoint':
      return touchpoint(tx, till, op.payload);
    case 'customer.created':
      return customerCreated(tx, till, op.payload);
    case 'approval.granted':
      return approvalGranted(tx, till, op.payload);
    case 'shift.closed':
      return shiftClosed(tx, till, op.payload);
    case 'sale.returned':
      return saleReturned(tx, till, op.payload);
    case 'return.no_receipt':
      return noReceiptReturned(tx, till, op.payload);
    case 'voucher.issued':
      return voucherIssued(tx, till, op.payload);
    case 'voucher.spent':
      return voucherSpent(tx, till, op.payload);
    case 'voucher.returned':
      return voucherReturned(tx, till, op.payload);
    case 'audit.recorded':
      return auditRecorded(tx, till, op.payload);
  }
}

/**
 * A customer the cashier created: merged by phone. A number central knows keeps its customer
 * (only her empty name or e-mail is filled in) and the till's id becomes an alias of her; the
 * consents she ticked at the till are recorded as given then.
 */
async function customerCreated(tx: Queryable, till: TillIdentity, c: CustomerCreatedPayload): Promise<Result> {
  if (c.tillId !== till.tillId) throw wrongStore(till);
  const consents = c.consents.map((channel) => ({ channel, granted: true, changedAt: c.createdAt }));
  const input = { phone: c.phone, name: c.name, email: c.email, consents };
  const { customer, created } = await upsertByPhoneIn(tx, c.phone, input, [], `till:${till.tillId}:${c.cashier}`, { id: c.customerId, fillOnly: true });
  if (customer.id !== c.customerId) {
    await tx.query(`INSERT INTO customer_aliases (alias, customer_id, till_id) VALUES ($1, $2, $3) ON CONFLICT (alias) DO NOTHING`, [c.customerId, customer.id, till.tillId]);
  }
  return { customerId: customer.id, created };
}

function wrongStore(till: TillIdentity): Rejection {
  return new Rejection('wrong_store', `this device is till ${till.tillId} of store ${till.storeId}`);
}

function assertOwnTill(till: TillIdentity, tillId: string, storeId: string): void {
  if (tillId !== till.tillId || storeId !== till.storeId) throw wrongStore(till);
}

interface CodeRow {
  code: string;
  campaign_id: string;
  single_use: boolean;
  expired: boolean;
  offline_allowed: boolean;
  offline_cap_per_till: number;
  channel: string;
  currency: string | null;
  store_currency: string;
}

type ConflictReason = 'already_redeemed' | 'offline_not_allowed' | 'offline_cap_exceeded' | 'expired';

/**
 * Whether a signed offer was redeemed already (by any till). Taken under a lock on the nonce, so
 * two tills reporting the same offer at once cannot both pass; the unique index backs it.
 */
async function offerRedeemed(tx: Queryable, campaignId: string, nonce: string): Promise<boolean> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('offer/' || $1 || '/' || $2))`, [campaignId, nonce]);
  const { rowCount } = await tx.query(`SELECT 1 FROM redemptions WHERE campaign_id = $1 AND offer_nonce = $2 AND rolled_back_at IS NULL`, [campaignId, nonce]);
  return rowCount > 0;
}

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
  const code = normalisePromoCode(r.code);
  const { rows } = await tx.query<CodeRow>(
    `SELECT k.code, k.campaign_id, k.single_use, c.offline_allowed, c.offline_cap_per_till, c.channel, c.currency,
            (SELECT s.currency FROM stores s WHERE s.id = $3) AS store_currency,
            -- The same window as the engine (core/promo): from starts_at inclusive to ends_at exclusive.
            ($2::timestamptz < c.starts_at OR $2::timestamptz >= c.ends_at OR $2::timestamptz >= coalesce(k.expires_at, 'infinity')
             OR k.state = 'void') AS expired
     FROM promo_codes k JOIN campaigns c ON c.id = k.campaign_id WHERE k.code = $1`,
    [code, r.redeemedAt, till.storeId],
  );
  const found = rows[0];
  if (!found) {
    const hint = promoCodeCheck(code) === 'valid' ? '' : ' (its check character does not match: likely mistyped)';
    throw new Rejection('unknown_code', `no promo code ${code}${hint}`);
  }
  // An amount off exists in one currency: 50 MDL off is not 50 lei off. The till's figure is not taken on trust.
  if (r.currency !== found.store_currency) {
    throw new Rejection('currency_mismatch', `store ${till.storeId} sells in ${found.store_currency}; the redemption says ${r.currency}`);
  }
  if (found.currency !== null && found.currency !== r.currency) {
    throw new Rejection('currency_mismatch', `campaign ${found.campaign_id} takes an amount off in ${found.currency}; this sale is in ${r.currency}`);
  }
  let conflict: ConflictReason | null = null;
  let limit: LimitRefusal | null = null;
  if (found.expired) conflict = 'expired';
  // A cap of 0 allows no offline redemption: the same as not allowed (core/promo/fromSync.ts).
  else if (r.offline && (!found.offline_allowed || found.offline_cap_per_till === 0)) conflict = 'offline_not_allowed';
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
  if (conflict === null && r.offerNonce !== undefined && (await offerRedeemed(tx, found.campaign_id, r.offerNonce))) conflict = 'already_redeemed';
  if (conflict === null) {
    await lockUsage(tx, found.campaign_id);
    const inserted = await tx.query(
      `INSERT INTO redemptions (id, code, campaign_id, single_use, sale_id, till_id, channel, offline, discount_minor,
                                currency, redeemed_at, offer_nonce)
       SELECT $1, $2, $3, $4, $5, $6, 'store', $7, $8, $9, $10, $11
       WHERE NOT EXISTS (SELECT 1 FROM redemptions WHERE sale_id = $5 AND code = $2)
       ON CONFLICT (code) WHERE single_use AND rolled_back_at IS NULL DO NOTHING`,
      [r.redemptionId, code, found.campaign_id, found.single_use, r.saleId, till.tillId, r.offline, r.discountMinor,
        r.currency, r.redeemedAt, r.offerNonce ?? null],
    );
    if (inserted.rowCount === 0) conflict = 'already_redeemed';
    else {
      limit = await takeUse(tx, found.campaign_id, r.discountMinor, await heldUse(tx, r.saleId, code));
      if (limit) {
        // Over the campaign's total uses or budget: the sale stands, the manager sees which limit.
        await tx.query(`DELETE FROM redemptions WHERE id = $1`, [r.redemptionId]);
        conflict = 'already_redeemed';
      }
    }
  }
  await tx.query(
    `INSERT INTO touchpoints (id, channel, kind, campaign_id, store_id, sale_id, occurred_at, attributed_channels)
     VALUES ($1, 'store', 'code_redeemed', $2, $3, $4, $5, ARRAY[$6]) ON CONFLICT (id) DO NOTHING`,
    [r.redemptionId, found.campaign_id, till.storeId, r.saleId, r.redeemedAt, found.channel],
  );
  if (conflict !== null) {
    const conflictId = newId();
    await tx.query(
      `INSERT INTO redemption_conflicts (id, redemption_id, code, campaign_id, sale_id, till_id, reason, discount_minor,
                                         redeemed_at, offer_nonce, limit_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [conflictId, r.redemptionId, code, found.campaign_id, r.saleId, till.tillId, conflict, r.discountMinor, r.redeemedAt, r.offerNonce ?? null, limit],
    );
    return { redemptionId: r.redemptionId, outcome: 'conflict', reason: limit ?? conflict, conflictId };
  }
  // The till's reservation for this sale (if it took one online) became this redemption.
  await tx.query(
    `UPDATE promo_reservations SET redeemed_at = $3 WHERE sale_id = $1 AND code = $2 AND released_at IS NULL AND redeemed_at IS NULL`,
    [r.saleId, code, r.redeemedAt],
  );
  if (found.single_use) {
    await tx.query(`UPDATE promo_codes SET state = 'redeemed' WHERE code = $1`, [code]);
    await recordChanges(tx, 'promo_code', [code]);
  }
  await attributeToCampaigns(tx, [r.saleId]);
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

/** A manager's approval on a till: kept for the store's audit; the approval itself already happened, offline. */
async function approvalGranted(tx: Queryable, till: TillIdentity, a: ApprovalGrantedPayload): Promise<Result> {
  assertOwnTill(till, a.tillId, a.storeId);
  await tx.query(
    `INSERT INTO approvals (id, till_id, store_id, action, approver_id, approver_name, cashier_id, cashier_name, granted_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING`,
    [a.approvalId, till.tillId, till.storeId, a.action, a.approverId, a.approverName, a.cashierId, a.cashierName, a.grantedAt],
  );
  return { approvalId: a.approvalId };
}

/** A row of the pushing till's audit log, recorded under that till whatever the row says. */
async function auditRecorded(tx: Queryable, till: TillIdentity, a: AuditRecordedPayload): Promise<Result> {
  await tx.query(
    `INSERT INTO till_audit (till_id, audit_no, at, store_id, actor, actor_id, action, subject, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (till_id, audit_no, at) DO NOTHING`,
    [till.tillId, a.auditNo, a.at, till.storeId, a.actor, a.actorId, a.action, a.subject, a.details],
  );
  return { auditNo: a.auditNo };
}

/** A return on a till, against a sale of any till of the chain (central/src/returns). */
async function saleReturned(tx: Queryable, till: TillIdentity, r: SaleReturnedPayload): Promise<Result> {
  assertOwnTill(till, r.tillId, r.storeId);
  return recordReturn(tx, till.tillId, till.storeId, r);
}

/** A return without a receipt on a till, in its store's currency (central/src/returns). */
async function noReceiptReturned(tx: Queryable, till: TillIdentity, r: ReturnNoReceiptPayload): Promise<Result> {
  assertOwnTill(till, r.tillId, r.storeId);
  const { rows } = await tx.query<{ currency: string }>(`SELECT currency FROM stores WHERE id = $1`, [till.storeId]);
  if (rows[0]?.currency !== r.currency) throw new Rejection('currency_mismatch', `store ${till.storeId} sells in ${rows[0]?.currency ?? '?'}; the return says ${r.currency}`);
  return recordNoReceiptReturn(tx, till.tillId, till.storeId, r);
}

/** Store credit a till gave as a voucher, in its store's currency (central/src/vouchers). */
async function voucherIssued(tx: Queryable, till: TillIdentity, v: VoucherIssuedPayload): Promise<Result> {
  assertOwnTill(till, v.tillId, v.storeId);
  const { rows } = await tx.query<{ currency: string }>(`SELECT currency FROM stores WHERE id = $1`, [till.storeId]);
  if (rows[0]?.currency !== v.currency) throw new Rejection('currency_mismatch', `store ${till.storeId} sells in ${rows[0]?.currency ?? '?'}; the voucher says ${v.currency}`);
  return recordVoucher(tx, till.tillId, till.storeId, v);
}

/** A voucher a till took offline: off the balance as far as it goes, the rest a conflict (central/src/vouchers). */
async function voucherSpent(tx: Queryable, till: TillIdentity, s: VoucherSpentPayload): Promise<Result> {
  if (s.tillId !== till.tillId) throw wrongStore(till);
  const spent = await recordOfflineSpend(tx, till.tillId, s);
  if (!spent) throw new Rejection('unknown_code', `no voucher ${s.code}`);
  return spent;
}

/** A spend a till gave back while it could not ask central: what it took goes back on the balance, once (central/src/vouchers). */
async function voucherReturned(tx: Queryable, till: TillIdentity, r: VoucherReturnedPayload): Promise<Result> {
  if (r.tillId !== till.tillId) throw wrongStore(till);
  const answer = await returnSpend(tx, till.tillId, r);
  if (!answer) throw new Rejection('unknown_code', `no voucher ${r.code}`);
  if (!answer.returned) throw new Rejection('invalid', `spend ${r.spendId} is another voucher's, till's or amount's`);
  return answer;
}

/** A Z report from a till: one row per shift; the same Z number twice on one till is a different op refused by the database. */
async function shiftClosed(tx: Queryable, till: TillIdentity, z: ShiftClosedPayload): Promise<Result> {
  assertOwnTill(till, z.tillId, z.storeId);
  await tx.query(
    `INSERT INTO shift_closures (shift_id, till_id, store_id, z_no, currency, opened_at, closed_at, opened_by, closed_by,
                                 sales_count, sales_gross, returns_count, returns_gross, expected_cash, counted_cash, report)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [z.shiftId, till.tillId, till.storeId, z.zNo, z.currency, z.openedAt, z.closedAt, z.openedBy, z.closedBy, z.salesCount,
      z.salesGrossMinor, z.returnsCount, z.returnsGrossMinor, z.expectedCashMinor, z.countedCashMinor, JSON.stringify(z)],
  );
  return { shiftId: z.shiftId, zNo: z.zNo };
}
