import { useCallback, useState } from 'react';
import type { DeviceLinkView, PrinterStatusView, PrintJobView } from '../../../core/hardware/hardware.js';
import type { TillApi } from '../../../core/rpc/contract.js';
import type { Run } from '../shell/actions.js';
import type { EventBatch } from '../shell/tillEvents.js';
import type { HardwareLive, LastScan, Stamped } from './HardwareSettings.js';

const byCreated = (a: PrintJobView, b: PrintJobView): number => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);

/**
 * The print job of the last sale's receipt that did not print (or printed with trouble), for the
 * printer indicator. A receipt still waiting behind an earlier job the printer is stuck on (out of
 * paper in the middle of a copy) carries that job's fault: the cashier needs to know either way.
 */
export function receiptProblem(jobs: readonly PrintJobView[], lastSaleId: string | null): PrintJobView | undefined {
  if (!lastSaleId) return undefined;
  const own = jobs.filter((j) => j.saleId === lastSaleId && j.kind !== 'test');
  const troubled = own.filter((j) => j.state === 'failed' || j.errorCode !== null).at(-1);
  if (troubled) return troubled;
  const waiting = own.find((j) => j.state === 'pending');
  const blocker =
    waiting &&
    jobs.find(
      (j) => j.errorCode !== null && byCreated(j, waiting) < 0 && (j.state === 'printing' || (j.state === 'failed' && j.retryAt !== null)),
    );
  return waiting && blocker ? { ...waiting, errorCode: blocker.errorCode, errorDetail: blocker.errorDetail } : undefined;
}

/** The live hardware state, fed by the backend's event stream: print jobs, printer status, the last scan, the serial devices. */
export function useHardware(api: TillApi, run: Run) {
  const [jobs, setJobs] = useState<PrintJobView[]>([]);
  const [printerStatus, setPrinterStatus] = useState<Stamped<PrinterStatusView> | null>(null);
  const [lastScan, setLastScan] = useState<LastScan | null>(null);
  const [scannerLink, setScannerLink] = useState<Stamped<DeviceLinkView> | null>(null);
  const [displayLink, setDisplayLink] = useState<Stamped<DeviceLinkView> | null>(null);

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

  const live: HardwareLive = { printerStatus, jobs, lastScan, scannerLink, displayLink };
  return { live, jobs, onEvents, retryJob };
}
