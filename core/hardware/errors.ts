/** What the printer, the serial scanner and the customer display can go wrong with. Messages: ./i18n.ts. */
export const HARDWARE_ERROR_CODES = [
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
] as const;

export type HardwareErrorCode = (typeof HARDWARE_ERROR_CODES)[number];
