import { useCallback, useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  DeviceLinkView,
  DeviceView,
  DisplaySettings,
  PrinterProfileView,
  PrinterSettings,
  PrinterStatusView,
  PrintJobView,
  ScannerSettings,
} from '../../../core/hardware/hardware.js';
import type { Result, RpcError, TillApi } from '../../../core/rpc/contract.js';
import { translateError } from '../shell/i18n.js';
import { jobReason } from './useHardware.js';
import { CameraSettingsSection } from '../camera/CameraSettingsSection.js';

/** The last scan the backend reported (any source), for the test-scan box. */
export interface LastScan {
  readonly source: string;
  readonly symbology: string | null;
  readonly value: string | null;
  readonly error: RpcError | null;
}

/** A value and when the screen learnt it (performance.now()): the newer of what was loaded and what was reported wins. */
export interface Stamped<T> {
  readonly value: T;
  readonly at: number;
}

export interface HardwareLive {
  readonly printerStatus: Stamped<PrinterStatusView> | null;
  readonly jobs: readonly PrintJobView[];
  readonly lastScan: LastScan | null;
  readonly scannerLink: Stamped<DeviceLinkView> | null;
  readonly displayLink: Stamped<DeviceLinkView> | null;
}

function newer<T>(a: Stamped<T> | null, b: Stamped<T> | null): T | null {
  if (!a) return b?.value ?? null;
  if (!b) return a.value;
  return a.at >= b.at ? a.value : b.value;
}

const stamp = <T,>(value: T): Stamped<T> => ({ value, at: performance.now() });

interface Props {
  readonly api: TillApi;
  readonly live: HardwareLive;
  readonly onBack: () => void;
  readonly onRetry: (jobId: string) => void;
}

const BAUDS = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];
type Note = { readonly ok: boolean; readonly text: string } | null;

const errorText = (e: RpcError): string => translateError(e.code, e.params, e.message);
/** A print job's reason in the cashier's language; its own words only for a code this build does not know. */
const reasonText = ({ errorCode, errorDetail }: Pick<PrintJobView, 'errorCode' | 'errorDetail'>): string =>
  errorCode ? translateError(errorCode, { address: '', path: '', receiptNo: '' }, errorDetail ?? errorCode) : '';
/** GS separators of GS1 codes are invisible: show them. */
const visible = (code: string): string => code.split(String.fromCharCode(0x1d)).join('␝');

