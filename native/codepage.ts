import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import type { ReceiptPrinterEncoderOptions } from '@point-of-sale/receipt-printer-encoder';
import { foldForPrinter, type CanPrint } from '../core/receipt/printable.js';

export type Codepage = NonNullable<ReceiptPrinterEncoderOptions['codepageCandidates']>[number];

const QUESTION_MARK = 0x3f;
const tables = new Map<Codepage, Map<string, number>>();

/**
 * A character's byte in a single-byte code page (-1 when the page lacks it), from the
 * receipt encoder's code page tables: devices without the encoder's printer commands, like
 * pole displays, share its tables rather than a second copy of them.
 */
function byteOf(page: Codepage, char: string): number {
  let table = tables.get(page);
  if (!table) {
    table = new Map();
    tables.set(page, table);
  }
  let byte = table.get(char);
  if (byte === undefined) {
    const lines = new ReceiptPrinterEncoder({ printerModel: 'epson-tm-t20iii', codepageCandidates: [page] })
      .codepage(page)
      .text(char)
      .encode('lines') as { type: string; payload?: number[] }[][];
    const payload = lines.flat().find((c) => c.type === 'text')?.payload ?? [];
    byte = payload.length === 1 && (payload[0] !== QUESTION_MARK || char === '?') ? (payload[0] as number) : -1;
    table.set(char, byte);
  }
  return byte;
}

/** Text in one code page, folded first so nothing comes out as `?`. */
export function encodeInCodepage(text: string, page: Codepage): Uint8Array {
  const folded = foldForPrinter(text, canPrintIn(page));
  return Uint8Array.from([...folded].map((char) => byteOf(page, char)));
}

/** Whether the page holds a character: for laying text out before it is encoded. */
export function canPrintIn(page: Codepage): CanPrint {
  return (char) => byteOf(page, char) >= 0;
}
