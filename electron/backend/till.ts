import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pickLanguage, type Language } from '../../core/i18n/index.js';
import type { TillInfo } from '../../core/rpc/contract.js';
import { openTillDatabase, type TillDatabase } from './db.js';
import { createHardwareService } from './hardware.js';
import { appRoot } from './paths.js';
import { createPrintQueue, enqueueReceipt, type PrintQueueOptions } from './printQueue.js';
import { receiptForSale, type ReceiptHeader } from './receiptForSale.js';
import { createDispatcher, type Handlers, type RpcLogger } from './rpc.js';
import { createSaleService } from './sale.js';
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
}

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
  const printQueue = options.printQueue === false ? null : createPrintQueue({ ...options.printQueue, db, printer: hardware.printerSetup, now });
  if (printQueue) kickQueue = () => printQueue.kick();

  const sales = createSaleService(db, settings, {
    now,
    onCompleted: (saleId) => enqueueReceipt(db, receiptForSale(db, saleId, { header, language, timeZone: settings.timeZone }), now()),
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
    appVersion: version,
    schemaVersion,
  });

  const handlers: Handlers = {
    'till.info': info,
    'sale.current': () => sales.current(),
    'sale.scan': ({ code }) => sales.scan(code),
    'sale.addProduct': ({ sku, grams }) => sales.addProduct(sku, grams),
    'sale.setQuantity': ({ lineId, quantity }) => sales.setQuantity(lineId, quantity),
    'sale.voidLine': ({ lineId }) => sales.voidLine(lineId),
    'sale.cancel': () => sales.cancel(),
    'sale.payCash': ({ tenderedMinor }) => {
      const completed = sales.payCash(tenderedMinor);
      kickQueue();
      return completed;
    },
    'sale.lastCompleted': () => sales.lastCompleted(),
    'catalog.search': ({ query, limit }) => sales.search(query, limit),
  };

  printQueue?.start();

  return {
    db,
    settings,
    language,
    hardware,
    printQueue,
    dispatch: createDispatcher(handlers, () => language, options.log),
    /** Stops printing after the job in hand, then closes the database. */
    async close(): Promise<void> {
      await printQueue?.stop();
      db.close();
    },
  };
}

export type Till = ReturnType<typeof startTill>;
