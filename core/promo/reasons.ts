/** Why a code or promotion was not applied: issue 9's stable codes. Every one has its message in ./i18n.ts. */
export const PROMO_REASONS = [
  'mistyped_code',
  'unknown_code',
  'expired',
  'not_yet_valid',
  'wrong_store',
  'wrong_channel',
  'wrong_currency',
  /** The campaign has amounts but no currency at central, so no sale can tell what they are worth. */
  'no_currency',
  'wrong_segment',
  /** Named customers only, and the one on the sale is not among them. */
  'wrong_customer',
  /** Needs a customer on the sale (named customers, segments, first purchase, once per customer). */
  'customer_required',
  /** What remains on the matching lines is below the minimum: `missing` minor units. */
  'below_minimum',
  /** Too few units on the matching lines: `missing` units. */
  'below_min_qty',
  'no_eligible_items',
  /** Eligible lines, but nothing left to take off them (already free, a set price above theirs). */
  'no_discountable_amount',
  'duplicate_code',
  'code_redeemed',
  'code_void',
  /** Central holds this single-use code for another sale or web order right now. */
  'code_reserved',
  'not_your_code',
  'not_first_purchase',
  'offline_not_allowed',
  'offline_cap_reached',
  'signed_offer_required',
  /** Another non-combinable promotion gives more (or came first at the same amount). */
  'not_combinable',
  /** The customer on the sale has used this promotion as often as it allows (a stream QR: once). */
  'per_customer_limit',
  /** The campaign's total uses across the chain are taken (rules.maxUses). */
  'usage_exhausted',
  /** The campaign's total discount across the chain is given (rules.budgetMinor). */
  'budget_exhausted',
] as const;

export type PromoReason = (typeof PROMO_REASONS)[number];

export interface Rejection {
  readonly code: string;
  readonly reason: PromoReason;
  /** Reason details: below_minimum `missing` (minor units), below_min_qty `missing` (units), offline_cap_reached `cap`, not_combinable `promotion` (the name of the one that gives more). */
  readonly params?: Readonly<Record<string, number | string>>;
}

/** An automatic promotion that matched lines of the sale but did not apply, and why. */
export interface Skipped {
  readonly promotionId: string;
  readonly reason: PromoReason;
  readonly params?: Readonly<Record<string, number | string>>;
}
