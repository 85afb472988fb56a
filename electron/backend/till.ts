import { dirname } from 'node:path';
import { pickLanguage, type Language } from '../../core/i18n/index.js';
import { mergeParts } from '../../core/merge.js';
import { openTillDatabase, type TillDatabase } from './db.js';
import { createEventRing } from './events.js';
import { showPaid, showSale } from './hardware/customerDisplay.js';
import { customerHandlers } from './customer/handlers.js';
import { createCustomerDesk } from './customer/create.js';
import { createCustomerDirectory } from './customer/lookup.js';
import { createDevices } from './hardware/devices.js';
import { createDisplayFeed } from './display/feed.js';
import { hardwareHandlers } from './hardware/handlers.js';
import { enqueueReceipt, type PrintQueueOptions } from './hardware/printQueue.js';
import { EmulatedTerminal } from './payment/emulator.js';
import { paymentHandlers } from './payment/handlers.js';
import {
  createCardPayments,
  saleTenders,
  settleChargesFromTerminal,
  settleInterruptedCharges,
  settleInterruptedReversals,
  settleReversalsFromTerminal,
  type CardPaymentDeps,
} from './payment/service.js';
import type { PaymentTerminal } from './payment/terminal.js';
import { createDispatcher, type Handlers, type RpcLogger } from './rpc.js';
import { announceCancelled, saleHandlers, showOpenSale, type Selling } from './sale/handlers.js';
import { receiptForSale, receiptHeader } from './sale/receiptForSale.js';
import { createSaleService } from './sale/sale.js';
import { promoHandlers, scannedCode, type PromoHandlerDeps } from './promo/handlers.js';
import { createPromotions } from './promo/service.js';
import { verifyScanned } from './scan/signed.js';
import { syncHandlers } from './sync/handlers.js';
import { createSyncService, type SyncOptions } from './sync/service.js';
import { fileTokenStore } from './sync/tokenStore.js';
import { isEmptyTill, seedDemo } from './seed.js';
import { readSettings } from './settings.js';
import { tillHandlers } from './tillHandlers.js';
import { guardHandlers } from './staff/guard.js';
import { readStaffPolicy } from './staff/policy.js';
import { adjustHandlers } from './adjust/handlers.js';
import { drawerRules, manualLimit, paymentRules, returnRules, saleRules, shiftRules } from './staff/rules.js';
import { reconcileCardRefunds, settleRefundsFromTerminal } from './returns/card.js';
import { lastTransaction } from './payment/interrupted.js';
import type { ReturnDeps } from './returns/deps.js';
import { returnHandlers } from './returns/handlers.js';
import { noReceiptHandlers } from './noreceipt/handlers.js';
import { cashStandsForCard } from './returns/find.js';
import { finishInterruptedGiveBacks, giveBackAll } from './voucher/giveBack.js';
import { saleVouchers, settleInterruptedSpends, type VoucherDeps } from './voucher/spend.js';
import { voucherHandlers } from './voucher/handlers.js';
import { shiftHandlers } from './shift/handlers.js';
import { recordSaleInShift, type ShiftDeps } from './shift/shift.js';
import { staffHandlers } from './staff/handlers.js';
import { seedDemoStaff } from './staff/seed.js';
import { staffScanOrSale } from './staff/serial.js';
import { actorOf, createStaffSession } from './staff/session.js';
import { localName } from '../../core/promo/names.js';

export interface TillOptions {
  readonly databaseFile: string;
  /** The database key the desktop app unwrapped with safeStorage; otherwise the key file beside the database (dbCipher.ts). */
  readonly databaseKey?: string;
  readonly language?: string;
  /** `staff`: seed the demo chain's staff too, so the till asks for a PIN (browser mode and the desktop demo). */
  readonly demo?: { readonly products: number; readonly customers: number; readonly staff?: boolean } | false;
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
  /** How long a phone lookup waits for central before the cache answers alone. */
  readonly liveLookupMs?: number;
  /** The card terminal; by default the one the settings name (the emulator, or none). */
  readonly terminal?: PaymentTerminal | null;
}

const CHECKPOINT_EVERY_MS = 500;
/** Short: the customer is standing at the till, and the cache can always answer. */
const LIVE_LOOKUP_MS = 800;

/** The language of the till UI and messages: `--lang`, else the OS locale. */
export function tillLanguage(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): Language {
  return pickLanguage(explicit ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? Intl.DateTimeFormat().resolvedOptions().locale);
}

