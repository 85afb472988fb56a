import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pickLanguage, type Language } from '../../core/i18n/index.js';
import type { TillInfo } from '../../core/rpc/contract.js';
import { openTillDatabase, type TillDatabase } from './db.js';
import { appRoot } from './paths.js';
import { createDispatcher, type Handlers, type RpcLogger } from './rpc.js';
import { createSaleService, type SaleServiceOptions } from './sale.js';
import { isEmptyTill, seedDemo } from './seed.js';
import { readSettings } from './settings.js';

export interface TillOptions extends SaleServiceOptions {
  readonly databaseFile: string;
  readonly language?: string;
  readonly demo?: { readonly products: number; readonly customers: number } | false;
  readonly log: RpcLogger;
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
  const sales = createSaleService(db, settings, options);
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
    'sale.payCash': ({ tenderedMinor }) => sales.payCash(tenderedMinor),
    'sale.lastCompleted': () => sales.lastCompleted(),
    'catalog.search': ({ query, limit }) => sales.search(query, limit),
  };

  return {
    db,
    settings,
    language,
    dispatch: createDispatcher(handlers, () => language, options.log),
    close: (): void => {
      db.close();
    },
  };
}

export type Till = ReturnType<typeof startTill>;
