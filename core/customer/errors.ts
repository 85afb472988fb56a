/** Why a customer's details were refused. Messages: ./i18n.ts. */
export const CUSTOMER_ERROR_CODES = [
  'PHONE_INVALID',
] as const;

export type CustomerErrorCode = (typeof CUSTOMER_ERROR_CODES)[number];
