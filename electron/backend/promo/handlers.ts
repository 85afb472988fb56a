import type { TillError } from '../../../core/errors.js';
import type { promoContract } from '../../../core/promo/contract.js';
import type { AppliedPromoView } from '../../../core/promo/view.js';
import type { SaleView } from '../../../core/sale/contract.js';
import type { Handlers } from '../rpc.js';
import { announceSaleChange, type Selling } from '../sale/handlers.js';
import type { Promotions } from './service.js';

export interface PromoHandlerDeps {
  readonly promotions: Promotions;
  readonly selling: Selling;
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

export function promoHandlers(d: PromoHandlerDeps): Pick<Handlers, keyof typeof promoContract> {
  return {
    'promo.enterCode': ({ code }) => entered(d, d.promotions.enterCode(d.selling.sales, code)),
    'promo.removeCode': ({ code }) => codeChanged(d, d.promotions.removeCode(d.selling.sales, code), null),
  };
}
