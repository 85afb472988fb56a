/** Why the sale refused a product, a quantity, a line or a payment. Messages: ./i18n.ts. */
export const SALE_ERROR_CODES = [
  'PRODUCT_NOT_FOUND',
  'PRODUCT_NO_PRICE',
  'QTY_NOT_INTEGER',
  'QTY_OUT_OF_RANGE',
  'QTY_WEIGHED_ITEM',
  'QTY_WEIGHT_NEEDED',
  'SALE_NO_OPEN_SALE',
  'SALE_NOT_OPEN',
  'SALE_EMPTY',
  'SALE_LINE_NOT_FOUND',
  'SALE_LINE_VOIDED',
  'SALE_TOO_MANY_LINES',
  'PAYMENT_INSUFFICIENT',
  'PAYMENT_OUT_OF_RANGE',
] as const;

export type SaleErrorCode = (typeof SALE_ERROR_CODES)[number];
