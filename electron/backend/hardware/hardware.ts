import { TillError } from '../../../core/errors.js';
import { DisplaySettings, PrinterSettings, ScannerSettings, type DeviceView, type PrinterStatusView } from '../../../core/hardware/hardware.js';
import type { Currency } from '../../../core/money.js';
import { CameraSettings } from '../../../core/scan/camera.js';
import type { Receipt, ReceiptLanguage } from '../../../core/receipt/model.js';
import { discoverDevices } from '../../../native/discovery.js';
import { openPrinterTransport, type ConnectionTimeouts } from '../../../native/printer/connection.js';
import { PRINTER_PROFILES, printerProfile } from '../../../native/printer/profiles.js';
import { queryStatus } from '../../../native/printer/status.js';
import type { TillDatabase } from '../db.js';
import { enqueueReprint, enqueueTestPrint, openPrintJobs, printJob, retryPrintJob, type PrintJobView, type PrinterSetup } from './printQueue.js';

const PRINTER_KEY = 'hardware.printer';
const SCANNER_KEY = 'hardware.scanner';
const DISPLAY_KEY = 'hardware.display';
const CAMERA_KEY = 'hardware.camera';

export interface HardwareServiceOptions {
  readonly db: TillDatabase;
  readonly store: { readonly name: string; readonly tillId: string; readonly cashier: string; readonly currency: Currency };
  readonly language: ReceiptLanguage;
  /** Wakes the print queue after a job is added. */
  readonly kickQueue: () => void;
  readonly devRoot?: string;
  readonly connectionTimeouts?: ConnectionTimeouts;
  readonly statusTimeoutMs?: number;
  readonly now?: () => Date;
}

/** A stored device setting, or null when there is none or it no longer passes its schema. */
function stored<T>(db: TillDatabase, key: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): T | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  if (!row) return null;
  const parsed = schema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : null;
}

function store(db: TillDatabase, key: string, value: unknown): void {
  if (value === null) {
    db.prepare('DELETE FROM settings WHERE key = ?').run(key);
    return;
  }
  db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    JSON.stringify(value),
  );
}

const printerSettings = (db: TillDatabase): PrinterSettings | null => stored(db, PRINTER_KEY, PrinterSettings);

function printerSetup(db: TillDatabase): PrinterSetup | null {
  const settings = printerSettings(db);
  const profile = settings ? printerProfile(settings.profileId) : undefined;
  return settings && profile ? { connection: settings.connection, profile } : null;
}

function requireSetup(db: TillDatabase): PrinterSetup {
  const setup = printerSetup(db);
  if (!setup) throw new TillError('PRINTER_NOT_CONFIGURED');
  return setup;
}

/** A short receipt in the store's language: prints every letter the store's receipts use. */
function testReceipt(options: HardwareServiceOptions, now: Date): Receipt {
  const at = now.toISOString().replace(/\.\d+Z$/, 'Z');
  const { store } = options;
  return {
    saleId: `TEST-${at}`,
    language: options.language,
    currency: store.currency,
    store: { name: store.name, legalName: store.name, address: [], taxId: '' },
    receiptNo: 1,
    tillId: store.tillId,
    cashier: store.cashier,
    issuedAt: at,
    lines: [
      {
        name: 'Test: АБВГДЕЁЖЗИЙ ЄІЇҐ ĂÂÎȘȚ ăâîșț 0123456789',
        quantity: { kind: 'unit', units: 1 },
        unitPrice: 100,
        amount: 100,
        vatBasisPoints: 0,
        discounts: [],
      },
    ],
    saleDiscounts: [],
    vat: [{ basisPoints: 0, gross: 100, net: 100, vat: 0 }],
    total: 100,
    payments: [{ method: 'card', amount: 100, tendered: 100, change: 0 }],
    customerPhone: null,
    qr: { kind: 'loyalty', data: `OMNITILL-TEST-${store.tillId}` },
    footer: [],
  };
}

/** Asks the printer now (DLE EOT); StarPRNT profiles have no ESC/POS status to ask. */
async function askPrinterStatus(options: HardwareServiceOptions): Promise<PrinterStatusView | null> {
  const setup = requireSetup(options.db);
  if (!setup.profile.escPosStatus) return null;
  const transport = await openPrinterTransport(setup.connection, options.connectionTimeouts);
  try {
    return await queryStatus(transport, options.statusTimeoutMs ?? 1500);
  } finally {
    await transport.close();
  }
}

function setPrinter(options: HardwareServiceOptions, input: unknown): PrinterSettings {
  const settings = PrinterSettings.parse(input);
  if (!printerProfile(settings.profileId)) throw new TillError('INPUT_INVALID', { detail: `unknown printer profile ${settings.profileId}` });
  store(options.db, PRINTER_KEY, settings);
  options.kickQueue();
  return settings;
}

/** A new job (a test print, a reprint) or a failed one again: written down, then the queue is woken. */
function queued<T>(options: HardwareServiceOptions, write: () => T): T {
  const result = write();
  options.kickQueue();
  return result;
}

/**
 * What the hardware settings screen needs from the backend: discovery, the printer's
 * configuration and live status, a test print, the open print jobs and reprints.
 */
export function createHardwareService(options: HardwareServiceOptions) {
  const { db } = options;
  const now = options.now ?? (() => new Date());

  return {
    profiles: () => PRINTER_PROFILES.map((p) => ({ id: p.id, name: p.name, paperMm: p.paperMm, columns: p.columns })),
    printerSettings: (): PrinterSettings | null => printerSettings(db),
    printerSetup: (): PrinterSetup | null => printerSetup(db),
    setPrinter: (input: unknown): PrinterSettings => setPrinter(options, input),
    scannerSettings: (): ScannerSettings | null => stored(db, SCANNER_KEY, ScannerSettings),
    setScanner(input: unknown): ScannerSettings | null {
      const settings = input === null ? null : ScannerSettings.parse(input);
      store(db, SCANNER_KEY, settings);
      return settings;
    },
    cameraSettings: (): CameraSettings | null => stored(db, CAMERA_KEY, CameraSettings),
    setCamera(input: unknown): CameraSettings | null {
      const settings = input === null ? null : CameraSettings.parse(input);
      store(db, CAMERA_KEY, settings);
      return settings;
    },
    displaySettings: (): DisplaySettings | null => stored(db, DISPLAY_KEY, DisplaySettings),
    setDisplay(input: unknown): DisplaySettings | null {
      const settings = input === null ? null : DisplaySettings.parse(input);
      store(db, DISPLAY_KEY, settings);
      return settings;
    },
    devices: (): Promise<DeviceView[]> => discoverDevices(options.devRoot),
    printerStatus: (): Promise<PrinterStatusView | null> => askPrinterStatus(options),
    testPrint: (): string => {
      requireSetup(db);
      return queued(options, () => enqueueTestPrint(db, testReceipt(options, now()), now()));
    },
    reprint: (saleId: string): string => queued(options, () => enqueueReprint(db, saleId, now())),
    openJobs: (): PrintJobView[] => openPrintJobs(db),
    /** Staff asked a failed job to print again now. */
    retry(jobId: string): PrintJobView {
      queued(options, () => retryPrintJob(db, jobId, now()));
      return printJob(db, jobId) as PrintJobView;
    },
  };
}

export type HardwareService = ReturnType<typeof createHardwareService>;
