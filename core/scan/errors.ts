/** Why a scanned or typed code was refused. Messages: ./i18n.ts. */
export const SCAN_ERROR_CODES = [
  'SCAN_EMPTY',
  'SCAN_GARBAGE',
  'SCAN_BAD_CHECK_DIGIT',
  'SCAN_UNKNOWN_BARCODE',
  'SCAN_UNKNOWN_CODE',
  'SCAN_NOT_A_PRODUCT',
  'SCAN_NOT_A_BARCODE',
] as const;

export type ScanErrorCode = (typeof SCAN_ERROR_CODES)[number];
