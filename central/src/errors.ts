/**
 * Errors the API answers with: a stable code for programs, a plain message for people.
 * Unauthenticated callers only ever see UNAUTHENTICATED, whatever was wrong with their key.
 */
export const API_ERROR_CODES = {
  UNAUTHENTICATED: 401,
  SIGN_IN_FAILED: 401,
  FORBIDDEN: 403,
  CSRF_INVALID: 403,
  NOT_FOUND: 404,
  INPUT_INVALID: 400,
  MALFORMED_JSON: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  CONFLICT: 409,
  SYNC_RESYNC_REQUIRED: 409,
  PAIRING_CODE_INVALID: 400,
  PHONE_INVALID: 400,
  PHONE_TAKEN: 409,
  /** A report's period ends before it starts, or starts before central's records can (analytics). */
  RANGE_INVALID: 400,
  /** A report's period is longer than a report reads at once (analytics). */
  RANGE_TOO_LONG: 400,
  INTERNAL: 500,
  /** The demo chain is still being seeded: try again in a moment (`/healthz` shows progress). */
  SEEDING: 503,
} as const;
export type ApiErrorCode = keyof typeof API_ERROR_CODES;

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = API_ERROR_CODES[code];
  }
}
