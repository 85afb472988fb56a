/**
 * The customer lookup's one entry point for the rest of the till: the sale screen, the barcode
 * box and the scanner call `lookupCustomer` with what was typed or scanned, and the customer
 * panel opens with it looked up. Nothing else of the customer feature needs importing.
 */
export const CUSTOMER_LOOKUP_EVENT = 'omnitill:customer-lookup';

export interface CustomerLookupDetail {
  /** A phone in any form, its last 4–6 digits or a customer id; absent: just open the panel. */
  readonly query?: string;
}

export function lookupCustomer(query?: string, target: EventTarget = window): void {
  target.dispatchEvent(new CustomEvent<CustomerLookupDetail>(CUSTOMER_LOOKUP_EVENT, { detail: query === undefined ? {} : { query } }));
}

/** A phone as people type it: a leading + or separators make it no barcode (EAN/UPC are digits only). */
const TYPED_PHONE = /^(?:\+\d[\d\s().-]{5,}|\d{2,}[\s().-][\d\s().-]{3,})$/;

/**
 * What a scan or the barcode box should hand to the customer lookup instead of the sale: a phone
 * typed with + or separators. Plain digits stay barcodes.
 */
export function customerQueryIn(code: string): string | null {
  const text = code.trim();
  if (TYPED_PHONE.test(text) && text.replace(/\D/g, '').length >= 7) return text;
  return null;
}
