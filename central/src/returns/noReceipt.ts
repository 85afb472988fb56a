import type { ReturnNoReceiptPayload } from '../../../core/sync/ops.js';
import type { Queryable } from '../db.js';

/**
 * A till's return without a receipt: recorded with its lines under the till and store that
 * pushed it (no sale, no customer), with the manager whose approval allowed it when the till
 * said (older tills' ops do not: approver_recorded stays false). Applied twice, the second time
 * changes nothing.
 */
export async function recordNoReceiptReturn(tx: Queryable, tillId: string, storeId: string, r: ReturnNoReceiptPayload): Promise<{ returnId: string }> {
  const inserted = await tx.query(
    `INSERT INTO receiptless_returns (id, return_no, till_id, store_id, cashier, currency, method, refund_minor, vat, returned_at, approver_recorded, approver_id, approver_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (id) DO NOTHING`,
    [
      r.returnId,
      r.returnNo,
      tillId,
      storeId,
      r.cashier,
      r.currency,
      r.method,
      r.refundMinor,
      JSON.stringify(r.vat),
      r.returnedAt,
      r.approver !== undefined,
      r.approver?.staffId ?? null,
      r.approver?.name ?? null,
    ],
  );
  if (inserted.rowCount > 0) {
    await tx.query(
      `INSERT INTO receiptless_return_lines (return_id, position, sku, qty_kind, quantity, shelf_price_minor, unit_price_minor, refund_minor, vat_basis_points)
       SELECT $1, l.position, l.sku, l."qtyKind", l.quantity, l."shelfPriceMinor", l."unitPriceMinor", l."refundMinor", l."vatBasisPoints"
       FROM jsonb_to_recordset($2::jsonb) AS l(position int, sku text, "qtyKind" text, quantity int, "shelfPriceMinor" bigint, "unitPriceMinor" bigint, "refundMinor" bigint, "vatBasisPoints" int)`,
      [r.returnId, JSON.stringify(r.lines.map((l, i) => ({ ...l, position: i + 1 })))],
    );
  }
  return { returnId: r.returnId };
}
