import { TillError } from '../../../core/errors.js';
import type { Actor, ActorSource } from '../staff/actor.js';
import { newId } from '../../../core/ids.js';
import { maskPhone } from '../../../core/customer/phone.js';
import { lineTotal, saleTotals } from '../../../core/sale/sale.js';
import { applyManual, type ManualDiscount } from '../../../core/sale/manual.js';
import type { ManualDiscountView, SaleLineView, SaleView } from '../../../core/sale/contract.js';
import { lineDiscounts, NO_PROMOTIONS, type PromoView } from '../../../core/promo/view.js';
import { audit as writeAudit, type TillDatabase } from '../db.js';
import type { TillSettings } from '../settings.js';
import { createCatalog } from './catalog.js';
import { prepareSaleQueries, type SaleQueries } from './queries.js';
import { storedManual, toLineView, toPriced, type LineRow, type SaleRow } from './rows.js';

/**
 * How promotions price a sale, from outside it (electron/backend/promo): the sale asks, never
 * reads their tables, and they never write its rows.
 */
export interface SalePromotions {
  /** An open sale's promotions over its live lines; a completed one's as frozen at completion. */
  forSale(sale: SaleRow, lines: readonly SaleLineView[]): PromoView;
  /** Inside the completion transaction, with the view that was paid: what must commit with the sale (discounts, redemptions). */
  completing(sale: SaleRow, paid: SaleView, at: string): void;
  /** Inside the cancel transaction: the codes it held at central can go. */
  cancelling?(sale: SaleRow): void;
}

/** A card approval taken on the open sale and not yet part of a completed one. */
export interface HeldCard {
  readonly attemptId: string;
  readonly amount: number;
  readonly approvalCode: string;
  readonly cardLast4: string;
}

/**
 * Card payments taken on the open sale, from outside it (electron/backend/payment): the sale
 * asks, never reads their table.
 */
export interface SaleTenders {
  held(saleId: string): readonly HeldCard[];
  /** Inside the completion transaction: the approval is now this payment of the completed sale. */
  claim(attemptId: string, paymentId: string): void;
}

/** A store-credit voucher spend held on the open sale (electron/backend/voucher). */
export interface HeldVoucher {
  readonly spendId: string;
  readonly code: string;
  readonly amount: number;
}

/** Vouchers taken on the open sale, from outside it: the sale asks, never reads their table. */
export interface SaleVouchers {
  held(saleId: string): readonly HeldVoucher[];
  /** Inside the completion transaction: the spend is now this payment of the completed sale. */
  claim(spendId: string, paymentId: string, at: string): void;
  /** Whether central is being asked about a voucher on the sale (taking or giving one back): the sale then neither completes nor cancels. */
  busy(saleId: string): boolean;
}

/**
 * The store's manual-discount limit, from outside the sale (electron/backend/staff/rules.ts): the
 * sale measures what a change leaves and asks.
 */
export interface ManualLimit {
  /** Whether a depth (basis points, core/sale/manual.ts `deepestManual`) is beyond the limit. */
  over(depth: number): boolean;
  /** A change that makes the sale deeper beyond the limit: allowed (the role, or a manager's approval) or APPROVAL_REQUIRED. */
  allow(): void;
}

export interface SaleServiceOptions {
  readonly now?: () => Date;
  readonly promotions?: SalePromotions;
  /** Runs inside the completion transaction: what must commit with the sale (its receipt job). */
  readonly onCompleted?: (saleId: string) => void;
  /** Who is at the till (staff): the cashier on a new sale and on every audit row. */
  readonly actor?: ActorSource;
  readonly tenders?: SaleTenders;
  readonly vouchers?: SaleVouchers;
  /** Scans, quantities, voids and manual discounts are held to it; none: not checked. */
  readonly manualLimit?: ManualLimit;
}

/** What every sale operation works over: the database, the store's settings, the prepared statements. */
export interface SaleState {
  readonly db: TillDatabase;
  readonly settings: TillSettings;
  readonly q: SaleQueries;
  readonly catalog: ReturnType<typeof createCatalog>;
  readonly now: () => Date;
  /** The store's calendar day of an instant, for dated VAT rates. */
  readonly localDay: Intl.DateTimeFormat;
  readonly onCompleted?: (saleId: string) => void;
  readonly promotions?: SalePromotions;
  readonly actor: ActorSource;
  readonly tenders?: SaleTenders;
  readonly vouchers?: SaleVouchers;
  readonly manualLimit?: ManualLimit;
}

