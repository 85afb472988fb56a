import { z } from 'zod';
import { CURRENCIES } from '../money.js';
import { COUNTRIES } from '../vat.js';
import { LANGUAGES } from '../i18n/index.js';
import { ERROR_CODES } from '../errors.js';
import { PairInput, SyncStatus } from '../sync/status.js';
import {
  DeviceLinkView,
  DeviceView,
  DisplaySettings,
  PrinterProfileView,
  PrinterSettings,
  PrinterStatusView,
  PrintJobView,
  ScannerSettings,
  TillEventEntry,
} from '../hardware/hardware.js';

export { MAX_RPC_BYTES } from './limits.js';

/**
 * The one contract between the renderer and the till backend. Both transports (Electron IPC
 * and the browser-mode WebSocket) carry `{method, input}` and answer with a Result; the
 * backend validates every input with these schemas, the renderer derives its types from them.
 */

const Minor = z.number().int();
const Names = z.object({ en: z.string(), ru: z.string(), ro: z.string() });

export const TillInfo = z.object({
  tillId: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  country: z.enum(COUNTRIES),
  currency: z.enum(CURRENCIES),
  language: z.enum(LANGUAGES),
  cashier: z.string(),
  /** The store's IANA time zone: receipt times are shown in it, whatever the machine's clock zone. */
  timeZone: z.string(),
  appVersion: z.string(),
  schemaVersion: z.number().int(),
});
export type TillInfo = z.infer<typeof TillInfo>;

export const SaleLineView = z.object({
  id: z.string(),
  position: z.number().int(),
  sku: z.string(),
  names: Names,
  qtyKind: z.enum(['unit', 'weight']),
  quantity: z.number().int(),
  unitPrice: Minor,
  fixedTotal: Minor.nullable(),
  lineTotal: Minor,
  vatBasisPoints: z.number().int(),
  voided: z.boolean(),
});
export type SaleLineView = z.infer<typeof SaleLineView>;

export const VatRowView = z.object({ basisPoints: z.number().int(), gross: Minor, net: Minor, vat: Minor });

export const SaleView = z.object({
  id: z.string(),
  status: z.enum(['open', 'completed', 'cancelled']),
  receiptNo: z.number().int().nullable(),
  currency: z.enum(CURRENCIES),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  lines: z.array(SaleLineView),
  totals: z.object({ currency: z.enum(CURRENCIES), total: Minor, itemCount: z.number().int(), vat: z.array(VatRowView) }),
});
export type SaleView = z.infer<typeof SaleView>;

export const PaymentView = z.object({
  id: z.string(),
  method: z.enum(['cash']),
  amount: Minor,
  tendered: Minor,
  change: Minor,
});

export const CompletedSaleView = z.object({
  sale: SaleView,
  payments: z.array(PaymentView),
  cashier: z.string(),
  tillId: z.string(),
  storeName: z.string(),
});
export type CompletedSaleView = z.infer<typeof CompletedSaleView>;

export const ProductHit = z.object({
  sku: z.string(),
  names: Names,
  soldBy: z.enum(['unit', 'weight']),
  price: Minor.nullable(),
  barcode: z.string().nullable(),
});
export type ProductHit = z.infer<typeof ProductHit>;

const LineId = z.string().min(1).max(64);
const Empty = z.object({}).strict();

export const EventPage = z.object({
  boot: z.string(),
  seq: z.number().int(),
  missed: z.boolean(),
  events: z.array(TillEventEntry),
});
export type EventPage = z.infer<typeof EventPage>;

export const ScannerState = z.object({ settings: ScannerSettings.nullable(), link: DeviceLinkView });
export type ScannerState = z.infer<typeof ScannerState>;
export const DisplayState = z.object({ settings: DisplaySettings.nullable(), link: DeviceLinkView });
export type DisplayState = z.infer<typeof DisplayState>;
const JobId = z.object({ jobId: z.string() });

