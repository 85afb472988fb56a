import { TillError, isTillError } from '../../../core/errors.js';
import { errorMessage, type Language } from '../../../core/i18n/index.js';
import type { DeviceLinkView, DisplaySettings, ScannerSettings } from '../../../core/hardware/hardware.js';
import { poleLines, type PoleScreen } from '../../../core/hardware/poleDisplay.js';
import type { ReceiptLanguage } from '../../../core/receipt/model.js';
import type { ScanEvent } from '../../../core/scan/scan.js';
import { displayCanPrint, openPoleDisplay, type PoleDisplay } from '../../../native/display/poleDisplay.js';
import { DEFAULT_SERIAL_LINE } from '../../../native/printer/serialTransport.js';
import { openSerialScanner } from '../../../native/scanner/serialScanner.js';

/** What every kept-open serial device reports, for the settings screen and the event stream. */
interface LinkOptions {
  readonly language: Language;
  /** Wait before opening a device again after it failed to open or went away. */
  readonly retryMs?: number;
  readonly onState: (view: DeviceLinkView) => void;
  readonly log?: (details: Record<string, unknown>, message: string) => void;
}

function asTillError(e: unknown, path: string): TillError {
  return isTillError(e) ? e : new TillError('DEVICE_OPEN_FAILED', { path, reason: e instanceof Error ? e.message : String(e) });
}

/**
 * A serial device the backend keeps open for as long as it is configured: a failure to open or
 * a lost line is a state with an error code (never an exception), and a timer tries again until
 * the device is back. `open` returns what to close; `onOpened` runs after every (re)connection.
 */
function createLink<S extends { path: string }, D extends { close(): Promise<void> }>(
  options: LinkOptions,
  open: (settings: S, lost: (error: TillError) => void) => Promise<D>,
  onOpened: (device: D) => void = () => undefined,
) {
  const retryMs = options.retryMs ?? 2000;
  let settings: S | null = null;
  let device: D | null = null;
  let generation = 0;
  let timer: NodeJS.Timeout | null = null;
  let view: DeviceLinkView = { state: 'off', path: null, error: null };

  const setView = (next: DeviceLinkView): void => {
    if (next.state === view.state && next.path === view.path && next.error?.code === view.error?.code) return;
    view = next;
    options.onState(view);
  };
  const errorView = (e: TillError): DeviceLinkView['error'] => ({
    code: e.code,
    message: errorMessage(options.language, e.code, e.params),
    params: e.params,
  });

  function schedule(gen: number): void {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void connect(gen);
    }, retryMs);
    timer.unref?.();
  }

  async function connect(gen: number): Promise<void> {
    const wanted = settings;
    if (!wanted || gen !== generation) return;
    if (view.state !== 'error') setView({ state: 'connecting', path: wanted.path, error: null });
    try {
      let opened: D | null = null;
      const lostLine = (error: TillError): void => {
        if (gen !== generation || !opened || device !== opened) return;
        device = null;
        void opened.close().catch(() => undefined);
        setView({ state: 'error', path: wanted.path, error: errorView(error) });
        schedule(gen);
      };
      opened = await open(wanted, lostLine);
      if (gen !== generation) {
        await opened.close();
        return;
      }
      device = opened;
      setView({ state: 'connected', path: wanted.path, error: null });
      onOpened(opened);
    } catch (e) {
      if (gen !== generation) return;
      setView({ state: 'error', path: wanted.path, error: errorView(asTillError(e, wanted.path)) });
      schedule(gen);
    }
  }

  return {
    view: (): DeviceLinkView => view,
    current: (): D | null => device,
    /** Closes what is open and opens the new device (null: none). Resolves after the first attempt. */
    async configure(next: S | null): Promise<void> {
      generation++;
      if (timer) clearTimeout(timer);
      timer = null;
      const old = device;
      device = null;
      await old?.close().catch(() => undefined);
      settings = next;
      if (!next) {
        setView({ state: 'off', path: null, error: null });
        return;
      }
      await connect(generation);
    },
    /** The device is said to have failed in use (a write that did not go through). */
    lost(error: TillError): void {
      const d = device;
      if (!d || !settings) return;
      device = null;
      void d.close().catch(() => undefined);
      setView({ state: 'error', path: settings.path, error: errorView(error) });
      schedule(generation);
    },
    async close(): Promise<void> {
      await this.configure(null);
    },
  };
}

