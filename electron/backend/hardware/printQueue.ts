import { TillError, isTillError, type ErrorCode } from '../../../core/errors.js';
import { newId } from '../../../core/ids.js';
import { isCashSale, receiptSchema, type Receipt } from '../../../core/receipt/model.js';
import { openPrinterTransport, DEFAULT_CONNECTION_TIMEOUTS, type ConnectionTimeouts, type PrinterConnectionConfig } from '../../../native/printer/connection.js';
import { canPrintWith, encodeBlocks, encodeDrawerPulse, encodeReceipt } from '../../../native/printer/encode.js';
import { layoutShiftReport, PrintedShiftReport } from '../../../core/shift/printed.js';
import { layoutNoSaleSlip, NoSaleSlip } from '../../../core/adjust/slip.js';
import { DEFAULT_PRINT_TIMEOUTS, printOnDevice, type PrintTimeouts } from '../../../native/printer/printJob.js';
import type { PrinterProfile } from '../../../native/printer/profiles.js';
import type { PrinterStatus } from '../../../native/printer/status.js';
import { statement, type TillDatabase } from '../db.js';

export type PrintJobKind = 'receipt' | 'reprint' | 'test' | 'report' | 'return' | 'noSale';
export type PrintJobState = 'pending' | 'printing' | 'done' | 'failed';

export interface PrintJobView {
  readonly id: string;
  readonly saleId: string | null;
  readonly kind: PrintJobKind;
  readonly state: PrintJobState;
  readonly attempts: number;
  readonly errorCode: ErrorCode | null;
  readonly errorDetail: string | null;
  /** Set on a failed job the queue will try again by itself. */
  readonly retryAt: string | null;
  readonly createdAt: string;
  readonly doneAt: string | null;
  readonly drawerOpened: boolean;
}

interface JobRow {
  id: string;
  sale_id: string | null;
  kind: PrintJobKind;
  document: string;
  open_drawer: 0 | 1;
  state: PrintJobState;
  attempts: number;
  error_code: ErrorCode | null;
  error_detail: string | null;
  retry_at: string | null;
  created_at: string;
  sent_at: string | null;
  done_at: string | null;
  drawer_opened_at: string | null;
  purpose: 'return' | 'return_cash' | 'no_sale' | null;
}

function view(row: JobRow): PrintJobView {
  return {
    id: row.id,
    saleId: row.sale_id,
    kind: row.purpose === 'no_sale' ? 'noSale' : row.purpose ? 'return' : row.kind,
    state: row.state,
    attempts: row.attempts,
    errorCode: row.error_code,
    errorDetail: row.error_detail,
    retryAt: row.retry_at,
    createdAt: row.created_at,
    doneAt: row.done_at,
    drawerOpened: row.drawer_opened_at !== null,
  };
}

const INSERT_JOB = `INSERT INTO print_jobs (id, sale_id, kind, document, open_drawer, state, created_at, updated_at)
  VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)`;

/**
 * Queues a sale's receipt. Call it inside the transaction that completes the sale, so the
 * sale and its receipt commit together: neither is lost, and a sale has one original receipt
 * (a second call for the same sale fails on the unique index). Cash sales open the drawer.
 */
export function enqueueReceipt(db: TillDatabase, receipt: Receipt, now: Date = new Date()): string {
  const document = JSON.stringify(receiptSchema.parse(receipt));
  const id = newId(now.getTime());
  const at = now.toISOString();
  statement(db, INSERT_JOB).run(id, receipt.saleId, 'receipt', document, isCashSale(receipt) ? 1 : 0, at, at);
  return id;
}

/** A copy asked for by staff: printed as COPY / КОПИЯ / COPIE, never opening the drawer. */
export function enqueueReprint(db: TillDatabase, saleId: string, now: Date = new Date()): string {
  const original = db.prepare(`SELECT document FROM print_jobs WHERE sale_id = ? AND kind = 'receipt'`).get(saleId) as
    | { document: string }
    | undefined;
  if (!original) throw new TillError('PRINT_JOB_NOT_FOUND', { saleId });
  const id = newId(now.getTime());
  const at = now.toISOString();
  statement(db, INSERT_JOB).run(id, saleId, 'reprint', original.document, 0, at, at);
  return id;
}

/** A return whose refund is (partly) paid out of the drawer: cash, or the rest over a card's share. */
function cashOut(refund: NonNullable<Receipt['refund']>): boolean {
  return refund.method === 'cash' || (refund.card !== undefined && refund.amount > refund.card.amount);
}

