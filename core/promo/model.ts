import type { Currency } from '../money.js';
import type { LocalNames } from './names.js';

/** Where a sale happens. */
export type Channel = 'store' | 'web' | 'app';

/** How a percent or amount off falls on the target lines (README.md): every unit, a quota of the cheapest units, or spread. */
export type Allocation = 'each' | 'once' | 'across';

/** Who may be given a promotion, and what the basket must hold. All optional: absent = any. */
export interface PromoConditions {
  readonly channels?: readonly Channel[];
  readonly stores?: readonly string[];
  readonly segments?: readonly string[];
  /** Named customers only: the sale's customer must be one of these. */
  readonly customers?: readonly string[];
  readonly firstPurchaseOnly?: boolean;
  /** Minimum of what remains on the matching lines when the promotion is reached, minor units, inclusive. */
  readonly minBasket?: number;
  /** Minimum units on the matching lines, inclusive. */
  readonly minQuantity?: number;
  /** Lines that count and get the benefit: any of these skus, categories or brands (none listed = every line). */
  readonly skus?: readonly string[];
  readonly categories?: readonly string[];
  readonly brands?: readonly string[];
  /** ISO instants; validFrom inclusive, validTo exclusive. Not checked when `days` is set. */
  readonly validFrom?: string;
  readonly validTo?: string;
  /** Whole local days (YYYY-MM-DD), inclusive, in the context's time zone. */
  readonly days?: { readonly first: string; readonly last: string };
  /** Uses per customer; checked when the customer on the sale is known. */
  readonly perCustomer?: number;
}

/** What the "get" units of a buy X get Y deal pay. */
export type PromoReward = { readonly kind: 'free' } | { readonly kind: 'percent'; readonly percent: number } | { readonly kind: 'amount'; readonly amount: number };

export type PromoBenefit =
  | { readonly kind: 'percent'; readonly percent: number }
  | { readonly kind: 'amount'; readonly amount: number }
  /** Buy `buy` matching units, get `get` more at the reward: the dearest remaining units are the reward. */
  | { readonly kind: 'buy_x_get_y'; readonly buy: number; readonly get: number; readonly reward: PromoReward }
  /** `quantity` matching units together cost `price` (minor units). */
  | { readonly kind: 'fixed_price_set'; readonly quantity: number; readonly price: number };

/** What the till may do offline with a code of this promotion. */
export type OfflinePolicy = 'allow' | 'cap' | 'deny' | 'signed_offer_required';

export interface Promotion {
  readonly id: string;
  readonly name: string;
  /** The name in each UI language where the campaign has one (names.ts): shown by the till, never used by the engine. */
  readonly names?: LocalNames;
  /** Null: its amounts name no currency, so it applies to no sale (`no_currency`). */
  readonly currency: Currency | null;
  readonly conditions: PromoConditions;
  readonly benefit: PromoBenefit;
  /** Higher first. Ties break by id, so evaluation is deterministic. */
  readonly priority: number;
  /** Non-combinable: at most one per sale, the largest discount among them wins. */
  readonly exclusive: boolean;
  /** Percent and amount: default percent → each, amount → across. */
  readonly allocation?: Allocation;
  /** Units per line (each), one quota (once), deals (buy X get Y), sets (fixed price). */
  readonly maxQuantity?: number;
  /** The most one sale gets from it, minor units. */
  readonly cap?: number;
  /** Total redemptions across the chain. */
  readonly maxUses?: number;
  /** Total discount across the chain, minor units. */
  readonly budget?: number;
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
  /** IANA time zone of the store (central's quote: the chain's) for `days`; UTC when absent. */
  readonly timeZone?: string;
  /** Chain-wide redemptions and discount given so far, by promotion id, as central counted them. */
  readonly campaignUsage?: Readonly<Record<string, { readonly uses: number; readonly spent: number }>>;
}
