import type { ErrorCode } from '../errors.js';

/** English: the reference catalogue. Every error code needs a message; ru and ro must have every key. */
export const en = {
  errors: {
    INTERNAL: 'Something went wrong in the till. The sale is safe; try again, and call support if it repeats.',
    INPUT_INVALID: 'The request was not understood ({{detail}}).',
    RPC_UNKNOWN_METHOD: 'This till does not know the action "{{method}}". Update the till.',
    RPC_PAYLOAD_TOO_LARGE: 'The request is too large.',
    RPC_FORBIDDEN: 'This window is not allowed to use the till.',
    SCAN_EMPTY: 'Nothing was scanned.',
    SCAN_GARBAGE: 'The scanner sent unreadable characters. Scan the item again.',
    SCAN_BAD_CHECK_DIGIT: 'Barcode {{code}} has a wrong check digit: it was misread. Scan again or type it carefully.',
    SCAN_UNKNOWN_BARCODE: 'Barcode {{code}} is not in the catalogue. Find the item by name or call the manager.',
    PRODUCT_NOT_FOUND: 'Product {{sku}} is not in the catalogue.',
    PRODUCT_NO_PRICE: '{{name}} has no price in this store. Call the manager.',
    QTY_NOT_INTEGER: 'Quantity must be a whole number.',
    QTY_OUT_OF_RANGE: 'Quantity must be between {{min}} and {{max}}.',
    QTY_WEIGHED_ITEM: 'The weight of a weighed item comes from the scale label and cannot be changed here.',
    SALE_NO_OPEN_SALE: 'There is no sale in progress.',
    SALE_NOT_OPEN: 'This sale is already closed.',
    SALE_EMPTY: 'The sale has no items.',
    SALE_LINE_NOT_FOUND: 'That line is not in the current sale.',
    SALE_LINE_VOIDED: 'That line has already been voided.',
    SALE_TOO_MANY_LINES: 'A sale can have at most {{max}} lines. Complete this sale and start another.',
    PAYMENT_INSUFFICIENT: 'The cash given does not cover the total.',
    PAYMENT_OUT_OF_RANGE: 'That amount is not valid.',
    MONEY_CURRENCY_MISMATCH: 'Amounts in different currencies cannot be combined.',
    MONEY_OVERFLOW: 'That amount is too large.',
    VAT_RATE_UNKNOWN: 'No VAT rate is known for {{category}} in {{country}} on {{day}}. Call support.',
    DB_NEWER_THAN_APP: 'The till database (version {{db}}) is newer than this app (version {{app}}). Install the latest Omnitill.',
    DB_CORRUPT: 'The till database is damaged and was not changed. Call support; do not delete any files.',
    DB_MIGRATION_FAILED: 'Updating the till database failed; nothing was changed. Call support.',
    PRINTER_PAPER_OUT: 'The receipt printer is out of paper. Load a new roll; the receipt prints by itself when the paper is in.',
    PRINTER_COVER_OPEN: 'The receipt printer cover is open. Close it; the receipt prints by itself when it is closed.',
    PRINTER_OFFLINE: 'The receipt printer is offline. Check its power and error light; the receipt waits in the queue.',
    PRINTER_TIMEOUT: 'The receipt printer did not answer in time. Check the cable or network; the receipt waits in the queue.',
    PRINTER_DISCONNECTED: 'The connection to the receipt printer was lost. Check the cable or network; the receipt prints again when it is back.',
    PRINTER_UNREACHABLE: 'The receipt printer at {{address}} cannot be reached. Check that it is on and connected; the receipt waits in the queue.',
    PRINTER_NOT_CONFIGURED: 'No receipt printer is set up on this till. Set one up in Hardware settings.',
    PRINT_JOB_NOT_FOUND: 'There is no receipt to print for this sale.',
    SCANNER_DISCONNECTED: 'The barcode scanner at {{path}} is disconnected. Check its cable; you can type the barcode meanwhile.',
    DISPLAY_DISCONNECTED: 'The customer display at {{path}} is disconnected. Check its cable; selling goes on without it.',
    DEVICE_OPEN_FAILED: 'The device {{path}} cannot be opened ({{reason}}). Check the cable and the Hardware settings.',
  } satisfies Record<ErrorCode, string>,
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Catalogue = Widen<typeof en>;