export const contract = {
  'till.info': { input: z.object({}).strict(), output: TillInfo },
  'sale.current': { input: z.object({}).strict(), output: SaleView.nullable() },
  'sale.scan': { input: z.object({ code: z.string().max(256) }).strict(), output: SaleView },
  'sale.addProduct': {
    input: z.object({ sku: z.string().min(1).max(64), grams: z.number().int().optional() }).strict(),
    output: SaleView,
  },
  'sale.setQuantity': { input: z.object({ lineId: LineId, quantity: z.number() }).strict(), output: SaleView },
  'sale.voidLine': { input: z.object({ lineId: LineId }).strict(), output: SaleView },
  'sale.cancel': { input: z.object({}).strict(), output: z.null() },
  'sale.payCash': { input: z.object({ tenderedMinor: z.number().int() }).strict(), output: CompletedSaleView },
  'sale.lastCompleted': { input: z.object({}).strict(), output: CompletedSaleView.nullable() },
  'catalog.search': {
    input: z.object({ query: z.string().max(100), limit: z.number().int().min(1).max(50).default(20) }).strict(),
    output: z.array(ProductHit),
  },
  /** Sync with central: status for the header and the sync panel, "sync now", pairing. */
  'sync.status': { input: z.object({}).strict(), output: SyncStatus },
  'sync.now': { input: z.object({}).strict(), output: SyncStatus },
  'sync.pair': { input: PairInput, output: SyncStatus },
  'sync.unpair': { input: z.object({}).strict(), output: SyncStatus },
  /** What happened in the backend since `after` (a serial scan, printer news); polled by the screens. */
  'till.events': {
    input: z.object({ after: z.number().int().min(0), boot: z.string().max(64).optional() }).strict(),
    output: EventPage,
  },
  'hardware.devices': { input: Empty, output: z.array(DeviceView) },
  'hardware.profiles': { input: Empty, output: z.array(PrinterProfileView) },
  'hardware.printer': { input: Empty, output: PrinterSettings.nullable() },
  'hardware.setPrinter': { input: PrinterSettings.strict(), output: PrinterSettings },
  /** Asks the printer now; null for a profile without ESC/POS status (StarPRNT). */
  'hardware.printerStatus': { input: Empty, output: PrinterStatusView.nullable() },
  'hardware.testPrint': { input: Empty, output: JobId },
  'hardware.scanner': { input: Empty, output: ScannerState },
  'hardware.setScanner': { input: z.object({ scanner: ScannerSettings.strict().nullable() }).strict(), output: ScannerState },
  'hardware.display': { input: Empty, output: DisplayState },
  'hardware.setDisplay': { input: z.object({ display: DisplaySettings.strict().nullable() }).strict(), output: DisplayState },
  /** Jobs not printed yet or failed. */
  'print.jobs': { input: Empty, output: z.array(PrintJobView) },
  /** A copy of a sale's receipt (COPY / КОПИЯ / COPIE), never opening the drawer. */
  'print.reprint': { input: z.object({ saleId: z.string().min(1).max(64) }).strict(), output: JobId },
  /** A failed job prints again now, as it was. */
  'print.retry': { input: z.object({ jobId: z.string().min(1).max(64) }).strict(), output: PrintJobView },
} as const;

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends Method> = z.output<Contract[M]['input']>;
export type Output<M extends Method> = z.output<Contract[M]['output']>;

export const RpcError = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type RpcError = z.infer<typeof RpcError>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: RpcError };

/** What travels over a transport: a request id so answers can come back out of order. */
export const RpcRequest = z.object({ id: z.number().int(), method: z.string().max(64), input: z.unknown() });
export type RpcRequest = z.infer<typeof RpcRequest>;
export interface RpcResponse {
  id: number;
  result: Result<unknown>;
}

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** The calling side of the contract: the renderer holds one of these, whatever the transport. */
export type TillApi = { [M in Method]: (input: Input<M>) => Promise<Result<Output<M>>> };
