import type { TillDatabase } from '../db.js';

/** The sale's statements, prepared once per till. */
export function prepareSaleQueries(db: TillDatabase) {
  return {
    openSale: db.prepare(`SELECT * FROM sales WHERE till_id = ? AND status = 'open'`),
    saleById: db.prepare('SELECT * FROM sales WHERE id = ?'),
    saleByReceiptNo: db.prepare(`SELECT * FROM sales WHERE till_id = ? AND receipt_no = ? AND status = 'completed'`),
    lines: db.prepare('SELECT * FROM sale_lines WHERE sale_id = ? ORDER BY position'),
    line: db.prepare('SELECT * FROM sale_lines WHERE id = ? AND sale_id = ?'),
    /** The live counted line of this product and origin a repeated scan adds to (the newest, should there be two). */
    mergeableLine: db.prepare(
      `SELECT * FROM sale_lines WHERE sale_id = @sale AND sku = @sku AND voided_at IS NULL AND qty_kind = 'unit'
         AND fixed_total_minor IS NULL AND original_unit_price_minor IS NULL AND origin IS @origin ORDER BY position DESC LIMIT 1`,
    ),
    insertSale: db.prepare(
      `INSERT INTO sales (id, till_id, store_id, cashier, cashier_id, currency, country, status, opened_at)
       VALUES (@id, @till_id, @store_id, @cashier, @cashier_id, @currency, @country, 'open', @opened_at)`,
    ),
    insertLine: db.prepare(
      `INSERT INTO sale_lines (id, sale_id, position, sku, scanned_code, name_en, name_ru, name_ro, qty_kind, quantity,
         unit_price_minor, fixed_total_minor, vat_basis_points, added_at, origin)
       VALUES (@id, @sale_id, (SELECT COALESCE(MAX(position), 0) + 1 FROM sale_lines WHERE sale_id = @sale_id), @sku,
         @scanned_code, @name_en, @name_ru, @name_ro, @qty_kind, @quantity, @unit_price_minor, @fixed_total_minor,
         @vat_basis_points, @added_at, @origin)`,
    ),
    lineCount: db.prepare('SELECT COUNT(*) AS n FROM sale_lines WHERE sale_id = ?'),
    setQuantity: db.prepare('UPDATE sale_lines SET quantity = ? WHERE id = ?'),
    voidLine: db.prepare('UPDATE sale_lines SET voided_at = ? WHERE id = ?'),
    overridePrice: db.prepare('UPDATE sale_lines SET unit_price_minor = ?, original_unit_price_minor = ?, price_reason = ? WHERE id = ?'),
    lineDiscount: db.prepare('UPDATE sale_lines SET manual_kind = @kind, manual_value = @value, manual_reason = @reason WHERE id = @id'),
    saleDiscount: db.prepare(`UPDATE sales SET manual_kind = @kind, manual_value = @value, manual_reason = @reason WHERE id = @id AND status = 'open'`),
    cancelSale: db.prepare(`UPDATE sales SET status = 'cancelled', closed_at = ? WHERE id = ? AND status = 'open'`),
    nextReceiptNo: db.prepare(
      `INSERT INTO counters (name, value) VALUES ('receipt_no', 1)
       ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`,
    ),
    completeSale: db.prepare(
      `UPDATE sales SET status = 'completed', receipt_no = ?, total_minor = ?, closed_at = ? WHERE id = ? AND status = 'open'`,
    ),
    insertPayment: db.prepare(
      `INSERT INTO payments (id, sale_id, method, amount_minor, tendered_minor, change_minor, paid_at)
       VALUES (?, ?, 'cash', ?, ?, ?, ?)`,
    ),
    insertCardPayment: db.prepare(
      `INSERT INTO payments (id, sale_id, method, amount_minor, tendered_minor, change_minor, paid_at, approval_code, card_last4, attempt_id)
       VALUES (@id, @sale_id, 'card', @amount, @amount, 0, @at, @approval_code, @card_last4, @attempt_id)`,
    ),
    payments: db.prepare('SELECT * FROM payments WHERE sale_id = ? ORDER BY id'),
    insertVat: db.prepare('INSERT INTO sale_vat (sale_id, vat_basis_points, gross_minor, net_minor, vat_minor) VALUES (?, ?, ?, ?, ?)'),
    insertOutbox: db.prepare(
      `INSERT INTO outbox (op_id, op_type, entity_id, payload, created_at) VALUES (?, 'sale.completed', ?, ?, ?)`,
    ),
    lastCompleted: db.prepare(
      `SELECT * FROM sales WHERE till_id = ? AND status = 'completed' ORDER BY receipt_no DESC LIMIT 1`,
    ),
    customerOnSale: db.prepare(
      `SELECT c.id, c.name, (SELECT MIN(phone_e164) FROM customer_phones WHERE customer_id = c.id) AS phone FROM customers c WHERE c.id = ?`,
    ),
    setCustomer: db.prepare(`UPDATE sales SET customer_id = ? WHERE id = ? AND status = 'open'`),
    setCashier: db.prepare(`UPDATE sales SET cashier = ?, cashier_id = ? WHERE till_id = ? AND status = 'open'`),
  };
}

export type SaleQueries = ReturnType<typeof prepareSaleQueries>;
