import { createServer, type Server, type Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { SerialPort } from 'serialport';
import { CODEPAGE_NUMBERS, EscPosDecoder, type PrintedReceipt } from './escposDecoder.js';

export type PrinterFault = 'none' | 'paper-out' | 'cover-open' | 'offline';

/** Where replies go: the TCP connection or the serial line the bytes came in on. */
interface Link {
  write(bytes: Uint8Array): void;
  close(): void;
}

export interface EmulatedPrinterOptions {
  /** Code page numbering of the emulated family (see CODEPAGE_NUMBERS). */
  readonly family?: keyof typeof CODEPAGE_NUMBERS;
}

/**
 * An ESC/POS receipt printer that prints into memory. Like a real one it answers DLE EOT
 * the moment the request arrives, answers GS r only once everything before it is printed,
 * and while it is out of paper or its cover is open it holds the rest of the job and goes
 * on printing it when the fault is cleared.
 */
export class EmulatedPrinter {
  readonly decoder: EscPosDecoder;
  fault: PrinterFault = 'none';
  paperNearEnd = false;
  /** A hung printer: accepts bytes, never answers. */
  unresponsive = false;
  /** Printing speed limit in bytes per second; 0 prints instantly. */
  bytesPerSecond = 0;
  /** Runs out of paper after printing this many more bytes. */
  paperOutAfterBytes: number | null = null;
  /** Drops the connection after receiving this many more bytes, losing the rest (a pulled cable). */
  disconnectAfterBytes: number | null = null;
  bytesReceived = 0;
  /** GS r answers sent: each one confirms to the till that everything before it printed. */
  confirmations = 0;
  private held: number[] = [];
  private replyTo: Link | null = null;
  private realTime = 0;
  private pumping: NodeJS.Timeout | null = null;
  private readonly links = new Set<Link>();
  private readonly waiters = new Set<() => void>();

  constructor(options: EmulatedPrinterOptions = {}) {
    this.decoder = new EscPosDecoder(CODEPAGE_NUMBERS[options.family ?? 'epson'], (n) => this.answerInOrder(n));
  }

  get receipts(): PrintedReceipt[] {
    return this.decoder.cutReceipts;
  }

  setFault(fault: PrinterFault): void {
    this.fault = fault;
    this.pump();
  }

  /** Resolves when the predicate holds after some bytes were printed, or rejects after the timeout. */
  waitFor(predicate: (printer: EmulatedPrinter) => boolean, timeoutMs = 10_000): Promise<void> {
    if (predicate(this)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!predicate(this)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error('emulated printer: condition not met in time'));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  receive(chunk: Uint8Array, link: Link): void {
    this.replyTo = link;
    let bytes = chunk;
    if (this.disconnectAfterBytes !== null) {
      if (bytes.length >= this.disconnectAfterBytes) {
        bytes = bytes.subarray(0, this.disconnectAfterBytes);
        this.disconnectAfterBytes = null;
        this.links.delete(link);
        link.close();
        this.replyTo = null;
      } else {
        this.disconnectAfterBytes -= bytes.length;
      }
    }
    this.bytesReceived += bytes.length;
    for (const byte of bytes) {
      this.scanRealTime(byte);
      this.held.push(byte);
    }
    this.pump();
  }

  /** DLE EOT n, recognised in the raw stream the moment it arrives. */
  private scanRealTime(byte: number): void {
    if (this.realTime === 2) {
      this.realTime = 0;
      if (!this.unresponsive && byte >= 1 && byte <= 4) this.replyTo?.write(Uint8Array.of(this.realTimeStatus(byte)));
      return;
    }
    if (this.realTime === 1 && byte === 0x04) {
      this.realTime = 2;
      return;
    }
    this.realTime = byte === 0x10 ? 1 : 0;
  }

  private realTimeStatus(n: number): number {
    const fixed = 0x12;
    const stopped = this.fault !== 'none';
    switch (n) {
      case 1:
        return fixed | (stopped ? 0x08 : 0);
      case 2:
        return fixed | (this.fault === 'cover-open' ? 0x04 : 0) | (this.fault === 'paper-out' ? 0x20 : 0) | (this.fault === 'offline' ? 0x40 : 0);
      case 3:
        return fixed | (this.fault === 'offline' ? 0x20 : 0);
      default:
        return fixed | (this.paperNearEnd ? 0x0c : 0) | (this.fault === 'paper-out' ? 0x60 : 0);
    }
  }

  private answerInOrder(n: number): void {
    if (this.unresponsive) return;
    this.confirmations++;
    const paper = (this.paperNearEnd ? 0x03 : 0) | (this.fault === 'paper-out' ? 0x0c : 0);
    this.replyTo?.write(Uint8Array.of(n === 1 || n === 49 ? paper : 0));
  }

  private pump(): void {
    if (this.pumping) return;
    const step = (): void => {
      this.pumping = null;
      let budget = this.bytesPerSecond > 0 ? Math.max(1, Math.round(this.bytesPerSecond / 50)) : Infinity;
      while (this.held.length > 0 && this.fault === 'none' && budget-- > 0) {
        this.decoder.feed(this.held.shift() as number);
        if (this.paperOutAfterBytes !== null && --this.paperOutAfterBytes <= 0) {
          this.paperOutAfterBytes = null;
          this.fault = 'paper-out';
        }
      }
      for (const waiter of [...this.waiters]) waiter();
      if (this.held.length > 0 && this.fault === 'none') this.pumping = setTimeout(step, 20);
    };
    if (this.bytesPerSecond > 0) this.pumping = setTimeout(step, 20);
    else step();
  }

  /** Serves the raw port (9100 on a real printer; 0 picks a free one). */
  listenTcp(port = 9100, host = '127.0.0.1'): Promise<{ port: number; close: () => Promise<void> }> {
    const server: Server = createServer((socket: Socket) => {
      const link: Link = {
        write: (bytes) => {
          if (!socket.destroyed) socket.write(bytes);
        },
        close: () => socket.destroy(),
      };
      this.links.add(link);
      socket.on('data', (chunk: Buffer) => this.receive(chunk, link));
      socket.on('error', () => {});
      socket.on('close', () => this.links.delete(link));
    });
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        const address = server.address();
        resolve({
          port: typeof address === 'object' && address ? address.port : port,
          close: () =>
            new Promise<void>((done) => {
              for (const link of this.links) link.close();
              server.close(() => done());
            }),
        });
      });
    });
  }

  /** Listens on the device side of a PTY pair, as a serial or USB printer. */
  async attachPty(path: string): Promise<() => Promise<void>> {
    const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    const link: Link = {
      write: (bytes) => {
        if (port.isOpen) port.write(Buffer.from(bytes));
      },
      close: () => {
        if (port.isOpen) port.close();
      },
    };
    port.on('data', (chunk: Buffer) => this.receive(chunk, link));
    port.on('error', () => {});
    return () =>
      new Promise<void>((resolve) => {
        if (!port.isOpen) resolve();
        else port.close(() => resolve());
      });
  }
}