/** The one message for a printer status: the fault that stops printing, else a warning, else ready. */
export function statusMessage(status: PrinterStatusView, t: (key: string) => string): { ok: boolean; text: string } {
  if (status.coverOpen) return { ok: false, text: t('errors.PRINTER_COVER_OPEN') };
  if (status.paperOut) return { ok: false, text: t('errors.PRINTER_PAPER_OUT') };
  if (!status.online || status.error) return { ok: false, text: t('errors.PRINTER_OFFLINE') };
  if (status.paperNearEnd) return { ok: true, text: t('ui.hardware.status.nearEnd') };
  return { ok: true, text: t('ui.hardware.status.ready') };
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="hw-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

function NoteLine({ note }: { note: Note }) {
  if (!note) return null;
  return (
    <p className={note.ok ? 'hw-note hw-note-ok' : 'hw-note hw-note-error'} role={note.ok ? 'status' : 'alert'}>
      {note.text}
    </p>
  );
}

function Select<T extends string | number>(props: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (value: T) => void;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        className="input"
        value={String(props.value)}
        onChange={(e) => {
          const picked = props.options.find((o) => String(o.value) === e.target.value);
          if (picked) props.onChange(picked.value);
        }}
      >
        {props.options.map((o) => (
          <option key={String(o.value)} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function Text(props: { label: string; value: string; onChange: (value: string) => void; list?: string; error?: string; inputMode?: 'numeric' }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        className="input"
        autoComplete="off"
        spellCheck={false}
        list={props.list}
        inputMode={props.inputMode}
        value={props.value}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.error && (
        <p id={`${id}-error`} className="field-error">
          {props.error}
        </p>
      )}
    </div>
  );
}

function LinkState({ link }: { link: DeviceLinkView | null }) {
  const { t } = useTranslation();
  if (!link) return null;
  return (
    <p className={`hw-link hw-link-${link.state}`} role="status">
      <span className="hw-dot" aria-hidden="true" />
      <span>
        {t(`ui.hardware.link.${link.state}`)}
        {link.path ? ` · ${link.path}` : ''}
        {link.error ? ` — ${errorText(link.error)}` : ''}
      </span>
    </p>
  );
}

interface PrinterForm {
  profileId: string;
  kind: 'tcp' | 'serial' | 'usb';
  host: string;
  port: string;
  serialPath: string;
  baudRate: number;
  parity: 'none' | 'even' | 'odd';
  flowControl: 'none' | 'rtscts' | 'xonxoff';
  usbPath: string;
}

function printerForm(settings: PrinterSettings | null, profiles: readonly PrinterProfileView[]): PrinterForm {
  const c = settings?.connection;
  return {
    profileId: settings?.profileId ?? profiles[0]?.id ?? '',
    kind: c?.kind ?? 'tcp',
    host: c?.kind === 'tcp' ? c.host : '',
    port: c?.kind === 'tcp' ? String(c.port) : '9100',
    serialPath: c?.kind === 'serial' ? c.path : '',
    baudRate: c?.kind === 'serial' ? c.baudRate : 9600,
    parity: c?.kind === 'serial' ? c.parity : 'none',
    flowControl: c?.kind === 'serial' ? c.flowControl : 'none',
    usbPath: c?.kind === 'usb' ? c.path : '/dev/usb/lp0',
  };
}

/** The hardware settings screen: devices, printer, print jobs, scanner with a test scan, customer display. */
export function HardwareSettings({ api, live, onBack, onRetry }: Props) {
  const { t } = useTranslation();
  const [devices, setDevices] = useState<DeviceView[]>([]);
  const [profiles, setProfiles] = useState<PrinterProfileView[]>([]);
  const [printer, setPrinter] = useState<PrinterForm | null>(null);
  const [printerSaved, setPrinterSaved] = useState(false);
  const [printerNote, setPrinterNote] = useState<Note>(null);
  const [portError, setPortError] = useState<string | undefined>();
  const [asked, setAsked] = useState<Stamped<{ status: PrinterStatusView | null; error: RpcError | null }> | null>(null);
  const [scanner, setScanner] = useState<ScannerSettings>({ path: '', baudRate: 9600, suffix: 'CR', interCharTimeoutMs: 50 });
  const [scannerLoaded, setScannerLink] = useState<Stamped<DeviceLinkView> | null>(null);
  const [scannerNote, setScannerNote] = useState<Note>(null);
  const [display, setDisplay] = useState<DisplaySettings>({ path: '', baudRate: 9600, commandSet: 'epson', codepage: 'cp866', welcome: ['', ''] });
  const [displayLoaded, setDisplayLink] = useState<Stamped<DeviceLinkView> | null>(null);
  const [displayNote, setDisplayNote] = useState<Note>(null);

  const call = useCallback(async <T,>(fn: () => Promise<Result<T>>, onError: (e: RpcError) => void): Promise<T | undefined> => {
    try {
      const r = await fn();
      if (r.ok) return r.value;
      onError(r.error);
    } catch {
      onError({ code: 'INTERNAL', message: t('ui.connection.lost') });
    }
    return undefined;
  }, [t]);

  const askStatus = useCallback(async () => {
    try {
      const r = await api['hardware.printerStatus']({});
      setAsked(stamp(r.ok ? { status: r.value, error: null } : { status: null, error: r.error }));
    } catch {
      setAsked(stamp({ status: null, error: { code: 'INTERNAL', message: t('ui.connection.lost') } }));
    }
  }, [api, t]);

  const loadDevices = useCallback(async () => {
    const found = await call(() => api['hardware.devices']({}), () => undefined);
    if (found) setDevices(found);
  }, [api, call]);

  useEffect(() => {
    let live = true;
    void (async () => {
      const [found, profs, current, sc, dp] = await Promise.all([
        api['hardware.devices']({}).catch(() => null),
        api['hardware.profiles']({}).catch(() => null),
        api['hardware.printer']({}).catch(() => null),
        api['hardware.scanner']({}).catch(() => null),
        api['hardware.display']({}).catch(() => null),
      ]);
      if (!live) return;
      if (found?.ok) setDevices(found.value);
      const profileList = profs?.ok ? profs.value : [];
      setProfiles(profileList);
      const settings = current?.ok ? current.value : null;
      setPrinter(printerForm(settings, profileList));
      setPrinterSaved(settings !== null);
      if (sc?.ok) {
        if (sc.value.settings) setScanner(sc.value.settings);
        setScannerLink(stamp(sc.value.link));
      }
      if (dp?.ok) {
        if (dp.value.settings) setDisplay(dp.value.settings);
        setDisplayLink(stamp(dp.value.link));
      }
      if (settings) await askStatus();
    })();
    return () => {
      live = false;
    };
  }, [api, askStatus]);

  // What the event stream reported and what this screen asked: the newer wins.
  const status = newer(asked, live.printerStatus ? { value: { status: live.printerStatus.value, error: null }, at: live.printerStatus.at } : null);
  const scannerLink = newer(scannerLoaded, live.scannerLink);
  const displayLink = newer(displayLoaded, live.displayLink);

  const savePrinter = async (): Promise<boolean> => {
    if (!printer) return false;
    setPrinterNote(null);
    const port = Number(printer.port);
    if (printer.kind === 'tcp' && !(Number.isInteger(port) && port >= 1 && port <= 65535)) {
      setPortError(t('ui.hardware.printer.portInvalid'));
      return false;
    }
    setPortError(undefined);
    const connection: PrinterSettings['connection'] =
      printer.kind === 'tcp'
        ? { kind: 'tcp', host: printer.host.trim(), port }
        : printer.kind === 'serial'
          ? { kind: 'serial', path: printer.serialPath.trim(), baudRate: printer.baudRate, dataBits: 8, parity: printer.parity, stopBits: 1, flowControl: printer.flowControl }
          : { kind: 'usb', path: printer.usbPath.trim() };
    const saved = await call(
      () => api['hardware.setPrinter']({ profileId: printer.profileId, connection }),
      (e) => setPrinterNote({ ok: false, text: errorText(e) }),
    );
    if (!saved) return false;
    setPrinterSaved(true);
    setPrinterNote({ ok: true, text: t('ui.hardware.saved') });
    void askStatus();
    return true;
  };

  const testPrint = async () => {
    setPrinterNote(null);
    const sent = await call(() => api['hardware.testPrint']({}), (e) => setPrinterNote({ ok: false, text: errorText(e) }));
    if (sent) setPrinterNote({ ok: true, text: t('ui.hardware.printer.testSent') });
  };

  const saveScanner = async (next: ScannerSettings | null) => {
    setScannerNote(null);
    const state = await call(() => api['hardware.setScanner']({ scanner: next }), (e) => setScannerNote({ ok: false, text: errorText(e) }));
    if (!state) return;
    setScannerLink(stamp(state.link));
    setScannerNote({ ok: true, text: t('ui.hardware.saved') });
  };

  const saveDisplay = async (next: DisplaySettings | null) => {
    setDisplayNote(null);
    const state = await call(() => api['hardware.setDisplay']({ display: next }), (e) => setDisplayNote({ ok: false, text: errorText(e) }));
    if (!state) return;
    setDisplayLink(stamp(state.link));
    setDisplayNote({ ok: true, text: t('ui.hardware.saved') });
  };

  const serialPaths = devices.filter((d) => d.kind === 'serial');
  const usbPaths = devices.filter((d) => d.kind === 'usb-printer');
  const bauds = BAUDS.map((b) => ({ value: b, label: String(b) }));
  const shownStatus = status?.status ? statusMessage(status.status, t) : null;
  const scan = live.lastScan;

  return (
    <div className="hw-screen">
      <div className="hw-head">
        <h1>{t('ui.hardware.title')}</h1>
        <button type="button" className="btn btn-secondary" onClick={onBack}>
          {t('ui.hardware.back')}
        </button>
      </div>
      <datalist id="hw-serial-devices">
        {serialPaths.map((d) => (
          <option key={d.path} value={d.path}>
            {d.label ?? d.device}
          </option>
        ))}
      </datalist>
      <datalist id="hw-usb-devices">
        {usbPaths.map((d) => (
          <option key={d.path} value={d.path} />
        ))}
      </datalist>

      <div className="hw-grid">
        <Section id="hw-printer" title={t('ui.hardware.printer.title')}>
          {printer && (
            <form
              className="hw-form"
              onSubmit={(e) => {
                e.preventDefault();
                void savePrinter();
              }}
            >
              <Select
                label={t('ui.hardware.printer.profile')}
                value={printer.profileId}
                options={profiles.map((p) => ({ value: p.id, label: p.name }))}
                onChange={(profileId) => setPrinter({ ...printer, profileId })}
              />
              <Select
                label={t('ui.hardware.printer.connection')}
                value={printer.kind}
                options={[
                  { value: 'tcp', label: t('ui.hardware.printer.tcp') },
                  { value: 'serial', label: t('ui.hardware.printer.serial') },
                  { value: 'usb', label: t('ui.hardware.printer.usb') },
                ]}
                onChange={(kind) => setPrinter({ ...printer, kind })}
              />
              {printer.kind === 'tcp' && (
                <div className="hw-row">
                  <Text label={t('ui.hardware.printer.host')} value={printer.host} onChange={(host) => setPrinter({ ...printer, host })} />
                  <Text
                    label={t('ui.hardware.printer.port')}
                    value={printer.port}
                    inputMode="numeric"
                    error={portError}
                    onChange={(port) => setPrinter({ ...printer, port })}
                  />
                </div>
              )}
              {printer.kind === 'serial' && (
                <>
                  <Text label={t('ui.hardware.path')} value={printer.serialPath} list="hw-serial-devices" onChange={(serialPath) => setPrinter({ ...printer, serialPath })} />
                  <div className="hw-row">
                    <Select label={t('ui.hardware.baud')} value={printer.baudRate} options={bauds} onChange={(baudRate) => setPrinter({ ...printer, baudRate })} />
                    <Select
                      label={t('ui.hardware.printer.parity')}
                      value={printer.parity}
                      options={[
                        { value: 'none', label: t('ui.hardware.printer.parityNone') },
                        { value: 'even', label: t('ui.hardware.printer.parityEven') },
                        { value: 'odd', label: t('ui.hardware.printer.parityOdd') },
                      ]}
                      onChange={(parity) => setPrinter({ ...printer, parity })}
                    />
                    <Select
                      label={t('ui.hardware.printer.flow')}
                      value={printer.flowControl}
                      options={[
                        { value: 'none', label: t('ui.hardware.printer.flowNone') },
                        { value: 'rtscts', label: t('ui.hardware.printer.flowRtscts') },
                        { value: 'xonxoff', label: t('ui.hardware.printer.flowXonxoff') },
                      ]}
                      onChange={(flowControl) => setPrinter({ ...printer, flowControl })}
                    />
                  </div>
                </>
              )}
              {printer.kind === 'usb' && (
                <Text label={t('ui.hardware.path')} value={printer.usbPath} list="hw-usb-devices" onChange={(usbPath) => setPrinter({ ...printer, usbPath })} />
              )}
              <div className="hw-actions">
                <button type="submit" className="btn btn-primary">
                  {t('ui.hardware.printer.save')}
                </button>
                <button type="button" className="btn btn-secondary" disabled={!printerSaved} onClick={() => void testPrint()}>
                  {t('ui.hardware.printer.test')}
                </button>
              </div>
              <NoteLine note={printerNote} />
            </form>
          )}
          <div className="hw-status" aria-labelledby="hw-status-title">
            <h3 id="hw-status-title">{t('ui.hardware.status.title')}</h3>
            <p className={`hw-status-text ${(shownStatus && !shownStatus.ok) || status?.error ? 'hw-bad' : ''}`} role="status" data-testid="printer-status">
              {!printerSaved
                ? t('ui.hardware.printer.notSet')
                : status?.error
                  ? errorText(status.error)
                  : shownStatus
                    ? shownStatus.text
                    : status
                      ? t('ui.hardware.status.noStatus')
                      : t('ui.hardware.status.unknown')}
            </p>
            <button type="button" className="btn btn-ghost" disabled={!printerSaved} onClick={() => void askStatus()}>
              {t('ui.hardware.status.refresh')}
            </button>
          </div>
        </Section>

        <Section id="hw-jobs" title={t('ui.hardware.jobs.title')}>
          {live.jobs.length === 0 ? (
            <p className="hw-muted">{t('ui.hardware.jobs.none')}</p>
          ) : (
            <table className="hw-table">
              <thead>
                <tr>
                  <th scope="col">{t('ui.hardware.jobs.job')}</th>
                  <th scope="col">{t('ui.hardware.jobs.state')}</th>
                  <th scope="col">{t('ui.hardware.jobs.reason')}</th>
                  <th scope="col">{t('ui.hardware.jobs.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {live.jobs.map((job) => (
                  <tr key={job.id} data-job-id={job.id}>
                    <td>{t(`ui.hardware.jobs.${job.kind}`)}</td>
                    <td>{t(`ui.hardware.jobs.${job.state}`)}</td>
                    <td>
                      {reasonText(jobReason(live.jobs, job))}
                      {job.state === 'failed' && job.retryAt ? <span className="hw-muted"> {t('ui.hardware.jobs.autoRetry')}</span> : null}
                    </td>
                    <td>
                      {job.state === 'failed' && (
                        <button type="button" className="btn btn-secondary" onClick={() => onRetry(job.id)}>
                          {t('ui.hardware.jobs.retry')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Section>

        <Section id="hw-scanner" title={t('ui.hardware.scanner.title')}>
          <form
            className="hw-form"
            onSubmit={(e) => {
              e.preventDefault();
              void saveScanner(scanner);
            }}
          >
            <Text label={t('ui.hardware.path')} value={scanner.path} list="hw-serial-devices" onChange={(path) => setScanner({ ...scanner, path })} />
            <div className="hw-row">
              <Select label={t('ui.hardware.baud')} value={scanner.baudRate} options={bauds} onChange={(baudRate) => setScanner({ ...scanner, baudRate })} />
              <Select
                label={t('ui.hardware.scanner.suffix')}
                value={scanner.suffix}
                options={[
                  { value: 'CR', label: 'CR' },
                  { value: 'LF', label: 'LF' },
                  { value: 'CRLF', label: 'CR LF' },
                  { value: 'none', label: t('ui.hardware.scanner.suffixNone') },
                ]}
                onChange={(suffix) => setScanner({ ...scanner, suffix })}
              />
              <Text
                label={t('ui.hardware.scanner.timeout')}
                value={String(scanner.interCharTimeoutMs)}
                inputMode="numeric"
                onChange={(v) => setScanner({ ...scanner, interCharTimeoutMs: Number(v.replace(/\D/g, '')) || 0 })}
              />
            </div>
            <div className="hw-actions">
              <button type="submit" className="btn btn-primary">
                {t('ui.hardware.scanner.save')}
              </button>
              <button type="button" className="btn btn-secondary" onClick={() => void saveScanner(null)}>
                {t('ui.hardware.off')}
              </button>
            </div>
            <LinkState link={scannerLink} />
            <NoteLine note={scannerNote} />
          </form>
          <div className="hw-testscan" aria-labelledby="hw-testscan-title">
            <h3 id="hw-testscan-title">{t('ui.hardware.scanner.testTitle')}</h3>
            <p className="hw-muted">{t('ui.hardware.scanner.testHint')}</p>
            <div className="hw-lastscan" role="status" data-testid="last-scan">
              {!scan ? (
                t('ui.hardware.scanner.noScan')
              ) : (
                <dl>
                  <div>
                    <dt>{t('ui.hardware.scanner.symbology')}</dt>
                    <dd>{scan.symbology ?? '—'}</dd>
                  </div>
                  <div>
                    <dt>{t('ui.hardware.scanner.value')}</dt>
                    <dd className="hw-code">{scan.value ? visible(scan.value) : '—'}</dd>
                  </div>
                  {scan.error && (
                    <div className="hw-bad">
                      <dt>{t('ui.hardware.scanner.rejected')}</dt>
                      <dd>{errorText(scan.error)}</dd>
                    </div>
                  )}
                </dl>
              )}
            </div>
          </div>
        </Section>

        <CameraSettingsSection api={api} />

        <Section id="hw-display" title={t('ui.hardware.display.title')}>
          <form
            className="hw-form"
            onSubmit={(e) => {
              e.preventDefault();
              void saveDisplay(display);
            }}
          >
            <Text label={t('ui.hardware.path')} value={display.path} list="hw-serial-devices" onChange={(path) => setDisplay({ ...display, path })} />
            <div className="hw-row">
              <Select label={t('ui.hardware.baud')} value={display.baudRate} options={bauds} onChange={(baudRate) => setDisplay({ ...display, baudRate })} />
              <Select
                label={t('ui.hardware.display.commandSet')}
                value={display.commandSet}
                options={[
                  { value: 'epson', label: 'Epson ESC/POS' },
                  { value: 'cd5220', label: 'CD5220' },
                ]}
                onChange={(commandSet) => setDisplay({ ...display, commandSet })}
              />
              <Select
                label={t('ui.hardware.display.codepage')}
                value={display.codepage}
                options={[
                  { value: 'cp866', label: 'CP866' },
                  { value: 'cp437', label: 'CP437' },
                  { value: 'cp852', label: 'CP852' },
                  { value: 'cp858', label: 'CP858' },
                ]}
                onChange={(codepage) => setDisplay({ ...display, codepage })}
              />
            </div>
            <div className="hw-row">
              <Text label={t('ui.hardware.display.welcome1')} value={display.welcome[0]} onChange={(v) => setDisplay({ ...display, welcome: [v.slice(0, 40), display.welcome[1]] })} />
              <Text label={t('ui.hardware.display.welcome2')} value={display.welcome[1]} onChange={(v) => setDisplay({ ...display, welcome: [display.welcome[0], v.slice(0, 40)] })} />
            </div>
            <div className="hw-actions">
              <button type="submit" className="btn btn-primary">
                {t('ui.hardware.display.save')}
              </button>
              <button type="button" className="btn btn-secondary" onClick={() => void saveDisplay(null)}>
                {t('ui.hardware.off')}
              </button>
            </div>
            <LinkState link={displayLink} />
            <NoteLine note={displayNote} />
          </form>
        </Section>

        <Section id="hw-devices" title={t('ui.hardware.devices.title')}>
          {devices.length === 0 ? (
            <p className="hw-muted">{t('ui.hardware.devices.none')}</p>
          ) : (
            <ul className="hw-devices">
              {devices.map((d) => (
                <li key={d.path}>
                  <span className="badge">{d.kind === 'serial' ? t('ui.hardware.devices.serial') : t('ui.hardware.devices.usbPrinter')}</span>
                  <span className="hw-code">{d.path}</span>
                  {d.label && d.path !== d.device ? <span className="hw-muted"> → {d.device}</span> : null}
                </li>
              ))}
            </ul>
          )}
          <button type="button" className="btn btn-ghost" onClick={() => void loadDevices()}>
            {t('ui.hardware.devices.refresh')}
          </button>
        </Section>
      </div>
    </div>
  );
}
