import { TillError } from '../../../core/errors.js';
import type { CartToSaleResult, customerContract } from '../../../core/customer/contract.js';
import type { SaleView } from '../../../core/sale/contract.js';
import type { Handlers } from '../rpc.js';
import type { LineOrigin } from '../sale/lines.js';
import { announceSaleChange, type Selling } from '../sale/handlers.js';
import type { CustomerCreation } from './create.js';
import type { CustomerDirectory, LiveLookup } from './lookup.js';

export interface CustomerDesk {
  readonly directory: CustomerDirectory;
  readonly creation: CustomerCreation;
  readonly selling: Selling;
  readonly now: () => Date;
  readonly central?: LiveLookup;
}

/** Her online cart of one channel into the sale: what this store sells by the unit goes in, the rest stays and is named. */
function cartToSale(d: CustomerDesk, customerId: string, channel: 'web' | 'app', skus?: readonly string[]): CartToSaleResult {
  d.directory.requireCustomer(customerId);
  const chosen = d.directory.cartLines(customerId, channel).filter((l) => !skus || skus.includes(l.sku));
  const skipped: CartToSaleResult['skipped'] = [];
  const lines: { product: ReturnType<Selling['sales']['product']>; units: number; origin: LineOrigin }[] = [];
  for (const line of chosen) {
    if (line.storePrice === null) {
      skipped.push({ sku: line.sku, reason: 'notSoldHere' });
      continue;
    }
    const product = d.selling.sales.product(line.sku);
    if (product.soldBy === 'weight') skipped.push({ sku: line.sku, reason: 'weighed' });
    else lines.push({ product, units: line.quantity, origin: `cart:${channel}` });
  }
  if (lines.length === 0) throw new TillError('CUSTOMER_CART_EMPTY', { channel });
  const sale = d.selling.sales.addCustomerLines(customerId, lines);
  announceSaleChange(d.selling, sale);
  return { sale, added: lines.length, skipped };
}

/** One of her favourites into the sale, marked as such, with her attached. */
function favouriteToSale(d: CustomerDesk, customerId: string, sku: string): SaleView {
  const favourite = d.directory.profile(customerId).favourites.find((f) => f.sku === sku);
  if (!favourite) throw new TillError('CUSTOMER_NOT_FAVOURITE', { sku });
  if (favourite.storePrice === null) throw new TillError('PRODUCT_NO_PRICE', { sku, name: favourite.names[d.selling.language] });
  const product = d.selling.sales.product(sku);
  if (product.soldBy === 'weight') throw new TillError('CUSTOMER_ITEM_WEIGHED', { sku });
  const sale = d.selling.sales.addCustomerLines(customerId, [{ product, units: 1, origin: 'favourite' }]);
  announceSaleChange(d.selling, sale);
  return sale;
}

export function customerHandlers(d: CustomerDesk): Pick<Handlers, keyof typeof customerContract> {
  return {
    'customer.lookup': ({ query }) => d.directory.lookup(query, d.now(), d.central),
    'customer.profile': ({ customerId }) => d.directory.freshProfile(customerId, d.now(), d.central),
    'customer.revealPhone': ({ customerId }) => d.directory.revealPhone(customerId, d.now()),
    'customer.attachToSale': ({ customerId }): SaleView => {
      // Attaching someone the till does not know would send central a dangling id.
      if (customerId !== null) d.directory.requireCustomer(customerId);
      const sale = d.selling.sales.attachCustomer(customerId);
      announceSaleChange(d.selling, sale);
      return sale;
    },
    'customer.cartToSale': ({ customerId, channel, skus }) => cartToSale(d, customerId, channel, skus),
    'customer.favouriteToSale': ({ customerId, sku }) => favouriteToSale(d, customerId, sku),
    'customer.create': (input) => d.creation.create(input, d.now()),
  };
}
