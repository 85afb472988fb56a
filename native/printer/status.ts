import { TillError } from '../../core/errors.js';
import type { PrinterTransport } from './transport.js';

/** What an ESC/POS printer says about itself through DLE EOT (real-time status). */
export interface PrinterStatus {
  readonly online: boolean;
  readonly coverOpen: boolean;
  readonly paperOut: boolean;
  readonly paperNearEnd: boolean;
  /** A mechanical or cutter error the printer reports as such. */
  readonly error: boolean;
}

const DLE_EOT = (n: number): Uint8Array => Uint8Array.of(0x10, 0x04, n);

/** Every DLE EOT answer has bits 1 and 4 set and bits 0 and 7 clear; anything else is not one. */
export function isRealTimeStatusByte(b: number): boolean {
  return (b & 0x93) === 0x12;
}

/** GS r 1 answers have bits 4 and 7 clear, which tells them from DLE EOT answers. */
export function isTransmittedStatusByte(b: number): boolean {
  return (b & 0x90) === 0;
}

/**
 * Parses the answers to DLE EOT 1 (printer), 2 (offline cause) and 4 (paper sensors), per
 * the Epson ESC/POS reference that Xprinter, POS-58/80 and the other generic printers copy.
 */
export function parseRealTimeStatus(printer: number, offlineCause: number, paper: number): PrinterStatus {
  return {
    online: (printer & 0x08) === 0,
    coverOpen: (offlineCause & 0x04) !== 0,
    paperOut: (offlineCause & 0x20) !== 0 || (paper & 0x60) !== 0,
    paperNearEnd: (paper & 0x0c) !== 0,
    error: (offlineCause & 0x40) !== 0,
  };
}

async function askStatus(transport: PrinterTransport, n: number, timeoutMs: number): Promise<number> {
  await transport.write(DLE_EOT(n));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [b] = await transport.read(1, Math.max(1, deadline - Date.now()));
    // Automatic status bytes and stale answers are skipped; only a real-time answer counts.
    if (b !== undefined && isRealTimeStatusByte(b)) return b;
  }
}

export async function queryStatus(transport: PrinterTransport, timeoutMs: number): Promise<PrinterStatus> {
  transport.discardInput();
  const printer = await askStatus(transport, 1, timeoutMs);
  const offlineCause = await askStatus(transport, 2, timeoutMs);
  const paper = await askStatus(transport, 4, timeoutMs);
  return parseRealTimeStatus(printer, offlineCause, paper);
}

/** The fault that stops printing, most specific first, or null when the printer can print. */
export function statusFault(status: PrinterStatus, address: string): TillError | null {
  if (status.coverOpen) return new TillError('PRINTER_COVER_OPEN', { address });
  if (status.paperOut) return new TillError('PRINTER_PAPER_OUT', { address });
  if (!status.online || status.error) return new TillError('PRINTER_OFFLINE', { address });
  return null;
}
