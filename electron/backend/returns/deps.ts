import type { Language } from '../../../core/i18n/index.js';
import type { TillDatabase } from '../db.js';
import type { PaymentTerminal } from '../payment/terminal.js';
import type { ReceiptHeader } from '../sale/receiptForSale.js';
import type { SaleService } from '../sale/sale.js';
import type { TillSettings } from '../settings.js';
import type { ShiftDeps } from '../shift/shift.js';
import type { ActorSource } from '../staff/actor.js';

/** What returns work over: the database, the sale and shift features, and a way to ask central. */
export interface ReturnDeps {
  readonly db: TillDatabase;
  readonly settings: TillSettings;
  readonly language: Language;
  readonly now: () => Date;
  readonly actor: ActorSource;
  readonly sales: Pick<SaleService, 'completedSale' | 'isCompleted'>;
  readonly shifts: ShiftDeps;
  /** The card terminal beside this till (card refunds); null: none set up. */
  readonly terminal: PaymentTerminal | null;
  readonly header: () => ReceiptHeader;
  /** One small request to central with the device token; null when not paired or central does not answer in time. */
  readonly central: (path: string, body: unknown, timeoutMs: number) => Promise<{ status: number; json: unknown } | null>;
  /** After a return commits (outside its transaction): print and push soon. */
  readonly committed?: () => void;
}
