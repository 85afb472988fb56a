import { pathToFileURL } from 'node:url';
import { SerialPort } from 'serialport';
import { UPPER_HALVES } from './codepages.js';
import { CODEPAGE_NUMBERS } from './escposDecoder.js';
import { ByteCollector } from './byteCollector.js';

const COLUMNS = 20;

/**
 * A 2×20 VFD pole display on the device side of a PTY. Interprets the Epson display command
 * set (ESC @, ESC t, US $ x y, FF, CR, LF, US 01, US C) or the CD5220 set (ESC @, FF,
 * ESC Q A/B text CR, ESC l x y) and keeps the screen as text decoded through its code page.
 */
export class EmulatedPoleDisplay {
  readonly rows: string[][] = [Array(COLUMNS).fill(' '), Array(COLUMNS).fill(' ')];
  readonly problems: string[] = [];
  private x = 0;
  private y = 0;
  private page: string;
  private readonly operands = new ByteCollector();
  /** CD5220 ESC Q A/B: characters go to that line until CR. */
  private lineMode: number | null = null;
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly commandSet: 'epson' | 'cd5220',
    /** The page a CD5220 display is switched to; Epson displays start on PC437 and take ESC t. */
    private readonly fixedPage = 'cp437',
  ) {
    this.page = fixedPage;
  }

  get screen(): [string, string] {
    return [this.rows[0]!.join(''), this.rows[1]!.join('')];
  }

  waitFor(predicate: (screen: [string, string]) => boolean, timeoutMs = 3000): Promise<void> {
    if (predicate(this.screen)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = (): void => {
        if (!predicate(this.screen)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`pole display shows ${JSON.stringify(this.screen)}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  feed(bytes: Uint8Array): void {
    for (const b of bytes) this.byte(b);
    for (const waiter of [...this.waiters]) waiter();
  }

  async attachPty(path: string): Promise<() => Promise<void>> {
    const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((e) => (e ? reject(e) : resolve())));
    port.on('data', (chunk: Buffer) => this.feed(chunk));
    return () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve()));
  }

  private byte(b: number): void {
    if (this.operands.take(b)) return;
    if (b === 0x1b) return this.expect(1, ([c]) => this.escape(c as number));
    if (b === 0x1f && this.commandSet === 'epson') return this.expect(1, ([c]) => this.unitSeparator(c as number));
    if (b === 0x0c) return this.clear();
    if (b === 0x0d) {
      if (this.lineMode !== null) this.lineMode = null;
      else this.x = 0;
      return;
    }
    if (b === 0x0a) {
      this.y = Math.min(1, this.y + 1);
      return;
    }
    if (b === 0x0b) {
      this.x = 0;
      this.y = 0;
      return;
    }
    if (b < 0x20) {
      this.problems.push(`control byte 0x${b.toString(16)}`);
      return;
    }
    this.put(this.decode(b));
  }

  private escape(c: number): void {
    if (c === 0x40) {
      this.clear();
      this.page = this.fixedPage;
      return;
    }
    if (this.commandSet === 'epson' && c === 0x74) {
      return this.expect(1, ([n]) => {
        const page = CODEPAGE_NUMBERS.epson?.[n as number];
        if (page) this.page = page;
        else this.problems.push(`code page ${n}`);
      });
    }
    if (this.commandSet === 'cd5220' && c === 0x51) {
      return this.expect(1, ([line]) => {
        this.lineMode = line === 0x41 ? 0 : 1;
        this.y = this.lineMode;
        this.x = 0;
        this.rows[this.y] = Array(COLUMNS).fill(' ');
      });
    }
    if (this.commandSet === 'cd5220' && c === 0x6c) {
      return this.expect(2, ([x, y]) => this.moveTo((x as number) - 1, (y as number) - 1));
    }
    this.problems.push(`unknown ESC 0x${c.toString(16)}`);
  }

  private unitSeparator(c: number): void {
    if (c === 0x24) return this.expect(2, ([x, y]) => this.moveTo((x as number) - 1, (y as number) - 1));
    if (c === 0x01) return;
    if (c === 0x43) return this.expect(1, () => {});
    this.problems.push(`unknown US 0x${c.toString(16)}`);
  }

  private moveTo(x: number, y: number): void {
    if (x < 0 || x >= COLUMNS || y < 0 || y > 1) {
      this.problems.push(`cursor out of range ${x},${y}`);
      return;
    }
    this.x = x;
    this.y = y;
  }

  private put(char: string): void {
    if (this.x >= COLUMNS) {
      if (this.lineMode !== null) return;
      this.x = 0;
      this.y = (this.y + 1) % 2;
    }
    this.rows[this.y]![this.x++] = char;
  }

  private decode(b: number): string {
    if (b < 0x80) return String.fromCharCode(b);
    const char = UPPER_HALVES[this.page]?.[b - 0x80];
    if (char === undefined || char === '\ufffd') this.problems.push(`byte 0x${b.toString(16)} undefined on ${this.page}`);
    return char ?? '\ufffd';
  }

  private clear(): void {
    this.rows[0] = Array(COLUMNS).fill(' ');
    this.rows[1] = Array(COLUMNS).fill(' ');
    this.x = 0;
    this.y = 0;
  }

  private expect(count: number, then: (bytes: number[]) => void): void {
    this.operands.expect(count, then);
  }
}

/** By hand: `npx tsx test/emulators/poleDisplay.ts --pty /dev/pts/N [--cd5220 cp866]`; redraws the screen. */
async function main(args: string[]): Promise<void> {
  const at = args.indexOf('--pty');
  const path = at >= 0 ? args[at + 1] : undefined;
  if (!path) throw new Error('usage: poleDisplay.ts --pty <device path> [--cd5220 <codepage>]');
  const cd = args.indexOf('--cd5220');
  const display = cd >= 0 ? new EmulatedPoleDisplay('cd5220', args[cd + 1] ?? 'cp437') : new EmulatedPoleDisplay('epson');
  await display.attachPty(path);
  let last = '';
  setInterval(() => {
    const shown = display.screen.join('\n');
    if (shown !== last) console.log(`+--------------------+\n|${display.screen[0]}|\n|${display.screen[1]}|\n+--------------------+`);
    last = shown;
  }, 100);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void main(process.argv.slice(2));
}
