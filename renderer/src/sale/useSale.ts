import { useCallback, useEffect, useLayoutEffect, useRef, useState, type Dispatch, type RefObject, type SetStateAction } from 'react';
import { flushSync } from 'react-dom';
import type { CompletedSaleView, SaleView } from '../../../core/sale/contract.js';
import type { TillApi } from '../../../core/rpc/contract.js';
import { attachScanner } from '../scan/scannerListener.js';
import type { Run } from '../shell/actions.js';
import type { Connection } from '../shell/api.js';
import { translateError } from '../shell/i18n.js';
import type { Screen } from '../shell/screens.js';
import type { EventBatch } from '../shell/tillEvents.js';
import type { EntryPanelHandle } from './EntryPanel.js';
import { customerQueryIn, lookupCustomer } from '../customer/entry.js';
import '../payment/explain.js';

export interface SaleDeps {
  readonly api: TillApi;
  readonly connection: Connection;
  readonly run: Run;
  readonly setError: (message: string | null) => void;
  readonly setScreen: Dispatch<SetStateAction<Screen>>;
  /** The barcode and search fields, focused by a new sale and the function keys. */
  readonly entryRef: RefObject<EntryPanelHandle | null>;
  /** Takes a scan before the sale does (staff: a staff card on the sign-in screen); true when it did. */
  readonly divertScan?: RefObject<((code: string) => boolean) | null>;
  /** The backend restarted (or events were missed): what it was told about the scans is told again. */
  readonly onBackendRestart?: () => void;
}

/** The line a change touched (new, or with a new quantity), to highlight and scroll to. */
function touchedLine(before: SaleView | null, after: SaleView): string | null {
  const old = new Map((before?.lines ?? []).map((l) => [l.id, l]));
  for (let i = after.lines.length - 1; i >= 0; i--) {
    const line = after.lines[i];
    if (!line) continue;
    const prev = old.get(line.id);
    if (!prev || prev.quantity !== line.quantity) return line.id;
  }
  return null;
}

/** The sale on screen, the line last touched, and the completed sale whose receipt shows. */
function useSaleView(setScreen: SaleDeps['setScreen']) {
  const [sale, setSale] = useState<SaleView | null>(null);
  const [completed, setCompleted] = useState<CompletedSaleView | null>(null);
  const [touched, setTouched] = useState<string | null>(null);
  /** The sale on screen, for callbacks that must not change identity when it does. */
  const saleRef = useRef<SaleView | null>(null);
  useLayoutEffect(() => {
    saleRef.current = sale;
  }, [sale]);

  // A new sale view is rendered at once (flushSync), not whenever the scheduler gets to it:
  // the scanned line must be on screen within milliseconds of the backend's answer.
  const applySale = useCallback(
    (next: SaleView) => {
      flushSync(() => {
        setTouched(touchedLine(saleRef.current, next));
        setSale(next);
        setCompleted(null);
        setScreen((s) => (s === 'receipt' ? 'sale' : s));
      });
    },
    [setScreen],
  );
  return { sale, setSale, completed, setCompleted, touched, setTouched, saleRef, applySale };
}

type SaleViewState = ReturnType<typeof useSaleView>;

/**
 * The last completed sale, whose receipt the printer indicator watches; `restored`: known from
 * start-up, not completed on this screen since.
 */
function useLastReceipt() {
  const [last, setLast] = useState<{ readonly saleId: string; readonly restored: boolean } | null>(null);
  const setLastSaleId = useCallback((saleId: string, restored = false) => setLast({ saleId, restored }), []);
  return { lastSaleId: last?.saleId ?? null, lastRestored: last?.restored ?? false, setLastSaleId };
}

type LastReceipt = ReturnType<typeof useLastReceipt>;

