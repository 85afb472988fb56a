import type { Currency } from '../money.js';

/** Where a sale happens. */
export type Channel = 'store' | 'web';

/** Who may be given a promotion, and what the basket must hold. All optional: absent = any. */
export interface PromoConditions {
  readonly channels?: readonly Channel[];
  readonly stores?: readonly string[];
  readonly segments?: readonly string[];
  readonly firstPurchaseOnly?: boolean;
  /** Minimum basket subtotal (before promotions), minor units. */
  readonly minBasket?: number;
  /** Lines that count and get the benefit: any of these skus, categories or brands (none listed = every line). */
  readonly skus?: readonly string[];
  readonly categories?: readonly string[];
  readonly brands?: readonly string[];
  /** ISO instants; validFrom inclusive, validTo exclusive. */
  readonly validFrom?: string;
  readonly validTo?: string;
  /** Uses per customer; checked when the customer on the sale is known. */
  readonly perCustomer?: number;
}

export type PromoBenefit =
  | { readonly kind: 'percent'; readonly percent: number }
  | { readonly kind: 'amount'; readonly amount: number }
  /** Each matching unit costs this price (minor units). */
  | { readonly kind: 'fixed_price'; readonly price: number }
  /** Buy `buy` matching units, get `get` of them free: the cheapest units are the free ones. */
  | { readonly kind: 'buy_x_get_y'; readonly buy: number; readonly get: number };

/** What the till may do offline with a code of this promotion. */
export type OfflinePolicy = 'allow' | 'cap' | 'deny' | 'signed_offer_required';

export interface Promotion {
  readonly id: string;
  readonly name: string;
  readonly currency: Currency;
  readonly conditions: PromoConditions;
  readonly benefit: PromoBenefit;
  /** Higher first. Ties break by id, so evaluation is deterministic. */
  readonly priority: number;
  /** An exclusive promotion applies alone: when it applies, nothing else does. */
  readonly exclusive: boolean;
  /** Absent: automatic (no code needed). */
  readonly code?: 'personal' | 'shared';
  readonly offline: OfflinePolicy;
  /** Offline redemptions a till may make of this promotion when offline is 'cap'. */
  readonly offlineCap?: number;
}

/** A code as the till's cache (or central) knows it. */
export interface PromoCodeRecord {
  readonly code: string;
  readonly promotionId: string;
  readonly status: 'active' | 'redeemed' | 'void';
  /** Personal codes: the customer the code belongs to. */
  readonly customerId?: string;
  /** ISO instant after which this one code no longer works (exclusive), whatever its promotion says. */
  readonly expiresAt?: string;
}

export interface BasketLine {
  readonly lineId: string;
  readonly sku: string;
  readonly category?: string;
  readonly brand?: string;
  /** Units (whole numbers; weighed lines count as one unit). */
  readonly quantity: number;
  /** Line total before promotions, minor units. */
  readonly amount: number;
}

export interface Basket {
  readonly currency: Currency;
  readonly lines: readonly BasketLine[];
}

export interface PromoContext {
  readonly now: string;
  readonly channel: Channel;
  readonly storeId: string;
  /** `uses`: her earlier redemptions by promotion id, as far as the caller knows them. */
  readonly customer?: { readonly id: string; readonly segments: readonly string[]; readonly purchases: number; readonly uses?: Readonly<Record<string, number>> };
  readonly online: boolean;
  /** Offline redemptions this till already made, by promotion id. */
  readonly offlineUsed?: Readonly<Record<string, number>>;
  /** Promotion ids vouched for by a verified signed offer (OT1.O.…) scanned for this sale. */
  readonly signedOffers?: readonly string[];
}
