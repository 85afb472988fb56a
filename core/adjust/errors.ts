/** Why a price override, a manual discount or a "No sale" was refused. Messages: ./i18n.ts. */
export const ADJUST_ERROR_CODES = [
  'ADJUST_REASON_REQUIRED',
  'ADJUST_PRICE_INVALID',
  'ADJUST_PRICE_SAME',
  'ADJUST_PRICE_LABEL',
  'ADJUST_PERCENT_INVALID',
  'ADJUST_AMOUNT_INVALID',
  'ADJUST_NOTHING_LEFT',
  'DRAWER_SALE_OPEN',
] as const;

export type AdjustErrorCode = (typeof ADJUST_ERROR_CODES)[number];
