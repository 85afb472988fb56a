import type { VoucherRedeemRequest, VoucherRedeemResponse, VoucherReturnRequest, VoucherReturnResponse } from '../../../core/voucher/central.js';
import type { VoucherIssuedPayload, VoucherSpentPayload } from '../../../core/sync/ops.js';
import type { Db, Queryable } from '../db.js';

/**
 * Store-credit vouchers: issued by a till's return, spent at any till of the chain. The balance
 * moves only by conditional UPDATEs, so concurrent spends from many tills take it once and never
 * below zero (the CHECK in 0027 says so too); each spend is keyed by the till's spend id.
 */

/** A voucher a till issued (op `voucher.issued`): recorded once. */
export async function recordVoucher(tx: Queryable, tillId: string, storeId: string, v: VoucherIssuedPayload): Promise<{ code: string }> {
  await tx.query(
    `INSERT INTO vouchers (code, return_id, till_id, store_id, currency, amount_minor, balance_minor, issued_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6, $7) ON CONFLICT (code) DO NOTHING`,
    [v.code, v.returnId, tillId, storeId, v.currency, v.amountMinor, v.issuedAt],
  );
  return { code: v.code };
}

/**
 * The answer a spend got the first time it was asked (null: never asked). A spend given back
 * before its request arrived (the till gave up waiting) took nothing: refused as `spent`.
 */
async function earlierSpend(tx: Queryable, spendId: string): Promise<VoucherRedeemResponse | null> {
  const { rows } = await tx.query<{ amount: string; balance: string; returned: boolean }>(
    `SELECT s.amount_minor AS amount, v.balance_minor AS balance, s.returned_at IS NOT NULL AS returned FROM voucher_spends s JOIN vouchers v USING (code) WHERE s.id = $1`,
    [spendId],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.returned) return { taken: false, reason: 'spent', balanceMinor: Number(row.balance) };
  return { taken: true, spendId, amountMinor: Number(row.amount), balanceMinor: Number(row.balance) };
}

class Refused extends Error {
  constructor(readonly answer: VoucherRedeemResponse) {
    super('voucher refused');
  }
}

/** A spend online: the whole amount off the balance, or refused with the reason and nothing changed. */
export async function redeemVoucher(db: Db, tillId: string, r: VoucherRedeemRequest): Promise<VoucherRedeemResponse> {
  try {
    return await db.transaction(async (tx) => {
      const known = await tx.query<{ currency: string; balance: string }>(`SELECT currency, balance_minor AS balance FROM vouchers WHERE code = $1`, [r.code]);
      const voucher = known.rows[0];
      if (!voucher) throw new Refused({ taken: false, reason: 'unknown', balanceMinor: null });
      if (voucher.currency !== r.currency) throw new Refused({ taken: false, reason: 'currency', balanceMinor: null });
      const claimed = await tx.query(
        `INSERT INTO voucher_spends (id, code, till_id, sale_id, amount_minor, offline, spent_at) VALUES ($1, $2, $3, $4, $5, false, now()) ON CONFLICT (id) DO NOTHING`,
        [r.spendId, r.code, tillId, r.saleId, r.amountMinor],
      );
      if (claimed.rowCount === 0) return (await earlierSpend(tx, r.spendId)) as VoucherRedeemResponse;
      const { rows } = await tx.query<{ balance: string }>(
        `UPDATE vouchers SET balance_minor = balance_minor - $2 WHERE code = $1 AND balance_minor >= $2 RETURNING balance_minor AS balance`,
        [r.code, r.amountMinor],
      );
      if (rows[0]) return { taken: true as const, spendId: r.spendId, amountMinor: r.amountMinor, balanceMinor: Number(rows[0].balance) };
      // Not enough on it (any more): the spend row goes with the rollback.
      const now = await tx.query<{ balance: string }>(`SELECT balance_minor AS balance FROM vouchers WHERE code = $1`, [r.code]);
      const balance = Number(now.rows[0]?.balance ?? 0);
      throw new Refused({ taken: false, reason: balance === 0 ? 'spent' : 'insufficient', balanceMinor: balance });
    });
  } catch (e) {
    if (e instanceof Refused) return e.answer;
    throw e;
  }
}

/**
 * A spend a till took offline (op `voucher.spent`): what is left of the balance is taken, never
 * below zero; what it could not cover is recorded on the spend (`overspent_minor`), a conflict
 * for the manager. The sale stands. Null when the voucher is unknown.
 */
