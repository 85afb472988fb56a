import { TillError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { toDecimalString } from '../../../core/money.js';
import { receiptSchema, type Receipt } from '../../../core/receipt/model.js';
import { lineRefund, refundVat, remaining } from '../../../core/returns/refund.js';
import type { RefundMethod, ReturnableLine, ReturnableSale, ReturnView } from '../../../core/returns/contract.js';
import type { SaleReturnedPayload } from '../../../core/sync/ops.js';
import { audit, statement } from '../db.js';
import { enqueueReturnReceipt } from '../hardware/printQueue.js';
import { storeLocalTime } from '../sale/receiptForSale.js';
import { cashInDrawer, recordReturnInShift } from '../shift/shift.js';
import { commitCardReturn } from './card.js';
import { issueVoucher } from '../voucher/issue.js';
import type { ReturnDeps } from './deps.js';
import { centralSale, localSale, withReturnsHere } from './find.js';

export interface ReturnRequest {
  readonly saleId: string;
  readonly lines: readonly { readonly lineId: string; readonly quantity: number }[];
  readonly method: RefundMethod;
}

/** The card's share of a refund, as the terminal approved it. */
export interface CardRefund {
  readonly amount: number;
  readonly approvalCode: string;
  readonly cardLast4: string;
}

interface ReturnedLine {
  readonly line: ReturnableLine;
  readonly quantity: number;
  readonly refund: number;
}

/** Each chosen line against what is left of it: refused whole, before anything is written, if one does not fit. */
export function checkLines(sale: ReturnableSale, request: ReturnRequest): ReturnedLine[] {
  if (new Set(request.lines.map((l) => l.lineId)).size !== request.lines.length) throw new TillError('INPUT_INVALID');
  return request.lines.map(({ lineId, quantity }) => {
    const line = sale.lines.find((l) => l.lineId === lineId);
    if (!line) throw new TillError('RETURN_UNKNOWN_LINE');
    const left = remaining(line);
    if (left === 0) throw new TillError('RETURN_LINE_RETURNED', { name: line.names.en });
    if (line.qtyKind === 'weight' && quantity !== left) throw new TillError('RETURN_WEIGHED_PARTIAL', { name: line.names.en });
    if (quantity > left) throw new TillError('RETURN_TOO_MANY', { name: line.names.en, left });
    return { line, quantity, refund: lineRefund(line, quantity) };
  });
}

/**
 * The method against how the sale was paid. `cash` is the refund's cash part: all of it for a
 * cash refund, what is left over the card's share for a card refund (refused when the drawer
 * holds less). A card refund is made only through the terminal (`card` its approved share).
 */
export function checkMethod(d: ReturnDeps, sale: ReturnableSale, method: RefundMethod, cash: number, throughTerminal: boolean): void {
  if (method === 'card' && sale.cardApprovalUnknown) throw new TillError('RETURN_CARD_ELSEWHERE');
  if (!sale.refundMethods.includes(method)) throw new TillError('RETURN_METHOD_NOT_ALLOWED', { methods: sale.refundMethods.join(', ') });
  if (method === 'card' && !throughTerminal) throw new TillError('RETURN_NO_TERMINAL');
  if (method === 'storeCredit' || cash <= 0) return;
  const drawer = cashInDrawer(d.shifts);
  if (drawer !== null && cash > drawer) throw new TillError('RETURN_CASH_SHORT', { expected: toDecimalString({ amount: drawer, currency: sale.currency }) });
}

function returnReceipt(
  d: ReturnDeps,
  sale: ReturnableSale,
  id: string,
  returnNo: number,
  at: string,
  cashier: string,
  method: RefundMethod,
  lines: readonly ReturnedLine[],
  refund: number,
  card: CardRefund | null,
  voucher: string | null,
): Receipt {
  const header = d.header();
  const name = (l: ReturnableLine): string => (d.language === 'en' ? l.names.en : d.language === 'ro' ? l.names.ro : l.names.ru);
  return receiptSchema.parse({
    saleId: id,
    language: d.language,
    currency: sale.currency,
    store: { name: header.storeName, legalName: header.legalName, address: [...header.address], taxId: header.taxId },
    receiptNo: returnNo,
    tillId: d.settings.tillId,
    cashier,
    issuedAt: storeLocalTime(at, d.settings.timeZone),
    lines: lines.map((r) => ({
      name: name(r.line),
      quantity: r.line.qtyKind === 'unit' ? { kind: 'unit', units: r.quantity } : { kind: 'weight', grams: r.quantity },
      unitPrice: r.line.unitPrice,
      amount: r.refund,
      vatBasisPoints: r.line.vatBasisPoints,
      discounts: [],
    })),
    saleDiscounts: [],
    vat: refundVat(lines.map((r) => ({ vatBasisPoints: r.line.vatBasisPoints, refund: r.refund }))),
    total: refund,
    payments: [],
    refund: {
      method,
      amount: refund,
      saleReceiptNo: sale.receiptNo,
      saleTillId: sale.tillId,
      ...(card ? { card: { amount: card.amount, last4: card.cardLast4, approvalCode: card.approvalCode } } : {}),
      ...(voucher ? { voucher: { code: voucher } } : {}),
    },
    customerPhone: null,
    qr: voucher ? { kind: 'voucher', data: voucher } : null,
    footer: [...header.footer],
  });
}

/** The next return number of this till (returns with and without a receipt count together); inside the return's transaction. */
export function nextReturnNo(db: ReturnDeps['db']): number {
  return statement(db, `INSERT INTO counters (name, value) VALUES ('return_no', 1) ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value`)
    .pluck()
    .get() as number;
}

/**
 * The return, its lines, the `sale.returned` op, the shift's running totals, the audit row and
 * the return receipt's print job commit in one transaction, or nothing does. What is left to
 * return is read again inside it, so two returns of the same receipt cannot both give it back.
 */
export function commit(d: ReturnDeps, read: () => ReturnableSale, request: ReturnRequest, card: CardRefund | null = null): ReturnView {
  return d.db.transaction(() => {
    const sale = read();
    const lines = checkLines(sale, request);
    const refund = lines.reduce((sum, r) => sum + r.refund, 0);
    if (card && card.amount > refund) throw new TillError('INPUT_INVALID');
    checkMethod(d, sale, request.method, refund - (card?.amount ?? 0), card !== null);
    const at = d.now();
    const iso = at.toISOString();
    const id = newId(at.getTime());
    const who = d.actor();
    const returnNo = nextReturnNo(d.db);
    statement(
      d.db,
      `INSERT INTO returns (id, return_no, sale_id, sale_till, receipt_no, till_id, store_id, cashier, cashier_id, currency, method, refund_minor, customer_id, returned_at,
         card_refund_minor, approval_code, card_last4)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      returnNo,
      sale.saleId,
      sale.tillId,
      sale.receiptNo,
      d.settings.tillId,
      d.settings.storeId,
      who.name,
      who.id,
      sale.currency,
      request.method,
      refund,
      sale.customerId,
      iso,
      card?.amount ?? 0,
      card?.approvalCode ?? null,
      card?.cardLast4 ?? null,
    );
    const insertLine = statement(
      d.db,
      `INSERT INTO return_lines (return_id, line_id, sku, name_en, name_ru, name_ro, qty_kind, quantity, refund_minor, vat_basis_points) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of lines) {
      insertLine.run(id, r.line.lineId, r.line.sku, r.line.names.en, r.line.names.ru, r.line.names.ro, r.line.qtyKind, r.quantity, r.refund, r.line.vatBasisPoints);
    }
    const vat = refundVat(lines.map((r) => ({ vatBasisPoints: r.line.vatBasisPoints, refund: r.refund })));
    const payload: SaleReturnedPayload = {
      returnId: id,
      returnNo,
      saleId: sale.saleId,
      tillId: d.settings.tillId,
      storeId: d.settings.storeId,
      cashier: who.name,
      currency: sale.currency,
      returnedAt: iso,
      method: request.method,
      refundMinor: refund,
      ...(card ? { card: { amountMinor: card.amount, approvalCode: card.approvalCode, cardLast4: card.cardLast4 } } : {}),
      lines: lines.map((r) => ({ lineId: r.line.lineId, sku: r.line.sku, quantity: r.quantity, refundMinor: r.refund, vatBasisPoints: r.line.vatBasisPoints })),
      vat: vat.map((v) => ({ vatBasisPoints: v.basisPoints, grossMinor: v.gross, netMinor: v.net, vatMinor: v.vat })),
    };
    statement(d.db, `INSERT INTO outbox (op_id, op_type, entity_id, payload, created_at) VALUES (?, 'sale.returned', ?, ?, ?)`).run(newId(at.getTime()), id, JSON.stringify(payload), iso);
    recordReturnInShift(d.shifts, { method: request.method, amount: refund, card: card?.amount ?? 0, vat });
    audit(d.db, {
      at: iso,
      tillId: d.settings.tillId,
      actor: who.name,
      actorId: who.id,
      action: 'return.committed',
      subject: id,
      details: { saleId: sale.saleId, refund, method: request.method, ...(card ? { card: card.amount, approvalCode: card.approvalCode } : {}) },
    });
    const voucher = request.method === 'storeCredit' ? issueVoucher(d.db, d.settings, id, refund, at) : null;
    enqueueReturnReceipt(d.db, returnReceipt(d, sale, id, returnNo, iso, who.name, request.method, lines, refund, card, voucher), at);
    const back = new Map(lines.map((r) => [r.line.lineId, r.quantity]));
    return {
      returnId: id,
      returnNo,
      saleId: sale.saleId,
      method: request.method,
      refund,
      currency: sale.currency,
      lines: lines.map((r) => ({ lineId: r.line.lineId, sku: r.line.sku, names: r.line.names, quantity: r.quantity, refund: r.refund })),
      complete: sale.lines.every((l) => remaining(l) === (back.get(l.lineId) ?? 0)),
      card,
      voucherCode: voucher,
    };
  })();
}

/** A return against a receipt: this till's sale at once; another till's asks central first (offline: refused, plainly). */
export function commitReturn(d: ReturnDeps, request: ReturnRequest): ReturnView | Promise<ReturnView> {
  const done = (view: ReturnView): ReturnView => {
    d.committed?.();
    return view;
  };
  if (request.method === 'card') return commitCardReturn(d, request).then(done);
  if (d.sales.isCompleted(request.saleId)) return done(commit(d, () => localSale(d, request.saleId) as ReturnableSale, request));
  return centralSale(d, request.saleId).then((found) => done(commit(d, () => withReturnsHere(d, found.sale), request)));
}