export function createSaleState(db: TillDatabase, settings: TillSettings, options: SaleServiceOptions): SaleState {
  return {
    db,
    settings,
    q: prepareSaleQueries(db),
    catalog: createCatalog(db, settings),
    now: options.now ?? (() => new Date()),
    localDay: new Intl.DateTimeFormat('en-CA', { timeZone: settings.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }),
    onCompleted: options.onCompleted,
    promotions: options.promotions,
    actor: options.actor ?? ((): Actor => ({ id: null, name: settings.cashier })),
    tenders: options.tenders,
    vouchers: options.vouchers,
    manualLimit: options.manualLimit,
  };
}

function saleCustomer(s: SaleState, customerId: string | null): SaleView['customer'] {
  if (customerId === null) return null;
  const row = s.q.customerOnSale.get(customerId) as { id: string; name: string; phone: string | null } | undefined;
  // A customer the cache no longer holds (a resync swept her) stays on the sale by id.
  return { id: customerId, name: row?.name ?? '', maskedPhone: row?.phone ? maskPhone(row.phone) : '' };
}

/**
 * The sale as the screens, the receipt and sync see it: its lines, the promotions over them, then
 * the manual discounts on what the promotions left (each line's own, then the sale's spread over
 * the lines), and the totals with VAT per rate from each line's discounted gross.
 */
export function saleView(s: SaleState, sale: SaleRow): SaleView {
  const rows = s.q.lines.all(sale.id) as LineRow[];
  const plain = rows.map(toLineView);
  const promo = s.promotions?.forSale(sale, plain) ?? NO_PROMOTIONS;
  const promoOff = lineDiscounts(promo);
  const live = rows.filter((r) => r.voided_at === null);
  const saleManual = storedManual(sale);
  const manual = applyManual(
    live.map((r) => ({ id: r.id, remaining: lineTotal(toPriced(r)) - (promoOff.get(r.id) ?? 0), discount: storedManual(r) })),
    saleManual,
  );
  const discountOf = (id: string): number => (promoOff.get(id) ?? 0) + (manual.line.get(id) ?? 0) + (manual.share.get(id) ?? 0);
  const manualView = (given: ManualDiscount | null, reason: string | null, amount: number): ManualDiscountView | null =>
    given === null ? null : { kind: given.kind, value: given.value, reason: reason ?? '', amount };
  return {
    id: sale.id,
    status: sale.status,
    receiptNo: sale.receipt_no,
    currency: sale.currency,
    openedAt: sale.opened_at,
    closedAt: sale.closed_at,
    lines: plain.map((l, i) => {
      const row = rows[i] as LineRow;
      return {
        ...l,
        discount: l.voided ? 0 : discountOf(l.id),
        manual: l.voided ? null : manualView(storedManual(row), row.manual_reason, manual.line.get(l.id) ?? 0),
        saleShare: manual.share.get(l.id) ?? 0,
      };
    }),
    customer: saleCustomer(s, sale.customer_id),
    promo,
    manual: manualView(saleManual, sale.manual_reason, manual.sale),
    totals: saleTotals(rows.map((r) => ({ ...toPriced(r), discount: discountOf(r.id) })), sale.currency),
  };
}

export function openSale(s: SaleState): SaleRow | undefined {
  return s.q.openSale.get(s.settings.tillId) as SaleRow | undefined;
}

export function requireOpenSale(s: SaleState): SaleRow {
  const sale = openSale(s);
  if (!sale) throw new TillError('SALE_NO_OPEN_SALE');
  return sale;
}

export function openOrStartSale(s: SaleState, at: string): SaleRow {
  const existing = openSale(s);
  if (existing) return existing;
  const actor = s.actor();
  s.q.insertSale.run({
    id: newId(),
    till_id: s.settings.tillId,
    store_id: s.settings.storeId,
    cashier: actor.name,
    cashier_id: actor.id,
    currency: s.settings.currency,
    country: s.settings.country,
    opened_at: at,
  });
  return openSale(s) as SaleRow;
}

export function audit(s: SaleState, action: string, subject: string | null, details: unknown): void {
  const actor = s.actor();
  writeAudit(s.db, { at: s.now().toISOString(), tillId: s.settings.tillId, actor: actor.name, actorId: actor.id, action, subject, details });
}
