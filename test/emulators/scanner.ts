import { pathToFileURL } from 'node:url';
import { SerialPort } from 'serialport';

export type Suffix = 'CR' | 'LF' | 'CRLF' | 'none';

const SUFFIX_BYTES: Readonly<Record<Suffix, string>> = { CR: '\r', LF: '\n', CRLF: '\r\n', none: '' };

/** A serial barcode scanner on the device side of a PTY: it "scans" by writing the code and its suffix. */
export class EmulatedScanner {
  private constructor(private readonly port: SerialPort) {}

  static async attach(path: string): Promise<EmulatedScanner> {
    const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    return new EmulatedScanner(port);
  }

  /** Sends bytes, optionally in pieces with pauses, as a slow UART or a USB adapter splits them. */
  async send(bytes: Uint8Array, options: { pieces?: number; gapMs?: number } = {}): Promise<void> {
    const pieces = Math.max(1, Math.min(options.pieces ?? 1, bytes.length));
    const size = Math.ceil(bytes.length / pieces);
    for (let i = 0; i < bytes.length; i += size) {
      await this.write(bytes.subarray(i, i + size));
      if (options.gapMs && i + size < bytes.length) await new Promise((r) => setTimeout(r, options.gapMs));
    }
  }

  scan(code: string, suffix: Suffix = 'CR', options: { pieces?: number; gapMs?: number } = {}): Promise<void> {
    return this.send(Buffer.from(code + SUFFIX_BYTES[suffix], 'latin1'), options);
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.port.isOpen ? this.port.close(() => resolve()) : resolve()));
  }

  private write(bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.port.write(Buffer.from(bytes), (e) => (e ? reject(e) : this.port.drain(() => resolve())));
    });
  }
}

/** By hand: `npx tsx test/emulators/scanner.ts --pty /dev/pts/N`; each line typed is scanned with a CR. */
async function main(args: string[]): Promise<void> {
  const at = args.indexOf('--pty');
  const path = at >= 0 ? args[at + 1] : undefined;
  if (!path) throw new Error('usage: scanner.ts --pty <device path>');
  const scanner = await EmulatedScanner.attach(path);
  console.error(`Serial scanner emulator on ${path}: type a code and Enter`);
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (text: string) => {
    for (const line of text.split('\n').filter((l) => l.length > 0)) void scanner.scan(line.replace(/\\x1d/g, '\u001d'));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void main(process.argv.slice(2));
}
