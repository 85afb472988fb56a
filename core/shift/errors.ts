/** Why a shift operation was refused. Messages: ./i18n.ts. */
export const SHIFT_ERROR_CODES = [
  'SHIFT_NOT_OPEN',
  'SHIFT_ALREADY_OPEN',
  'SHIFT_SALE_OPEN',
  'SHIFT_BAD_COUNT',
  'SHIFT_CASH_AMOUNT',
  'SHIFT_CASH_SHORT',
] as const;

export type ShiftErrorCode = (typeof SHIFT_ERROR_CODES)[number];
