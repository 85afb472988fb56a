import { TillError } from '../../core/errors.js';
import type { ScanEvent } from '../../core/scan/scan.js';
import { openSerialLine, type SerialLineConfig } from '../printer/serialTransport.js';
import { createScanFramer, type ScanSuffix } from './scanFramer.js';

export interface SerialScannerConfig extends SerialLineConfig {
  readonly suffix: ScanSuffix;
  readonly interCharTimeoutMs: number;
}

export interface ScannerHandlers {
  readonly onScan: (event: ScanEvent) => void;
  /** SCAN_* for bad codes; SCANNER_DISCONNECTED when the line goes away. */
  readonly onError: (error: TillError) => void;
}

/** A barcode scanner on a serial line (RS-232, or USB in CDC/serial emulation mode). */
export async function openSerialScanner(config: SerialScannerConfig, handlers: ScannerHandlers): Promise<{ close(): Promise<void> }> {
  let port;
  try {
    port = await openSerialLine(config);
  } catch (e) {
    throw new TillError('DEVICE_OPEN_FAILED', { path: config.path, reason: e instanceof Error ? e.message : String(e) });
  }
  const framer = createScanFramer({ ...config, ...handlers });
  let closing = false;
  port.on('data', (chunk: Buffer) => framer.push(chunk));
  port.on('error', (e) => handlers.onError(new TillError('SCANNER_DISCONNECTED', { path: config.path }, e.message)));
  port.on('close', () => {
    framer.close();
    if (!closing) handlers.onError(new TillError('SCANNER_DISCONNECTED', { path: config.path }));
  });
  const open = port;
  return {
    close: () =>
      new Promise<void>((resolve) => {
        closing = true;
        if (!open.isOpen) return resolve();
        open.close(() => resolve());
      }),
  };
}