/**
 * Queues a return receipt (RETURN / ВОЗВРАТ / RETUR). Call it inside the transaction that
 * records the return. A cash refund opens the drawer, once, like a cash sale.
 */
export function enqueueReturnReceipt(db: TillDatabase, receipt: Receipt, now: Date = new Date()): string {
  if (!receipt.refund) throw new TillError('INPUT_INVALID', {}, 'a return receipt carries its refund');
  const id = newId(now.getTime());
  const at = now.toISOString();
  statement(
    db,
    `INSERT INTO print_jobs (id, sale_id, kind, document, open_drawer, state, created_at, updated_at, purpose)
     VALUES (?, NULL, 'test', ?, 0, 'pending', ?, ?, ?)`,
  ).run(id, JSON.stringify(receiptSchema.parse(receipt)), at, at, cashOut(receipt.refund) ? 'return_cash' : 'return');
  return id;
}

/**
 * "No sale": the slip and the drawer pulse, once (the pulse is recorded like a cash sale's, so a
 * crash mid-job never opens the drawer twice). Call it inside the transaction that counts it.
 */
export function enqueueNoSale(db: TillDatabase, slip: NoSaleSlip, now: Date = new Date()): string {
  const id = newId(now.getTime());
  const at = now.toISOString();
  statement(
    db,
    `INSERT INTO print_jobs (id, sale_id, kind, document, open_drawer, state, created_at, updated_at, purpose)
     VALUES (?, NULL, 'report', ?, 0, 'pending', ?, ?, 'no_sale')`,
  ).run(id, JSON.stringify(NoSaleSlip.parse(slip)), at, at);
  return id;
}

/** The settings screen's test print: a sample receipt marked as a copy, no sale, no drawer. */
export function enqueueTestPrint(db: TillDatabase, sample: Receipt, now: Date = new Date()): string {
  const id = newId(now.getTime());
  const at = now.toISOString();
  statement(db, INSERT_JOB).run(id, null, 'test', JSON.stringify(receiptSchema.parse(sample)), 0, at, at);
  return id;
}

/** An X or Z report for the receipt printer; a Z is queued in the transaction that closes the shift. */
export function enqueueShiftReport(db: TillDatabase, doc: PrintedShiftReport, now: Date = new Date()): string {
  const id = newId(now.getTime());
  const at = now.toISOString();
  statement(db, INSERT_JOB).run(id, null, 'report', JSON.stringify(PrintedShiftReport.parse(doc)), 0, at, at);
  return id;
}

/** A job's printer bytes for the profile: a receipt (a copy unless the original) or a shift report. */
function encodeJob(job: JobRow, profile: PrinterProfile): { bytes: Uint8Array } | { invalid: string } {
  const document: unknown = JSON.parse(job.document);
  if (job.purpose === 'no_sale') {
    const slip = NoSaleSlip.safeParse(document);
    if (!slip.success) return { invalid: slip.error.message };
    return { bytes: encodeBlocks(layoutNoSaleSlip(slip.data, { columns: profile.columns, canPrint: canPrintWith(profile) }), profile) };
  }
  if (job.kind === 'report') {
    const report = PrintedShiftReport.safeParse(document);
    if (!report.success) return { invalid: report.error.message };
    return { bytes: encodeBlocks(layoutShiftReport(report.data, { columns: profile.columns, canPrint: canPrintWith(profile) }), profile) };
  }
  const receipt = receiptSchema.safeParse(document);
  if (!receipt.success) return { invalid: receipt.error.message };
  return { bytes: encodeReceipt(receipt.data, profile, { copy: job.kind !== 'receipt' && job.purpose === null }) };
}

export function printJob(db: TillDatabase, id: string): PrintJobView | null {
  const row = db.prepare('SELECT * FROM print_jobs WHERE id = ?').get(id) as JobRow | undefined;
  return row ? view(row) : null;
}

export function printJobsForSale(db: TillDatabase, saleId: string): PrintJobView[] {
  return (db.prepare('SELECT * FROM print_jobs WHERE sale_id = ? ORDER BY created_at, id').all(saleId) as JobRow[]).map(view);
}

/** Jobs staff should know about: not yet printed, or failed. */
export function openPrintJobs(db: TillDatabase): PrintJobView[] {
  return (
    db.prepare(`SELECT * FROM print_jobs WHERE state IN ('pending', 'printing', 'failed') ORDER BY created_at, id`).all() as JobRow[]
  ).map(view);
}

