import { UPPER_HALVES } from './codepages.js';
import { ByteCollector } from './byteCollector.js';

/**
 * ESC t n numbers of the emulated printer families, from the vendors' command references
 * (Epson ESC/POS "ESC t"; Xprinter and the POS-5890 family follow Epson up to 19 and put
 * Windows-1251 at 23).
 */
export const CODEPAGE_NUMBERS: Readonly<Record<string, Readonly<Record<number, string>>>> = {
  epson: { 0: 'cp437', 16: 'windows1252', 17: 'cp866', 18: 'cp852', 19: 'cp858', 44: 'cp1125', 45: 'windows1250', 46: 'windows1251' },
  xprinter: { 0: 'cp437', 16: 'windows1252', 17: 'cp866', 18: 'cp852', 19: 'cp858', 23: 'windows1251' },
  'pos-5890': { 0: 'cp437', 16: 'windows1252', 17: 'cp866', 18: 'cp852', 19: 'cp858', 23: 'windows1251', 72: 'windows1250' },
};

/** One printed receipt: from the previous cut (or power-on) to this cut. */
export interface PrintedReceipt {
  readonly lines: string[];
  /** Each QR code printed, with the number of text lines printed before it. */
  readonly qrCodes: { readonly data: string; readonly atLine: number }[];
  cut: boolean;
  drawerPulses: number;
}

/** What the decoder saw that a real printer would have choked on; a test fails on any. */
export interface DecodeProblem {
  readonly offset: number;
  readonly message: string;
}

/**
 * A byte-at-a-time ESC/POS interpreter: text through the selected code page back to
 * Unicode, line feeds into lines, QR store/print, cuts, drawer pulses, GS r status requests.
 * Incremental, so a command split across TCP segments or serial reads decodes the same.
 */
export class EscPosDecoder {
  readonly receipts: PrintedReceipt[] = [this.blankReceipt()];
  readonly problems: DecodeProblem[] = [];
  /** Bytes of print data interpreted so far. */
  consumed = 0;
  private page = 'cp437';
  private line = '';
  private qrData = '';
  private graphicOnLine = false;
  private readonly operands = new ByteCollector();

  constructor(
    private readonly numbers: Readonly<Record<number, string>> = CODEPAGE_NUMBERS.epson as Record<number, string>,
    /** In-order status request (GS r n): answered by the printer once everything before it is printed. */
    private readonly onStatusRequest: (n: number) => void = () => {},
  ) {}

  get current(): PrintedReceipt {
    return this.receipts[this.receipts.length - 1] as PrintedReceipt;
  }

  /** Every complete receipt (ended by a cut). */
  get cutReceipts(): PrintedReceipt[] {
    return this.receipts.filter((r) => r.cut);
  }

  feed(byte: number): void {
    const offset = this.consumed++;
    if (this.operands.take(byte)) return;
    switch (byte) {
      case 0x0a:
        // The feed that ends a line holding only a QR code moves past the symbol: no text line.
        if (this.line !== '' || !this.graphicOnLine) this.current.lines.push(this.line);
        this.line = '';
        this.graphicOnLine = false;
        return;
      case 0x0d:
        return;
      case 0x1b:
        this.expect(1, ([c]) => this.escape(c as number, offset));
        return;
      case 0x1d:
        this.expect(1, ([c]) => this.groupSeparator(c as number, offset));
        return;
      case 0x1c:
        this.expect(1, ([c]) => {
          if (c !== 0x2e && c !== 0x26) this.problem(offset, `unknown FS ${hex(c)}`);
        });
        return;
      case 0x10:
        // DLE EOT n is answered on arrival by the printer (real time); in the print stream it is skipped.
        this.expect(2, ([c]) => {
          if (c !== 0x04) this.problem(offset, `unknown DLE ${hex(c)}`);
        });
        return;
      default:
        if (byte < 0x20) {
          this.problem(offset, `unexpected control byte ${hex(byte)}`);
          return;
        }
        this.line += this.decodeChar(byte, offset);
    }
  }

  private decodeChar(byte: number, offset: number): string {
    if (byte < 0x80) return String.fromCharCode(byte);
    const table = UPPER_HALVES[this.page];
    const char = table?.[byte - 0x80];
    if (!table || char === undefined || char === '\ufffd') {
      this.problem(offset, `byte ${hex(byte)} undefined on ${this.page}`);
      return '\ufffd';
    }
    return char;
  }

  private escape(c: number, offset: number): void {
    switch (c) {
      case 0x40: // ESC @ initialise
        this.page = 'cp437';
        return;
      case 0x74: // ESC t n select code page
        this.expect(1, ([n]) => {
          const page = this.numbers[n as number];
          if (page === undefined || UPPER_HALVES[page] === undefined) this.problem(offset, `code page ${n} unknown to this printer`);
          else this.page = page;
        });
        return;
      case 0x70: // ESC p m t1 t2 drawer kick
        this.expect(3, () => {
          this.current.drawerPulses++;
        });
        return;
      case 0x45: // ESC E bold
      case 0x4d: // ESC M font
      case 0x61: // ESC a alignment
      case 0x2d: // ESC - underline
      case 0x47: // ESC G double strike
      case 0x21: // ESC ! print mode
      case 0x33: // ESC 3 line spacing
      case 0x4a: // ESC J feed
      case 0x64: // ESC d feed lines
        this.expect(1, () => {});
        return;
      case 0x32: // ESC 2 default line spacing
        return;
      default:
        this.problem(offset, `unknown ESC ${hex(c)}`);
    }
  }

  private groupSeparator(c: number, offset: number): void {
    switch (c) {
      case 0x56: // GS V m [n] cut
        this.expect(1, ([m]) => {
          const finish = (): void => {
            if (this.line) this.current.lines.push(this.line);
            this.line = '';
            this.current.cut = true;
            this.receipts.push(this.blankReceipt());
          };
          if ((m as number) >= 0x41) this.expect(1, finish);
          else finish();
        });
        return;
      case 0x28: // GS ( k pL pH cn fn [data]
        this.expect(3, ([k, pL, pH]) => {
          if (k !== 0x6b) {
            this.problem(offset, `unknown GS ( ${hex(k)}`);
            return;
          }
          this.expect((pL as number) + (pH as number) * 256, (body) => this.twoDimensional(body));
        });
        return;
      case 0x72: // GS r n: in-order status
        this.expect(1, ([n]) => this.onStatusRequest(n as number));
        return;
      case 0x21: // GS ! size
      case 0x42: // GS B reverse
      case 0x68: // GS h barcode height
      case 0x77: // GS w barcode width
      case 0x48: // GS H HRI position
        this.expect(1, () => {});
        return;
      default:
        this.problem(offset, `unknown GS ${hex(c)}`);
    }
  }

  private twoDimensional(body: number[]): void {
    const [cn, fn] = body;
    if (cn !== 0x31) return;
    if (fn === 0x50) this.qrData = String.fromCharCode(...body.slice(3));
    if (fn === 0x51) {
      this.current.qrCodes.push({ data: this.qrData, atLine: this.current.lines.length });
      this.graphicOnLine = true;
      this.qrData = '';
    }
  }

  private expect(count: number, then: (bytes: number[]) => void): void {
    this.operands.expect(count, then);
  }

  private problem(offset: number, message: string): void {
    this.problems.push({ offset, message });
  }

  private blankReceipt(): PrintedReceipt {
    return { lines: [], qrCodes: [], cut: false, drawerPulses: 0 };
  }
}

function hex(n: number | undefined): string {
  return `0x${(n ?? 0).toString(16).padStart(2, '0')}`;
}
