import { describe, expect, it } from 'vitest';
import { foldForPrinter } from '../../core/receipt/printable.js';
import { canPrintWith, encodeReceipt } from '../../native/printer/encode.js';
import { PRINTER_PROFILES } from '../../native/printer/profiles.js';
import { CODEPAGE_NUMBERS, EscPosDecoder } from '../emulators/escposDecoder.js';
import { sampleReceipt } from './receipts.js';

/**
 * The centred footer (issue 14, item 13) is centred as it prints: measured after ₽ became
 * "руб." and Ș became Ş, on every printer profile, so it is never off by a folded sign.
 */

const FAMILY: Readonly<Record<string, keyof typeof CODEPAGE_NUMBERS>> = { 'xprinter-80': 'xprinter', 'generic-58': 'pos-5890' };

describe('the receipt footer', () => {
  it('is centred on the paper as printed, folded signs included', () => {
    const footer = ['Скидка 100 ₽ — 14 дней', 'Șampon gratuit 5 €', 'Спасибо!'];
    for (const profile of PRINTER_PROFILES.filter((p) => !p.id.startsWith('star'))) {
      const receipt = { ...sampleReceipt('ru'), footer };
      const decoder = new EscPosDecoder(CODEPAGE_NUMBERS[FAMILY[profile.id] ?? 'epson']);
      for (const b of encodeReceipt(receipt, profile)) decoder.feed(b);
      const printed = decoder.cutReceipts[0]!.lines;
      const canPrint = canPrintWith(profile);
      expect(printed.join('\n'), profile.id).toContain('100 руб. —');
      for (const text of footer) {
        const folded = foldForPrinter(text, canPrint);
        const line = printed.find((l) => l.trim() === folded);
        expect(line, `${profile.id}: ${text}`).toBeDefined();
        const left = line!.length - line!.trimStart().length;
        expect(left, `${profile.id}: ${text}`).toBe(Math.floor((profile.columns - [...folded].length) / 2));
      }
    }
  });
});
