import { TillError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { planTender } from '../../../core/payment/tender.js';
import { lineTotal } from '../../../core/sale/sale.js';
import type { SaleCompletedPayload } from '../../../core/sync/ops.js';
import type { CompletedSaleView, SaleView } from '../../../core/sale/contract.js';
import { statement } from '../db.js';
import { toPriced, type LineRow, type PaymentRow, type SaleRow } from './rows.js';
import { requireOpenSale, saleView, type SaleState } from './state.js';

function completedView(s: SaleState, sale: SaleRow): CompletedSaleView {
  const payments = (s.q.payments.all(sale.id) as PaymentRow[]).map((p) => ({
    id: p.id,
    method: p.method,
    amount: p.amount_minor,
    tendered: p.tendered_minor,
    change: p.change_minor,
    cardLast4: p.card_last4,
    approvalCode: p.approval_code,
    ...(p.voucher_code ? { voucherCode: p.voucher_code } : {}),
  }));
  return { sale: saleView(s, sale), payments, cashier: sale.cashier, tillId: sale.till_id, storeName: s.settings.storeName };
}

/** The `sale.completed` outbox op: what central records of the sale. */
function saleCompletedPayload(s: SaleState, sale: SaleRow, view: SaleView, payments: CompletedSaleView['payments']): SaleCompletedPayload {
  const lines = s.q.lines.all(sale.id) as LineRow[];
  const references = new Map((s.q.payments.all(sale.id) as PaymentRow[]).map((p) => [p.id, p.attempt_id]));
  return {
    saleId: sale.id,
    tillId: sale.till_id,
    storeId: sale.store_id,
    cashier: sale.cashier,
    receiptNo: view.receiptNo as number,
    country: sale.country,
    currency: sale.currency,
    openedAt: sale.opened_at,
    completedAt: view.closedAt as string,
    totalMinor: view.totals.total,
    customerId: sale.customer_id,
    lines: lines
      .filter((l) => l.voided_at === null)
      .map((l) => {
        const seen = view.lines.find((v) => v.id === l.id);
        const manual = (seen?.manual?.amount ?? 0) + (seen?.saleShare ?? 0);
        return {
          lineId: l.id,
          position: l.position,
          sku: l.sku,
          scannedCode: l.scanned_code,
          name: l.name_en,
          qtyKind: l.qty_kind,
          quantity: l.quantity,
          unitPriceMinor: l.unit_price_minor,
          lineTotalMinor: lineTotal(toPriced(l)),
          discountMinor: seen?.discount ?? 0,
          vatBasisPoints: l.vat_basis_points,
          ...(l.origin ? { origin: l.origin } : {}),
          ...(manual > 0 ? { manualDiscountMinor: manual } : {}),
          ...(seen?.manual ? { manualReason: seen.manual.reason } : {}),
          ...(seen?.override ? { originalUnitPriceMinor: seen.override.originalUnitPrice, priceReason: seen.override.reason } : {}),
        };
      }),
    ...(view.manual ? { manualDiscount: { kind: view.manual.kind, value: view.manual.value, amountMinor: view.manual.amount, reason: view.manual.reason } } : {}),
    payments: payments.map((p) => ({
      paymentId: p.id,
      method: p.method,
      amountMinor: p.amount,
      tenderedMinor: p.tendered,
      changeMinor: p.change,
      ...(p.approvalCode && p.cardLast4 ? { approvalCode: p.approvalCode, cardLast4: p.cardLast4 } : {}),
      ...(p.approvalCode && references.get(p.id) ? { terminalReference: references.get(p.id) as string } : {}),
      ...(p.voucherCode ? { voucherCode: p.voucherCode } : {}),
    })),
    vat: view.totals.vat.map((r) => ({ vatBasisPoints: r.basisPoints, grossMinor: r.gross, netMinor: r.net, vatMinor: r.vat })),
  };
}

/**
 * Payment completes the sale: the card approvals already taken on it (the card feature charged
 * them) and the cash for the rest, change only from the cash. The sale, its payments, its VAT
 * rows, the `sale.completed` outbox op and whatever `onCompleted` adds (the receipt's print
 * job) commit in one transaction, or nothing at all — and then the approvals stay held on the
 * open sale, never lost.
 */
export function pay(s: SaleState, tenderedMinor: number): CompletedSaleView {
  return s.db.transaction(() => {
    const sale = requireOpenSale(s);
    const before = saleView(s, sale);
    if (before.totals.itemCount === 0) throw new TillError('SALE_EMPTY');
    const total = before.totals.total;
    if (s.vouchers?.busy(sale.id)) throw new TillError('VOUCHER_IN_PROGRESS');
    const cards = s.tenders?.held(sale.id) ?? [];
    const vouchers = s.vouchers?.held(sale.id) ?? [];
    const prepaid = cards.reduce((sum, c) => sum + c.amount, 0) + vouchers.reduce((sum, v) => sum + v.amount, 0);
    const plan = planTender(total, prepaid, 0, tenderedMinor);
    const at = s.now().toISOString();
    const receiptNo = (s.q.nextReceiptNo.get() as { value: number }).value;
    s.q.completeSale.run(receiptNo, total, at, sale.id);
    for (const card of cards) {
      const id = newId();
      s.q.insertCardPayment.run({ id, sale_id: sale.id, amount: card.amount, at, approval_code: card.approvalCode, card_last4: card.cardLast4, attempt_id: card.attemptId });
      s.tenders?.claim(card.attemptId, id);
    }
    for (const voucher of vouchers) {
      const id = newId();
      statement(s.db, `INSERT INTO payments (id, sale_id, method, amount_minor, tendered_minor, change_minor, paid_at, voucher_code) VALUES (?, ?, 'voucher', ?, ?, 0, ?, ?)`).run(
        id,
        sale.id,
        voucher.amount,
        voucher.amount,
        at,
        voucher.code,
      );
      s.vouchers?.claim(voucher.spendId, id, at);
    }
    if (plan.cash) s.q.insertPayment.run(newId(), sale.id, plan.cash.amount, plan.cash.tendered, plan.cash.change, at);
    for (const row of before.totals.vat) s.q.insertVat.run(sale.id, row.basisPoints, row.gross, row.net, row.vat);
    s.promotions?.completing(sale, before, at);
    const completed = completedView(s, s.q.saleById.get(sale.id) as SaleRow);
    const payload = saleCompletedPayload(s, sale, completed.sale, completed.payments);
    s.q.insertOutbox.run(newId(), sale.id, JSON.stringify(payload), at);
    s.onCompleted?.(sale.id);
    return completed;
  })();
}

/** A completed sale of this till by its id or its receipt number, as it was paid (returns read it); null when there is none. */
export function completedSale(s: SaleState, by: { saleId: string } | { receiptNo: number }): CompletedSaleView | null {
  const sale = ('saleId' in by ? s.q.saleById.get(by.saleId) : s.q.saleByReceiptNo.get(s.settings.tillId, by.receiptNo)) as SaleRow | undefined;
  return sale?.status === 'completed' ? completedView(s, sale) : null;
}

export function lastCompleted(s: SaleState): CompletedSaleView | null {
  const sale = s.q.lastCompleted.get(s.settings.tillId) as SaleRow | undefined;
  return sale ? completedView(s, sale) : null;
}