/** What the cashier does to the sale, each one call to the backend. */
function useSaleCalls({ api, run, setScreen, setError }: SaleDeps, view: SaleViewState, receipt: LastReceipt) {
  const { applySale, setSale, setCompleted } = view;
  const { setLastSaleId } = receipt;
  /** `typed`: from the barcode box, so text that is no code is answered as a person's, not a scanner's. */
  const scanOrType = useCallback(
    (code: string, typed: boolean) => {
      // A typed phone is not an item: the customer lookup takes it.
      const customer = customerQueryIn(code);
      if (customer !== null) lookupCustomer(customer);
      else void run(() => api['sale.scan'](typed ? { code, typed } : { code }), applySale);
    },
    [api, run, applySale],
  );
  const scan = useCallback((code: string) => scanOrType(code, false), [scanOrType]);
  const typeCode = useCallback((code: string) => scanOrType(code, true), [scanOrType]);
  const reload = useCallback(async () => {
    await run(
      () => api['sale.current']({}),
      (current) => {
        setSale(current);
        if (!current) setScreen((s) => (s === 'payment' ? 'sale' : s));
      },
    );
  }, [api, run, setSale, setScreen]);
  const setQuantity = useCallback(
    (lineId: string, quantity: number) => {
      // Not a number at all (letters typed): said here; a number out of range the backend refuses with its own reason.
      if (!Number.isFinite(quantity)) setError(translateError('QTY_NOT_INTEGER', {}, 'QTY_NOT_INTEGER'));
      else void run(() => api['sale.setQuantity']({ lineId, quantity }), applySale);
    },
    [api, run, applySale, setError],
  );
  const voidLine = useCallback((lineId: string) => void run(() => api['sale.voidLine']({ lineId }), applySale), [api, run, applySale]);
  const addProduct = useCallback(
    (sku: string, grams?: number) => run(() => api['sale.addProduct'](grams === undefined ? { sku } : { sku, grams }), applySale),
    [api, run, applySale],
  );
  /** Card first (0: none) through the terminal, then cash for the rest; false when refused (the sale stays open). */
  const pay = useCallback(
    (cardMinor: number, cashTenderedMinor: number) =>
      run(
        () => api['payment.pay']({ cardMinor, cashTenderedMinor }),
        (done) => {
          setLastSaleId(done.sale.id);
          setCompleted(done);
          setSale(null);
          setScreen('receipt');
        },
      ),
    [api, run, setLastSaleId, setCompleted, setSale, setScreen],
  );
  /** A serial scan changed the sale behind the screen's back: show what the backend has. */
  const reloadSale = useCallback(async () => {
    const result = await api['sale.current']({}).catch(() => null);
    if (!result?.ok) return;
    if (result.value) applySale(result.value);
    else setSale(null);
  }, [api, applySale, setSale]);
  return { scan, typeCode, reload, setQuantity, voidLine, addProduct, pay, reloadSale };
}

type SaleCalls = ReturnType<typeof useSaleCalls>;

/**
 * Cancelling asks first, naming the card total held on the sale (refunded to the card with the
 * cancel, while the dialog waits on the terminal); the receipt step ends in a new sale; payment
 * opens only for a sale with items.
 */
function useSaleSteps({ api, run, setError, setScreen, entryRef }: SaleDeps, view: SaleViewState) {
  const { sale, setSale, setCompleted, setTouched } = view;
  const [confirmCancel, setConfirmCancel] = useState(false);
  /** The card total held on the sale when the cashier asked to cancel (0: none). */
  const [cancelCards, setCancelCards] = useState(0);
  const [cancelling, setCancelling] = useState(false);
  const askCancel = useCallback(async () => {
    // The question opens at once (focus on Keep) and names the cards a moment later; confirmed
    // before that, or with the call failed, the backend names the total and the dialog asks again.
    setCancelCards(0);
    setConfirmCancel(true);
    const payment = await api['payment.state']({}).catch(() => null);
    if (payment?.ok) setCancelCards(payment.value.held.reduce((sum, c) => sum + c.amount, 0));
  }, [api]);
  const cancelSale = useCallback(async () => {
    const cards = cancelCards;
    if (cards > 0) setCancelling(true);
    else setConfirmCancel(false);
    let heldNow: number | null = null;
    await run(
      async () => {
        const result = await api['sale.cancel'](cards > 0 ? { cardsMinor: cards } : {});
        const amount = result.ok ? null : result.error.params?.amountMinor;
        if (!result.ok && result.error.code === 'PAYMENT_CARD_HELD' && typeof amount === 'number') heldNow = amount;
        return result;
      },
      () => {
        setSale(null);
        setScreen('sale');
      },
    );
    setCancelling(false);
    // Another total is on card than the cashier was shown (a card taken meanwhile): asked again with it.
    if (heldNow !== null) {
      setError(null);
      setCancelCards(heldNow);
      setConfirmCancel(true);
    } else setConfirmCancel(false);
  }, [api, run, cancelCards, setError, setSale, setScreen]);
  const newSale = useCallback(() => {
    setError(null);
    setCompleted(null);
    setScreen('sale');
    setTouched(null);
    requestAnimationFrame(() => entryRef.current?.focusBarcode());
  }, [setError, setCompleted, setScreen, setTouched, entryRef]);
  const canPay = !!sale && sale.status === 'open' && sale.totals.itemCount > 0;
  const openPayment = useCallback(() => {
    if (!canPay) return;
    setError(null);
    setConfirmCancel(false);
    setScreen('payment');
  }, [canPay, setError, setScreen]);
  return { confirmCancel, setConfirmCancel, askCancel, cancelCards, cancelling, cancelSale, newSale, canPay, openPayment };
}