/** By hand: `npx tsx test/emulators/printer.ts --tcp 9100` or `--pty /dev/pts/N`; prints what it prints. */
async function main(args: string[]): Promise<void> {
  const printer = new EmulatedPrinter();
  let shown = 0;
  const show = (): void => {
    const all = printer.decoder.receipts.flatMap((r) => [...r.lines, ...r.qrCodes.map((q) => `[QR ${q.data}]`), ...(r.cut ? ['[CUT]'] : [])]);
    for (; shown < all.length; shown++) console.log(all[shown]);
  };
  setInterval(show, 100);
  const tcp = args.indexOf('--tcp');
  const pty = args.indexOf('--pty');
  if (pty >= 0 && args[pty + 1]) {
    await printer.attachPty(args[pty + 1] as string);
    console.error(`ESC/POS printer emulator on ${args[pty + 1]}`);
  } else {
    const { port } = await printer.listenTcp(tcp >= 0 ? Number(args[tcp + 1]) : 9100, '127.0.0.1');
    console.error(`ESC/POS printer emulator on 127.0.0.1:${port}`);
  }
  process.stdin.setEncoding('utf8');
  console.error('Type a fault and Enter: none, paper-out, cover-open, offline, near-end, slow, fast, disconnect');
  process.stdin.on('data', (line: string) => {
    const command = line.trim();
    if (command === 'near-end') printer.paperNearEnd = !printer.paperNearEnd;
    else if (command === 'slow') printer.bytesPerSecond = 500;
    else if (command === 'fast') printer.bytesPerSecond = 0;
    else if (command === 'disconnect') printer.disconnectAfterBytes = 200;
    else if (['none', 'paper-out', 'cover-open', 'offline'].includes(command)) printer.setFault(command as PrinterFault);
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void main(process.argv.slice(2));
}
