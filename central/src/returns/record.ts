import type { SaleReturnedPayload } from '../../../core/sync/ops.js';
import { recordChanges } from '../changes.js';
import type { Queryable } from '../db.js';
import { giveBack } from '../promo/usage.js';

/** What promotions took off each line of sales just recorded (push_sale_ops keeps the lines, this their discounts). */
export async function recordLineDiscounts(tx: Queryable, lines: readonly { lineId: string; discountMinor?: number | undefined }[]): Promise<void> {
  const discounted = lines.filter((l) => (l.discountMinor ?? 0) > 0).map((l) => ({ lineId: l.lineId, discount: l.discountMinor }));
  if (discounted.length === 0) return;
  await tx.query(
    `UPDATE sale_lines l SET discount_minor = d.discount FROM jsonb_to_recordset($1::jsonb) AS d("lineId" text, discount bigint) WHERE l.id = d."lineId"`,
    [JSON.stringify(discounted)],
  );
}

/**
 * A return from a till: recorded against the sale (any till's of the chain), a 'return'
 * touchpoint on her timeline when the sale had a customer, and — once every line of the sale is
 * back — its single-use codes rolled back: usable again where the campaign allows. Every step
 * is conditional, so the same return applied twice changes nothing the second time.
 */
export async function recordReturn(tx: Queryable, tillId: string, storeId: string, r: SaleReturnedPayload): Promise<{ returnId: string; complete: boolean; codesReissued: string[] }> {
  const { rows: sale } = await tx.query<{ customer_id: string | null }>(`SELECT customer_id FROM sales WHERE id = $1`, [r.saleId]);
  const customerId = sale[0]?.customer_id ?? null;
  const inserted = await tx.query(
    `INSERT INTO sale_returns (id, return_no, sale_id, till_id, store_id, customer_id, cashier, currency, method, refund_minor, vat, returned_at, card_refund_minor, approval_code, card_last4)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) ON CONFLICT (id) DO NOTHING`,
    [
      r.returnId,
      r.returnNo,
      r.saleId,
      tillId,
      storeId,
      customerId,
      r.cashier,
      r.currency,
      r.method,
      r.refundMinor,
      JSON.stringify(r.vat),
      r.returnedAt,
      r.card?.amountMinor ?? 0,
      r.card?.approvalCode ?? null,
      r.card?.cardLast4 ?? null,
    ],
  );
  if (inserted.rowCount > 0) {
    await tx.query(
      `INSERT INTO sale_return_lines (return_id, line_id, sku, quantity, refund_minor, vat_basis_points)
       SELECT $1, l."lineId", l.sku, l.quantity, l."refundMinor", l."vatBasisPoints"
       FROM jsonb_to_recordset($2::jsonb) AS l("lineId" text, sku text, quantity int, "refundMinor" bigint, "vatBasisPoints" int)`,
      [r.returnId, JSON.stringify(r.lines)],
    );
    await tx.query(
      `INSERT INTO touchpoints (id, channel, kind, customer_id, store_id, sale_id, occurred_at)
       VALUES ($1, 'store', 'return', $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING`,
      [r.returnId, customerId, storeId, r.saleId, r.returnedAt],
    );
  }
  const complete = await returnedInFull(tx, r.saleId);
  return { returnId: r.returnId, complete, codesReissued: complete ? await rollBackCodes(tx, r.saleId, r.returnedAt) : [] };
}

async function returnedInFull(tx: Queryable, saleId: string): Promise<boolean> {
  const { rows } = await tx.query<{ complete: boolean | null }>(
    `SELECT bool_and(coalesce(b.quantity, 0) >= l.quantity) AS complete
     FROM sale_lines l
     LEFT JOIN (SELECT rl.line_id, sum(rl.quantity) AS quantity FROM sale_return_lines rl JOIN sale_returns r ON r.id = rl.return_id
                WHERE r.sale_id = $1 GROUP BY rl.line_id) b ON b.line_id = l.id
     WHERE l.sale_id = $1`,
    [saleId],
  );
  return rows[0]?.complete === true;
}

/**
 * The sale's redemptions rolled back, their uses and discounts given back to their campaigns'
 * totals; each single-use code issued again if its campaign allows and nobody redeemed it since.
 */
async function rollBackCodes(tx: Queryable, saleId: string, at: string): Promise<string[]> {
  const { rows: rolledBack } = await tx.query<{ campaign_id: string; discount_minor: string }>(
    `UPDATE redemptions SET rolled_back_at = $2 WHERE sale_id = $1 AND rolled_back_at IS NULL RETURNING campaign_id, discount_minor`,
    [saleId, at],
  );
  await giveBack(tx, rolledBack);
  const { rows } = await tx.query<{ code: string }>(
    `UPDATE promo_codes k SET state = 'issued' FROM campaigns c
     WHERE c.id = k.campaign_id AND c.reissue_on_return AND k.state = 'redeemed'
       AND k.code IN (SELECT code FROM redemptions WHERE sale_id = $1 AND single_use)
       AND NOT EXISTS (SELECT 1 FROM redemptions x WHERE x.code = k.code AND x.single_use AND x.rolled_back_at IS NULL)
     RETURNING k.code`,
    [saleId],
  );
  const codes = rows.map((r) => r.code);
  await recordChanges(tx, 'promo_code', codes);
  return codes;
}
