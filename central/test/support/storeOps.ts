import { newId } from '../../../core/ids.js';
import { newVoucherCode } from '../../../core/voucher/code.js';

/** Ops a till pushes for store operations: a return without a receipt, a voucher issued and spent. */
export function noReceiptOp(tillId: string, storeId: string, currency: string, returnNo = 1) {
  return {
    opId: newId(),
    type: 'return.no_receipt' as const,
    payload: {
      returnId: newId(),
      returnNo,
      tillId,
      storeId,
      cashier: 'Ana',
      currency,
      returnedAt: '2026-12-04T09:00:00.000Z',
      method: 'storeCredit',
      refundMinor: 2_400,
      lines: [
        { sku: 'SKU-1', qtyKind: 'unit', quantity: 2, shelfPriceMinor: 1_000, unitPriceMinor: 1_000, refundMinor: 2_000, vatBasisPoints: 1900 },
        { sku: 'SKU-2', qtyKind: 'weight', quantity: 500, shelfPriceMinor: 1_000, unitPriceMinor: 800, refundMinor: 400, vatBasisPoints: 900 },
      ],
      vat: [
        { vatBasisPoints: 1900, grossMinor: 2_000, netMinor: 1_681, vatMinor: 319 },
        { vatBasisPoints: 900, grossMinor: 400, netMinor: 367, vatMinor: 33 },
      ],
    },
  };
}

let counter = 0;
/** Deterministic codes: the test's own random source. */
export const voucherCode = () => newVoucherCode((n) => (counter = (counter * 1103515245 + 12345) % 2 ** 31) % n);

export function issuedOp(voucher: string, amount: number, tillId = 'T1', storeId = 'S1', currency = 'RON') {
  return {
    opId: newId(),
    type: 'voucher.issued' as const,
    payload: { code: voucher, returnId: newId(), tillId, storeId, currency, amountMinor: amount, issuedAt: '2026-12-04T09:00:00.000Z' },
  };
}

export function spentOp(voucher: string, amount: number, tillId = 'T1') {
  return {
    opId: newId(),
    type: 'voucher.spent' as const,
    payload: { spendId: newId(), code: voucher, saleId: newId(), tillId, currency: 'RON', amountMinor: amount, spentAt: '2026-12-04T10:00:00.000Z' },
  };
}
