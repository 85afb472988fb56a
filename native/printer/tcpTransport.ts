import { connect, type Socket } from 'node:net';
import { TillError } from '../../core/errors.js';
import { ReplyBuffer, withTimeout, type PrinterTransport, type TransportTimeouts } from './transport.js';

export interface TcpPrinterConfig extends TransportTimeouts {
  readonly host: string;
  /** The raw printing port: 9100 on every network receipt printer we know. */
  readonly port: number;
  readonly connectTimeoutMs: number;
}

/** A network printer on its raw port. A refused or silent address is PRINTER_UNREACHABLE. */
export async function openTcpPrinter(config: TcpPrinterConfig): Promise<PrinterTransport> {
  const address = `${config.host}:${config.port}`;
  const socket: Socket = await new Promise((resolve, reject) => {
    const s = connect({ host: config.host, port: config.port, noDelay: true });
    const timer = setTimeout(() => {
      s.destroy();
      reject(new TillError('PRINTER_UNREACHABLE', { address }, `connect to ${address} timed out`));
    }, config.connectTimeoutMs);
    s.once('connect', () => {
      clearTimeout(timer);
      resolve(s);
    });
    s.once('error', (e) => {
      clearTimeout(timer);
      reject(new TillError('PRINTER_UNREACHABLE', { address }, e.message));
    });
  });
  const replies = new ReplyBuffer(address);
  socket.on('data', (chunk: Buffer) => replies.push(chunk));
  socket.on('error', (e) => replies.fail(new TillError('PRINTER_DISCONNECTED', { address }, e.message)));
  socket.on('close', () => replies.fail(new TillError('PRINTER_DISCONNECTED', { address }, 'the printer closed the connection')));
  return {
    address,
    write: (bytes) => {
      if (replies.failed) return Promise.reject(replies.failed);
      const written = new Promise<void>((resolve, reject) => {
        socket.write(bytes, (e) => (e ? reject(replies.failed ?? new TillError('PRINTER_DISCONNECTED', { address }, e.message)) : resolve()));
      });
      return withTimeout(written, config.writeTimeoutMs, address, 'write');
    },
    read: (count, timeoutMs) => replies.read(count, timeoutMs),
    discardInput: () => replies.discard(),
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.destroyed) return resolve();
        socket.once('close', () => resolve());
        socket.end();
        setTimeout(() => socket.destroy(), 1000).unref();
      }),
  };
}
