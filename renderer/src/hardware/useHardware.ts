import { useCallback, useState } from 'react';
import type { DeviceLinkView, PrinterStatusView, PrintJobView } from '../../../core/hardware/hardware.js';
import type { TillApi } from '../../../core/rpc/contract.js';
import type { Run } from '../shell/actions.js';
import type { EventBatch } from '../shell/tillEvents.js';
import type { HardwareLive, LastScan, Stamped } from './HardwareSettings.js';

const byCreated = (a: PrintJobView, b: PrintJobView): number => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/** The earlier job, failed or faulted, that the queue is stuck on ahead of `waiting`: its fault is why `waiting` waits. */
function blockerOf(jobs: readonly PrintJobView[], waiting: PrintJobView): PrintJobView | undefined {
  return jobs.find(
    (j) => j.errorCode !== null && byCreated(j, waiting) < 0 && (j.state === 'printing' || (j.state === 'failed' && j.retryAt !== null)),
  );
}

/** A job's reason to show: its own fault, or, while it waits its turn, the fault of the job ahead it waits behind. */
export function jobReason(jobs: readonly PrintJobView[], job: PrintJobView): Pick<PrintJobView, 'errorCode' | 'errorDetail'> {
  if (job.errorCode !== null || job.state !== 'pending') return job;
  const blocker = blockerOf(jobs, job);
  return blocker ?? job;
}

/** Where a sale's receipt is, from the one place that knows (the print jobs): the screens' notes and the indicator all read this. */
export type ReceiptPrint =
  | { readonly state: 'none' }
  | { readonly state: 'printing'; readonly copy: boolean }
  | { readonly state: 'problem'; readonly job: PrintJobView };

/**
 * The newest print job of the sale decides (a copy asked for after a failure is what the cashier
 * waits for): printed (no open job newer than the last one done), printing, or a problem — its own
 * fault, or the fault of an earlier job the printer is stuck on while it waits behind it.
 * `printedAt`: when the sale's newest job that printed was queued.
 */
export function receiptPrint(jobs: readonly PrintJobView[], saleId: string | null, printedAt?: string): ReceiptPrint {
  if (!saleId) return { state: 'none' };
  const newest = jobs.filter((j) => j.saleId === saleId && j.kind !== 'test').at(-1);
  if (!newest || (printedAt !== undefined && printedAt > newest.createdAt)) return { state: 'none' };
  if (newest.state === 'failed' || newest.errorCode !== null) return { state: 'problem', job: newest };
  const blocker = newest.state === 'pending' ? blockerOf(jobs, newest) : undefined;
  if (blocker) return { state: 'problem', job: { ...newest, errorCode: blocker.errorCode, errorDetail: blocker.errorDetail } };
  return { state: 'printing', copy: newest.kind === 'reprint' };
}

/** The print job of the last sale's receipt that did not print (or printed with trouble), for the printer indicator. */
export function receiptProblem(jobs: readonly PrintJobView[], lastSaleId: string | null, printedAt?: string): PrintJobView | undefined {
  const print = receiptPrint(jobs, lastSaleId, printedAt);
  return print.state === 'problem' ? print.job : undefined;
}

/**
 * The printer indicator's job: the last receipt's problem until the next sale has items (the job
 * stays in Settings' print jobs). After a restart (`restored`) only a receipt that may or may not
 * have printed, the one thing the cashier must decide, comes back.
 */
export function indicatorJob(print: ReceiptPrint, nextSaleHasItems: boolean, restored: boolean): PrintJobView | undefined {
  if (print.state !== 'problem' || nextSaleHasItems) return undefined;
  return !restored || print.job.errorCode === 'PRINT_JOB_UNCONFIRMED' ? print.job : undefined;
}

/** The live hardware state, fed by the backend's event stream: print jobs, printer status, the last scan, the serial devices. */
export function useHardware(api: TillApi, run: Run) {
  const [jobs, setJobs] = useState<PrintJobView[]>([]);
  const [printerStatus, setPrinterStatus] = useState<Stamped<PrinterStatusView> | null>(null);
  const [lastScan, setLastScan] = useState<LastScan | null>(null);
  const [scannerLink, setScannerLink] = useState<Stamped<DeviceLinkView> | null>(null);
  const [displayLink, setDisplayLink] = useState<Stamped<DeviceLinkView> | null>(null);
  /** Per sale: when its newest job that printed was queued (done jobs leave `jobs`). */
  const [printed, setPrinted] = useState<ReadonlyMap<string, string>>(new Map());

  const loadJobs = useCallback(async () => {
    const result = await api['print.jobs']({}).catch(() => null);
    if (result?.ok) setJobs([...result.value].sort(byCreated));
  }, [api]);

  const onEvents = useCallback(
    (batch: EventBatch) => {
      for (const { event } of batch.events) {
        switch (event.type) {
          case 'print.job':
            if (!batch.first) {
              const job = event.job;
              const { saleId } = job;
              if (job.state === 'done' && saleId !== null) {
                setPrinted((map) => ((map.get(saleId) ?? '') >= job.createdAt ? map : new Map(map).set(saleId, job.createdAt)));
              }
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
          case 'scan.rejected':
            setLastScan({ source: event.source, symbology: event.symbology, value: event.value, error: event.type === 'scan.rejected' ? event.error : null });
            break;
          case 'device':
            (event.device === 'scanner' ? setScannerLink : setDisplayLink)({ value: event.link, at: performance.now() });
            break;
        }
      }
      if (batch.first || batch.reset) void loadJobs();
    },
    [loadJobs],
  );

  const retryJob = useCallback(
    (jobId: string) =>
      void run(
        () => api['print.retry']({ jobId }),
        (job) => setJobs((all) => [...all.filter((j) => j.id !== job.id), job].sort(byCreated)),
      ),
    [api, run],
  );

  /** A copy of the sale's receipt; on the screens at once as waiting, before the queue's first news of it. */
  const reprint = useCallback(
    (saleId: string) =>
      void run(
        () => api['print.reprint']({ saleId }),
        ({ jobId }) =>
          setJobs((all) => {
            if (all.some((j) => j.id === jobId)) return all;
            const createdAt = new Date().toISOString();
            const queued: PrintJobView = { id: jobId, saleId, kind: 'reprint', state: 'pending', attempts: 0, errorCode: null, errorDetail: null, retryAt: null, createdAt, doneAt: null, drawerOpened: false };
            return [...all, queued].sort(byCreated);
          }),
      ),
    [api, run],
  );

  const printOf = useCallback((saleId: string | null) => receiptPrint(jobs, saleId, saleId ? printed.get(saleId) : undefined), [jobs, printed]);

  const live: HardwareLive = { printerStatus, jobs, lastScan, scannerLink, displayLink };
  return { live, jobs, onEvents, retryJob, reprint, printOf };
}
