import { TillError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import type { VoucherReturnedPayload } from '../../../core/sync/ops.js';
import { VoucherReturnResponse } from '../../../core/voucher/central.js';
import type { HeldVoucherView } from '../../../core/voucher/contract.js';
import { statement, type TillDatabase } from '../db.js';
import type { TillSettings } from '../settings.js';
import { CENTRAL_MS, heldVouchers, record, type VoucherDeps } from './spend.js';

interface Spend {
  id: string;
  sale_id: string;
  code: string;
  amount_minor: number;
  offline: number;
  currency: string;
}

const recordOf = (d: Pick<VoucherDeps, 'db' | 'settings' | 'now' | 'actor'>, action: string, spend: Spend, details: object): void =>
  record(d, action, spend.code, { spendId: spend.id, saleId: spend.sale_id, amount: spend.amount_minor, ...details });

/**
 * Inside a transaction: the spend is given back on this till, and central is told by op
 * `voucher.returned` (keyed by the spend id, applied once whether or not central had the spend).
 */
function giveBackLocally(db: TillDatabase, settings: TillSettings, spend: Spend, at: string): void {
  statement(db, `UPDATE voucher_spends SET state = 'returned', returned_at = ?, returned_offline = 1 WHERE id = ? AND state = 'returning'`).run(at, spend.id);
  const payload: VoucherReturnedPayload = {
    spendId: spend.id,
    code: spend.code,
    saleId: spend.sale_id,
    tillId: settings.tillId,
    currency: spend.currency as VoucherReturnedPayload['currency'],
    amountMinor: spend.amount_minor,
    returnedAt: at,
  };
  statement(db, `INSERT INTO outbox (op_id, op_type, entity_id, payload, created_at) VALUES (?, 'voucher.returned', ?, ?, ?)`).run(newId(), spend.id, JSON.stringify(payload), at);
}

/**
 * Without central, a spend may be given back here when central cannot have counted on it
 * elsewhere: the voucher is this till's own (the till knows its balance), or the spend was
 * taken offline (central had no say in it).
 */
function localAllowed(db: TillDatabase, spend: Spend): boolean {
  return spend.offline === 1 || statement(db, `SELECT 1 FROM vouchers WHERE code = ?`).pluck().get(spend.code) !== undefined;
}

/**
 * A voucher taken on the open sale, given back: its amount goes back on the voucher. The
 * give-back is committed before central is asked (with the spend id, so central gives back once
 * however often it is asked) and its answer the moment it comes. Without an answer it is given
 * back here when `localAllowed`, central told later by op; otherwise the voucher stays on the
 * sale and the cashier is told it needs a connection. Audited either way.
 */
export async function giveBackVoucher(d: VoucherDeps, spendId: string): Promise<HeldVoucherView[]> {
  const sale = d.openSale();
  const spend = sale
    ? (statement(d.db, `SELECT * FROM voucher_spends WHERE id = ? AND sale_id = ? AND state = 'held' AND payment_id IS NULL`).get(spendId, sale.saleId) as Spend | undefined)
    : undefined;
  if (!sale || !spend) throw new TillError('VOUCHER_NOT_ON_SALE');
  d.db.transaction(() => {
    const changed = statement(d.db, `UPDATE voucher_spends SET state = 'returning' WHERE id = ? AND state = 'held' AND payment_id IS NULL`).run(spend.id).changes;
    if (changed !== 1) throw new TillError('VOUCHER_NOT_ON_SALE');
    recordOf(d, 'voucher.return_started', spend, {});
  })();
  const reply = await d.central('/v1/till/vouchers/return', { spendId: spend.id, code: spend.code, saleId: spend.sale_id, amountMinor: spend.amount_minor }, CENTRAL_MS);
  const answer = reply?.status === 200 ? VoucherReturnResponse.safeParse(reply.json) : null;
  const needsConnection = d.db.transaction(() => {
    const at = d.now().toISOString();
    if (answer?.success && answer.data.returned) {
      statement(d.db, `UPDATE voucher_spends SET state = 'returned', returned_at = ?, returned_offline = 0, balance_minor = ? WHERE id = ? AND state = 'returning'`).run(
        at,
        answer.data.balanceMinor,
        spend.id,
      );
      recordOf(d, 'voucher.returned', spend, { givenBack: answer.data.givenBackMinor, balance: answer.data.balanceMinor });
      return false;
    }
    const refused = answer?.success && !answer.data.returned ? { refused: answer.data.reason } : {};
    if (localAllowed(d.db, spend)) {
      giveBackLocally(d.db, d.settings, spend, at);
      recordOf(d, 'voucher.returned_offline', spend, refused);
      return false;
    }
    statement(d.db, `UPDATE voucher_spends SET state = 'held' WHERE id = ? AND state = 'returning'`).run(spend.id);
    recordOf(d, 'voucher.return_needs_connection', spend, refused);
    return true;
  })();
  if (needsConnection) throw new TillError('VOUCHER_RETURN_NEEDS_CONNECTION');
  return heldVouchers(d.db, sale.saleId);
}

/** Every voucher held on the open sale given back (the sale is being cancelled); the first that cannot be stops there, the rest stay held. */
export async function giveBackAll(d: VoucherDeps): Promise<void> {
  const sale = d.openSale();
  if (!sale) return;
  for (const v of heldVouchers(d.db, sale.saleId)) await giveBackVoucher(d, v.spendId);
}

/**
 * At start-up: a give-back the till died in the middle of is finished here, central told by op
 * (it gives back once, whether or not the till's call reached it): the cashier had taken the
 * voucher off the sale, and the sale no longer counts it. Audited; returns how many.
 */
export function finishInterruptedGiveBacks(d: Pick<VoucherDeps, 'db' | 'settings' | 'now' | 'actor'>): number {
  return d.db.transaction(() => {
    const cut = statement(d.db, `SELECT * FROM voucher_spends WHERE state = 'returning'`).all() as Spend[];
    const at = d.now().toISOString();
    for (const spend of cut) {
      giveBackLocally(d.db, d.settings, spend, at);
      recordOf(d, 'voucher.return_settled', spend, {});
    }
    return cut.length;
  })();
}
