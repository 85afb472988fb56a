import { z } from 'zod';
import { addDays, daysBetween } from '../../../core/analytics/rollup.js';
import { APPROVAL_TTL_MS } from '../../../core/staff/roles.js';
import { text } from '../../../core/text.js';
import { assertStoreAllowed, consoleUser, storeScope } from '../console/auth.js';
import { audit } from '../console/users.js';
import { MAX_REPORT_DAYS } from '../analytics/routes.js';
import type { Db, Queryable } from '../db.js';
import { ApiError } from '../errors.js';
import { route, type AnyRoute, type Caller } from '../routes.js';

/**
 * The console's store operations: the returns the tills took without a receipt (per store and
 * local day, with the till, the cashier, the manager who approved, the products, the amount and
 * how it was refunded) and the voucher conflicts (an offline store-credit spend the voucher's
 * balance no longer held when it reached central), which a store manager of that store or an IT
 * admin marks resolved with a note, audited. A store manager sees their own stores only.
 */

/** The longest period the returns list reads at once: as a report. */
export const MAX_RETURN_DAYS = MAX_REPORT_DAYS;
const LIST_LIMIT = 500;

const StoreId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/);
const Names = z.object({ en: z.string(), ru: z.string(), ro: z.string() }).nullable();

export const NoReceiptReturnRow = z.object({
  id: z.string(),
  returnNo: z.number(),
  storeId: z.string(),
  store: z.string(),
  till: z.string(),
  /** The chain's local day it was taken back on. */
  day: z.string(),
  returnedAt: z.string(),
  cashier: z.string(),
  /** The manager whose approval on that till it used; null when the cashier's own role allowed it. */
  approver: z.string().nullable(),
  /** The till did not say (an older till's return): the approver is the one inferred from the till's approvals. */
  approverInferred: z.boolean(),
  method: z.enum(['cash', 'storeCredit']),
  refundMinor: z.number(),
  currency: z.string(),
  lines: z.array(
    z.object({
      sku: z.string(),
      product: Names,
      qtyKind: z.enum(['unit', 'weight']),
      quantity: z.number(),
      shelfPriceMinor: z.number(),
      unitPriceMinor: z.number(),
      refundMinor: z.number(),
    }),
  ),
});
export type NoReceiptReturnRow = z.infer<typeof NoReceiptReturnRow>;

const ReturnsQuery = z.object({ from: z.iso.date().optional(), to: z.iso.date().optional(), storeId: StoreId.optional() }).strict();

/**
 * The returns without a receipt taken in the period (local days of the chain), newest first within
 * each store. The approver is the one the till named with the return; an older till's return did
 * not name one, so it is inferred (and flagged so): the manager of the latest approval for such a
 * return granted on the same till within an approval's lifetime before it (a till uses an approval
 * for the next such action).
 */
