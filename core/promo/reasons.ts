/** Why a code was not applied. Every refusal has one, with its message in ./i18n.ts. */
export const PROMO_REASONS = [
  'mistyped_code',
  'unknown_code',
  'expired',
  'not_yet_valid',
  'wrong_store',
  'wrong_channel',
  'wrong_currency',
  'wrong_segment',
  'min_basket',
  'no_matching_items',
  'already_applied',
  'code_redeemed',
  'code_void',
  /** Central holds this single-use code for another sale or web order right now. */
  'code_reserved',
  'not_your_code',
  'not_first_purchase',
  'offline_denied',
  'offline_cap_reached',
  'signed_offer_required',
  'excluded_by_exclusive',
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
  /** Reason details: min_basket gives `missing` (minor units), offline_cap_reached gives `cap`. */
  readonly params?: Readonly<Record<string, number | string>>;
}
