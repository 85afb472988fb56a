/**
 * Every failure that crosses a boundary carries a stable code: the UI translates it, logs
 * and tests match on it, and the wording can change without breaking either.
 */
export const ERROR_CODES = [
  'INTERNAL',
  'INPUT_INVALID',
  'RPC_UNKNOWN_METHOD',
  'RPC_PAYLOAD_TOO_LARGE',
  'RPC_FORBIDDEN',
  'SCAN_EMPTY',
  'SCAN_GARBAGE',
  'SCAN_BAD_CHECK_DIGIT',
  'SCAN_UNKNOWN_BARCODE',
  'PRODUCT_NOT_FOUND',
  'PRODUCT_NO_PRICE',
  'QTY_NOT_INTEGER',
  'QTY_OUT_OF_RANGE',
  'QTY_WEIGHED_ITEM',
  'SALE_NO_OPEN_SALE',
  'SALE_NOT_OPEN',
  'SALE_EMPTY',
  'SALE_LINE_NOT_FOUND',
  'SALE_LINE_VOIDED',
  'SALE_TOO_MANY_LINES',
  'PAYMENT_INSUFFICIENT',
  'PAYMENT_OUT_OF_RANGE',
  'MONEY_CURRENCY_MISMATCH',
  'MONEY_OVERFLOW',
  'VAT_RATE_UNKNOWN',
  'DB_NEWER_THAN_APP',
  'DB_CORRUPT',
  'DB_MIGRATION_FAILED',
  'PRINTER_PAPER_OUT',
  'PRINTER_COVER_OPEN',
  'PRINTER_OFFLINE',
  'PRINTER_TIMEOUT',
  'PRINTER_DISCONNECTED',
  'PRINTER_UNREACHABLE',
  'PRINTER_NOT_CONFIGURED',
  'PRINT_JOB_NOT_FOUND',
  'SCANNER_DISCONNECTED',
  'DISPLAY_DISCONNECTED',
  'DEVICE_OPEN_FAILED',
  'PRINT_JOB_UNCONFIRMED',
  'SYNC_NOT_PAIRED',
  'SYNC_URL_INVALID',
  'SYNC_PAIRING_CODE_INVALID',
  'SYNC_CENTRAL_UNREACHABLE',
  'SYNC_TIMEOUT',
  'SYNC_CENTRAL_ERROR',
  'SYNC_BAD_RESPONSE',
  'SYNC_RESPONSE_TOO_LARGE',
  'SYNC_UNAUTHORIZED',
  'SYNC_LOCKED',
  'PHONE_INVALID',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorParams = Record<string, string | number>;

export class TillError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;

  constructor(code: ErrorCode, params: ErrorParams = {}, detail?: string) {
    super(detail ?? code);
    this.name = 'TillError';
    this.code = code;
    this.params = params;
  }
}

export function isTillError(e: unknown): e is TillError {
  return e instanceof TillError;
}
