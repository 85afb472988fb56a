import { TillError } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import type { NoSaleView } from '../../../core/adjust/contract.js';
import type { Language } from '../../../core/i18n/index.js';
import { audit, type TillDatabase } from '../db.js';
import { enqueueNoSale } from '../hardware/printQueue.js';
import { storeLocalTime } from '../sale/receiptForSale.js';
import type { TillSettings } from '../settings.js';
import { recordNoSaleInShift, type ShiftDeps } from '../shift/shift.js';
import type { ActorSource } from '../staff/actor.js';

export interface NoSaleDeps {
  readonly db: TillDatabase;
  readonly settings: TillSettings;
  readonly language: Language;
  readonly now: () => Date;
  readonly actor: ActorSource;
  readonly shifts: ShiftDeps;
  readonly saleOpen: () => boolean;
  /** The print queue, told there is a job. */
  readonly kick: () => void;
}

/**
 * Opens the drawer without a sale: refused while a sale is open (its payment opens the drawer).
 * The count in the open shift (or, with none open, kept for the next shift: see
 * recordNoSaleInShift), the audit row and the slip with the drawer pulse commit in one
 * transaction; then the queue prints it.
 */
export function openDrawerNoSale(d: NoSaleDeps, reason: string): NoSaleView {
  if (d.saleOpen()) throw new TillError('DRAWER_SALE_OPEN');
  const at = d.now();
  const who = d.actor();
  const why = reason.trim();
  const done = d.db.transaction(() => {
    const id = newId(at.getTime());
    const { count, beforeShift } = recordNoSaleInShift(d.shifts, { id, at: at.toISOString(), reason: why });
    const jobId = enqueueNoSale(
      d.db,
      { language: d.language, storeName: d.settings.storeName, tillId: d.settings.tillId, by: who.name, at: storeLocalTime(at.toISOString(), d.settings.timeZone), count, beforeShift, reason: why },
      at,
    );
    audit(d.db, { at: at.toISOString(), tillId: d.settings.tillId, actor: who.name, actorId: who.id, action: 'drawer.no_sale', subject: jobId, details: beforeShift ? { count, reason: why, beforeShift } : { count, reason: why } });
    return { at: at.toISOString(), jobId, count, beforeShift };
  })();
  d.kick();
  return done;
}
