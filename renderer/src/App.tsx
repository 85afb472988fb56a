import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { DeviceLinkView, PrinterStatusView, PrintJobView } from '../../core/hardware/hardware.js';
import type { CompletedSaleView, SaleView } from '../../core/sale/contract.js';
import type { Result } from '../../core/rpc/contract.js';
import type { TillInfo } from '../../core/rpc/till.js';
import { TransportError, type Connection, type ConnectionState } from './shell/api.js';
import { formatters } from './shell/format.js';
import { i18n, setLanguage, translateError } from './shell/i18n.js';
import { attachScanner } from './scan/scannerListener.js';
import { TillContext, type TillContextValue } from './shell/context.js';
import { Header } from './shell/Header.js';
import { LinesTable } from './sale/LinesTable.js';
import { SaleActions, TotalsBar } from './sale/TotalsPanel.js';
import { EntryPanel, type EntryPanelHandle } from './sale/EntryPanel.js';
import { PaymentPanel } from './sale/PaymentPanel.js';
import { ReceiptView } from './sale/ReceiptView.js';
import { AlertRegion } from './shell/AlertRegion.js';
import { HardwareSettings, type HardwareLive, type LastScan, type Stamped } from './hardware/HardwareSettings.js';
import { PrinterIndicator } from './hardware/PrinterIndicator.js';
import { useTillEvents, type EventBatch } from './shell/tillEvents.js';

type Screen = 'sale' | 'payment' | 'receipt' | 'settings';

const byCreated = (a: PrintJobView, b: PrintJobView): number => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

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

