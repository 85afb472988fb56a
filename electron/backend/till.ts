import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isTillError, TillError } from '../../core/errors.js';
import type { PrinterStatusView, TillEvent } from '../../core/hardware/hardware.js';
import { errorMessage, pickLanguage, type Language } from '../../core/i18n/index.js';
import type { SaleView } from '../../core/sale/contract.js';
import type { TillInfo } from '../../core/rpc/till.js';
import { scanEvent, type ScanEvent, type ScanSource } from '../../core/scan/scan.js';
import { openTillDatabase, type TillDatabase } from './db.js';
import { createDisplayLink, createScannerLink } from './hardware/deviceLinks.js';
import { createEventRing } from './events.js';
import { createHardwareService } from './hardware/hardware.js';
import { appRoot } from './paths.js';
import { createPrintQueue, enqueueReceipt, type PrintQueueEvent, type PrintQueueOptions } from './hardware/printQueue.js';
import { receiptForSale, type ReceiptHeader } from './sale/receiptForSale.js';
import { createDispatcher, type Handlers, type RpcLogger } from './rpc.js';
import { createSaleService } from './sale/sale.js';
import { createSyncService, type SyncOptions } from './sync/service.js';
import { fileTokenStore } from './sync/tokenStore.js';
import { isEmptyTill, seedDemo } from './seed.js';
import { readSettings } from './settings.js';

export interface TillOptions {
  readonly databaseFile: string;
  readonly language?: string;
  readonly demo?: { readonly products: number; readonly customers: number } | false;
  readonly log: RpcLogger;
  readonly now?: () => Date;
  /**
   * The print queue's tuning; `false` leaves printing to the caller (tests that drive their
   * own queue). Receipts are queued with every completed sale either way.
   */
  readonly printQueue?: Omit<PrintQueueOptions, 'db' | 'printer'> | false;
  /** Where device discovery looks; tests point it at a fake /dev. */
  readonly devRoot?: string;
  /**
   * Sync with central (electron/backend/sync/): the data dir holding the device token and
   * the sync lock defaults to the database's folder; `autoStart: false` leaves it to the caller.
   */
  readonly sync?: Partial<Omit<SyncOptions, 'db' | 'settings' | 'language' | 'log'>>;
  /** Serial scanner and pole display: how long to wait before reopening a lost one, and the display's return to its welcome. */
  readonly devices?: { readonly retryMs?: number; readonly idleAfterMs?: number };
}

const CHECKPOINT_EVERY_MS = 500;

