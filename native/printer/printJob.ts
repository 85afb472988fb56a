import { TillError, isTillError } from '../../core/errors.js';
import type { PrinterProfile } from './profiles.js';
import { isRealTimeStatusByte, isTransmittedStatusByte, parseRealTimeStatus, queryStatus, statusFault, type PrinterStatus } from './status.js';
import type { PrinterTransport } from './transport.js';

export interface PrintTimeouts {
  /** For each DLE EOT answer. */
  readonly statusTimeoutMs: number;
  /** How long a printer reporting no fault may take to finish a job before we stop waiting. */
  readonly completionTimeoutMs: number;
  /** How often the status is asked while waiting for the job to finish. */
  readonly pollMs: number;
}

export const DEFAULT_PRINT_TIMEOUTS: PrintTimeouts = { statusTimeoutMs: 1500, completionTimeoutMs: 30_000, pollMs: 250 };

export interface PrintSteps {
  /** The first byte of the job is about to go out: from here on a failure may leave a partial print. */
  writing(): void;
  /** The drawer kick went out: it must never be sent again for this sale. */
  drawerOpened(): void;
  /** Every byte of the receipt is with the operating system. */
  sent(): void;
  /** The printer stopped on a fault mid-job (null when it clears); the job resumes by itself. */
  fault(error: TillError | null): void;
  status(status: PrinterStatus): void;
}

/** GS r 1: answered only once everything sent before it is printed, so its answer means "done". */
const TRANSMIT_PAPER_STATUS = Uint8Array.of(0x1d, 0x72, 0x01);
const DLE_EOT = [1, 2, 4] as const;

/**
 * Prints one job and returns only when the printer confirms it printed it:
 * status before (nothing is sent to a printer that cannot print), the drawer kick, the
 * receipt, then the in-order GS r answer. A printer that runs out of paper or is opened
 * mid-job holds the rest and finishes it when the fault is cleared; we keep waiting and
 * report the fault meanwhile. Failures throw TillErrors with PRINTER_* codes.
 */
export async function printOnDevice(
  transport: PrinterTransport,
  profile: PrinterProfile,
  job: { readonly drawerPulse: Uint8Array | null; readonly receipt: Uint8Array },
  steps: PrintSteps,
  timeouts: PrintTimeouts = DEFAULT_PRINT_TIMEOUTS,
): Promise<void> {
  if (profile.escPosStatus) {
    const status = await queryStatus(transport, timeouts.statusTimeoutMs);
    steps.status(status);
    const fault = statusFault(status, transport.address);
    if (fault) throw fault;
  }
  steps.writing();
  if (job.drawerPulse) {
    await transport.write(job.drawerPulse);
    steps.drawerOpened();
  }
  await transport.write(job.receipt);
  steps.sent();
  if (profile.escPosStatus) await awaitCompletion(transport, steps, timeouts);
}

async function awaitCompletion(transport: PrinterTransport, steps: PrintSteps, timeouts: PrintTimeouts): Promise<void> {
  transport.discardInput();
  await transport.write(TRANSMIT_PAPER_STATUS);
  let asked: number[] = [];
  let answers: number[] = [];
  let askedAt = 0;
  let faulted: TillError | null = null;
  // The completion clock runs only while the printer reports no fault: a printer waiting for
  // paper is not late, it is waiting for the cashier.
  let waitingSince = Date.now();
  for (;;) {
    let byte: number | undefined;
    try {
      [byte] = await transport.read(1, timeouts.pollMs);
    } catch (e) {
      if (!isTillError(e) || e.code !== 'PRINTER_TIMEOUT') throw e;
    }
    if (byte !== undefined && isTransmittedStatusByte(byte)) {
      if (faulted) steps.fault(null);
      return;
    }
    if (byte !== undefined && isRealTimeStatusByte(byte) && asked.length > 0) {
      asked.shift();
      answers.push(byte);
      if (asked.length === 0) {
        const status = parseRealTimeStatus(answers[0] ?? 0, answers[1] ?? 0, answers[2] ?? 0);
        steps.status(status);
        const fault = statusFault(status, transport.address);
        if ((fault?.code ?? null) !== (faulted?.code ?? null)) steps.fault(fault);
        if (faulted && !fault) waitingSince = Date.now();
        faulted = fault;
      }
      continue;
    }
    if (byte !== undefined) continue;
    const now = Date.now();
    if (!faulted && now - waitingSince > timeouts.completionTimeoutMs) {
      throw new TillError('PRINTER_TIMEOUT', { address: transport.address }, 'the printer did not confirm the job');
    }
    const answered = asked.length === 0;
    if ((answered && now - askedAt >= timeouts.pollMs) || (!answered && now - askedAt > timeouts.statusTimeoutMs)) {
      if (!answered && faulted) {
        // It stopped answering while faulted: treat it as silent, and let the clock run.
        faulted = null;
        steps.fault(null);
        waitingSince = now;
      }
      asked = [...DLE_EOT];
      answers = [];
      askedAt = now;
      for (const n of DLE_EOT) await transport.write(Uint8Array.of(0x10, 0x04, n));
    }
  }
}