export async function recordOfflineSpend(tx: Queryable, tillId: string, s: VoucherSpentPayload): Promise<{ spendId: string; overspentMinor: number } | null> {
  const { rowCount: known } = await tx.query(`SELECT 1 FROM vouchers WHERE code = $1`, [s.code]);
  if (known === 0) return null;
  const claimed = await tx.query(
    `INSERT INTO voucher_spends (id, code, till_id, sale_id, amount_minor, offline, spent_at) VALUES ($1, $2, $3, $4, $5, true, $6) ON CONFLICT (id) DO NOTHING`,
    [s.spendId, s.code, tillId, s.saleId, s.amountMinor, s.spentAt],
  );
  if (claimed.rowCount === 0) {
    const { rows } = await tx.query<{ over: string }>(`SELECT overspent_minor AS over FROM voucher_spends WHERE id = $1`, [s.spendId]);
    return { spendId: s.spendId, overspentMinor: Number(rows[0]?.over ?? 0) };
  }
  const { rows } = await tx.query<{ before: string; after: string }>(
    `UPDATE vouchers v SET balance_minor = GREATEST(v.balance_minor - $2, 0)
     FROM (SELECT code, balance_minor FROM vouchers WHERE code = $1 FOR UPDATE) o
     WHERE v.code = o.code RETURNING o.balance_minor AS before, v.balance_minor AS after`,
    [s.code, s.amountMinor],
  );
  const row = rows[0] as { before: string; after: string };
  const overspent = s.amountMinor - (Number(row.before) - Number(row.after));
  if (overspent > 0) await tx.query(`UPDATE voucher_spends SET overspent_minor = $2 WHERE id = $1`, [s.spendId, overspent]);
  return { spendId: s.spendId, overspentMinor: overspent };
}

/**
 * A spend given back, online (the till's call) or later (op `voucher.returned`), keyed by its spend
 * id, exactly once: one conditional UPDATE marks the spend given back, if it was not, and adds
 * what it took (its amount less any overspend) back to the balance in the same statement. A spend
 * central never had is recorded as given back with nothing taken (a late spend request with its id
 * then takes nothing). Asked again, the first give-back's answer. Null when the voucher is unknown;
 * `mismatch` when the spend id is another till's, voucher's or amount's.
 */
export async function returnSpend(db: Queryable, tillId: string, r: Pick<VoucherReturnRequest, 'spendId' | 'code' | 'saleId' | 'amountMinor'>): Promise<VoucherReturnResponse | null> {
  const { rowCount: known } = await db.query(`SELECT 1 FROM vouchers WHERE code = $1`, [r.code]);
  if (known === 0) return null;
  // A spend committed by a concurrent request after this statement began is not seen by it: asked once more.
  for (let round = 0; round < 3; round++) {
    const given = await giveBackOnce(db, tillId, r);
    if (given) return given;
    const earlier = await db.query<{ given: string | null; balance: string; same: boolean }>(
      `SELECT s.given_back_minor AS given, v.balance_minor AS balance, (s.code = $2 AND s.till_id = $3 AND s.amount_minor = $4) AS same
       FROM voucher_spends s JOIN vouchers v ON v.code = s.code WHERE s.id = $1`,
      [r.spendId, r.code, tillId, r.amountMinor],
    );
    const row = earlier.rows[0];
    if (row && !row.same) return { returned: false, reason: 'mismatch' };
    if (row && row.given !== null) return { returned: true, spendId: r.spendId, givenBackMinor: Number(row.given), balanceMinor: Number(row.balance) };
  }
  throw new Error(`voucher spend ${r.spendId} could not be given back`);
}

/** The one statement: the spend recorded as given back if central never had it, or marked given back and its amount added back, if it was not. */
async function giveBackOnce(db: Queryable, tillId: string, r: Pick<VoucherReturnRequest, 'spendId' | 'code' | 'saleId' | 'amountMinor'>): Promise<VoucherReturnResponse | null> {
  const { rows } = await db.query<{ given: string; balance: string }>(
    `WITH never AS (
       INSERT INTO voucher_spends (id, code, till_id, sale_id, amount_minor, offline, spent_at, returned_at, given_back_minor)
       VALUES ($1, $2, $3, $4, $5, true, now(), now(), 0) ON CONFLICT (id) DO NOTHING RETURNING code
     ), back AS (
       UPDATE voucher_spends SET returned_at = now(), given_back_minor = amount_minor - overspent_minor
       WHERE id = $1 AND code = $2 AND till_id = $3 AND amount_minor = $5 AND returned_at IS NULL AND NOT EXISTS (SELECT 1 FROM never)
       RETURNING code, given_back_minor
     ), credited AS (
       UPDATE vouchers v SET balance_minor = v.balance_minor + back.given_back_minor FROM back WHERE v.code = back.code RETURNING v.balance_minor
     )
     SELECT COALESCE((SELECT given_back_minor FROM back), 0) AS given,
            COALESCE((SELECT balance_minor FROM credited), (SELECT balance_minor FROM vouchers WHERE code = $2)) AS balance
     WHERE EXISTS (SELECT 1 FROM never) OR EXISTS (SELECT 1 FROM back)`,
    [r.spendId, r.code, tillId, r.saleId, r.amountMinor],
  );
  const row = rows[0];
  return row ? { returned: true, spendId: r.spendId, givenBackMinor: Number(row.given), balanceMinor: Number(row.balance) } : null;
}
