import { SerialPort } from 'serialport';
import { TillError } from '../../core/errors.js';
import { ReplyBuffer, withTimeout, type PrinterTransport, type TransportTimeouts } from './transport.js';

export interface SerialLineConfig {
  readonly path: string;
  readonly baudRate: number;
  readonly dataBits: 7 | 8;
  readonly parity: 'none' | 'even' | 'odd';
  readonly stopBits: 1 | 2;
  readonly flowControl: 'none' | 'rtscts' | 'xonxoff';
}

export const DEFAULT_SERIAL_LINE: Omit<SerialLineConfig, 'path'> = {
  baudRate: 9600,
  dataBits: 8,
  parity: 'none',
  stopBits: 1,
  flowControl: 'none',
};

/** Opens a serial line with the settings the device is configured for; the open failure comes back as the error. */
export async function openSerialLine(config: SerialLineConfig): Promise<SerialPort> {
  const port = new SerialPort({
    path: config.path,
    baudRate: config.baudRate,
    dataBits: config.dataBits,
    parity: config.parity,
    stopBits: config.stopBits,
    rtscts: config.flowControl === 'rtscts',
    xon: config.flowControl === 'xonxoff',
    xoff: config.flowControl === 'xonxoff',
    autoOpen: false,
  });
  await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
  return port;
}

export interface SerialPrinterConfig extends SerialLineConfig, TransportTimeouts {}

/** A printer on a serial line (RS-232 or a USB-serial adapter). */
export async function openSerialPrinter(config: SerialPrinterConfig): Promise<PrinterTransport> {
  const address = config.path;
  let port: SerialPort;
  try {
    port = await openSerialLine(config);
  } catch (e) {
    throw new TillError('PRINTER_UNREACHABLE', { address }, e instanceof Error ? e.message : String(e));
  }
  const replies = new ReplyBuffer(address);
  port.on('data', (chunk: Buffer) => replies.push(chunk));
  port.on('error', (e) => replies.fail(new TillError('PRINTER_DISCONNECTED', { address }, e.message)));
  port.on('close', () => replies.fail(new TillError('PRINTER_DISCONNECTED', { address }, 'the serial line closed')));
  return {
    address,
    write: (bytes) => {
      if (replies.failed) return Promise.reject(replies.failed);
      const written = new Promise<void>((resolve, reject) => {
        port.write(Buffer.from(bytes), (e) => {
          if (e) return reject(new TillError('PRINTER_DISCONNECTED', { address }, e.message));
          port.drain((d) => (d ? reject(new TillError('PRINTER_DISCONNECTED', { address }, d.message)) : resolve()));
        });
      });
      return withTimeout(written, config.writeTimeoutMs, address, 'write');
    },
    read: (count, timeoutMs) => replies.read(count, timeoutMs),
    discardInput: () => replies.discard(),
    close: () =>
      new Promise<void>((resolve) => {
        if (!port.isOpen) return resolve();
        port.close(() => resolve());
      }),
  };
}
