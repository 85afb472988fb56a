import { openSerialPrinter, type SerialLineConfig } from './serialTransport.js';
import { openTcpPrinter } from './tcpTransport.js';
import type { PrinterTransport } from './transport.js';
import { openUsbLpPrinter } from './usbLpTransport.js';

/** How the till reaches its receipt printer, as kept in the till's settings. */
export type PrinterConnectionConfig =
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number }
  | ({ readonly kind: 'serial' } & SerialLineConfig)
  | { readonly kind: 'usb'; readonly path: string };

export interface ConnectionTimeouts {
  readonly connectTimeoutMs: number;
  readonly writeTimeoutMs: number;
}

export const DEFAULT_CONNECTION_TIMEOUTS: ConnectionTimeouts = { connectTimeoutMs: 3000, writeTimeoutMs: 10_000 };

export function openPrinterTransport(
  config: PrinterConnectionConfig,
  timeouts: ConnectionTimeouts = DEFAULT_CONNECTION_TIMEOUTS,
): Promise<PrinterTransport> {
  switch (config.kind) {
    case 'tcp':
      return openTcpPrinter({ host: config.host, port: config.port, ...timeouts });
    case 'serial':
      return openSerialPrinter({ ...config, writeTimeoutMs: timeouts.writeTimeoutMs });
    case 'usb':
      return openUsbLpPrinter({ path: config.path, writeTimeoutMs: timeouts.writeTimeoutMs });
  }
}
