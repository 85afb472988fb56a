import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { TillError } from '../../core/errors.js';
import { ReplyBuffer, type PrinterTransport, type TransportTimeouts } from './transport.js';

export interface UsbLpPrinterConfig extends TransportTimeouts {
  /** /dev/usb/lp0 and friends: the kernel's usblp driver, no udev or libusb needed. */
  readonly path: string;
}

/** How often the reply side is polled; usblp has no readiness events Node can wait on. */
const POLL_MS = 10;

const GONE = new Set(['EIO', 'ENODEV', 'ENXIO', 'EBADF']);

/**
 * A USB printer through the Linux usblp character device. Opened non-blocking: writes the
 * device cannot take yet are retried until the write timeout, replies are polled.
 */
export async function openUsbLpPrinter(config: UsbLpPrinterConfig): Promise<PrinterTransport> {
  const address = config.path;
  let handle: FileHandle;
  try {
    handle = await open(config.path, constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (e) {
    throw new TillError('PRINTER_UNREACHABLE', { address }, e instanceof Error ? e.message : String(e));
  }
  const replies = new ReplyBuffer(address);
  const disconnected = (e: unknown): TillError =>
    new TillError('PRINTER_DISCONNECTED', { address }, e instanceof Error ? e.message : String(e));
  let closed = false;
  let polling: Promise<void> = Promise.resolve();
  const chunk = Buffer.alloc(256);
  const poll = async (): Promise<void> => {
    while (!closed && !replies.failed) {
      try {
        const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
        if (bytesRead > 0) replies.push(chunk.subarray(0, bytesRead));
        else await sleep(POLL_MS);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? '';
        if (code === 'EAGAIN' || code === 'EWOULDBLOCK') await sleep(POLL_MS);
        else if (!closed && GONE.has(code)) replies.fail(disconnected(e));
        else if (!closed) await sleep(POLL_MS);
      }
    }
  };
  polling = poll();

  return {
    address,
    write: async (bytes) => {
      const deadline = Date.now() + config.writeTimeoutMs;
      let offset = 0;
      while (offset < bytes.length) {
        if (replies.failed) throw replies.failed;
        try {
          const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, null);
          offset += bytesWritten;
          if (bytesWritten > 0) continue;
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code ?? '';
          if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK') throw disconnected(e);
        }
        if (Date.now() > deadline) {
          throw new TillError('PRINTER_TIMEOUT', { address }, `${address} took no data for ${config.writeTimeoutMs} ms`);
        }
        await sleep(POLL_MS);
      }
    },
    read: (count, timeoutMs) => replies.read(count, timeoutMs),
    discardInput: () => replies.discard(),
    close: async () => {
      if (closed) return;
      closed = true;
      await polling;
      await handle.close();
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
