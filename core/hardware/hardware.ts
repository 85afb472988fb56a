import { z } from 'zod';
import { ERROR_CODES } from '../errors.js';

/**
 * The hardware settings as they cross the RPC boundary and sit in the till's settings:
 * which printer, how it is reached; what discovery found; what the printer said.
 */
const SerialLine = z.object({
  path: z.string().min(1).max(200),
  baudRate: z.number().int().refine((b) => [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200].includes(b)),
  dataBits: z.union([z.literal(7), z.literal(8)]),
  parity: z.enum(['none', 'even', 'odd']),
  stopBits: z.union([z.literal(1), z.literal(2)]),
  flowControl: z.enum(['none', 'rtscts', 'xonxoff']),
});

export const PrinterConnectionSettings = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tcp'), host: z.string().min(1).max(253), port: z.number().int().min(1).max(65535) }),
  SerialLine.extend({ kind: z.literal('serial') }),
  z.object({ kind: z.literal('usb'), path: z.string().regex(/^\/dev\/usb\/lp\d+$/) }),
]);

export const PrinterSettings = z.object({
  profileId: z.string().min(1).max(64),
  connection: PrinterConnectionSettings,
});
export type PrinterSettings = z.infer<typeof PrinterSettings>;

export const PrinterStatusView = z.object({
  online: z.boolean(),
  coverOpen: z.boolean(),
  paperOut: z.boolean(),
  paperNearEnd: z.boolean(),
  error: z.boolean(),
});
export type PrinterStatusView = z.infer<typeof PrinterStatusView>;

export const DeviceView = z.object({
  path: z.string(),
  device: z.string(),
  kind: z.enum(['serial', 'usb-printer']),
  label: z.string().nullable(),
});
export type DeviceView = z.infer<typeof DeviceView>;

/** The printer profiles the settings screen offers. */
export const PrinterProfileView = z.object({
  id: z.string(),
  name: z.string(),
  paperMm: z.number().int(),
  columns: z.number().int(),
});
export type PrinterProfileView = z.infer<typeof PrinterProfileView>;

/** A print job as staff see it: waiting, printing, or failed with the reason. */
export const PrintJobView = z.object({
  id: z.string(),
  saleId: z.string().nullable(),
  kind: z.enum(['receipt', 'reprint', 'test', 'report', 'return', 'noSale']),
  state: z.enum(['pending', 'printing', 'done', 'failed']),
  attempts: z.number().int(),
  errorCode: z.enum(ERROR_CODES).nullable(),
  errorDetail: z.string().nullable(),
  /** Set on a failed job the queue will try again by itself. */
  retryAt: z.string().nullable(),
  createdAt: z.string(),
  doneAt: z.string().nullable(),
  drawerOpened: z.boolean(),
});
export type PrintJobView = z.infer<typeof PrintJobView>;

const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200];
const DevicePath = z.string().min(1).max(200);
const BaudRate = z.number().int().refine((b) => BAUD_RATES.includes(b), 'unsupported baud rate');

/** A serial barcode scanner: where it is, its speed, and how it ends a code. */
export const ScannerSettings = z.object({
  path: DevicePath,
  baudRate: BaudRate,
  suffix: z.enum(['CR', 'LF', 'CRLF', 'none']),
  interCharTimeoutMs: z.number().int().min(5).max(2000),
});
export type ScannerSettings = z.infer<typeof ScannerSettings>;

/** A customer pole display (2×20 VFD) on a serial line, and what it shows when no sale is open. */
export const DisplaySettings = z.object({
  path: DevicePath,
  baudRate: BaudRate,
  commandSet: z.enum(['epson', 'cd5220']),
  codepage: z.enum(['cp437', 'cp866', 'cp852', 'cp858']),
  welcome: z.tuple([z.string().max(40), z.string().max(40)]),
});
export type DisplaySettings = z.infer<typeof DisplaySettings>;

const ErrorView = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});

/** A serial device the backend keeps open: off (not set up), connected, or waiting to reconnect after an error. */
export const DeviceLinkView = z.object({
  state: z.enum(['off', 'connecting', 'connected', 'error']),
  path: z.string().nullable(),
  error: ErrorView.nullable(),
});
export type DeviceLinkView = z.infer<typeof DeviceLinkView>;

export const Symbology = z.enum(['EAN-13', 'EAN-8', 'UPC-A', 'GTIN-14', 'GS1', 'Code 128', '2D']);

/**
 * What the backend tells the screens by itself (polled with `till.events`): a serial scan and
 * what came of it, a sale changed by something other than the screen, printer news.
 */
export const TillEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sale.changed'), saleId: z.string().nullable(), origin: z.enum(['screen', 'serial']) }),
  z.object({
    type: z.literal('scan.accepted'),
    source: z.enum(['keyboard', 'serial', 'camera']),
    symbology: Symbology.nullable(),
    value: z.string(),
  }),
  /** A serial scan the open screen takes (`scan.target` screen): not in the sale, for the screen to route. */
  z.object({ type: z.literal('scan.read'), source: z.literal('serial'), symbology: Symbology, code: z.string() }),
  z.object({
    type: z.literal('scan.rejected'),
    source: z.enum(['keyboard', 'serial', 'camera']),
    symbology: Symbology.nullable(),
    value: z.string().nullable(),
    error: ErrorView,
  }),
  z.object({ type: z.literal('printer.status'), status: PrinterStatusView }),
  z.object({ type: z.literal('print.job'), job: PrintJobView }),
  z.object({ type: z.literal('device'), device: z.enum(['scanner', 'display']), link: DeviceLinkView }),
  /** Someone signed in, locked or signed out at the till (staff: the screens ask for the session again). */
  z.object({ type: z.literal('staff.changed') }),
  /** A pull brought new store policies from central (the screens ask again for what they show of them). */
  z.object({ type: z.literal('store.changed') }),
]);
export type TillEvent = z.infer<typeof TillEvent>;

export const TillEventEntry = z.object({ seq: z.number().int(), at: z.string(), event: TillEvent });
export type TillEventEntry = z.infer<typeof TillEventEntry>;