/**
 * SQLite would otherwise checkpoint the WAL inside whichever commit crosses its threshold,
 * often a sale's: checkpoints run on a short timer instead, between what the cashier does,
 * each one small (even during a first sync it covers at most half a second of pull pages).
 */
function checkpointOnATimer(db: TillDatabase): NodeJS.Timeout {
  db.pragma('wal_autocheckpoint = 0');
  const timer = setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), CHECKPOINT_EVERY_MS);
  timer.unref();
  return timer;
}

/**
 * The whole till backend behind one dispatch function: the same object serves Electron's
 * utility process, browser mode and the tests. This is where the features meet: each one's
 * service is made here, and each one's handlers are merged into the one `Handlers`.
 */
export function startTill(options: TillOptions) {
  const db = openTillDatabase(options.databaseFile, options.databaseKey ? { key: options.databaseKey } : {});
  if (options.demo && isEmptyTill(db)) {
    seedDemo(db, options.demo);
    if (options.demo.staff) seedDemoStaff(db);
  }
  const settings = readSettings(db);
  const language = tillLanguage(options.language);
  const now = options.now ?? (() => new Date());
  const events = createEventRing({ now });

  const syncDir = options.sync?.dataDir ?? dirname(options.databaseFile);
  const directory = createCustomerDirectory(db, settings, () => actorOf(staff));
  const creation = createCustomerDesk(db, settings, directory, () => actorOf(staff));
  const sync = createSyncService({
    tokens: fileTokenStore(syncDir),
    now,
    onApplied: (op, result) => {
      if (op.type === 'customer.created' && typeof result.customerId === 'string') creation.adoptCentralId(op.entityId, result.customerId);
    },
    onStorePolicy: () => events.push({ type: 'store.changed' }),
    ...options.sync,
    dataDir: syncDir,
    db,
    settings,
    language,
    log: options.log,
  });
  const promotions = createPromotions({
    db,
    settings,
    now,
    online: sync.isOnline,
    central: sync.postToCentral,
    customer: (customerId) => {
      try {
        const profile = directory.profile(customerId);
        return { segments: profile.segments, purchases: profile.purchases.length };
      } catch {
        return null; // not in the cache (yet): no segments, no purchases known
      }
    },
  });
  const staffPolicy = readStaffPolicy(db);
  const shifts: ShiftDeps = { db, settings, now, actor: () => actorOf(staff) };
  const staff = createStaffSession({
    db,
    settings,
    now,
    lockAfterMs: staffPolicy.lockAfterMs,
    onPersonChanged: (actor) => sales.setCashier(actor),
    changed: () => events.push({ type: 'staff.changed' }),
  });
  const cards: CardPaymentDeps = {
    db,
    settings,
    now,
    actor: () => actorOf(staff),
    terminal: options.terminal !== undefined ? options.terminal : settings.paymentTerminal.kind === 'emulator' ? new EmulatedTerminal() : null,
  };
  const interruptedCharges = settleInterruptedCharges(cards);
  const interruptedReversals = settleInterruptedReversals(cards);
  settleInterruptedSpends(db, now());
  finishInterruptedGiveBacks({ db, settings, now, actor: () => actorOf(staff) });
  const sales = createSaleService(db, settings, {
    now,
    actor: () => actorOf(staff),
    tenders: saleTenders(cards),
    vouchers: saleVouchers({ db, settings }),
    promotions: promotions.pricing,
    manualLimit: manualLimit(staff, settings),
    onCompleted: (saleId) => {
      // The header from the store's settings as they are now (pairing renames the store): the
      // receipt says what the screen's header says.
      const completed = sales.completedSale({ saleId });
      enqueueReceipt(
        db,
        receiptForSale(db, saleId, { header: receiptHeader(settings), language, timeZone: settings.timeZone, promo: promotions.frozen(saleId), sale: completed?.sale }),
        now(),
      );
      // In the same transaction: the sale's takings join the open shift's running totals.
      if (completed) recordSaleInShift(shifts, completed);
    },
  });
  const devices = createDevices({
    db,
    settings,
    language,
    now,
    events,
    printQueue: options.printQueue,
    devRoot: options.devRoot,
    ...options.devices,
    // The scanner reads nothing before `devices.start` below, by when `selling` is set.
    onSerialScan: (event) => staffScanOrSale(staff, selling, event),
  });
  // The customer-facing screen (second window, `/display` page) beside the serial pole display.
  const customerScreen = createDisplayFeed({ place: () => ({ language, store: settings.storeName }), idleAfterMs: options.devices?.idleAfterMs });
  const selling: Selling = {
    sales,
    events,
    language,
    log: options.log,
    followers: {
      changed: (view, lineId) => {
        showSale(devices.display, language, view, lineId);
        customerScreen.changed(view);
      },
      completed: (completed) => {
        devices.kickQueue();
        sync.saleCompleted();
        showPaid(devices.display, completed);
        customerScreen.completed(completed);
      },
    },
    promoCode: (raw, refused) => scannedCode(promo, raw, refused),
    scans: { target: 'sale' },
    // Cards first, through the terminal (the one that cancels the sale with the last card when no voucher is left on it); then vouchers.
    releasing: async (cardsMinor) => {
      if (await cardPayments.reverseToCancel(cardsMinor)) return true;
      await giveBackAll(vouchers);
      return false;
    },
  };
  const promo: PromoHandlerDeps = {
    promotions,
    selling,
    verify: (text) => verifyScanned(db, text, now()),
    knows: directory.knows,
    showApplied: (view, applied) => devices.display.item({ name: localName(applied, language), amount: -applied.discount, total: view.totals.total, currency: view.currency }),
  };

  const returns: ReturnDeps = {
    db,
    settings,
    language,
    now,
    actor: () => actorOf(staff),
    sales,
    shifts,
    terminal: cards.terminal,
    header: () => receiptHeader(settings),
    central: sync.postToCentral,
    committed: () => {
      devices.kickQueue();
      sync.saleCompleted();
    },
  };
  const interruptedRefunds = reconcileCardRefunds(returns).interruptedIds;
  // What the till died waiting for, settled from the terminal's own last-transaction record (asked once, after start-up).
  const terminalSettled =
    interruptedCharges.length + interruptedRefunds.length + interruptedReversals.length === 0
      ? Promise.resolve()
      : lastTransaction(cards.terminal).then((last) => {
          settleChargesFromTerminal(cards, interruptedCharges, last);
          if (settleReversalsFromTerminal(cards, interruptedReversals, last, sales.cancelIfClear).length > 0) announceCancelled(selling);
          settleRefundsFromTerminal(returns, interruptedRefunds, last);
        });

  const cardPayments = createCardPayments(cards, sales);
  const vouchers: VoucherDeps = {
    db,
    settings,
    now,
    actor: () => actorOf(staff),
    openSale: () => {
      const sale = sales.current();
      return sale ? { saleId: sale.id, due: sale.totals.total - cardPayments.state().held.reduce((s, c) => s + c.amount, 0) } : null;
    },
    central: sync.postToCentral,
  };
  const handlers: Handlers = guardHandlers(mergeParts(
    tillHandlers({ db, settings, language, events }),
    saleHandlers(selling),
    customerHandlers({
      directory,
      creation,
      selling,
      now,
      central: (target) => sync.refreshCustomer(target, actorOf(staff).name, options.liveLookupMs ?? LIVE_LOOKUP_MS),
    }),
    promoHandlers(promo),
    syncHandlers(sync),
    hardwareHandlers({ devices, events, saleOpen: () => sales.current() !== null }),
    staffHandlers(staff),
    shiftHandlers(shifts, () => sales.current() !== null, { language, kick: () => devices.kickQueue() }),
    paymentHandlers(cardPayments, selling),
    voucherHandlers(vouchers),
    returnHandlers(returns),
    noReceiptHandlers({ ...returns, product: sales.product, approver: () => staff.approvedBy }),
    adjustHandlers(selling, {
      db,
      settings,
      language,
      now,
      actor: () => actorOf(staff),
      shifts,
      saleOpen: () => sales.current() !== null,
      kick: () => devices.kickQueue(),
    }),
  ), staff, { ...saleRules(sales, staffPolicy), ...shiftRules, ...paymentRules, ...returnRules((saleId) => cashStandsForCard(returns, saleId)), ...drawerRules });


  const checkpoints = checkpointOnATimer(db);
  devices.start(() => showOpenSale(selling));
  if (options.sync?.autoStart !== false) sync.start();

  return {
    db,
    settings,
    language,
    hardware: devices.hardware,
    printQueue: devices.printQueue,
    sync,
    events,
    terminal: cards.terminal,
    /** Settles when the card operations the last run was cut off in have been asked of the terminal. */
    terminalSettled,
    scanner: devices.scanner,
    display: devices.display,
    customerScreen,
    dispatch: createDispatcher(handlers, () => language, options.log),
    /** Stops printing after the job in hand, then closes the database. */
    async close(): Promise<void> {
      await sync.stop();
      await devices.close();
      customerScreen.close();
      clearInterval(checkpoints);
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}

export type Till = ReturnType<typeof startTill>;