/** Staff decided a failed job should print again as it was (e.g. after checking the paper). */
export function retryPrintJob(db: TillDatabase, id: string, now: Date = new Date()): void {
  const changed = db
    .prepare(`UPDATE print_jobs SET state = 'pending', retry_at = NULL, updated_at = ? WHERE id = ? AND state = 'failed'`)
    .run(now.toISOString(), id).changes;
  if (changed === 0) throw new TillError('PRINT_JOB_NOT_FOUND', { jobId: id });
}

export interface PrinterSetup {
  readonly connection: PrinterConnectionConfig;
  readonly profile: PrinterProfile;
}

export type PrintQueueEvent =
  | { readonly type: 'job'; readonly job: PrintJobView }
  | { readonly type: 'status'; readonly status: PrinterStatus };

export interface PrintQueueOptions {
  readonly db: TillDatabase;
  /** The printer as configured now; null when none is set up. Read before every job. */
  readonly printer: () => PrinterSetup | null;
  readonly timeouts?: PrintTimeouts;
  readonly connectionTimeouts?: ConnectionTimeouts;
  /** Wait before trying a failed job again. */
  readonly retryDelayMs?: number;
  /** Partial prints (lost mid-job) tolerated before a job waits for staff. */
  readonly maxAttempts?: number;
  readonly onEvent?: (event: PrintQueueEvent) => void;
  readonly now?: () => Date;
}

/** Retrying these can only finish a receipt that did not print: the printer never confirmed it. */
const LOST_MID_JOB: ReadonlySet<ErrorCode> = new Set(['PRINTER_DISCONNECTED', 'PRINTER_UNREACHABLE', 'PRINTER_TIMEOUT']);

/**
 * The worker that prints queued jobs in order, one at a time. Every step is written down
 * before and after it happens, so after a crash it knows what the printer already has:
 * a job that never reached the printer resumes, a job whose bytes all went out but was not
 * confirmed waits for staff instead of printing twice, and the drawer never opens twice.
 */
