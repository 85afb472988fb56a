/** Why the till refused a promo code typed, scanned or removed. Messages: ./i18n.ts. */
export const PROMO_ERROR_CODES = ['PROMO_CODE_INVALID', 'PROMO_CODE_REFUSED', 'PROMO_CODE_NOT_ON_SALE'] as const;

export type PromoErrorCode = (typeof PROMO_ERROR_CODES)[number];
