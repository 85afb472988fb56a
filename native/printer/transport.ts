import { TillError } from '../../core/errors.js';

/**
 * One way of moving bytes to a printer and its replies back: TCP port 9100, a serial line,
 * or the Linux USB printer device. Every failure is a TillError with a PRINTER_* code, so
 * the queue can record it and the till can say what to do.
 */
export interface PrinterTransport {
  /** Where the printer is, for messages: "192.168.1.50:9100", "/dev/ttyUSB0", "/dev/usb/lp0". */
  readonly address: string;
  /** Resolves once the bytes are with the operating system; PRINTER_TIMEOUT if it will not take them. */
  write(bytes: Uint8Array): Promise<void>;
  /** The next `count` reply bytes; PRINTER_TIMEOUT if they do not come. */
  read(count: number, timeoutMs: number): Promise<Uint8Array>;
  /** Forgets replies nobody asked for (a late answer to an earlier, timed-out request). */
  discardInput(): void;
  close(): Promise<void>;
}

export interface TransportTimeouts {
  /** How long to wait for the device to take a write. */
  readonly writeTimeoutMs: number;
}

/** Collects what the printer sends back and hands it out by count, with a deadline. */
export class ReplyBuffer {
  private bytes: number[] = [];
  private waiter: { count: number; resolve: (b: Uint8Array) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | null = null;
  private failure: TillError | null = null;

  constructor(private readonly address: string) {}

  push(chunk: Uint8Array): void {
    for (const b of chunk) this.bytes.push(b);
    this.settle();
  }

  /** The line is gone: every pending and later read fails with this error. */
  fail(error: TillError): void {
    this.failure ??= error;
    if (this.waiter) {
      clearTimeout(this.waiter.timer);
      this.waiter.reject(this.failure);
      this.waiter = null;
    }
  }

  get failed(): TillError | null {
    return this.failure;
  }

  discard(): void {
    this.bytes = [];
  }

  read(count: number, timeoutMs: number): Promise<Uint8Array> {
    if (this.waiter) return Promise.reject(new Error('printer transport: one read at a time'));
    if (this.bytes.length >= count) return Promise.resolve(Uint8Array.from(this.bytes.splice(0, count)));
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new TillError('PRINTER_TIMEOUT', { address: this.address }, `no reply from ${this.address} in ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = { count, resolve, reject, timer };
    });
  }

  private settle(): void {
    if (this.waiter && this.bytes.length >= this.waiter.count) {
      const { count, resolve, timer } = this.waiter;
      clearTimeout(timer);
      this.waiter = null;
      resolve(Uint8Array.from(this.bytes.splice(0, count)));
    }
  }
}

/** Rejects with PRINTER_TIMEOUT when the promise does not settle in time. */
export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, address: string, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new TillError('PRINTER_TIMEOUT', { address }, `${what} on ${address} took over ${timeoutMs} ms`)),
      timeoutMs,
    );
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}
