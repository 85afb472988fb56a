import { randomInt } from 'node:crypto';
import { newId } from '../../../core/ids.js';
import type { VoucherIssuedPayload } from '../../../core/sync/ops.js';
import { newVoucherCode } from '../../../core/voucher/code.js';
import { statement, type TillDatabase } from '../db.js';
import type { TillSettings } from '../settings.js';

/**
 * Inside a return's transaction: its store credit becomes a voucher, kept here and queued for
 * central (op `voucher.issued`). A zero refund gives none. Returns the code to print.
 */
export function issueVoucher(db: TillDatabase, settings: TillSettings, returnId: string, amountMinor: number, at: Date): string | null {
  if (amountMinor <= 0) return null;
  const insert = statement(db, `INSERT INTO vouchers (code, return_id, currency, amount_minor, issued_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (code) DO NOTHING`);
  const iso = at.toISOString();
  let code = newVoucherCode(randomInt);
  // 30⁹ codes: a clash is all but impossible, and a fresh one is drawn if it happens.
  while (insert.run(code, returnId, settings.currency, amountMinor, iso).changes === 0) code = newVoucherCode(randomInt);
  const payload: VoucherIssuedPayload = { code, returnId, tillId: settings.tillId, storeId: settings.storeId, currency: settings.currency, amountMinor, issuedAt: iso };
  statement(db, `INSERT INTO outbox (op_id, op_type, entity_id, payload, created_at) VALUES (?, 'voucher.issued', ?, ?, ?)`).run(newId(at.getTime()), code, JSON.stringify(payload), iso);
  return code;
}
