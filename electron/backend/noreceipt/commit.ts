import { TillError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { toDecimalString } from '../../../core/money.js';
import { noReceiptLineRefund, type NoReceiptLine, type NoReceiptMethod } from '../../../core/noreceipt/contract.js';
import { receiptSchema, type Receipt } from '../../../core/receipt/model.js';
import type { ReturnView } from '../../../core/returns/contract.js';
import { refundVat } from '../../../core/returns/refund.js';
import type { ReturnNoReceiptPayload } from '../../../core/sync/ops.js';
import { vatRateOn } from '../../../core/vat.js';
import { audit, statement } from '../db.js';
import { enqueueReturnReceipt } from '../hardware/printQueue.js';
import { nextReturnNo } from '../returns/commit.js';
import type { ReturnDeps } from '../returns/deps.js';
import type { PricedProduct } from '../sale/catalog.js';
import { storeLocalTime } from '../sale/receiptForSale.js';
import { cashInDrawer, recordReturnInShift } from '../shift/shift.js';
import { issueVoucher } from '../voucher/issue.js';

/**
 * Returns' deps, the store's price of a product today (the sale's catalogue), and the manager
 * whose approval the guard used for this call (null when the cashier's own role allowed it).
 */
export interface NoReceiptDeps extends ReturnDeps {
  readonly product: (sku: string) => PricedProduct;
  readonly approver: () => { readonly staffId: string; readonly name: string } | null;
}

export interface NoReceiptRequest {
  readonly lines: readonly NoReceiptLine[];
  readonly method: NoReceiptMethod;
}

interface PricedReturnLine {
  readonly product: PricedProduct;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly refund: number;
  readonly vatBasisPoints: number;
}

/**
 * Each line priced at the store's price of the day, or lower as the manager typed; the total
 * against the store's limit and the method against its policy. Refused whole, before anything
 * is written, when one does not fit.
 */
export function priceLines(d: NoReceiptDeps, request: NoReceiptRequest, at: Date): PricedReturnLine[] {
  const policy = d.settings.noReceiptReturns;
  const money = (amount: number): string => toDecimalString({ amount, currency: d.settings.currency });
  if (!policy.methods.includes(request.method)) throw new TillError('RETURN_NO_RECEIPT_METHOD', { methods: policy.methods.join(', ') });
  if (new Set(request.lines.map((l) => l.sku)).size !== request.lines.length) throw new TillError('RETURN_NO_RECEIPT_DUPLICATE');
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: d.settings.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  const lines = request.lines.map((l) => {
    const product = d.product(l.sku);
    const unitPrice = l.unitPriceMinor ?? product.price;
    if (unitPrice > product.price) throw new TillError('RETURN_NO_RECEIPT_PRICE_ABOVE', { name: product.names.en, price: money(product.price) });
    return {
      product,
      quantity: l.quantity,
      unitPrice,
      refund: noReceiptLineRefund(product.soldBy, l.quantity, unitPrice),
      vatBasisPoints: vatRateOn(d.settings.country, product.vatCategory, day),
    };
  });
  const refund = lines.reduce((sum, l) => sum + l.refund, 0);
  if (refund > policy.maxMinor) throw new TillError('RETURN_NO_RECEIPT_OVER_LIMIT', { limit: money(policy.maxMinor), amount: money(refund) });
  if (refund <= 0) throw new TillError('INPUT_INVALID');
  if (request.method === 'cash') {
    const drawer = cashInDrawer(d.shifts);
    if (drawer !== null && refund > drawer) throw new TillError('RETURN_CASH_SHORT', { expected: money(drawer) });
  }
  return lines;
}

function noReceiptReceipt(
  d: NoReceiptDeps,
  id: string,
  returnNo: number,
  at: string,
  cashier: string,
  method: NoReceiptMethod,
  lines: readonly PricedReturnLine[],
  refund: number,
  voucher: string | null,
): Receipt {
  const header = d.header();
  return receiptSchema.parse({
    saleId: id,
    language: d.language,
    currency: d.settings.currency,
    store: { name: header.storeName, legalName: header.legalName, address: [...header.address], taxId: header.taxId },
    receiptNo: returnNo,
    tillId: d.settings.tillId,
    cashier,
    issuedAt: storeLocalTime(at, d.settings.timeZone),
    lines: lines.map((l) => ({
      name: l.product.names[d.language],
      quantity: l.product.soldBy === 'unit' ? { kind: 'unit', units: l.quantity } : { kind: 'weight', grams: l.quantity },
      unitPrice: l.unitPrice,
      amount: l.refund,
      vatBasisPoints: l.vatBasisPoints,
      discounts: [],
    })),
    saleDiscounts: [],
    vat: refundVat(lines.map((l) => ({ vatBasisPoints: l.vatBasisPoints, refund: l.refund }))),
    total: refund,
    payments: [],
    refund: { method, amount: refund, saleReceiptNo: null, saleTillId: null, ...(voucher ? { voucher: { code: voucher } } : {}) },
    customerPhone: null,
    qr: voucher ? { kind: 'voucher', data: voucher } : null,
    footer: [...header.footer],
  });
}

/**
 * A return without a receipt (the guard has already had a manager approve it): the return,
 * its lines, the `return.no_receipt` op naming that manager, the shift's running totals, the
 * audit row and the return receipt commit in one transaction, or nothing does.
 */
export function commitNoReceipt(d: NoReceiptDeps, request: NoReceiptRequest): ReturnView {
  const view = d.db.transaction(() => {
    const at = d.now();
    const lines = priceLines(d, request, at);
    const refund = lines.reduce((sum, l) => sum + l.refund, 0);
    const iso = at.toISOString();
    const id = newId(at.getTime());
    const who = d.actor();
    const approved = d.approver();
    const approver = approved ? { staffId: approved.staffId, name: approved.name } : null;
    const returnNo = nextReturnNo(d.db);
    statement(
      d.db,
      `INSERT INTO receiptless_returns (id, return_no, till_id, store_id, cashier, cashier_id, currency, method, refund_minor, returned_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, returnNo, d.settings.tillId, d.settings.storeId, who.name, who.id, d.settings.currency, request.method, refund, iso);
    const insertLine = statement(
      d.db,
      `INSERT INTO receiptless_return_lines (return_id, position, sku, qty_kind, quantity, shelf_price_minor, unit_price_minor, refund_minor, vat_basis_points)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    lines.forEach((l, i) => insertLine.run(id, i + 1, l.product.sku, l.product.soldBy, l.quantity, l.product.price, l.unitPrice, l.refund, l.vatBasisPoints));
    const vat = refundVat(lines.map((l) => ({ vatBasisPoints: l.vatBasisPoints, refund: l.refund })));
    const payload: ReturnNoReceiptPayload = {
      returnId: id,
      returnNo,
      tillId: d.settings.tillId,
      storeId: d.settings.storeId,
      cashier: who.name,
      currency: d.settings.currency,
      returnedAt: iso,
      method: request.method,
      refundMinor: refund,
      lines: lines.map((l) => ({
        sku: l.product.sku,
        qtyKind: l.product.soldBy,
        quantity: l.quantity,
        shelfPriceMinor: l.product.price,
        unitPriceMinor: l.unitPrice,
        refundMinor: l.refund,
        vatBasisPoints: l.vatBasisPoints,
      })),
      vat: vat.map((v) => ({ vatBasisPoints: v.basisPoints, grossMinor: v.gross, netMinor: v.net, vatMinor: v.vat })),
      approver,
    };
    statement(d.db, `INSERT INTO outbox (op_id, op_type, entity_id, payload, created_at) VALUES (?, 'return.no_receipt', ?, ?, ?)`).run(newId(at.getTime()), id, JSON.stringify(payload), iso);
    recordReturnInShift(d.shifts, { method: request.method, amount: refund, card: 0, vat });
    audit(d.db, {
      at: iso,
      tillId: d.settings.tillId,
      actor: who.name,
      actorId: who.id,
      action: 'return.no_receipt',
      subject: id,
      details: { refund, method: request.method, approverId: approver?.staffId ?? null, lines: payload.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, shelfPrice: l.shelfPriceMinor, price: l.unitPriceMinor })) },
    });
    const voucher = request.method === 'storeCredit' ? issueVoucher(d.db, d.settings, id, refund, at) : null;
    enqueueReturnReceipt(d.db, noReceiptReceipt(d, id, returnNo, iso, who.name, request.method, lines, refund, voucher), at);
    return {
      returnId: id,
      returnNo,
      saleId: null,
      method: request.method,
      refund,
      currency: d.settings.currency,
      lines: lines.map((l) => ({ lineId: null, sku: l.product.sku, names: l.product.names, quantity: l.quantity, refund: l.refund })),
      complete: true,
      card: null,
      voucherCode: voucher,
    } satisfies ReturnView;
  })();
  d.committed?.();
  return view;
}