export interface ScannerLinkOptions extends LinkOptions {
  readonly onScan: (event: ScanEvent) => void;
  /** A code the scanner sent that is not one (garbage, a bad check digit). */
  readonly onReject: (error: TillError) => void;
}

/** The serial barcode scanner, kept open and reopened when it comes back. */
export function createScannerLink(options: ScannerLinkOptions) {
  return createLink<ScannerSettings, { close(): Promise<void> }>(options, (s, lost) =>
    openSerialScanner(
      { ...DEFAULT_SERIAL_LINE, path: s.path, baudRate: s.baudRate, suffix: s.suffix, interCharTimeoutMs: s.interCharTimeoutMs },
      {
        onScan: options.onScan,
        onError: (e) => (e.code === 'SCANNER_DISCONNECTED' ? lost(e) : options.onReject(e)),
      },
    ),
  );
}

export type ScannerLink = ReturnType<typeof createScannerLink>;

export interface DisplayLinkOptions extends LinkOptions {
  readonly receiptLanguage: ReceiptLanguage;
  /** After a completed sale, back to the welcome text after this long. */
  readonly idleAfterMs?: number;
}

/**
 * The customer pole display: what it should show is kept here, and written whenever it changes
 * or the display comes back. Writes never overlap and only the newest screen is written; a
 * failure only changes the display's state, the sale never hears of it.
 */
export function createDisplayLink(options: DisplayLinkOptions) {
  let settings: DisplaySettings | null = null;
  let wanted: PoleScreen | null = null;
  let writing = false;
  let dirty = false;
  let idleTimer: NodeJS.Timeout | null = null;

  const link = createLink<DisplaySettings, PoleDisplay>(
    options,
    (s) => openPoleDisplay({ ...DEFAULT_SERIAL_LINE, path: s.path, baudRate: s.baudRate, commandSet: s.commandSet, codepage: s.codepage }),
    () => {
      dirty = true;
      void flush();
    },
  );

  const welcome = (): PoleScreen => ({ kind: 'idle', welcome: settings?.welcome ?? ['', ''] });

  async function flush(): Promise<void> {
    if (writing) return;
    writing = true;
    try {
      while (dirty) {
        dirty = false;
        const display = link.current();
        if (!display || !settings || !wanted) return;
        const lines = poleLines(wanted, options.receiptLanguage, displayCanPrint(settings.codepage));
        try {
          await display.show(lines);
        } catch (e) {
          link.lost(isTillError(e) ? e : new TillError('DISPLAY_DISCONNECTED', { path: settings.path }));
          return;
        }
      }
    } finally {
      writing = false;
    }
  }

  function show(screen: PoleScreen): void {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = null;
    wanted = screen;
    dirty = true;
    void flush();
  }

  return {
    view: link.view,
    async configure(next: DisplaySettings | null): Promise<void> {
      settings = next;
      wanted ??= welcome();
      if (wanted.kind === 'idle') wanted = welcome();
      await link.configure(next);
    },
    idle(): void {
      show(welcome());
    },
    item(screen: Omit<Extract<PoleScreen, { kind: 'item' }>, 'kind'>): void {
      show({ kind: 'item', ...screen });
    },
    /** The sale is paid: total and change, then the welcome text again. */
    paid(screen: Omit<Extract<PoleScreen, { kind: 'paid' }>, 'kind'>): void {
      show({ kind: 'paid', ...screen });
      idleTimer = setTimeout(() => show(welcome()), options.idleAfterMs ?? 30_000);
      idleTimer.unref?.();
    },
    /** What the display should show now (tests). */
    screen: (): [string, string] | null => (wanted && settings ? poleLines(wanted, options.receiptLanguage, displayCanPrint(settings.codepage)) : null),
    async close(): Promise<void> {
      if (idleTimer) clearTimeout(idleTimer);
      await link.close();
    },
  };
}

export type DisplayLink = ReturnType<typeof createDisplayLink>;
