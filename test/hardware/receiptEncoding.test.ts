import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutReceipt, receiptPlainText } from '../../core/receipt/layout.js';
import { maskPhone, receiptSchema, type ReceiptLanguage } from '../../core/receipt/model.js';
import { foldForPrinter } from '../../core/receipt/printable.js';
import { canPrintWith, encodeReceipt } from '../../native/printer/encode.js';
import { PRINTER_PROFILES, printerProfile } from '../../native/printer/profiles.js';
import { CODEPAGE_NUMBERS, EscPosDecoder } from '../emulators/escposDecoder.js';
import { printedText } from './printed.js';
import { sampleReceipt } from './receipts.js';

/** Every letter the catalogue and cashiers of our markets type, plus the punctuation they paste. */
const ALPHABET = [
  ...'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдеёжзийклмнопрстуфхцчшщъыьэюя',
  ...'ІЇЄҐіїєґ',
  ...'ĂÂÎȘȚăâîșțŞşŢţ',
  ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
  ...' .,;:!?%&()-+/\'"«»„“”–—…№₽€',
];

function decode(bytes: Uint8Array, family: keyof typeof CODEPAGE_NUMBERS = 'epson'): EscPosDecoder {
  const decoder = new EscPosDecoder(CODEPAGE_NUMBERS[family]);
  for (const b of bytes) decoder.feed(b);
  return decoder;
}

const FAMILY: Readonly<Record<string, keyof typeof CODEPAGE_NUMBERS>> = { 'xprinter-80': 'xprinter', 'generic-58': 'pos-5890' };

describe('receipt encoding', () => {
  it('random product names in ru/ro/en/uk print letter for letter after folding, never as ?', () => {
    const profile = printerProfile('epson-tm-t20')!;
    const canPrint = canPrintWith(profile);
    fc.assert(
      fc.property(
        fc.constantFrom<ReceiptLanguage>('ru', 'ro', 'en', 'uk'),
        fc.array(fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 60 }).map((a) => a.join('')), { minLength: 1, maxLength: 4 }),
        (language, names) => {
          const base = sampleReceipt(language);
          const receipt = { ...base, lines: names.map((name, i) => ({ ...(base.lines[i % base.lines.length]!), name })) };
          const decoder = decode(encodeReceipt(receipt, profile));
          expect(decoder.problems).toEqual([]);
          const printed = printedText(decoder.cutReceipts[0]!, profile.columns);
          const expected = layoutReceipt(receipt, { columns: profile.columns, canPrint });
          const expectedText = receiptPlainText(receipt, { columns: profile.columns, canPrint });
          expect(printed).toBe(expectedText);
          expect(expected.length).toBeGreaterThan(0);
          // A ? on paper only where the name itself had one.
          const questionMarks = names.join('').split('?').length - 1;
          expect(printed.split('?').length - 1).toBe(questionMarks);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('folds only what no page holds: comma-below to cedilla, ₽ to text, € where no page has it, emoji dropped', () => {
    const canPrint = canPrintWith(printerProfile('epson-tm-t20')!);
    expect(foldForPrinter('Șnițel ȚUICĂ 5₽ 3€ 🍞', canPrint)).toBe('Şniţel ŢUICĂ 5руб. 3€ ');
    expect(foldForPrinter('Șnițel 3€', (c) => c.charCodeAt(0) < 0x7f)).toBe('Snitel 3EUR');
    expect(foldForPrinter('Хліб ґ і «Їжак» №5', canPrint)).toBe('Хліб ґ і «Їжак» №5');
  });

  it.each(PRINTER_PROFILES.map((p) => [p.id, p] as const))('%s: every sample receipt encodes, QR and cut included', (_id, profile) => {
    for (const language of ['ru', 'ro', 'en', 'uk'] as const) {
      const bytes = encodeReceipt(sampleReceipt(language), profile);
      expect(bytes.length).toBeGreaterThan(500);
      if (profile.escPosStatus) {
        const decoder = decode(bytes, FAMILY[profile.id] ?? 'epson');
        expect(decoder.problems).toEqual([]);
        expect(decoder.cutReceipts).toHaveLength(1);
        expect(decoder.cutReceipts[0]!.qrCodes).toHaveLength(1);
        expect(decoder.cutReceipts[0]!.lines.every((l) => [...l].length <= profile.columns)).toBe(true);
      }
    }
  });

  it('58 mm (32 columns) through the POS-5890 code page numbering', () => {
    const profile = printerProfile('generic-58')!;
    for (const language of ['ru', 'ro', 'en', 'uk'] as const) {
      const receipt = sampleReceipt(language);
      const decoder = decode(encodeReceipt(receipt, profile), 'pos-5890');
      expect(decoder.problems).toEqual([]);
      const text = printedText(decoder.cutReceipts[0]!, 32);
      expect(text).toBe(receiptPlainText(receipt, { columns: 32, canPrint: canPrintWith(profile) }));
      expect(text.split('\n').every((l) => [...l].length <= 32)).toBe(true);
      expect(text).not.toContain('?');
    }
  });

  it('a receipt never carries a readable phone number', () => {
    expect(maskPhone('+79161234567')).toBe('+7********67');
    expect(maskPhone('+40721234567')).toBe('+40*******67');
    const receipt = sampleReceipt('ru');
    expect(receiptSchema.safeParse({ ...receipt, customerPhone: '+79161234567' }).success).toBe(false);
    expect(receiptSchema.safeParse(receipt).success).toBe(true);
  });

  it('a reprint is marked as a copy in each language', () => {
    for (const [language, word] of [['ru', 'КОПИЯ'], ['ro', 'COPIE'], ['en', 'COPY'], ['uk', 'КОПІЯ']] as const) {
      const lines = receiptPlainText(sampleReceipt(language), { columns: 42, copy: true }).split('\n');
      expect(lines[0]?.trim()).toBe(`*** ${word} ***`);
      expect(lines.at(-1)?.trim()).toBe(`*** ${word} ***`);
    }
  });
});