/**
 * The scanner into the sale wherever the focus is; the backend's truth after a reconnect; and
 * the event stream's news of the sale (a serial scan changed it, or failed).
 */
function useSaleFeeds({ api, connection, setError, setScreen, divertScan, onBackendRestart }: SaleDeps, view: SaleViewState, calls: SaleCalls) {
  const { saleRef, setSale, setCompleted } = view;
  const { scan, reload, reloadSale } = calls;

  // Every scan, the wedge's and the serial scanner's a screen took, goes the same way: to the screen that takes scans, else the sale.
  const route = useCallback((code: string) => divertScan?.current?.(code) || scan(code), [scan, divertScan]);
  useEffect(() => attachScanner(window, route), [route]);

  // After a reconnect the backend is the truth: a call in flight when the link dropped may
  // have gone through (even the payment), so show what the backend has, not what we guessed.
  useEffect(() => {
    let previous = connection.state();
    return connection.subscribe((state) => {
      const wasDown = previous === 'reconnecting';
      previous = state;
      if (state !== 'open' || !wasDown) return;
      const shown = saleRef.current?.id;
      void (async () => {
        const last = shown ? await api['sale.lastCompleted']({}).catch(() => null) : null;
        if (last?.ok && last.value && last.value.sale.id === shown) {
          setCompleted(last.value);
          setSale(null);
          setScreen('receipt');
          return;
        }
        await reload();
      })();
    });
  }, [connection, api, reload, saleRef, setCompleted, setSale, setScreen]);

  return useCallback(
    (batch: EventBatch) => {
      let saleStale = batch.reset;
      for (const { event } of batch.events) {
        // Keyboard scans report their own errors; a serial scan has no one else to tell the cashier.
        if (event.type === 'scan.rejected' && !batch.first && event.source === 'serial') {
          setError(translateError(event.error.code, event.error.params, event.error.message));
        }
        // Even in the first page: the serial scanner may have sold between the screen's first load and that page.
        if (event.type === 'sale.changed' && event.origin === 'serial') saleStale = true;
        if (event.type === 'scan.read' && !batch.first) route(event.code);
      }
      if (batch.reset) onBackendRestart?.();
      if (saleStale) void reloadSale();
    },
    [reloadSale, setError, route, onBackendRestart],
  );
}

/** The sale's state and everything the cashier does to it, for the sale screens. */
export function useSale(deps: SaleDeps) {
  const view = useSaleView(deps.setScreen);
  const receipt = useLastReceipt();
  const calls = useSaleCalls(deps, view, receipt);
  const steps = useSaleSteps(deps, view);
  const onEvents = useSaleFeeds(deps, view, calls);
  const { api } = deps;
  const { reload } = calls;
  const { setLastSaleId } = receipt;

  /** At start-up: the sale a restart left open, and the last completed one for the printer indicator. */
  const restore = useCallback(
    async (live: () => boolean) => {
      await reload();
      const last = await api['sale.lastCompleted']({}).catch(() => null);
      if (live() && last?.ok && last.value) setLastSaleId(last.value.sale.id, true);
    },
    [api, reload, setLastSaleId],
  );

  const { sale, completed, touched, applySale } = view;
  return { sale, completed, touched, applySale, ...receipt, ...calls, ...steps, onEvents, restore };
}

export type Sale = ReturnType<typeof useSale>;
