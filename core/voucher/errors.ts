/** Why a voucher was not taken. Messages: ./i18n.ts. */
export const VOUCHER_ERROR_CODES = [
  'VOUCHER_NOT_A_CODE',
  'VOUCHER_MISTYPED',
  'VOUCHER_UNKNOWN',
  'VOUCHER_SPENT',
  'VOUCHER_INSUFFICIENT',
  'VOUCHER_CURRENCY',
  'VOUCHER_NEEDS_CONNECTION',
  'VOUCHER_OVER_REMAINDER',
  'VOUCHER_ALREADY_ON_SALE',
  'VOUCHER_HELD_ON_SALE',
] as const;

export type VoucherErrorCode = (typeof VOUCHER_ERROR_CODES)[number];