function appVersion(): string {
  return (JSON.parse(readFileSync(join(appRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}

/** The language of the till UI and messages: `--lang`, else the OS locale. */
export function tillLanguage(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): Language {
  return pickLanguage(explicit ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? Intl.DateTimeFormat().resolvedOptions().locale);
}

/**
 * The whole till backend behind one dispatch function: the same object serves Electron's
 * utility process, browser mode and the tests.
 */
export function startTill(options: TillOptions) {
  const db: TillDatabase = openTillDatabase(options.databaseFile);
  if (options.demo && isEmptyTill(db)) seedDemo(db, options.demo);
  const settings = readSettings(db);
  const language = tillLanguage(options.language);
  const now = options.now ?? (() => new Date());
  const header: ReceiptHeader = { storeName: settings.storeName, ...settings.receipt, legalName: settings.receipt.legalName || settings.storeName };

  let kickQueue = (): void => undefined;
  const hardware = createHardwareService({
    db,
    store: { name: settings.storeName, tillId: settings.tillId, cashier: settings.cashier, currency: settings.currency },
    language,
    kickQueue: () => kickQueue(),
    devRoot: options.devRoot,
    now,
  });
  const events = createEventRing({ now });
  let lastStatus = '';
  const reportStatus = (status: PrinterStatusView): void => {
    const key = JSON.stringify(status);
    if (key === lastStatus) return;
    lastStatus = key;
    events.push({ type: 'printer.status', status: { ...status } });
  };
  const onQueueEvent = (event: PrintQueueEvent): void => {
    if (event.type === 'job') events.push({ type: 'print.job', job: { ...event.job } });
    else reportStatus(event.status);
  };
  const queueOptions = options.printQueue === false ? null : options.printQueue;
  const printQueue = queueOptions === null
    ? null
    : createPrintQueue({
        ...queueOptions,
        db,
        printer: hardware.printerSetup,
        now,
        onEvent: (event) => {
          onQueueEvent(event);
          queueOptions?.onEvent?.(event);
        },
      });
  if (printQueue) kickQueue = () => printQueue.kick();

  const syncDir = options.sync?.dataDir ?? dirname(options.databaseFile);
  const sync = createSyncService({ tokens: fileTokenStore(syncDir), now, ...options.sync, dataDir: syncDir, db, settings, language, log: options.log });
  const sales = createSaleService(db, settings, {
    now,
    onCompleted: (saleId) => enqueueReceipt(db, receiptForSale(db, saleId, { header, language, timeZone: settings.timeZone }), now()),
  });
  const errorView = (e: TillError) => ({ code: e.code, message: errorMessage(language, e.code, e.params), params: e.params });
  const rpcLog = options.log;

  // The customer display follows the sale; whatever happens to it, the sale never hears of it.
  const display = createDisplayLink({
    language,
    receiptLanguage: language,
    retryMs: options.devices?.retryMs,
    idleAfterMs: options.devices?.idleAfterMs,
    onState: (link) => events.push({ type: 'device', device: 'display', link }),
  });

  /** After every change to the open sale: tell the screens, and show the touched line and the total to the customer. */
  function saleChanged(view: SaleView | null, origin: 'screen' | 'serial', lineId?: string): void {
    events.push({ type: 'sale.changed', saleId: view?.id ?? null, origin });
    if (!view || view.status !== 'open') return display.idle();
    const live = view.lines.filter((l) => !l.voided);
    const line = (lineId ? view.lines.find((l) => l.id === lineId) : undefined) ?? live.at(-1);
    const shown = line && !line.voided ? line : live.at(-1);
    display.item({
      name: shown ? shown.names[language] : '',
      amount: shown ? shown.lineTotal : 0,
      total: view.totals.total,
      currency: view.currency,
    });
  }

  function symbologyOf(code: string): ScanEvent['symbology'] | null {
    try {
      return scanEvent(code, 'keyboard').symbology;
    } catch {
      return null;
    }
  }

  /** One scan from any source into the sale, reported on the event stream either way. */
  function scanIntoSale(code: string, source: ScanSource, symbology: ScanEvent['symbology'] | null, shown: string): SaleView {
    try {
      const view = sales.scan(code);
      events.push({ type: 'scan.accepted', source, symbology, value: shown });
      saleChanged(view, source === 'serial' ? 'serial' : 'screen');
      return view;
    } catch (e) {
      const error = isTillError(e) ? e : new TillError('INTERNAL');
      events.push({ type: 'scan.rejected', source, symbology, value: shown.slice(0, 128), error: errorView(error) });
      throw e;
    }
  }

  const scanner = createScannerLink({
    language,
    retryMs: options.devices?.retryMs,
    onState: (link) => events.push({ type: 'device', device: 'scanner', link }),
    onScan: (event) => {
      // A GS1 symbol sells by its GTIN (AI 01); anything else goes in as scanned, as from the keyboard.
      const gtin = event.symbology === 'GS1' ? event.elements.find((el) => el.ai === '01')?.value : undefined;
      const code = gtin ?? event.code;
      try {
        scanIntoSale(code, 'serial', event.symbology, event.code);
      } catch (e) {
        if (!isTillError(e)) rpcLog.error({ err: e instanceof Error ? e.message : String(e) }, 'serial scan failed');
      }
    },
    onReject: (error) => events.push({ type: 'scan.rejected', source: 'serial', symbology: null, value: null, error: errorView(error) }),
  });

  const schemaVersion = db.pragma('user_version', { simple: true }) as number;
  const version = appVersion();

  const info = (): TillInfo => ({
    tillId: settings.tillId,
    storeId: settings.storeId,
    storeName: settings.storeName,
    country: settings.country,
    currency: settings.currency,
    language,
    cashier: settings.cashier,
    timeZone: settings.timeZone,
    appVersion: version,
    schemaVersion,
  });

  const screenChange = (view: SaleView, lineId?: string): SaleView => {
    saleChanged(view, 'screen', lineId);
    return view;
  };
  const pushEvent = (event: TillEvent): void => events.push(event);

  const handlers: Handlers = {
    'till.info': info,
    'sale.current': () => sales.current(),
    'sale.scan': ({ code }) => scanIntoSale(code, 'keyboard', symbologyOf(code), code),
    'sale.addProduct': ({ sku, grams }) => screenChange(sales.addProduct(sku, grams)),
    'sale.setQuantity': ({ lineId, quantity }) => screenChange(sales.setQuantity(lineId, quantity), lineId),
    'sale.voidLine': ({ lineId }) => screenChange(sales.voidLine(lineId)),
    'sale.cancel': () => {
      sales.cancel();
      saleChanged(null, 'screen');
      return null;
    },
    'sale.payCash': ({ tenderedMinor }) => {
      const completed = sales.payCash(tenderedMinor);
      kickQueue();
      sync.saleCompleted();
      events.push({ type: 'sale.changed', saleId: completed.sale.id, origin: 'screen' });
      const cash = completed.payments[0];
      display.paid({ total: completed.sale.totals.total, change: cash?.change ?? 0, currency: completed.sale.currency });
      return completed;
    },
    'sale.lastCompleted': () => sales.lastCompleted(),
    'catalog.search': ({ query, limit }) => sales.search(query, limit),
    'sync.status': () => sync.status(),
    'sync.now': () => sync.now(),
    'sync.pair': ({ centralUrl, pairingCode }) => sync.pair({ centralUrl, pairingCode }),
    'sync.unpair': () => sync.unpair(),
    'till.events': ({ after, boot }) => events.since(after, boot),
    'hardware.devices': () => hardware.devices(),
    'hardware.profiles': () => hardware.profiles(),
    'hardware.printer': () => hardware.printerSettings(),
    'hardware.setPrinter': (printer) => hardware.setPrinter(printer),
    'hardware.printerStatus': async () => {
      const status = await hardware.printerStatus();
      if (status) reportStatus(status);
      return status;
    },
    'hardware.testPrint': () => ({ jobId: hardware.testPrint() }),
    'hardware.scanner': () => ({ settings: hardware.scannerSettings(), link: scanner.view() }),
    'hardware.setScanner': async ({ scanner: next }) => {
      const settings = hardware.setScanner(next);
      await scanner.configure(settings);
      return { settings, link: scanner.view() };
    },
    'hardware.display': () => ({ settings: hardware.displaySettings(), link: display.view() }),
    'hardware.setDisplay': async ({ display: next }) => {
      const settings = hardware.setDisplay(next);
      await display.configure(settings);
      if (!sales.current()) display.idle();
      return { settings, link: display.view() };
    },
    'print.jobs': () => hardware.openJobs(),
    'print.reprint': ({ saleId }) => ({ jobId: hardware.reprint(saleId) }),
    'print.retry': ({ jobId }) => {
      const job = hardware.retry(jobId);
      pushEvent({ type: 'print.job', job: { ...job } });
      return job;
    },
  };

  // SQLite would otherwise checkpoint the WAL inside whichever commit crosses its threshold,
  // often a sale's: checkpoints run on a short timer instead, between what the cashier does,
  // each one small (even during a first sync it covers at most half a second of pull pages).
  db.pragma('wal_autocheckpoint = 0');
  const checkpoints = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), CHECKPOINT_EVERY_MS);
  checkpoints.unref();

  printQueue?.start();
  if (options.sync?.autoStart !== false) sync.start();
  // Devices configured before are opened now; one that is missing is an error state with a retry timer, never a failed start.
  void scanner.configure(hardware.scannerSettings());
  void display.configure(hardware.displaySettings()).then(() => {
    const open = sales.current();
    if (open) saleChanged(open, 'screen');
    else display.idle();
  });

  return {
    db,
    settings,
    language,
    hardware,
    printQueue,
    sync,
    events,
    scanner,
    display,
    dispatch: createDispatcher(handlers, () => language, options.log),
    /** Stops printing after the job in hand, then closes the database. */
    async close(): Promise<void> {
      await sync.stop();
      await Promise.all([scanner.close(), display.close()]);
      await printQueue?.stop();
      clearInterval(checkpoints);
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

export type Till = ReturnType<typeof startTill>;
