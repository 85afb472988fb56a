import type { Language } from '../../../core/i18n/index.js';
import type { shiftContract } from '../../../core/shift/contract.js';
import type { ShiftReport } from '../../../core/shift/report.js';
import { enqueueShiftReport } from '../hardware/printQueue.js';
import type { Handlers } from '../rpc.js';
import { storeLocalTime } from '../sale/receiptForSale.js';
import { closeShift, currentShift, moveCash, startShift, xReport, type ShiftDeps } from './shift.js';

/** Where X and Z reports print: the durable print queue, then a nudge to its worker. */
export interface ShiftPrinting {
  readonly language: Language;
  readonly kick: () => void;
}

/** Queues the report for the receipt printer, inside the caller's transaction (the Z close's). */
function queueReport(d: ShiftDeps, printing: ShiftPrinting, report: ShiftReport): void {
  const local = (iso: string) => storeLocalTime(iso, d.settings.timeZone);
  enqueueShiftReport(d.db, { language: printing.language, storeName: d.settings.storeName, openedAt: local(report.openedAt), at: local(report.at), report }, d.now());
}

export function shiftHandlers(d: ShiftDeps, saleOpen: () => boolean, printing: ShiftPrinting): Pick<Handlers, keyof typeof shiftContract> {
  const printed = (report: ShiftReport): ShiftReport => {
    printing.kick();
    return report;
  };
  return {
    'shift.current': () => currentShift(d),
    'shift.open': ({ float }) => startShift(d, float),
    'shift.cash': ({ kind, amountMinor, reason }) => moveCash(d, kind, amountMinor, reason),
    'shift.x': () =>
      printed(
        d.db.transaction(() => {
          const x = xReport(d);
          queueReport(d, printing, x);
          return x;
        })(),
      ),
    // The Z report's print job commits with the close: a crash leaves both or neither.
    'shift.close': ({ counted }) =>
      printed(
        d.db.transaction(() => {
          const z = closeShift(d, counted, saleOpen());
          queueReport(d, printing, z);
          return z;
        })(),
      ),
  };
}
