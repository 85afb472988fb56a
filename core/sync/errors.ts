/** Why sync with central failed. Messages: ./i18n.ts. */
export const SYNC_ERROR_CODES = [
  'SYNC_NOT_PAIRED',
  'SYNC_URL_INVALID',
  'SYNC_URL_INSECURE',
  'SYNC_ALREADY_PAIRED',
  'SYNC_PAIRING_CODE_INVALID',
  'SYNC_CENTRAL_UNREACHABLE',
  'SYNC_TIMEOUT',
  'SYNC_CENTRAL_ERROR',
  'SYNC_BAD_RESPONSE',
  'SYNC_RESPONSE_TOO_LARGE',
  'SYNC_UNAUTHORIZED',
  'SYNC_LOCKED',
] as const;

export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];
