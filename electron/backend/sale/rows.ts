import { lineTotal, type PricedLine } from '../../../core/sale/sale.js';
import type { SaleLineView, SaleView } from '../../../core/sale/contract.js';
import type { ManualDiscount } from '../../../core/sale/manual.js';
import type { TillSettings } from '../settings.js';

/** A `sales` row as stored. */
export interface SaleRow {
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
  customer_id: string | null;
  manual_kind: 'percent' | 'amount' | null;
  manual_value: number | null;
  manual_reason: string | null;
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
  origin: SaleLineView['origin'];
  original_unit_price_minor: number | null;
  price_reason: string | null;
  manual_kind: 'percent' | 'amount' | null;
  manual_value: number | null;
  manual_reason: string | null;
}

/** A `payments` row as stored. */
export interface PaymentRow {
  id: string;
  method: 'cash' | 'card' | 'voucher';
  amount_minor: number;
  tendered_minor: number;
  change_minor: number;
  approval_code: string | null;
  card_last4: string | null;
  /** A card payment: the charge attempt it came from, the terminal's reference for it. */
  attempt_id: string | null;
  voucher_code: string | null;
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

export function toLineView(row: LineRow): SaleLineView {
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
    discount: 0,
    override: row.original_unit_price_minor === null ? null : { originalUnitPrice: row.original_unit_price_minor, reason: row.price_reason ?? '' },
    manual: null,
    saleShare: 0,
    vatBasisPoints: row.vat_basis_points,
    voided: row.voided_at !== null,
    origin: row.origin,
  };
}

/** A stored manual discount (a line's or the sale's), if there is one. */
export function storedManual(row: { manual_kind: 'percent' | 'amount' | null; manual_value: number | null }): ManualDiscount | null {
  return row.manual_kind === null || row.manual_value === null ? null : { kind: row.manual_kind, value: row.manual_value };
}
