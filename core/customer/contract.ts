import { z } from 'zod';
import { CURRENCIES } from '../money.js';
import { SaleView } from '../sale/contract.js';
import { CONSENT_CHANNELS } from '../sync/ops.js';
import { text } from '../text.js';

/** The customer at the till: find her, see her, bring her online cart into the sale. */

const Minor = z.number().int();
const Names = z.object({ en: z.string(), ru: z.string(), ro: z.string() });
const CustomerId = text({ min: 1, max: 64 });
export const ONLINE_CHANNELS = ['web', 'app'] as const;

/** One of several customers whose phone ends in the typed digits: enough to ask her, not to copy. */
export const CustomerCandidate = z.object({
  id: z.string(),
  firstName: z.string(),
  surnameInitial: z.string(),
  maskedPhone: z.string(),
  lastVisit: z.string().nullable(),
});
export type CustomerCandidate = z.infer<typeof CustomerCandidate>;

const StorePrice = z.object({
  /** Today's price in this store, in the store's currency; null: this store does not sell it. */
  storePrice: Minor.nullable(),
});

export const CartLineView = StorePrice.extend({
  sku: z.string(),
  names: Names,
  quantity: z.number().int(),
  /** What she saw online, in the currency she saw it in. */
  priceSeen: Minor,
  currencySeen: z.enum(CURRENCIES),
  addedAt: z.string(),
});
export type CartLineView = z.infer<typeof CartLineView>;

export const FavouriteView = StorePrice.extend({ sku: z.string(), names: Names, channel: z.string(), addedAt: z.string() });
export type FavouriteView = z.infer<typeof FavouriteView>;

/** A sale of hers at this till; `store`: this store's name. */
export const PurchaseView = z.object({
  saleId: z.string(),
  receiptNo: z.number().int(),
  closedAt: z.string(),
  store: z.string(),
  total: Minor,
  currency: z.enum(CURRENCIES),
  items: z.number().int(),
});
export type PurchaseView = z.infer<typeof PurchaseView>;

/** An order she placed online, as the last pull brought it; `store`: where she collects it, null for a delivery. */
export const OnlineOrderView = z.object({
  orderId: z.string(),
  orderRef: z.string(),
  channel: z.enum(ONLINE_CHANNELS),
  store: z.string().nullable(),
  placedAt: z.string(),
  total: Minor,
  currency: z.enum(CURRENCIES),
  items: z.number().int(),
});
export type OnlineOrderView = z.infer<typeof OnlineOrderView>;

export const CustomerProfile = z.object({
  id: z.string(),
  name: z.string(),
  segments: z.array(z.string()),
  consents: z.array(z.string()),
  maskedPhone: z.string(),
  carts: z.array(z.object({ channel: z.enum(ONLINE_CHANNELS), lines: z.array(CartLineView) })),
  favourites: z.array(FavouriteView),
  purchases: z.array(PurchaseView),
  onlineOrders: z.array(OnlineOrderView),
  /** When the till's copy was last brought up to date from central; null: never synced (demo seed). */
  asOf: z.string().nullable(),
  /** 'central': asked central just now; 'cache': the till's copy answered (central not reachable or not paired). */
  source: z.enum(['central', 'cache']),
  currency: z.enum(CURRENCIES),
});
export type CustomerProfile = z.infer<typeof CustomerProfile>;

export const LookupResult = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('customer'), customer: CustomerProfile }),
  z.object({ kind: z.literal('candidates'), candidates: z.array(CustomerCandidate), more: z.boolean() }),
  /** No one with this number: `phone` (E.164) goes to Create customer; null for last digits. */
  z.object({ kind: z.literal('notFound'), phone: z.string().nullable() }),
]);
export type LookupResult = z.infer<typeof LookupResult>;

export const CartToSaleResult = z.object({
  sale: SaleView,
  added: z.number().int(),
  /** Lines that stayed in her cart: not sold in this store, or sold by weight. */
  skipped: z.array(z.object({ sku: z.string(), reason: z.enum(['notSoldHere', 'weighed']) })),
});
export type CartToSaleResult = z.infer<typeof CartToSaleResult>;

export const customerContract = {
  /** What the cashier typed: a phone in any form, its last 4–6 digits or a customer id. */
  'customer.lookup': { input: z.object({ query: text({ max: 64 }) }).strict(), output: LookupResult },
  'customer.profile': { input: z.object({ customerId: CustomerId }).strict(), output: CustomerProfile },
  /** The whole number, on an explicit Show: written to the audit log. */
  'customer.revealPhone': { input: z.object({ customerId: CustomerId }).strict(), output: z.object({ phone: z.string() }) },
  /** The sale's customer (opens a sale if none is open); null detaches her. */
  'customer.attachToSale': { input: z.object({ customerId: CustomerId.nullable() }).strict(), output: SaleView },
  /** Her online cart of one channel into the sale, all lines or the chosen SKUs; attaches her too. */
  'customer.cartToSale': {
    input: z.object({ customerId: CustomerId, channel: z.enum(ONLINE_CHANNELS), skus: z.array(text({ min: 1, max: 64 })).max(200).optional() }).strict(),
    output: CartToSaleResult,
  },
  /**
   * A new customer, made at the till for central to merge by phone: her number, her name, an
   * optional e-mail, and only the consents she agreed to (every box starts unticked).
   */
  'customer.create': {
    input: z
      .object({
        phone: text({ max: 40 }),
        name: text({ max: 100 }),
        email: text({ max: 254 }).optional(),
        consents: z.array(z.enum(CONSENT_CHANNELS)).max(CONSENT_CHANNELS.length),
      })
      .strict(),
    output: CustomerProfile,
  },
  /** One of her favourites into the sale (origin 'favourite'); attaches her too. */
  'customer.favouriteToSale': { input: z.object({ customerId: CustomerId, sku: text({ min: 1, max: 64 }) }).strict(), output: SaleView },
} as const;
