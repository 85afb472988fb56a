import { isTillError, TillError } from '../../../core/errors.js';
import type { ScanEvent } from '../../../core/scan/scan.js';
import { errorView } from '../events.js';
import { serialScanIntoSale, type Selling } from '../sale/handlers.js';
import { requireActive, signInWithCard, type StaffSessionState } from './session.js';

/**
 * A code from the serial scanner: into the sale when someone is signed in; otherwise it may be
 * a staff card (signs that person in), else it is refused on the event stream like any bad scan.
 */
export function staffScanOrSale(staff: StaffSessionState, selling: Selling, event: ScanEvent): void {
  try {
    requireActive(staff);
  } catch (e) {
    if (!isTillError(e)) throw e;
    try {
      signInWithCard(staff, event.code);
    } catch {
      const error = new TillError(e.code);
      selling.events.push({ type: 'scan.rejected', source: 'serial', symbology: event.symbology, value: event.code.slice(0, 128), error: errorView(selling.language, error) });
    }
    return;
  }
  serialScanIntoSale(selling, event);
}
