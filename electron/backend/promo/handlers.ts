import { TillError } from '../../../core/errors.js';
import { resolveScan } from '../../../core/scan/resolve.js';
import type { promoContract } from '../../../core/promo/contract.js';
import type { AppliedPromoView } from '../../../core/promo/view.js';
import type { SaleView } from '../../../core/sale/contract.js';
import type { Handlers } from '../rpc.js';
import { announceSaleChange, type Selling } from '../sale/handlers.js';
import type { VerifiedScan } from '../scan/signed.js';
import type { Promotions } from './service.js';

export interface PromoHandlerDeps {
  readonly promotions: Promotions;
  readonly selling: Selling;
  /** Checks a scanned signed offer or app card offline (electron/backend/scan/signed.ts). */
  readonly verify: (text: string) => Promise<VerifiedScan>;
  /** Whether the till's cache holds this customer: only she can be attached. */
  readonly knows: (customerId: string) => boolean;
  /** The customer display shows a code's saving as it is applied. */
  readonly showApplied?: (view: SaleView, applied: AppliedPromoView) => void;
}

/** After a code changed the sale: the screens and followers hear of it, the display shows the saving. */
function codeChanged(d: PromoHandlerDeps, view: SaleView, code: string | null): SaleView {
  announceSaleChange(d.selling, view);
  const applied = code === null ? undefined : view.promo.applied.find((a) => a.code === code);
  if (applied) d.showApplied?.(view, applied);
  return view;
}

const NOT_AN_ITEM: ReadonlySet<string> = new Set(['SCAN_UNKNOWN_BARCODE', 'SCAN_UNKNOWN_CODE']);

/**
 * A scan the sale refused as not an item goes to the code box's path when it is a promo code or
 * link, or a text the till knows as a code (a shared code printed as a barcode); null otherwise.
 */
export function scannedCode(d: PromoHandlerDeps, raw: string, refused: TillError): SaleView | Promise<SaleView> | null {
  const signed = refused.code === 'SCAN_NOT_A_PRODUCT' ? resolveScan(raw) : null;
  if (signed?.kind === 'signedOffer' || signed?.kind === 'appCard') return signedScanned(d, signed.text);
  const promoKind = refused.code === 'SCAN_NOT_A_PRODUCT' && (refused.params.kind === 'promoCode' || refused.params.kind === 'promoLink');
  if (!promoKind && !(NOT_AN_ITEM.has(refused.code) && d.promotions.knows(raw))) return null;
  return entered(d, d.promotions.enterCode(d.selling.sales, raw));
}

/** A code was entered (and, online, held at central): the screens and the display hear of it; a refusal by central is told too, as the change it undid. */
function entered(d: PromoHandlerDeps, result: SaleView | Promise<SaleView>): SaleView | Promise<SaleView> {
  const done = (view: SaleView): SaleView => codeChanged(d, view, view.promo.codes.filter((c) => c.source === 'entered').at(-1)?.code ?? null);
  if (!(result instanceof Promise)) return done(result);
  return result.then(done, (e: unknown) => {
    const now = d.selling.sales.current();
    if (now) announceSaleChange(d.selling, now);
    throw e;
  });
}

/**
 * A signed token read from any scanner or the camera, verified offline: her app card attaches
 * her (so she is found without saying her number); an offer puts its code on the sale,
 * vouched for offline (a personal one attaches her when nobody is on the sale yet).
 */
async function signedScanned(d: PromoHandlerDeps, text: string): Promise<SaleView> {
  const verified = await d.verify(text);
  const attach = (customerId: string, unknown: 'SCAN_CARD_UNKNOWN_CUSTOMER' | 'SCAN_OFFER_UNKNOWN_CUSTOMER'): SaleView => {
    if (!d.knows(customerId)) throw new TillError(unknown);
    return d.selling.sales.attachCustomer(customerId);
  };
  if (verified.kind === 'appCard') {
    const view = attach(verified.card.customer, 'SCAN_CARD_UNKNOWN_CUSTOMER');
    announceSaleChange(d.selling, view);
    return view;
  }
  return entered(d, d.promotions.enterOffer(d.selling.sales, verified.offer, verified.text, (customerId) => void attach(customerId, 'SCAN_OFFER_UNKNOWN_CUSTOMER')));
}

export function promoHandlers(d: PromoHandlerDeps): Pick<Handlers, keyof typeof promoContract> {
  return {
    'promo.enterCode': ({ code }) => entered(d, d.promotions.enterCode(d.selling.sales, code)),
    'promo.removeCode': ({ code }) => codeChanged(d, d.promotions.removeCode(d.selling.sales, code), null),
  };
}
