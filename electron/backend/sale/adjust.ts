import { TillError } from '../../../core/errors.js';
import { MAX_AMOUNT, toDecimalString } from '../../../core/money.js';
import type { SaleLineView, SaleView } from '../../../core/sale/contract.js';
import { deepestManual, MAX_PERCENT_BP, type ManualDiscount } from '../../../core/sale/manual.js';
import type { LineRow, SaleRow } from './rows.js';
import { audit, openSale, requireOpenSale, saleView, type SaleState } from './state.js';

/**
 * What the cashier changes by hand on the open sale: a line's price and the manual discounts.
 * Who may do it is decided before (electron/backend/staff/rules.ts); each change is audited in
 * its own transaction with what it changed and why.
 */

function requireReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed === '') throw new TillError('ADJUST_REASON_REQUIRED');
  return trimmed;
}

function requireLine(s: SaleState, sale: SaleRow, lineId: string): LineRow {
  const line = s.q.line.get(lineId, sale.id) as LineRow | undefined;
  if (!line) throw new TillError('SALE_LINE_NOT_FOUND', { lineId });
  if (line.voided_at !== null) throw new TillError('SALE_LINE_VOIDED', { lineId });
  return line;
}

/** A line's new unit price; back to the catalogue's price, the override is gone. */
export function overridePrice(s: SaleState, lineId: string, unitPrice: number, reason: string): SaleView {
  return s.db.transaction(() => {
    const sale = requireOpenSale(s);
    const line = requireLine(s, sale, lineId);
    if (line.fixed_total_minor !== null) throw new TillError('ADJUST_PRICE_LABEL');
    if (!Number.isInteger(unitPrice) || unitPrice <= 0 || unitPrice > MAX_AMOUNT) throw new TillError('ADJUST_PRICE_INVALID');
    const why = requireReason(reason);
    if (unitPrice === line.unit_price_minor) throw new TillError('ADJUST_PRICE_SAME');
    const original = line.original_unit_price_minor ?? line.unit_price_minor;
    const back = unitPrice === original;
    s.q.overridePrice.run(unitPrice, back ? null : original, back ? null : why, line.id);
    audit(s, 'sale.price_overridden', sale.id, { lineId: line.id, sku: line.sku, from: line.unit_price_minor, to: unitPrice, original, reason: why });
    return saleView(s, sale);
  })();
}

/** What a discount may take at most: what is left of the line (or the sale) after promotions and the other manual discounts. */
function baseFor(view: SaleView, lineId: string | null): number {
  if (lineId === null) return view.totals.total + (view.manual?.amount ?? 0);
  const line = view.lines.find((l) => l.id === lineId) as SaleLineView;
  return line.lineTotal - line.discount + (line.manual?.amount ?? 0) + line.saleShare;
}

function requireDiscount(discount: ManualDiscount, base: number, currency: SaleView['currency']): void {
  if (base <= 0) throw new TillError('ADJUST_NOTHING_LEFT');
  if (discount.kind === 'percent' && (!Number.isInteger(discount.value) || discount.value < 1 || discount.value > MAX_PERCENT_BP)) {
    throw new TillError('ADJUST_PERCENT_INVALID');
  }
  if (discount.kind === 'amount' && (!Number.isInteger(discount.value) || discount.value < 1 || discount.value > base)) {
    throw new TillError('ADJUST_AMOUNT_INVALID', { max: toDecimalString({ amount: base, currency }) });
  }
}

/**
 * A manual discount on a line (`lineId`) or on the whole sale (null), or none (`discount` null):
 * checked against what is left to pay, stored as given (a percent stays a percent as the line changes).
 */
export function giveDiscount(s: SaleState, lineId: string | null, discount: ManualDiscount | null, reason: string): SaleView {
  return s.db.transaction(() => {
    const sale = requireOpenSale(s);
    const line = lineId === null ? null : requireLine(s, sale, lineId);
    const why = discount === null ? (reason.trim() === '' ? null : reason.trim()) : requireReason(reason);
    if (discount !== null) requireDiscount(discount, baseFor(saleView(s, sale), lineId), sale.currency);
    const row = { kind: discount?.kind ?? null, value: discount?.value ?? null, reason: discount === null ? null : why };
    if (line) s.q.lineDiscount.run({ ...row, id: line.id });
    else s.q.saleDiscount.run({ ...row, id: sale.id });
    const after = saleView(s, s.q.saleById.get(sale.id) as SaleRow);
    const amount = line ? (after.lines.find((l) => l.id === line.id)?.manual?.amount ?? 0) : (after.manual?.amount ?? 0);
    audit(s, discount === null ? 'sale.discount_removed' : 'sale.discount_given', sale.id, {
      ...(line ? { lineId: line.id, sku: line.sku } : { on: 'sale' }),
      ...(discount ? { kind: discount.kind, value: discount.value, amount } : {}),
      reason: why,
    });
    return after;
  })();
}

/** Thrown to roll back a change that went over the store's manual-discount limit, to measure the sale as it was. */
const OVER = Symbol('over');

/**
 * A change to the open sale held to the store's manual-discount limit (`s.manualLimit`), measured
 * on the view the change returns (core/sale/manual.ts `deepestManual`, no view built for it).
 * Within the limit, as nearly every change is, it stands as it is. Over it, the change is rolled
 * back and the sale as it was measured: a change that makes the sale deeper than it was needs
 * the limit's allowance (a manager's approval, else APPROVAL_REQUIRED with the sale untouched);
 * allowed, or no deeper (one a manager approved before stays), it is made again. A change that
 * fails on its own fails with its own message.
 */
export function withinManualLimit<T>(s: SaleState, change: () => T, viewOf: (result: T) => SaleView): T {
  const limit = s.manualLimit;
  if (!limit) return change();
  let after = 0;
  try {
    return s.db.transaction(() => {
      const result = change();
      after = deepestManual(viewOf(result));
      if (limit.over(after)) throw OVER;
      return result;
    })();
  } catch (e) {
    if (e !== OVER) throw e;
  }
  const sale = openSale(s);
  if (after > (sale ? deepestManual(saleView(s, sale)) : 0)) limit.allow();
  return change();
}
