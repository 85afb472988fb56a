/** Why a return was refused. Messages: ./i18n.ts. */
export const RETURN_ERROR_CODES = [
  'RETURN_NOT_A_RECEIPT',
  'RETURN_SALE_NOT_FOUND',
  'RETURN_OTHER_CHAIN',
  'RETURN_OFFLINE',
  'RETURN_UNKNOWN_LINE',
  'RETURN_TOO_MANY',
  'RETURN_LINE_RETURNED',
  'RETURN_WEIGHED_PARTIAL',
  'RETURN_METHOD_NOT_ALLOWED',
  'RETURN_CASH_SHORT',
] as const;

export type ReturnErrorCode = (typeof RETURN_ERROR_CODES)[number];