export function createPrintQueue(options: PrintQueueOptions) {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const retryDelayMs = options.retryDelayMs ?? 2000;
  const maxAttempts = options.maxAttempts ?? 5;
  const emit = options.onEvent ?? (() => {});

  const q = {
    next: db.prepare(
      `SELECT * FROM print_jobs WHERE state IN ('pending', 'printing', 'failed')
         AND (state = 'pending' OR (state = 'failed' AND retry_at IS NOT NULL))
       ORDER BY created_at, id LIMIT 1`,
    ),
    byId: db.prepare('SELECT * FROM print_jobs WHERE id = ?'),
    start: db.prepare(`UPDATE print_jobs SET state = 'printing', sent_at = NULL, retry_at = NULL, updated_at = ? WHERE id = ?`),
    writing: db.prepare('UPDATE print_jobs SET attempts = attempts + 1, updated_at = ? WHERE id = ?'),
    drawerOpened: db.prepare('UPDATE print_jobs SET drawer_opened_at = ?, updated_at = ? WHERE id = ?'),
    sent: db.prepare('UPDATE print_jobs SET sent_at = ?, updated_at = ? WHERE id = ?'),
    fault: db.prepare('UPDATE print_jobs SET error_code = ?, error_detail = ?, updated_at = ? WHERE id = ?'),
    done: db.prepare(
      `UPDATE print_jobs SET state = 'done', done_at = ?, error_code = NULL, error_detail = NULL, updated_at = ? WHERE id = ?`,
    ),
    failed: db.prepare(
      `UPDATE print_jobs SET state = 'failed', error_code = ?, error_detail = ?, retry_at = ?, updated_at = ? WHERE id = ?`,
    ),
    interrupted: db.prepare(`SELECT * FROM print_jobs WHERE state = 'printing'`),
    resume: db.prepare(
      `UPDATE print_jobs SET state = 'pending', error_detail = 'resumed after a restart', updated_at = ? WHERE id = ?`,
    ),
  };

  let running = false;
  let stopped = false;
  let wake: (() => void) | null = null;
  let loop: Promise<void> = Promise.resolve();
  const idleWaiters: (() => void)[] = [];

  const row = (id: string): JobRow => q.byId.get(id) as JobRow;
  const announce = (id: string): void => emit({ type: 'job', job: view(row(id)) });

  /** What a crash left behind: resume what never reached the printer, hold what may have printed. */
  function recover(): void {
    const at = now().toISOString();
    db.transaction(() => {
      for (const job of q.interrupted.all() as JobRow[]) {
        if (job.sent_at === null) {
          q.resume.run(at, job.id);
        } else {
          const receiptNo = (JSON.parse(job.document) as { receiptNo?: number }).receiptNo ?? '';
          q.failed.run('PRINT_JOB_UNCONFIRMED', `receipt ${receiptNo}: every byte was sent, the printer never confirmed`, null, at, job.id);
        }
      }
    })();
  }

  function fail(job: JobRow, error: TillError, wrote: boolean, sent: boolean): void {
    const attempts = row(job.id).attempts;
    const retry =
      !wrote ||
      (LOST_MID_JOB.has(error.code) && !(sent && error.code === 'PRINTER_TIMEOUT') && attempts < maxAttempts);
    const at = now();
    const retryAt = retry ? new Date(at.getTime() + retryDelayMs).toISOString() : null;
    q.failed.run(error.code, error.message, retryAt, at.toISOString(), job.id);
    announce(job.id);
  }

  async function print(job: JobRow): Promise<void> {
    q.start.run(now().toISOString(), job.id);
    announce(job.id);
    const setup = options.printer();
    if (!setup) return fail(job, new TillError('PRINTER_NOT_CONFIGURED'), false, false);
    const encoded = encodeJob(job, setup.profile);
    if ('invalid' in encoded) {
      q.failed.run('INPUT_INVALID', encoded.invalid, null, now().toISOString(), job.id);
      return announce(job.id);
    }
    const receipt = encoded.bytes;
    const opensDrawer = job.open_drawer === 1 || job.purpose === 'return_cash' || job.purpose === 'no_sale';
    const drawerPulse = opensDrawer && job.drawer_opened_at === null ? encodeDrawerPulse(setup.profile) : null;
    let wrote = false;
    let sent = false;
    let transport;
    try {
      transport = await openPrinterTransport(setup.connection, options.connectionTimeouts ?? DEFAULT_CONNECTION_TIMEOUTS);
    } catch (e) {
      return fail(job, asTillError(e), false, false);
    }
    try {
      await printOnDevice(
        transport,
        setup.profile,
        { drawerPulse, receipt },
        {
          writing: () => {
            wrote = true;
            q.writing.run(now().toISOString(), job.id);
          },
          drawerOpened: () => {
            const at = now().toISOString();
            q.drawerOpened.run(at, at, job.id);
          },
          sent: () => {
            sent = true;
            const at = now().toISOString();
            q.sent.run(at, at, job.id);
          },
          fault: (error) => {
            q.fault.run(error?.code ?? null, error?.message ?? null, now().toISOString(), job.id);
            announce(job.id);
          },
          status: (status) => emit({ type: 'status', status }),
        },
        options.timeouts ?? DEFAULT_PRINT_TIMEOUTS,
      );
      const at = now().toISOString();
      q.done.run(at, at, job.id);
      announce(job.id);
    } catch (e) {
      fail(job, asTillError(e), wrote, sent);
    } finally {
      await transport.close();
    }
  }

  async function run(): Promise<void> {
    while (!stopped) {
      const job = q.next.get() as JobRow | undefined;
      const waitMs = job?.state === 'failed' && job.retry_at ? Date.parse(job.retry_at) - now().getTime() : 0;
      if (job && waitMs <= 0) {
        await print(job);
        continue;
      }
      for (const resolve of idleWaiters.splice(0)) resolve();
      await new Promise<void>((resolve) => {
        const timer = job ? setTimeout(resolve, waitMs) : null;
        wake = () => {
          if (timer) clearTimeout(timer);
          wake = null;
          resolve();
        };
      });
    }
  }

  return {
    /** Settles what a crash left, then prints until stopped. */
    start(): void {
      if (running) return;
      running = true;
      stopped = false;
      recover();
      loop = run();
    },
    /** A job was queued or the printer came back: look now rather than at the next retry. */
    kick(): void {
      wake?.();
    },
    /** Resolves when nothing is printable right now (queue empty or every job waiting). */
    idle(): Promise<void> {
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        wake?.();
      });
    },
    async stop(): Promise<void> {
      stopped = true;
      wake?.();
      await loop;
      running = false;
    },
  };
}

export type PrintQueue = ReturnType<typeof createPrintQueue>;

function asTillError(e: unknown): TillError {
  return isTillError(e) ? e : new TillError('INTERNAL', {}, e instanceof Error ? e.message : String(e));
}
