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
export function scannedCode(d: PromoHandlerDeps, raw: string, refused: TillError): SaleView | null {
  const promoKind = refused.code === 'SCAN_NOT_A_PRODUCT' && (refused.params.kind === 'promoCode' || refused.params.kind === 'promoLink');
  if (!promoKind && !(NOT_AN_ITEM.has(refused.code) && d.promotions.knows(raw))) return null;
  const view = d.promotions.enterCode(d.selling.sales, raw);
  return codeChanged(d, view, view.promo.codes.at(-1)?.code ?? null);
}

export function promoHandlers(d: PromoHandlerDeps): Pick<Handlers, keyof typeof promoContract> {
  return {
    'promo.enterCode': ({ code }) => {
      const view = d.promotions.enterCode(d.selling.sales, code);
      return codeChanged(d, view, view.promo.codes.filter((c) => c.source === 'entered').at(-1)?.code ?? null);
    },
    'promo.removeCode': ({ code }) => codeChanged(d, d.promotions.removeCode(d.selling.sales, code), null),
  };
}