export async function noReceiptReturns(q: Queryable, from: string, to: string, stores: readonly string[] | null): Promise<{ rows: NoReceiptReturnRow[]; capped: boolean }> {
  const { rows } = await q.query<NoReceiptReturnRow>(
    `SELECT r.id, r.return_no AS "returnNo", r.store_id AS "storeId", s.name AS store, t.name AS till,
            local_day(r.returned_at, chain_time_zone())::text AS day, iso(r.returned_at) AS "returnedAt", r.cashier,
            CASE WHEN r.approver_recorded THEN r.approver_name ELSE a.approver_name END AS approver,
            (NOT r.approver_recorded AND a.approver_name IS NOT NULL) AS "approverInferred", r.method, r.refund_minor::int AS "refundMinor", r.currency,
            (SELECT jsonb_agg(jsonb_build_object('sku', l.sku,
                      'product', (SELECT jsonb_build_object('en', p.name_en, 'ru', p.name_ru, 'ro', p.name_ro) FROM products p WHERE p.sku = l.sku),
                      'qtyKind', l.qty_kind, 'quantity', l.quantity, 'shelfPriceMinor', l.shelf_price_minor,
                      'unitPriceMinor', l.unit_price_minor, 'refundMinor', l.refund_minor) ORDER BY l.position)
             FROM receiptless_return_lines l WHERE l.return_id = r.id) AS lines
     FROM receiptless_returns r JOIN stores s ON s.id = r.store_id JOIN tills t ON t.id = r.till_id
     LEFT JOIN LATERAL (SELECT g.approver_name FROM approvals g
                        WHERE NOT r.approver_recorded AND g.till_id = r.till_id AND g.action = 'return.withoutReceipt'
                          AND g.granted_at <= r.returned_at AND g.granted_at > r.returned_at - $4::interval
                        ORDER BY g.granted_at DESC LIMIT 1) a ON true
     WHERE r.returned_at >= $1::date::timestamp AT TIME ZONE chain_time_zone()
       AND r.returned_at < ($2::date + 1)::timestamp AT TIME ZONE chain_time_zone()
       AND ($3::text[] IS NULL OR r.store_id = ANY ($3::text[]))
     ORDER BY s.name, r.store_id, r.returned_at DESC, r.id LIMIT ${LIST_LIMIT + 1}`,
    [from, to, stores ? [...stores] : null, `${APPROVAL_TTL_MS / 1000} seconds`],
  );
  return { rows: rows.slice(0, LIST_LIMIT), capped: rows.length > LIST_LIMIT };
}

export const VoucherConflictRow = z.object({
  spendId: z.string(),
  code: z.string(),
  storeId: z.string(),
  store: z.string(),
  till: z.string(),
  saleId: z.string(),
  spentAt: z.string(),
  offline: z.boolean(),
  amountMinor: z.number(),
  overspentMinor: z.number(),
  currency: z.string(),
  /** The store whose return gave the voucher. */
  issuedIn: z.string(),
  resolvedAt: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  note: z.string().nullable(),
});
export type VoucherConflictRow = z.infer<typeof VoucherConflictRow>;

const ConflictsQuery = z.object({ open: z.enum(['true', 'false']).default('true'), storeId: StoreId.optional() }).strict();

/** Offline voucher spends the balance did not cover (and not given back since), where they were taken; open ones only unless asked. */
export async function voucherConflicts(q: Queryable, open: boolean, stores: readonly string[] | null): Promise<VoucherConflictRow[]> {
  const { rows } = await q.query<VoucherConflictRow>(
    `SELECT sp.id AS "spendId", sp.code, t.store_id AS "storeId", s.name AS store, t.name AS till, sp.sale_id AS "saleId",
            iso(sp.spent_at) AS "spentAt", sp.offline, sp.amount_minor::int AS "amountMinor", sp.overspent_minor::int AS "overspentMinor",
            v.currency, vs.name AS "issuedIn", iso(sp.resolved_at) AS "resolvedAt", u.name AS "resolvedBy", sp.resolution_note AS note
     FROM voucher_spends sp JOIN vouchers v ON v.code = sp.code JOIN stores vs ON vs.id = v.store_id
     JOIN tills t ON t.id = sp.till_id JOIN stores s ON s.id = t.store_id
     LEFT JOIN console_users u ON u.id = sp.resolved_by
     WHERE sp.overspent_minor > 0 AND sp.returned_at IS NULL AND (NOT $1 OR sp.resolved_at IS NULL) AND ($2::text[] IS NULL OR t.store_id = ANY ($2::text[]))
     ORDER BY sp.recorded_at DESC, sp.id LIMIT ${LIST_LIMIT}`,
    [open, stores ? [...stores] : null],
  );
  return rows;
}

/** The period in the chain's local days: `from`..`to`, by default the last 7 up to its today. */
async function period(q: Queryable, query: z.infer<typeof ReturnsQuery>): Promise<{ from: string; to: string; timeZone: string }> {
  const { rows } = await q.query<{ zone: string; today: string }>(`SELECT chain_time_zone() AS zone, local_day(now(), chain_time_zone())::text AS today`);
  const { zone, today } = rows[0] as { zone: string; today: string };
  const to = query.to ?? today;
  const from = query.from ?? addDays(to, -6);
  if (from > to) throw new ApiError('RANGE_INVALID', `the period starts (${from}) after it ends (${to})`);
  if (daysBetween(from, to) > MAX_RETURN_DAYS) throw new ApiError('RANGE_TOO_LONG', `the list covers at most ${MAX_RETURN_DAYS} days; this period has ${daysBetween(from, to)}`);
  return { from, to, timeZone: zone };
}

