import type { adjustContract } from '../../../core/adjust/contract.js';
import type { SaleView } from '../../../core/sale/contract.js';
import type { Handlers } from '../rpc.js';
import { announceSaleChange, type Selling } from '../sale/handlers.js';
import { openDrawerNoSale, type NoSaleDeps } from './noSale.js';

/** Price override, manual discounts and "No sale"; who may is checked in front of them (staff rules). */
export function adjustHandlers(selling: Selling, noSale: NoSaleDeps): Pick<Handlers, keyof typeof adjustContract> {
  const changed = (view: SaleView): SaleView => {
    announceSaleChange(selling, view);
    return view;
  };
  return {
    'sale.overridePrice': ({ lineId, unitPrice, reason }) => changed(selling.sales.overridePrice(lineId, unitPrice, reason)),
    'sale.discountLine': ({ lineId, discount, reason }) => changed(selling.sales.giveDiscount(lineId, discount, reason)),
    'sale.discountSale': ({ discount, reason }) => changed(selling.sales.giveDiscount(null, discount, reason)),
    'drawer.noSale': ({ reason }) => openDrawerNoSale(noSale, reason),
  };
}
