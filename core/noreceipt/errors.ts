/** Why a return without a receipt was refused. Messages: ./i18n.ts. */
export const NO_RECEIPT_ERROR_CODES = ['RETURN_NO_RECEIPT_OVER_LIMIT', 'RETURN_NO_RECEIPT_METHOD', 'RETURN_NO_RECEIPT_PRICE_ABOVE', 'RETURN_NO_RECEIPT_DUPLICATE'] as const;

export type NoReceiptErrorCode = (typeof NO_RECEIPT_ERROR_CODES)[number];