/** The stores a list reads: the one asked for (if the caller may), else all the caller may read. */
function listScope(caller: Caller, storeId: string | undefined): readonly string[] | null {
  if (storeId) assertStoreAllowed(caller, storeId);
  return storeId ? [storeId] : storeScope(caller);
}

export function operationsConsoleRoutes(db: Db): AnyRoute[] {
  return [
    route({
      method: 'GET',
      url: '/console/api/operations/no-receipt-returns',
      auth: 'console',
      area: 'operations',
      tag: 'console',
      summary: 'Returns without a receipt in a period of local days (default the last 7), per store: till, cashier, approving manager, products, amount, refund method',
      query: ReturnsQuery,
      response: z.object({ from: z.string(), to: z.string(), timeZone: z.string(), returns: z.array(NoReceiptReturnRow), capped: z.boolean() }),
      handler: async ({ query, caller }) => {
        const p = await period(db, query);
        const { rows, capped } = await noReceiptReturns(db, p.from, p.to, listScope(caller, query.storeId));
        return { ...p, returns: rows, capped };
      },
    }),
    route({
      method: 'GET',
      url: '/console/api/operations/voucher-conflicts',
      auth: 'console',
      area: 'operations',
      tag: 'console',
      summary: 'Offline store-credit spends the voucher’s balance no longer held (open ones, or all with open=false), where they were taken',
      query: ConflictsQuery,
      // The chain's zone comes with the list: the times are shown in it, as the returns are, whatever the browser's.
      response: z.object({ conflicts: z.array(VoucherConflictRow), timeZone: z.string() }),
      handler: async ({ query, caller }) => {
        const { rows } = await db.query<{ zone: string }>(`SELECT chain_time_zone() AS zone`);
        return { conflicts: await voucherConflicts(db, query.open === 'true', listScope(caller, query.storeId)), timeZone: rows[0]?.zone ?? 'UTC' };
      },
    }),
    route({
      method: 'POST',
      url: '/console/api/operations/voucher-conflicts/:spendId/resolve',
      auth: 'console',
      area: 'operations',
      tag: 'console',
      summary: 'Mark a voucher conflict resolved with a note (what was done about the shortfall); a store manager of the store that took the spend, or an IT admin; audited',
      params: z.object({ spendId: text({ min: 1, max: 64 }) }),
      body: z.object({ note: text({ min: 1, max: 500, trim: true }) }).strict(),
      successStatus: 204,
      handler: async ({ params, body, caller }) => {
        const user = consoleUser(caller);
        await db.transaction(async (tx) => {
          const { rows } = await tx.query<{ store_id: string; resolved: boolean }>(
            `SELECT t.store_id, sp.resolved_at IS NOT NULL AS resolved FROM voucher_spends sp JOIN tills t ON t.id = sp.till_id
             WHERE sp.id = $1 AND sp.overspent_minor > 0 AND sp.returned_at IS NULL FOR UPDATE OF sp`,
            [params.spendId],
          );
          const found = rows[0];
          if (!found) throw new ApiError('NOT_FOUND', 'no such voucher conflict');
          assertStoreAllowed(caller, found.store_id);
          if (found.resolved) throw new ApiError('CONFLICT', 'this voucher conflict is already resolved');
          await tx.query(`UPDATE voucher_spends SET resolved_at = now(), resolved_by = $2, resolution_note = $3 WHERE id = $1`, [params.spendId, user.userId, body.note]);
          await audit(tx, user.userId, 'voucher_conflict.resolve', null, { spendId: params.spendId, note: body.note });
        });
      },
    }),
  ];
}
