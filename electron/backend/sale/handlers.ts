import { isTillError, TillError } from '../../../core/errors.js';
import type { Language } from '../../../core/i18n/index.js';
import type { CompletedSaleView, saleContract, SaleView, ScanTarget } from '../../../core/sale/contract.js';
import { scanEvent, type ScanEvent, type ScanSource } from '../../../core/scan/scan.js';
import { errorView, type EventRing } from '../events.js';
import type { Handlers, RpcLogger } from '../rpc.js';
import type { SaleService } from './sale.js';

/** What follows the sale from outside it: the customer display, the print queue, sync. */
export interface SaleFollowers {
  /** After every change to the open sale (null: none open); `lineId` is the line the change touched. */
  changed(view: SaleView | null, lineId?: string): void;
  /** After a sale is paid and committed. */
  completed(completed: CompletedSaleView): void;
}

/** The sale's handlers and scans work over the sale service, the till's event ring and the sale's followers. */
export interface Selling {
  readonly sales: SaleService;
  readonly events: EventRing;
  readonly language: Language;
  readonly log: RpcLogger;
  readonly followers: SaleFollowers;
  /**
   * A scan that is not a product goes here (electron/backend/promo): a promo code or link, or
   * a text the till knows as a code, into the sale's codes; null when it is none of them.
   */
  readonly promoCode?: (raw: string, refused: TillError) => SaleView | Promise<SaleView> | null;
  /** Where serial scans go (`scan.target`): the sale, or the open screen; the sale until a screen says. */
  readonly scans: { target: ScanTarget };
  /**
   * Before the open sale is cancelled: what other features took on it is given back (cards,
   * `cardsMinor` in all as the cashier confirmed, electron/backend/payment; vouchers); throws to
   * keep the sale open. True when it cancelled the sale itself, with the last card given back.
   */
  readonly releasing?: (cardsMinor: number | undefined) => Promise<boolean>;
}

/** After every change to the open sale: tell the screens, then the followers. */
function saleChanged(s: Selling, view: SaleView | null, origin: 'screen' | 'serial', lineId?: string): void {
  s.events.push({ type: 'sale.changed', saleId: view?.id ?? null, origin });
  s.followers.changed(view, lineId);
}

function symbologyOf(code: string): ScanEvent['symbology'] | null {
  try {
    return scanEvent(code, 'keyboard').symbology;
  } catch {
    return null;
  }
}

function scanRejected(s: Selling, source: ScanSource, symbology: ScanEvent['symbology'] | null, shown: string, e: unknown): void {
  const error = isTillError(e) ? e : new TillError('INTERNAL');
  s.events.push({ type: 'scan.rejected', source, symbology, value: shown.slice(0, 128), error: errorView(s.language, error) });
}

/** A scan the promo feature took: it tells the screens and followers itself; central may still refuse the code (a promise). */
function promoScanned(s: Selling, promo: SaleView | Promise<SaleView>, source: ScanSource, symbology: ScanEvent['symbology'] | null, shown: string): SaleView | Promise<SaleView> {
  const accepted = (view: SaleView): SaleView => {
    s.events.push({ type: 'scan.accepted', source, symbology, value: shown });
    if (source === 'serial') s.events.push({ type: 'sale.changed', saleId: view.id, origin: 'serial' });
    return view;
  };
  if (!(promo instanceof Promise)) return accepted(promo);
  return promo.then(accepted, (e: unknown) => {
    scanRejected(s, source, symbology, shown, e);
    throw e;
  });
}

/** One scan from any source into the sale, reported on the event stream either way. */
function scanIntoSale(s: Selling, code: string, source: ScanSource, symbology: ScanEvent['symbology'] | null, shown: string, typed = false): SaleView | Promise<SaleView> {
  try {
    let scanned: { view: SaleView; lineId?: string };
    try {
      scanned = s.sales.scan(code, typed);
    } catch (e) {
      const promo = s.promoCode && isTillError(e) ? s.promoCode(code, e) : null;
      if (!promo) throw e;
      return promoScanned(s, promo, source, symbology, shown);
    }
    const { view, lineId } = scanned;
    s.events.push({ type: 'scan.accepted', source, symbology, value: shown });
    saleChanged(s, view, source === 'serial' ? 'serial' : 'screen', lineId);
    return view;
  } catch (e) {
    scanRejected(s, source, symbology, shown, e);
    throw e;
  }
}

/**
 * A code from the serial scanner: into the sale like a typed one, its errors to the event stream,
 * never back to the scanner; while a screen takes scans, to that screen as a `scan.read` event.
 */
export function serialScanIntoSale(s: Selling, event: ScanEvent): void {
  if (s.scans.target === 'screen') {
    s.events.push({ type: 'scan.read', source: 'serial', symbology: event.symbology, code: event.code });
    return;
  }
  const failed = (e: unknown): void => {
    if (!isTillError(e)) s.log.error({ err: e instanceof Error ? e.message : String(e) }, 'serial scan failed');
  };
  // The whole payload, AIM identifier and GS separators included: the sale's resolver reads it as from any other scanner.
  try {
    const done = scanIntoSale(s, event.payload, 'serial', event.symbology, event.code);
    if (done instanceof Promise) done.catch(failed);
  } catch (e) {
    failed(e);
  }
}

/** At start-up: the sale a restart left open goes to the screens and followers; none open, the followers hear so. */
export function showOpenSale(s: Selling): void {
  const open = s.sales.current();
  if (open) saleChanged(s, open, 'screen');
  else s.followers.changed(null);
}

/** A sale paid and committed (by cash here, or by the card feature): tell the screens, then the followers. */
export function announceCompleted(s: Selling, completed: CompletedSaleView): CompletedSaleView {
  s.events.push({ type: 'sale.changed', saleId: completed.sale.id, origin: 'screen' });
  s.followers.completed(completed);
  return completed;
}

/** The open sale was cancelled outside the cashier's call (start-up finished a cancel the till was cut off in). */
export function announceCancelled(s: Selling): void {
  saleChanged(s, null, 'screen');
}

/** A change another feature made to the open sale (her cart, the customer), told like the cashier's own. */
export function announceSaleChange(s: Selling, view: SaleView): void {
  saleChanged(s, view, 'screen');
}

export function saleHandlers(s: Selling): Pick<Handlers, keyof typeof saleContract> {
  const screenChange = (view: SaleView, lineId?: string): SaleView => {
    saleChanged(s, view, 'screen', lineId);
    return view;
  };
  return {
    'sale.current': () => s.sales.current(),
    'sale.scan': ({ code, typed }) => scanIntoSale(s, code, 'keyboard', symbologyOf(code), code, typed),
    'sale.addProduct': ({ sku, grams }) => {
      const { view, lineId } = s.sales.addProduct(sku, grams);
      return screenChange(view, lineId);
    },
    'sale.setQuantity': ({ lineId, quantity }) => screenChange(s.sales.setQuantity(lineId, quantity), lineId),
    'sale.voidLine': ({ lineId }) => screenChange(s.sales.voidLine(lineId)),
    'sale.cancel': async ({ cardsMinor }) => {
      if (!(await s.releasing?.(cardsMinor))) s.sales.cancel();
      saleChanged(s, null, 'screen');
      return null;
    },
    'sale.payCash': ({ tenderedMinor }) => announceCompleted(s, s.sales.pay(tenderedMinor)),
    'sale.lastCompleted': () => s.sales.lastCompleted(),
    'catalog.search': ({ query, limit }) => s.sales.search(query, limit),
    'scan.target': ({ target }) => {
      s.scans.target = target;
      return { target };
    },
  };
}
