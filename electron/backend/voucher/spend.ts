import { TillError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { toDecimalString } from '../../../core/money.js';
import type { VoucherSpentPayload } from '../../../core/sync/ops.js';
import { VoucherRedeemResponse } from '../../../core/voucher/central.js';
import { normaliseVoucherCode, voucherCheck } from '../../../core/voucher/code.js';
import type { HeldVoucherView } from '../../../core/voucher/contract.js';
import { audit, statement, type TillDatabase } from '../db.js';
import type { SaleVouchers } from '../sale/state.js';
import type { TillSettings } from '../settings.js';
import type { ActorSource } from '../staff/actor.js';

/** What paying with vouchers works over. */
export interface VoucherDeps {
  readonly db: TillDatabase;
  readonly settings: TillSettings;
  readonly now: () => Date;
  readonly actor: ActorSource;
  /** The open sale: its id and what is left to pay after the cards held on it. */
  readonly openSale: () => { readonly saleId: string; readonly due: number } | null;
  /** One small request to central with the device token; null when not paired or central does not answer in time. */
  readonly central: (path: string, body: unknown, timeoutMs: number) => Promise<{ status: number; json: unknown } | null>;
}

/** The customer is at the till: central answers at once or the till decides offline. */
export const CENTRAL_MS = 3000;

interface SpendRow {
  id: string;
  sale_id: string;
  code: string;
  amount_minor: number;
  state: 'pending' | 'held' | 'refused' | 'returning' | 'returned';
  offline: number;
  balance_minor: number | null;
  payment_id: string | null;
}

const view = (r: SpendRow): HeldVoucherView => ({ spendId: r.id, code: r.code, amount: r.amount_minor, balance: r.balance_minor, offline: r.offline === 1 });

function held(db: TillDatabase, saleId: string): SpendRow[] {
  return statement(db, `SELECT * FROM voucher_spends WHERE sale_id = ? AND state = 'held' AND payment_id IS NULL ORDER BY id`).all(saleId) as SpendRow[];
}

export function record(d: Pick<VoucherDeps, 'db' | 'settings' | 'now' | 'actor'>, action: string, subject: string, details: unknown): void {
  const who = d.actor();
  audit(d.db, { at: d.now().toISOString(), tillId: d.settings.tillId, actor: who.name, actorId: who.id, action, subject, details });
}

/**
 * Offline: a voucher this till issued, up to what is left of it as far as this till knows; or
 * another's, while the vouchers of others taken offline and not yet at central stay within the cap.
 */
function offlineAllowed(d: VoucherDeps, code: string, amount: number): boolean {
  const issued = statement(d.db, `SELECT amount_minor FROM vouchers WHERE code = ?`).pluck().get(code) as number | undefined;
  if (issued !== undefined) {
    const spent = statement(d.db, `SELECT COALESCE(SUM(amount_minor), 0) FROM voucher_spends WHERE code = ? AND state IN ('held', 'returning')`).pluck().get(code) as number;
    return amount <= issued - spent;
  }
  const outstanding = statement(
    d.db,
    `SELECT COALESCE(SUM(s.amount_minor), 0) FROM voucher_spends s
     WHERE s.offline = 1 AND s.state = 'held' AND s.code NOT IN (SELECT code FROM vouchers)
       AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.op_type = 'voucher.spent' AND o.entity_id = s.id AND o.status = 'done')`,
  )
    .pluck()
    .get() as number;
  return outstanding + amount <= d.settings.voucherOfflineCapMinor;
}

/**
 * A voucher on the open sale. The spend is committed before central is asked (with its id, so
 * central takes it once however often it is asked) and its answer the moment it comes. Taken,
 * it is held on the sale until the sale completes. With no answer, the till decides offline
 * (offlineAllowed) and tells central later (op `voucher.spent`, the same id).
 */
export async function applyVoucher(d: VoucherDeps, input: { code: string; amountMinor?: number | undefined }): Promise<HeldVoucherView> {
  const code = normaliseVoucherCode(input.code);
  if (code === null) throw new TillError('VOUCHER_NOT_A_CODE');
  if (voucherCheck(code) === 'mistyped') throw new TillError('VOUCHER_MISTYPED');
  const sale = d.openSale();
  if (!sale) throw new TillError('SALE_NO_OPEN_SALE');
  const money = (amount: number) => toDecimalString({ amount, currency: d.settings.currency });
  const due = sale.due - held(d.db, sale.saleId).reduce((s, v) => s + v.amount_minor, 0);
  if (held(d.db, sale.saleId).some((v) => v.code === code)) throw new TillError('VOUCHER_ALREADY_ON_SALE');
  const amount = input.amountMinor ?? due;
  if (due <= 0 || amount > due) throw new TillError('VOUCHER_OVER_REMAINDER', { remainder: money(Math.max(due, 0)) });
  const id = newId(d.now().getTime());
  statement(d.db, `INSERT INTO voucher_spends (id, sale_id, code, amount_minor, currency, state, started_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)`).run(
    id,
    sale.saleId,
    code,
    amount,
    d.settings.currency,
    d.now().toISOString(),
  );
  const reply = await d.central('/v1/till/vouchers/redeem', { spendId: id, code, saleId: sale.saleId, currency: d.settings.currency, amountMinor: amount }, CENTRAL_MS);
  const answer = reply?.status === 200 ? VoucherRedeemResponse.safeParse(reply.json) : null;
  const settle = (state: 'held' | 'refused', offline: boolean, balance: number | null, action: string, details: object) =>
    d.db.transaction(() => {
      statement(d.db, `UPDATE voucher_spends SET state = ?, offline = ?, balance_minor = ?, answered_at = ? WHERE id = ?`).run(state, offline ? 1 : 0, balance, d.now().toISOString(), id);
      record(d, action, code, { spendId: id, saleId: sale.saleId, amount, ...details });
    })();
  if (answer?.success && answer.data.taken) {
    settle('held', false, answer.data.balanceMinor, 'voucher.taken', { balance: answer.data.balanceMinor });
  } else if (answer?.success && !answer.data.taken) {
    const { reason, balanceMinor } = answer.data;
    settle('refused', false, balanceMinor, 'voucher.refused', { reason });
    if (reason === 'unknown') throw new TillError('VOUCHER_UNKNOWN');
    if (reason === 'spent') throw new TillError('VOUCHER_SPENT');
    if (reason === 'currency') throw new TillError('VOUCHER_CURRENCY');
    throw new TillError('VOUCHER_INSUFFICIENT', { balance: money(balanceMinor ?? 0) });
  } else if (offlineAllowed(d, code, amount)) {
    settle('held', true, null, 'voucher.taken_offline', {});
  } else {
    settle('refused', true, null, 'voucher.needs_connection', {});
    throw new TillError('VOUCHER_NEEDS_CONNECTION');
  }
  return view(statement(d.db, `SELECT * FROM voucher_spends WHERE id = ?`).get(id) as SpendRow);
}

/** At start-up: a spend the till died waiting on is not held (the sale cannot count it); a retry of it at central, with its id, would only return the first answer. */
export function settleInterruptedSpends(db: TillDatabase, now: Date): number {
  return statement(db, `UPDATE voucher_spends SET state = 'refused', answered_at = ? WHERE state = 'pending'`).run(now.toISOString()).changes;
}

/** What the sale asks of vouchers: those held on it, claiming them as it completes (an offline one is then queued for central), and whether central is being asked about one. */
export function saleVouchers(d: Pick<VoucherDeps, 'db' | 'settings'>): SaleVouchers {
  return {
    busy: (saleId) => statement(d.db, `SELECT 1 FROM voucher_spends WHERE sale_id = ? AND state IN ('pending', 'returning')`).pluck().get(saleId) !== undefined,
    held: (saleId) => held(d.db, saleId).map((r) => ({ spendId: r.id, code: r.code, amount: r.amount_minor })),
    claim: (spendId, paymentId, at) => {
      const row = statement(d.db, `SELECT * FROM voucher_spends WHERE id = ?`).get(spendId) as SpendRow | undefined;
      const changed = statement(d.db, `UPDATE voucher_spends SET payment_id = ? WHERE id = ? AND state = 'held' AND payment_id IS NULL`).run(paymentId, spendId).changes;
      if (changed !== 1 || !row) throw new TillError('PAYMENT_ATTEMPT_NOT_FOUND');
      if (row.offline !== 1) return;
      const payload: VoucherSpentPayload = {
        spendId,
        code: row.code,
        saleId: row.sale_id,
        tillId: d.settings.tillId,
        currency: d.settings.currency,
        amountMinor: row.amount_minor,
        spentAt: at,
      };
      statement(d.db, `INSERT INTO outbox (op_id, op_type, entity_id, payload, created_at) VALUES (?, 'voucher.spent', ?, ?, ?)`).run(newId(), spendId, JSON.stringify(payload), at);
    },
  };
}

/** The vouchers held on a sale, for the payment screen. */
export function heldVouchers(db: TillDatabase, saleId: string): HeldVoucherView[] {
  return held(db, saleId).map(view);
}
