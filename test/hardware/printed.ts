import { qrTextLines } from '../../core/receipt/layout.js';
import type { PrintedReceipt } from '../emulators/escposDecoder.js';

/** The plain text with the one substitution printers need: Romanian comma-below to cedilla. */
export function expectedPrintedText(plain: string): string {
  return plain.replace(/Ș/g, 'Ş').replace(/ș/g, 'ş').replace(/Ț/g, 'Ţ').replace(/ț/g, 'ţ');
}

/** What the emulator printed, as the plain-text rendering shows it: feed lines dropped, QR codes as their link. */
export function printedText(printed: PrintedReceipt, columns: number): string {
  const lines = [...printed.lines];
  while (lines.at(-1) === '') lines.pop();
  for (const qr of [...printed.qrCodes].reverse()) lines.splice(qr.atLine, 0, ...qrTextLines(qr.data, columns));
  return lines.join('\n');
}
