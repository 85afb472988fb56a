import { ADJUST_ERROR_CODES } from './adjust/errors.js';
import { CUSTOMER_ERROR_CODES } from './customer/errors.js';
import { HARDWARE_ERROR_CODES } from './hardware/errors.js';
import { NO_RECEIPT_ERROR_CODES } from './noreceipt/errors.js';
import { VOUCHER_ERROR_CODES } from './voucher/errors.js';
import { PAYMENT_ERROR_CODES } from './payment/errors.js';
import { PROMO_ERROR_CODES } from './promo/errors.js';
import { RETURN_ERROR_CODES } from './returns/errors.js';
import { SALE_ERROR_CODES } from './sale/errors.js';
import { SCAN_ERROR_CODES } from './scan/errors.js';
import { SHIFT_ERROR_CODES } from './shift/errors.js';
import { STAFF_ERROR_CODES } from './staff/errors.js';
import { SYNC_ERROR_CODES } from './sync/errors.js';

/**
 * Every failure that crosses a boundary carries a stable code: the UI translates it, logs
 * and tests match on it, and the wording can change without breaking either. These are the
 * codes every feature may meet (transport, input, money, VAT, the database).
 */
export const SHARED_ERROR_CODES = [
  'INTERNAL',
  'INPUT_INVALID',
  'RPC_UNKNOWN_METHOD',
  'RPC_PAYLOAD_TOO_LARGE',
  'RPC_FORBIDDEN',
  'MONEY_CURRENCY_MISMATCH',
  'MONEY_OVERFLOW',
  'VAT_RATE_UNKNOWN',
  'DB_NEWER_THAN_APP',
  'DB_CORRUPT',
  'DB_MIGRATION_FAILED',
] as const;
export type SharedErrorCode = (typeof SHARED_ERROR_CODES)[number];

/** Each feature lists its own codes in `core/<feature>/errors.ts`; this is the one list they make. */
export const ERROR_CODES = [
  ...SHARED_ERROR_CODES,
  ...SCAN_ERROR_CODES,
  ...SALE_ERROR_CODES,
  ...CUSTOMER_ERROR_CODES,
  ...HARDWARE_ERROR_CODES,
  ...SYNC_ERROR_CODES,
  ...ADJUST_ERROR_CODES,
  ...PROMO_ERROR_CODES,
  ...STAFF_ERROR_CODES,
  ...SHIFT_ERROR_CODES,
  ...PAYMENT_ERROR_CODES,
  ...RETURN_ERROR_CODES,
  ...NO_RECEIPT_ERROR_CODES,
  ...VOUCHER_ERROR_CODES,
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
