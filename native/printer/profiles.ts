import type { ReceiptPrinterEncoderOptions } from '@point-of-sale/receipt-printer-encoder';

type EncoderModel = NonNullable<ReceiptPrinterEncoderOptions['printerModel']>;
type Codepage = NonNullable<ReceiptPrinterEncoderOptions['codepageCandidates']>[number];

/**
 * A printer the till knows how to drive: the encoder's model (command language and the
 * model's code page numbers), the paper and the code pages to try, in order.
 */
export interface PrinterProfile {
  readonly id: string;
  readonly name: string;
  readonly encoderModel: EncoderModel;
  readonly paperMm: 58 | 80;
  readonly columns: number;
  /**
   * Cyrillic first (CP866 as the brief asks, then the model's Ukrainian page for і/ґ),
   * CP852 for Romanian ă/â/î/ş/ţ (every model has it, unlike Windows-1250), then the rest.
   * The encoder stays on the current page while it can, so a receipt switches rarely.
   */
  readonly codepages: readonly Codepage[];
  /** ESC/POS printers answer DLE EOT and GS r; StarPRNT ones speak a different status protocol. */
  readonly escPosStatus: boolean;
}

export const PRINTER_PROFILES: readonly PrinterProfile[] = [
  {
    id: 'epson-tm-t20',
    name: 'Epson TM-T20 (80 mm)',
    encoderModel: 'epson-tm-t20iii',
    paperMm: 80,
    columns: 48,
    codepages: ['cp866', 'cp1125', 'cp852', 'windows1251', 'windows1250', 'cp858'],
    escPosStatus: true,
  },
  {
    id: 'epson-tm-t88',
    name: 'Epson TM-T88V/VI (80 mm)',
    encoderModel: 'epson-tm-t88v',
    paperMm: 80,
    columns: 42,
    codepages: ['cp866', 'cp1125', 'cp852', 'windows1251', 'windows1250', 'cp858'],
    escPosStatus: true,
  },
  {
    id: 'xprinter-80',
    name: 'Xprinter and generic ESC/POS (80 mm)',
    encoderModel: 'xprinter-xp-n160ii',
    paperMm: 80,
    columns: 48,
    codepages: ['cp866', 'cp852', 'windows1251', 'cp858'],
    escPosStatus: true,
  },
  {
    id: 'generic-58',
    name: 'Generic ESC/POS (58 mm)',
    encoderModel: 'pos-5890',
    paperMm: 58,
    columns: 32,
    codepages: ['cp866', 'cp852', 'windows1251', 'windows1250', 'cp858'],
    escPosStatus: true,
  },
  {
    id: 'star-tsp100',
    name: 'Star TSP100 StarPRNT (80 mm)',
    encoderModel: 'star-tsp100iv',
    paperMm: 80,
    columns: 48,
    codepages: ['cp866', 'cp852', 'windows1251', 'windows1250', 'cp858'],
    escPosStatus: false,
  },
  {
    id: 'star-mc-print2',
    name: 'Star mC-Print2 StarPRNT (58 mm)',
    encoderModel: 'star-mc-print2',
    paperMm: 58,
    columns: 32,
    codepages: ['cp866', 'cp852', 'windows1251', 'windows1250', 'cp858'],
    escPosStatus: false,
  },
];

export function printerProfile(id: string): PrinterProfile | undefined {
  return PRINTER_PROFILES.find((p) => p.id === id);
}
