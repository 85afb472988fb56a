import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { layoutReceipt, type ReceiptBlock } from '../../core/receipt/layout.js';
import type { Receipt } from '../../core/receipt/model.js';
import type { CanPrint } from '../../core/receipt/printable.js';
import type { PrinterProfile } from './profiles.js';

const QUESTION_MARK = 0x3f;
const MARK_A = 0x41;
const MARK_B = 0x42;
const MARK_C = 0x43;

/**
 * Every command byte comes from the encoder for the profile's model (ESC/POS or StarPRNT),
 * but the encoder takes ~5 ms per line with automatic code pages, far over the 2 ms budget
 * for a whole receipt. So each command is asked of the encoder once per profile and kept;
 * a receipt is then assembled from those bytes plus the code page bytes of its characters,
 * chosen exactly as the encoder's automatic mode does (stay on the current page while it has
 * the character, else switch to the first candidate that has it).
 */
interface Commands {
  readonly init: Uint8Array;
  readonly newline: Uint8Array;
  readonly boldOn: Uint8Array;
  readonly boldOff: Uint8Array;
  readonly cut: Uint8Array;
  readonly pulse: Uint8Array;
  /** ESC t n (or ESC GS t n on Star) for each candidate page, in preference order. */
  readonly select: readonly Uint8Array[];
  /** Per character: its byte on each candidate page, or -1 where the page lacks it. */
  readonly chars: Map<string, readonly number[]>;
}

function encoderFor(profile: PrinterProfile): ReceiptPrinterEncoder {
  return new ReceiptPrinterEncoder({
    printerModel: profile.encoderModel,
    columns: profile.columns,
    codepageCandidates: [...profile.codepages],
  });
}

function between(bytes: Uint8Array, from: number, to: number): Uint8Array {
  const start = bytes.indexOf(from);
  const end = bytes.indexOf(to, start + 1);
  if (start < 0 || end < 0) throw new Error('printer encoder output has an unexpected shape');
  return bytes.slice(start + 1, end);
}

const commandCache = new Map<string, Commands>();

function commandsFor(profile: PrinterProfile): Commands {
  const cached = commandCache.get(profile.id);
  if (cached) return cached;
  const first = profile.codepages[0];
  if (first === undefined) throw new Error(`printer profile ${profile.id} has no code pages`);
  const selectOf = (page: (typeof profile.codepages)[number]): Uint8Array => {
    const bytes = encoderFor(profile).codepage(page).text('A').encode();
    return bytes.slice(0, bytes.indexOf(MARK_A));
  };
  const select = profile.codepages.map(selectOf);
  const initProbe = encoderFor(profile).initialize().codepage(first).text('A').encode();
  const styled = encoderFor(profile).codepage(first).text('A').bold(true).text('B').bold(false).text('C').encode();
  const lines = encoderFor(profile).codepage(first).text('A').newline().text('B').encode();
  const newline = between(lines, MARK_A, MARK_B);
  const cut = encoderFor(profile).cut('partial').encode();
  // The encoder ends its output with a line feed; after the cut it would feed the next receipt.
  const endsWithNewline = newline.length > 0 && newline.every((b, i) => cut[cut.length - newline.length + i] === b);
  const commands: Commands = {
    init: initProbe.slice(0, initProbe.indexOf(MARK_A) - (select[0]?.length ?? 0)),
    newline,
    boldOn: between(styled, MARK_A, MARK_B),
    boldOff: between(styled, MARK_B, MARK_C),
    cut: endsWithNewline ? cut.slice(0, cut.length - newline.length) : cut,
    pulse: encoderFor(profile).pulse().encode(),
    select,
    chars: new Map(),
  };
  commandCache.set(profile.id, commands);
  return commands;
}

/** The character's byte on each candidate page, asked of the encoder once per profile and character. */
function charBytes(profile: PrinterProfile, commands: Commands, char: string): readonly number[] {
  let bytes = commands.chars.get(char);
  if (!bytes) {
    bytes = profile.codepages.map((page) => {
      if (char === '?') return QUESTION_MARK;
      const lines = encoderFor(profile).codepage(page).text(char).encode('lines') as { type: string; payload?: number[] }[][];
      const payload = lines.flat().find((c) => c.type === 'text')?.payload ?? [];
      return payload.length === 1 && payload[0] !== QUESTION_MARK ? (payload[0] as number) : -1;
    });
    commands.chars.set(char, bytes);
  }
  return bytes;
}

const printableCache = new Map<string, CanPrint>();

/** Whether any of the profile's code pages holds a character; one function per profile, answers kept. */
export function canPrintWith(profile: PrinterProfile): CanPrint {
  let canPrint = printableCache.get(profile.id);
  if (!canPrint) {
    const commands = commandsFor(profile);
    const known = new Map<string, boolean>();
    canPrint = (char) => {
      let answer = known.get(char);
      if (answer === undefined) {
        answer = charBytes(profile, commands, char).some((b) => b >= 0);
        known.set(char, answer);
      }
      return answer;
    };
    printableCache.set(profile.id, canPrint);
  }
  return canPrint;
}

export interface EncodeOptions {
  /** A manual reprint: marked as a copy. */
  readonly copy?: boolean;
}

/** Grows a byte buffer without a copy per line. */
class ByteSink {
  private buffer = new Uint8Array(4096);
  length = 0;

  push(bytes: Uint8Array | readonly number[]): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value;
  }

  result(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + extra));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
}

/**
 * The receipt's printer bytes: the same lines as the preview, folded to what the printer's
 * code pages hold, the QR code native to the printer, then a partial cut.
 */
export function encodeReceipt(receipt: Receipt, profile: PrinterProfile, options: EncodeOptions = {}): Uint8Array {
  const blocks = layoutReceipt(receipt, { columns: profile.columns, copy: options.copy === true, canPrint: canPrintWith(profile) });
  return encodeBlocks(blocks, profile);
}

export function encodeBlocks(blocks: readonly ReceiptBlock[], profile: PrinterProfile): Uint8Array {
  const commands = commandsFor(profile);
  const out = new ByteSink();
  out.push(commands.init);
  let page = -1;
  for (const block of blocks) {
    if (block.kind === 'qr') {
      out.push(encoderFor(profile).align('center').qrcode(block.data, { model: 2, size: 6, errorlevel: 'm' }).align('left').encode());
      continue;
    }
    if (block.bold) out.push(commands.boldOn);
    for (const char of block.text) {
      const bytes = charBytes(profile, commands, char);
      if (page < 0 || (bytes[page] ?? -1) < 0) {
        const next = bytes.findIndex((b) => b >= 0);
        if (next < 0) throw new Error(`unprintable character U+${char.codePointAt(0)?.toString(16)} reached the printer`);
        if (next !== page) out.push(commands.select[next] as Uint8Array);
        page = next;
      }
      out.byte(bytes[page] as number);
    }
    if (block.bold) out.push(commands.boldOff);
    out.push(commands.newline);
  }
  out.push(commands.cut);
  return out.result();
}

/** The cash drawer kick (ESC p on pin 2), sent on its own so the queue can record that it went out. */
export function encodeDrawerPulse(profile: PrinterProfile): Uint8Array {
  return commandsFor(profile).pulse;
}
