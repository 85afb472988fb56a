/** Why a customer's details were refused or she was not found. Messages: ./i18n.ts. */
export const CUSTOMER_ERROR_CODES = [
  'PHONE_INVALID',
  'CUSTOMER_TOO_FEW_DIGITS',
  'CUSTOMER_NOT_FOUND',
  'CUSTOMER_CART_EMPTY',
  'CUSTOMER_NOT_FAVOURITE',
  'CUSTOMER_EXISTS',
  'CUSTOMER_NAME_MISSING',
  'CUSTOMER_EMAIL_INVALID',
  'CUSTOMER_ITEM_WEIGHED',
] as const;

export type CustomerErrorCode = (typeof CUSTOMER_ERROR_CODES)[number];
