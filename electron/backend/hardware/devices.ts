import type { PrinterStatusView } from '../../../core/hardware/hardware.js';
import type { Language } from '../../../core/i18n/index.js';
import type { ScanEvent } from '../../../core/scan/scan.js';
import type { TillDatabase } from '../db.js';
import { errorView, type EventRing } from '../events.js';
import type { TillSettings } from '../settings.js';
import { createDisplayLink, createScannerLink } from './deviceLinks.js';
import { createHardwareService, type HardwareService } from './hardware.js';
import { createPrintQueue, type PrintQueueEvent, type PrintQueueOptions } from './printQueue.js';

export interface DeviceOptions {
  readonly db: TillDatabase;
  readonly settings: TillSettings;
  readonly language: Language;
  readonly now: () => Date;
  readonly events: EventRing;
  /** The print queue's tuning; `false` leaves printing to the caller. */
  readonly printQueue?: Omit<PrintQueueOptions, 'db' | 'printer'> | false;
  /** Where device discovery looks. */
  readonly devRoot?: string;
  /** Serial scanner and pole display: how long to wait before reopening a lost one, and the display's return to its welcome. */
  readonly retryMs?: number;
  readonly idleAfterMs?: number;
  /** A code the serial scanner read. */
  readonly onSerialScan: (event: ScanEvent) => void;
}

/** Printer news on the event stream; a status only when it differs from the last one told. */
function printerNews(events: EventRing) {
  let lastStatus = '';
  const status = (s: PrinterStatusView): void => {
    const key = JSON.stringify(s);
    if (key === lastStatus) return;
    lastStatus = key;
    events.push({ type: 'printer.status', status: { ...s } });
  };
  const queueEvent = (event: PrintQueueEvent): void => {
    if (event.type === 'job') events.push({ type: 'print.job', job: { ...event.job } });
    else status(event.status);
  };
  return { status, queueEvent };
}

function createQueue(o: DeviceOptions, hardware: HardwareService, news: ReturnType<typeof printerNews>) {
  const queueOptions = o.printQueue === false ? null : o.printQueue;
  if (queueOptions === null) return null;
  return createPrintQueue({
    ...queueOptions,
    db: o.db,
    printer: hardware.printerSetup,
    now: o.now,
    onEvent: (event) => {
      news.queueEvent(event);
      queueOptions?.onEvent?.(event);
    },
  });
}

/**
 * The till's devices: the hardware settings, the print queue, the serial scanner and the
 * customer display, each telling the event stream what happens to it.
 */
export function createDevices(o: DeviceOptions) {
  const { settings, language, events } = o;
  let kickQueue = (): void => undefined;
  const hardware = createHardwareService({
    db: o.db,
    // Read when a test receipt is printed: pairing renames the store and the till in `settings`.
    store: {
      get name() {
        return settings.storeName;
      },
      get tillId() {
        return settings.tillId;
      },
      get cashier() {
        return settings.cashier;
      },
      get currency() {
        return settings.currency;
      },
    },
    language,
    kickQueue: () => kickQueue(),
    devRoot: o.devRoot,
    now: o.now,
  });
  const news = printerNews(events);
  const printQueue = createQueue(o, hardware, news);
  if (printQueue) kickQueue = () => printQueue.kick();
  const display = createDisplayLink({
    language,
    receiptLanguage: language,
    retryMs: o.retryMs,
    idleAfterMs: o.idleAfterMs,
    onState: (link) => events.push({ type: 'device', device: 'display', link }),
  });
  const scanner = createScannerLink({
    language,
    retryMs: o.retryMs,
    onState: (link) => events.push({ type: 'device', device: 'scanner', link }),
    onScan: o.onSerialScan,
    onReject: (error) => events.push({ type: 'scan.rejected', source: 'serial', symbology: null, value: null, error: errorView(language, error) }),
  });

  return {
    hardware,
    printQueue,
    scanner,
    display,
    reportStatus: news.status,
    kickQueue: () => kickQueue(),
    /**
     * Printing starts, and devices configured before are opened: one that is missing is an
     * error state with a retry timer, never a failed start. `displayReady` runs once the
     * display is configured, to show what it should.
     */
    start(displayReady: () => void): void {
      printQueue?.start();
      void scanner.configure(hardware.scannerSettings());
      void display.configure(hardware.displaySettings()).then(displayReady);
    },
    /** Closes the serial devices, then stops printing after the job in hand. */
    async close(): Promise<void> {
      await Promise.all([scanner.close(), display.close()]);
      await printQueue?.stop();
    },
  };
}

export type Devices = ReturnType<typeof createDevices>;
