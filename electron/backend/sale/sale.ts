import { TillError } from '../../../core/errors.js';
import type { SaleView } from '../../../core/sale/contract.js';
import type { Actor } from '../staff/actor.js';
import type { TillDatabase } from '../db.js';
import type { TillSettings } from '../settings.js';
import { addCustomerLines, addProduct, attachCustomer, scanCode, setQuantity, voidLine, type LineChange, type LineOrigin } from './lines.js';
import type { PricedProduct } from './catalog.js';
import { completedSale, lastCompleted, pay } from './payment.js';
import { giveDiscount, overridePrice, withinManualLimit } from './adjust.js';
import type { ManualDiscount } from '../../../core/sale/manual.js';
import { audit, createSaleState, openOrStartSale, openSale, requireOpenSale, saleView, type SaleServiceOptions, type SaleState } from './state.js';
import type { SaleRow } from './rows.js';

export type { HeldCard, ManualLimit, SaleServiceOptions, SaleTenders } from './state.js';
export type { SalePromotions } from './state.js';

const changeView = (change: LineChange): SaleView => change.view;
const itself = (view: SaleView): SaleView => view;

function currentSale(s: SaleState): SaleView | null {
  const sale = openSale(s);
  return sale ? saleView(s, sale) : null;
}

/**
 * Another feature's change to the open sale (opening one when `open`), in one transaction with
 * the view it leaves: `change` may throw to undo everything it did.
 */
function editOpenSale(s: SaleState, open: boolean, change: (sale: SaleRow, view: () => SaleView) => void): SaleView {
  return s.db.transaction(() => {
    const sale = open ? openOrStartSale(s, s.now().toISOString()) : requireOpenSale(s);
    change(sale, () => saleView(s, sale));
    return saleView(s, sale);
  })();
}

function cancelSale(s: SaleState): null {
  s.db.transaction(() => {
    const sale = requireOpenSale(s);
    if ((s.tenders?.held(sale.id).length ?? 0) > 0) throw new TillError('PAYMENT_CARD_HELD');
    if (s.vouchers?.busy(sale.id)) throw new TillError('VOUCHER_IN_PROGRESS');
    if ((s.vouchers?.held(sale.id).length ?? 0) > 0) throw new TillError('VOUCHER_HELD_ON_SALE');
    cancelNow(s, sale, {});
  })();
  return null;
}

function cancelNow(s: SaleState, sale: SaleRow, details: object): void {
  s.q.cancelSale.run(s.now().toISOString(), sale.id);
  s.promotions?.cancelling?.(sale);
  audit(s, 'sale.cancelled', sale.id, { total: saleView(s, sale).totals.total, ...details });
}

/**
 * The cancel of a sale whose cards were given back for it (electron/backend/payment), inside the
 * transaction that records the last one given back: only while `saleId` is the open sale and
 * nothing is left held on it (no card, no voucher); false otherwise, and nothing changes.
 */
function cancelIfClear(s: SaleState, saleId: string): boolean {
  const sale = openSale(s);
  if (!sale || sale.id !== saleId) return false;
  if ((s.tenders?.held(sale.id).length ?? 0) > 0 || s.vouchers?.busy(sale.id) || (s.vouchers?.held(sale.id).length ?? 0) > 0) return false;
  cancelNow(s, sale, { cardsReversed: true });
  return true;
}

/**
 * The sale lifecycle. Every change is its own committed transaction, so a till that dies
 * mid-sale comes back with the same open sale; completion writes the sale, its payment, its
 * VAT rows, the `sale.completed` outbox op and the receipt's print job in one transaction, or
 * nothing at all.
 */
export function createSaleService(db: TillDatabase, settings: TillSettings, options: SaleServiceOptions = {}) {
  const s = createSaleState(db, settings, options);
  return {
    current: (): SaleView | null => currentSale(s),
    // A scan too may deepen a manual discount: a promotion it sets off takes from a line an amount off works on.
    scan: (raw: string, typed = false): LineChange => withinManualLimit(s, () => scanCode(s, raw, typed), changeView),
    addProduct: (sku: string, grams?: number): LineChange => withinManualLimit(s, () => addProduct(s, sku, grams), changeView),
    setQuantity: (lineId: string, quantity: number): SaleView => withinManualLimit(s, () => setQuantity(s, lineId, quantity), itself),
    voidLine: (lineId: string): SaleView => withinManualLimit(s, () => voidLine(s, lineId), itself),
    cancel: (): null => cancelSale(s),
    cancelIfClear: (saleId: string): boolean => cancelIfClear(s, saleId),
    overridePrice: (lineId: string, unitPrice: number, reason: string): SaleView => overridePrice(s, lineId, unitPrice, reason),
    /** A manual discount on a line, or on the whole sale (`lineId` null); `discount` null takes it off. */
    giveDiscount: (lineId: string | null, discount: ManualDiscount | null, reason: string): SaleView =>
      withinManualLimit(s, () => giveDiscount(s, lineId, discount, reason), itself),
    /** Whether payment started on the open sale: a card approval is held on it. */
    paymentStarted: (): boolean => {
      const sale = openSale(s);
      return sale !== undefined && (s.tenders?.held(sale.id).length ?? 0) > 0;
    },
    editOpenSale: (open: boolean, change: (sale: SaleRow, view: () => SaleView) => void): SaleView => editOpenSale(s, open, change),
    /** Completes the sale: the cards held on it and `tenderedMinor` in cash for the rest. */
    pay: (tenderedMinor: number) => pay(s, tenderedMinor),
    lastCompleted: () => lastCompleted(s),
    completedSale: (by: { saleId: string } | { receiptNo: number }) => completedSale(s, by),
    /** Whether this till completed a sale with this id (cheap: no view is built). */
    isCompleted: (saleId: string): boolean => (s.q.saleById.get(saleId) as SaleRow | undefined)?.status === 'completed',
    search: s.catalog.search,
    product: (sku: string): PricedProduct => s.catalog.bySku(sku),
    attachCustomer: (customerId: string | null): SaleView => attachCustomer(s, customerId),
    /** Another person signed in while a sale is open: it is theirs now (the receipt names them). */
    setCashier: (actor: Actor): void => void s.q.setCashier.run(actor.name, actor.id, s.settings.tillId),
    addCustomerLines: (customerId: string, lines: readonly { product: PricedProduct; units: number; origin: LineOrigin }[]): SaleView =>
      addCustomerLines(s, customerId, lines),
  };
}

export type SaleService = ReturnType<typeof createSaleService>;
