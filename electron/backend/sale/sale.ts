import { TillError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { parseScan } from '../../../core/scan/barcode.js';
import { cashChange, lineTotal, MAX_LINES, saleTotals, validateQuantity, type PricedLine, type Quantity } from '../../../core/sale/sale.js';
import { vatRateOn, type VatCategory } from '../../../core/vat.js';
import type { SaleCompletedPayload } from '../../../core/sync/ops.js';
import type { CompletedSaleView, SaleLineView, SaleView } from '../../../core/sale/contract.js';
import type { TillDatabase } from '../db.js';
import type { TillSettings } from '../settings.js';
import { createCatalog, type PricedProduct } from './catalog.js';

interface SaleRow {
  id: string;
  status: 'open' | 'completed' | 'cancelled';
  receipt_no: number | null;
  currency: SaleView['currency'];
  opened_at: string;
  closed_at: string | null;
  cashier: string;
  till_id: string;
  store_id: string;
  country: TillSettings['country'];
}

/** A `sale_lines` row as stored. */
export interface LineRow {
  id: string;
  position: number;
  sku: string;
  scanned_code: string | null;
  name_en: string;
  name_ru: string;
  name_ro: string;
  qty_kind: 'unit' | 'weight';
  quantity: number;
  unit_price_minor: number;
  fixed_total_minor: number | null;
  vat_basis_points: number;
  voided_at: string | null;
}

interface PaymentRow {
  id: string;
  method: 'cash';
  amount_minor: number;
  tendered_minor: number;
  change_minor: number;
}

/** A stored line as the pricing model sees it. */
export function toPriced(row: LineRow): PricedLine {
  return {
    quantity: row.qty_kind === 'unit' ? { kind: 'unit', units: row.quantity } : { kind: 'weight', grams: row.quantity },
    unitPrice: row.unit_price_minor,
    fixedTotal: row.fixed_total_minor,
    vatBasisPoints: row.vat_basis_points,
    voided: row.voided_at !== null,
  };
}

function toLineView(row: LineRow): SaleLineView {
  return {
    id: row.id,
    position: row.position,
    sku: row.sku,
    names: { en: row.name_en, ru: row.name_ru, ro: row.name_ro },
    qtyKind: row.qty_kind,
    quantity: row.quantity,
    unitPrice: row.unit_price_minor,
    fixedTotal: row.fixed_total_minor,
    lineTotal: lineTotal(toPriced(row)),
    vatBasisPoints: row.vat_basis_points,
    voided: row.voided_at !== null,
  };
}

export interface SaleServiceOptions {
  readonly now?: () => Date;
  /** Runs inside the completion transaction: what must commit with the sale (its receipt job). */
  readonly onCompleted?: (saleId: string) => void;
}

/**
 * The sale lifecycle. Every change is its own committed transaction, so a till that dies
 * mid-sale comes back with the same open sale; completion writes the sale, its payment, its
 * VAT rows, the `sale.completed` outbox op and the receipt's print job in one transaction, or
 * nothing at all.
 */
export function createSaleService(db: TillDatabase, settings: TillSettings, options: SaleServiceOptions = {}) {
  const now = options.now ?? (() => new Date());
  const catalog = createCatalog(db, settings);
  const localDay = new Intl.DateTimeFormat('en-CA', { timeZone: settings.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });

  const q = {
    openSale: db.prepare(`SELECT * FROM sales WHERE till_id = ? AND status = 'open'`),
    saleById: db.prepare('SELECT * FROM sales WHERE id = ?'),
    lines: db.prepare('SELECT * FROM sale_lines WHERE sale_id = ? ORDER BY position'),
    line: db.prepare('SELECT * FROM sale_lines WHERE id = ? AND sale_id = ?'),
    lastLiveLine: db.prepare('SELECT * FROM sale_lines WHERE sale_id = ? AND voided_at IS NULL ORDER BY position DESC LIMIT 1'),
    insertSale: db.prepare(
      `INSERT INTO sales (id, till_id, store_id, cashier, currency, country, status, opened_at)
       VALUES (@id, @till_id, @store_id, @cashier, @currency, @country, 'open', @opened_at)`,
    ),
    insertLine: db.prepare(
      `INSERT INTO sale_lines (id, sale_id, position, sku, scanned_code, name_en, name_ru, name_ro, qty_kind, quantity,
         unit_price_minor, fixed_total_minor, vat_basis_points, added_at)
       VALUES (@id, @sale_id, (SELECT COALESCE(MAX(position), 0) + 1 FROM sale_lines WHERE sale_id = @sale_id), @sku,
         @scanned_code, @name_en, @name_ru, @name_ro, @qty_kind, @quantity, @unit_price_minor, @fixed_total_minor,
         @vat_basis_points, @added_at)`,
    ),
    lineCount: db.prepare('SELECT COUNT(*) AS n FROM sale_lines WHERE sale_id = ?'),
    setQuantity: db.prepare('UPDATE sale_lines SET quantity = ? WHERE id = ?'),
    voidLine: db.prepare('UPDATE sale_lines SET voided_at = ? WHERE id = ?'),
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
    payments: db.prepare('SELECT * FROM payments WHERE sale_id = ? ORDER BY id'),
    insertVat: db.prepare('INSERT INTO sale_vat (sale_id, vat_basis_points, gross_minor, net_minor, vat_minor) VALUES (?, ?, ?, ?, ?)'),
    insertOutbox: db.prepare(
      `INSERT INTO outbox (op_id, op_type, entity_id, payload, created_at) VALUES (?, 'sale.completed', ?, ?, ?)`,
    ),
    lastCompleted: db.prepare(
      `SELECT * FROM sales WHERE till_id = ? AND status = 'completed' ORDER BY receipt_no DESC LIMIT 1`,
    ),
    audit: db.prepare('INSERT INTO audit_log (at, till_id, actor, action, subject, details) VALUES (?, ?, ?, ?, ?, ?)'),
  };

  function view(sale: SaleRow): SaleView {
    const rows = q.lines.all(sale.id) as LineRow[];
    return {
      id: sale.id,
      status: sale.status,
      receiptNo: sale.receipt_no,
      currency: sale.currency,
      openedAt: sale.opened_at,
      closedAt: sale.closed_at,
      lines: rows.map(toLineView),
      totals: saleTotals(rows.map(toPriced), sale.currency),
    };
  }

  function openSale(): SaleRow | undefined {
    return q.openSale.get(settings.tillId) as SaleRow | undefined;
  }

  function requireOpenSale(): SaleRow {
    const sale = openSale();
    if (!sale) throw new TillError('SALE_NO_OPEN_SALE');
    return sale;
  }

  function openOrStartSale(at: string): SaleRow {
    const existing = openSale();
    if (existing) return existing;
    q.insertSale.run({
      id: newId(),
      till_id: settings.tillId,
      store_id: settings.storeId,
      cashier: settings.cashier,
      currency: settings.currency,
      country: settings.country,
      opened_at: at,
    });
    return openSale() as SaleRow;
  }

  function requireLiveLine(sale: SaleRow, lineId: string): LineRow {
    const line = q.line.get(lineId, sale.id) as LineRow | undefined;
    if (!line) throw new TillError('SALE_LINE_NOT_FOUND', { lineId });
    if (line.voided_at !== null) throw new TillError('SALE_LINE_VOIDED', { lineId });
    return line;
  }

  function vatFor(category: VatCategory, at: Date): number {
    return vatRateOn(settings.country, category, localDay.format(at));
  }

  /**
   * Adds a product to the open sale (opening one if needed). Scanning the item that is
   * already the last line adds one to that line, as cashiers expect from a repeated scan.
   */
  function addLine(product: PricedProduct, quantity: Quantity, fixedTotal: number | null, scannedCode: string | null): SaleView {
    validateQuantity(quantity);
    return db.transaction(() => {
      const at = now();
      const sale = openOrStartSale(at.toISOString());
      const last = q.lastLiveLine.get(sale.id) as LineRow | undefined;
      if (last && quantity.kind === 'unit' && last.sku === product.sku && last.qty_kind === 'unit' && last.fixed_total_minor === null) {
        const units = last.quantity + quantity.units;
        validateQuantity({ kind: 'unit', units });
        q.setQuantity.run(units, last.id);
        return view(sale);
      }
      if ((q.lineCount.get(sale.id) as { n: number }).n >= MAX_LINES) {
        throw new TillError('SALE_TOO_MANY_LINES', { max: MAX_LINES });
      }
      q.insertLine.run({
        id: newId(),
        sale_id: sale.id,
        sku: product.sku,
        scanned_code: scannedCode,
        name_en: product.names.en,
        name_ru: product.names.ru,
        name_ro: product.names.ro,
        qty_kind: quantity.kind,
        quantity: quantity.kind === 'unit' ? quantity.units : quantity.grams,
        unit_price_minor: product.price,
        fixed_total_minor: fixedTotal,
        vat_basis_points: vatFor(product.vatCategory, at),
        added_at: at.toISOString(),
      });
      return view(sale);
    })();
  }

  function completedView(sale: SaleRow): CompletedSaleView {
    const payments = (q.payments.all(sale.id) as PaymentRow[]).map((p) => ({
      id: p.id,
      method: p.method,
      amount: p.amount_minor,
      tendered: p.tendered_minor,
      change: p.change_minor,
    }));
    return { sale: view(sale), payments, cashier: sale.cashier, tillId: sale.till_id, storeName: settings.storeName };
  }

  function saleCompletedPayload(sale: SaleRow, saleView: SaleView, payments: CompletedSaleView['payments']): SaleCompletedPayload {
    const lines = q.lines.all(sale.id) as LineRow[];
    return {
      saleId: sale.id,
      tillId: sale.till_id,
      storeId: sale.store_id,
      cashier: sale.cashier,
      receiptNo: saleView.receiptNo as number,
      country: sale.country,
      currency: sale.currency,
      openedAt: sale.opened_at,
      completedAt: saleView.closedAt as string,
      totalMinor: saleView.totals.total,
      lines: lines
        .filter((l) => l.voided_at === null)
        .map((l) => ({
          lineId: l.id,
          position: l.position,
          sku: l.sku,
          scannedCode: l.scanned_code,
          name: l.name_en,
          qtyKind: l.qty_kind,
          quantity: l.quantity,
          unitPriceMinor: l.unit_price_minor,
          lineTotalMinor: lineTotal(toPriced(l)),
          vatBasisPoints: l.vat_basis_points,
        })),
      payments: payments.map((p) => ({
        paymentId: p.id,
        method: p.method,
        amountMinor: p.amount,
        tenderedMinor: p.tendered,
        changeMinor: p.change,
      })),
      vat: saleView.totals.vat.map((r) => ({ vatBasisPoints: r.basisPoints, grossMinor: r.gross, netMinor: r.net, vatMinor: r.vat })),
    };
  }

  function audit(action: string, subject: string | null, details: unknown): void {
    q.audit.run(now().toISOString(), settings.tillId, settings.cashier, action, subject, details === undefined ? null : JSON.stringify(details));
  }

  return {
    current(): SaleView | null {
      const sale = openSale();
      return sale ? view(sale) : null;
    },

    scan(raw: string): SaleView {
      const scan = parseScan(raw, settings.weighedBarcodes);
      if (scan.kind === 'weighed') {
        const product = catalog.byPlu(scan.plu, scan.gtin);
        if (scan.valueKind === 'weight') return addLine(product, { kind: 'weight', grams: scan.value }, null, scan.gtin);
        // A price label: the customer pays the printed amount; the weight is what it buys.
        const grams = product.price > 0 ? Math.max(1, Math.round((scan.value * 1000) / product.price)) : 1;
        return addLine(product, { kind: 'weight', grams }, scan.value, scan.gtin);
      }
      const code = scan.kind === 'gtin' ? scan.gtin : scan.code;
      const product = catalog.byBarcode(code);
      if (product.soldBy === 'weight') throw new TillError('QTY_WEIGHED_ITEM', { sku: product.sku });
      return addLine(product, { kind: 'unit', units: 1 }, null, code);
    },

    addProduct(sku: string, grams?: number): SaleView {
      const product = catalog.bySku(sku);
      if (product.soldBy === 'weight') {
        if (grams === undefined) throw new TillError('QTY_WEIGHED_ITEM', { sku });
        return addLine(product, { kind: 'weight', grams }, null, null);
      }
      return addLine(product, { kind: 'unit', units: 1 }, null, null);
    },

    setQuantity(lineId: string, quantity: number): SaleView {
      return db.transaction(() => {
        const sale = requireOpenSale();
        const line = requireLiveLine(sale, lineId);
        if (line.qty_kind === 'weight') throw new TillError('QTY_WEIGHED_ITEM', { sku: line.sku });
        validateQuantity({ kind: 'unit', units: quantity });
        q.setQuantity.run(quantity, line.id);
        return view(sale);
      })();
    },

    voidLine(lineId: string): SaleView {
      return db.transaction(() => {
        const sale = requireOpenSale();
        const line = requireLiveLine(sale, lineId);
        q.voidLine.run(now().toISOString(), line.id);
        audit('sale.line_voided', sale.id, { lineId: line.id, sku: line.sku, quantity: line.quantity });
        return view(sale);
      })();
    },

    cancel(): null {
      db.transaction(() => {
        const sale = requireOpenSale();
        q.cancelSale.run(now().toISOString(), sale.id);
        audit('sale.cancelled', sale.id, { total: view(sale).totals.total });
      })();
      return null;
    },

    payCash(tenderedMinor: number): CompletedSaleView {
      return db.transaction(() => {
        const sale = requireOpenSale();
        const before = view(sale);
        if (before.totals.itemCount === 0) throw new TillError('SALE_EMPTY');
        const total = before.totals.total;
        const change = cashChange(total, tenderedMinor);
        const at = now().toISOString();
        const receiptNo = (q.nextReceiptNo.get() as { value: number }).value;
        q.completeSale.run(receiptNo, total, at, sale.id);
        q.insertPayment.run(newId(), sale.id, total, tenderedMinor, change, at);
        for (const row of before.totals.vat) q.insertVat.run(sale.id, row.basisPoints, row.gross, row.net, row.vat);
        const completed = completedView(q.saleById.get(sale.id) as SaleRow);
        const payload = saleCompletedPayload(sale, completed.sale, completed.payments);
        q.insertOutbox.run(newId(), sale.id, JSON.stringify(payload), at);
        options.onCompleted?.(sale.id);
        return completed;
      })();
    },

    lastCompleted(): CompletedSaleView | null {
      const sale = q.lastCompleted.get(settings.tillId) as SaleRow | undefined;
      return sale ? completedView(sale) : null;
    },

    search: catalog.search,
  };
}

export type SaleService = ReturnType<typeof createSaleService>;