export function App({ connection }: { connection: Connection }) {
  const { t } = useTranslation();
  const api = connection.api;
  const [info, setInfo] = useState<TillInfo | null>(null);
  const [sale, setSale] = useState<SaleView | null>(null);
  const [completed, setCompleted] = useState<CompletedSaleView | null>(null);
  const [screen, setScreen] = useState<Screen>('sale');
  const [error, setError] = useState<string | null>(null);
  const connState: ConnectionState = useSyncExternalStore(connection.subscribe, connection.state);
  const [touched, setTouched] = useState<string | null>(null);
  const [confirmCancel, setConfirmCancel] = useState(false);
  // Hardware news from the backend's event stream.
  const [jobs, setJobs] = useState<PrintJobView[]>([]);
  const [printerStatus, setPrinterStatus] = useState<Stamped<PrinterStatusView> | null>(null);
  const [lastScan, setLastScan] = useState<LastScan | null>(null);
  const [scannerLink, setScannerLink] = useState<Stamped<DeviceLinkView> | null>(null);
  const [displayLink, setDisplayLink] = useState<Stamped<DeviceLinkView> | null>(null);
  /** The sale whose receipt the printer indicator watches: the last one completed. */
  const [lastSaleId, setLastSaleId] = useState<string | null>(null);
  const [reprintNote, setReprintNote] = useState<string | null>(null);
  /** The sale on screen, for callbacks that must not change identity when it does. */
  const saleRef = useRef<SaleView | null>(null);
  useLayoutEffect(() => {
    saleRef.current = sale;
  }, [sale]);
  const entryRef = useRef<EntryPanelHandle>(null);

  // Callbacks below are stable for the life of the screen (they use the i18n instance, not the
  // hook's `t`), so the scanner listener and the start-up effect are set up exactly once.
  const showFailure = useCallback((e: unknown) => {
    if (e instanceof TransportError) setError(i18n.t(e.reason === 'timeout' ? 'ui.connection.timeout' : 'ui.connection.lost'));
    else setError(i18n.t('errors.INTERNAL'));
  }, []);

  /**
   * Runs one action against the backend: the previous error goes away when the next action
   * starts; a failed action shows its translated error and leaves the sale on screen as it was.
   */
  const run = useCallback(
    async <T,>(call: () => Promise<Result<T>>, onValue: (value: T) => void): Promise<boolean> => {
      setError(null);
      try {
        const result = await call();
        if (result.ok) {
          onValue(result.value);
          return true;
        }
        setError(translateError(result.error.code, result.error.params, result.error.message));
      } catch (e) {
        showFailure(e);
      }
      return false;
    },
    [showFailure],
  );

  // A new sale view is rendered at once (flushSync), not whenever the scheduler gets to it:
  // the scanned line must be on screen within milliseconds of the backend's answer.
  const applySale = useCallback((next: SaleView) => {
    flushSync(() => {
      setTouched(touchedLine(saleRef.current, next));
      setSale(next);
      setCompleted(null);
      setScreen((s) => (s === 'receipt' ? 'sale' : s));
    });
  }, []);

  const scan = useCallback((code: string) => void run(() => api['sale.scan']({ code }), applySale), [api, run, applySale]);

  // The scanner works wherever the focus is, from the first render on.
  useEffect(() => attachScanner(window, scan), [scan]);

  const reload = useCallback(async () => {
    await run(
      () => api['sale.current']({}),
      (current) => {
        setSale(current);
        if (!current) setScreen((s) => (s === 'payment' ? 'sale' : s));
      },
    );
  }, [api, run]);

  // Start-up: who and where this till is, the language, and the sale a restart left open.
  useEffect(() => {
    let live = true;
    void (async () => {
      const ok = await run(
        () => api['till.info']({}),
        (value) => {
          if (live) setInfo(value);
        },
      );
      if (!ok || !live) return;
      await reload();
      const last = await api['sale.lastCompleted']({}).catch(() => null);
      if (live && last?.ok && last.value) setLastSaleId(last.value.sale.id);
      if (live) document.body.dataset.ready = 'true';
    })();
    return () => {
      live = false;
    };
  }, [api, run, reload]);

  useEffect(() => {
    if (info) void setLanguage(info.language);
  }, [info]);

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
  }, [connection, api, reload]);

  const setQuantity = useCallback(
    (lineId: string, quantity: number) => void run(() => api['sale.setQuantity']({ lineId, quantity }), applySale),
    [api, run, applySale],
  );
  const voidLine = useCallback((lineId: string) => void run(() => api['sale.voidLine']({ lineId }), applySale), [api, run, applySale]);
  const addProduct = useCallback(
    (sku: string, grams?: number) => run(() => api['sale.addProduct'](grams === undefined ? { sku } : { sku, grams }), applySale),
    [api, run, applySale],
  );
  const cancelSale = useCallback(() => {
    setConfirmCancel(false);
    void run(
      () => api['sale.cancel']({}),
      () => {
        setSale(null);
        setScreen('sale');
      },
    );
  }, [api, run]);
  const payCash = useCallback(
    (tenderedMinor: number) =>
      void run(
        () => api['sale.payCash']({ tenderedMinor }),
        (done) => {
          setLastSaleId(done.sale.id);
          setReprintNote(null);
          setCompleted(done);
          setSale(null);
          setScreen('receipt');
        },
      ),
    [api, run],
  );
  const loadJobs = useCallback(async () => {
    const result = await api['print.jobs']({}).catch(() => null);
    if (result?.ok) setJobs([...result.value].sort(byCreated));
  }, [api]);

  /** A serial scan changed the sale behind the screen's back: show what the backend has. */
  const reloadSale = useCallback(async () => {
    const result = await api['sale.current']({}).catch(() => null);
    if (!result?.ok) return;
    if (result.value) applySale(result.value);
    else setSale(null);
  }, [api, applySale]);

  const onEvents = useCallback(
    (batch: EventBatch) => {
      const jobsStale = batch.first || batch.reset;
      let saleStale = batch.reset;
      for (const { event } of batch.events) {
        switch (event.type) {
          case 'print.job':
            if (!batch.first) {
              const job = event.job;
              setJobs((all) => {
                const rest = all.filter((j) => j.id !== job.id);
                return job.state === 'done' ? rest : [...rest, job].sort(byCreated);
              });
            }
            break;
          case 'printer.status':
            setPrinterStatus({ value: event.status, at: performance.now() });
            break;
          case 'scan.accepted':
            setLastScan({ source: event.source, symbology: event.symbology, value: event.value, error: null });
            break;
          case 'scan.rejected':
            setLastScan({ source: event.source, symbology: event.symbology, value: event.value, error: event.error });
            // Keyboard scans report their own errors; a serial scan has no one else to tell the cashier.
            if (!batch.first && event.source === 'serial') setError(translateError(event.error.code, event.error.params, event.error.message));
            break;
          case 'sale.changed':
            if (!batch.first && event.origin === 'serial') saleStale = true;
            break;
          case 'device':
            (event.device === 'scanner' ? setScannerLink : setDisplayLink)({ value: event.link, at: performance.now() });
            break;
        }
      }
      if (jobsStale) void loadJobs();
      if (saleStale) void reloadSale();
    },
    [loadJobs, reloadSale],
  );
  useTillEvents(api, connection, onEvents);

  const retryJob = useCallback(
    (jobId: string) =>
      void run(
        () => api['print.retry']({ jobId }),
        (job) => setJobs((all) => [...all.filter((j) => j.id !== job.id), job].sort(byCreated)),
      ),
    [api, run],
  );
  const reprint = useCallback(
    (saleId: string) =>
      void run(
        () => api['print.reprint']({ saleId }),
        () => setReprintNote(i18n.t('ui.receipt.reprinting')),
      ),
    [api, run],
  );

  const newSale = useCallback(() => {
    setError(null);
    setCompleted(null);
    setScreen('sale');
    setTouched(null);
    requestAnimationFrame(() => entryRef.current?.focusBarcode());
  }, []);

  const canPay = !!sale && sale.status === 'open' && sale.totals.itemCount > 0;
  const openPayment = useCallback(() => {
    if (!canPay) return;
    setError(null);
    setConfirmCancel(false);
    setScreen('payment');
  }, [canPay]);

  // Function keys: the cashier never needs the mouse. (Scanner bursts are taken before this.)
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (screen === 'settings') {
        if (e.key !== 'Escape') return;
        setScreen('sale');
      } else if (e.key === 'F2') entryRef.current?.focusBarcode();
      else if (e.key === 'F3') entryRef.current?.focusSearch();
      else if (e.key === 'F4') openPayment();
      else if (e.key === 'Escape') {
        if (screen === 'payment') setScreen('sale');
        else if (screen === 'receipt') newSale();
        else if (confirmCancel) setConfirmCancel(false);
        else if (error) setError(null);
        else return;
      } else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openPayment, screen, newSale, confirmCancel, error]);

  const context = useMemo<TillContextValue | null>(
    () => (info ? { info, lang: info.language, f: formatters(info.language, info.currency, info.timeZone) } : null),
    [info],
  );

  if (!context) {
    return (
      <div className="boot">
        <div className="brand-mark" aria-hidden="true">
          Ω
        </div>
        <p>{t('ui.connection.connecting')}</p>
        <AlertRegion message={error} onDismiss={() => setError(null)} />
      </div>
    );
  }

  const lines = sale?.lines ?? [];
  const live: HardwareLive = { printerStatus, jobs, lastScan, scannerLink, displayLink };
  const problem = lastSaleId
    ? jobs.filter((j) => j.saleId === lastSaleId && j.kind !== 'test' && (j.state === 'failed' || j.errorCode !== null)).at(-1)
    : undefined;
  if (screen === 'settings') {
    return (
      <TillContext.Provider value={context}>
        <div className="app">
          <Header connection={connState} />
          <AlertRegion message={error} onDismiss={() => setError(null)} />
          <main className="hw-main">
            <HardwareSettings api={api} live={live} onBack={() => setScreen('sale')} onRetry={retryJob} />
          </main>
        </div>
      </TillContext.Provider>
    );
  }
  return (
    <TillContext.Provider value={context}>
      <div className="app">
        <Header
          connection={connState}
          sync={api}
          onSettings={() => {
            setError(null);
            setConfirmCancel(false);
            setScreen('settings');
          }}
        />
        <AlertRegion message={error} onDismiss={() => setError(null)} />
        {problem && (
          <PrinterIndicator job={problem} onRetry={() => retryJob(problem.id)} onReprint={() => lastSaleId && reprint(lastSaleId)} />
        )}
        <main className="workspace">
          <section className="sale-area" aria-label={screen === 'receipt' ? t('ui.receipt.preview') : t('ui.lines.caption')}>
            {screen === 'receipt' && completed ? (
              <ReceiptView completed={completed} onNewSale={newSale} onReprint={() => reprint(completed.sale.id)} note={reprintNote} />
            ) : (
              <>
                <LinesTable lines={lines} touched={touched} editable={screen === 'sale'} onQuantity={setQuantity} onVoid={voidLine} />
                <TotalsBar sale={sale} />
              </>
            )}
          </section>
          <aside className="side">
            {screen === 'payment' && sale ? (
              <PaymentPanel totalMinor={sale.totals.total} onComplete={payCash} onBack={() => setScreen('sale')} />
            ) : (
              <EntryPanel ref={entryRef} api={api} onScanCode={scan} onAddProduct={addProduct} />
            )}
            {screen === 'sale' && (
              <SaleActions
                sale={sale}
                canPay={canPay}
                onPay={openPayment}
                confirmCancel={confirmCancel}
                onAskCancel={() => setConfirmCancel(true)}
                onCancel={cancelSale}
                onKeep={() => setConfirmCancel(false)}
              />
            )}
          </aside>
        </main>
        <footer className="keys-hint">{t('ui.keys.hint')}</footer>
      </div>
    </TillContext.Provider>
  );
}
