import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptPlainText } from '../../core/receipt/layout.js';
import { isCashSale, type ReceiptLanguage } from '../../core/receipt/model.js';
import { openPrinterTransport, type PrinterConnectionConfig } from '../../native/printer/connection.js';
import { encodeDrawerPulse, encodeReceipt } from '../../native/printer/encode.js';
import { printOnDevice, type PrintSteps } from '../../native/printer/printJob.js';
import { printerProfile } from '../../native/printer/profiles.js';
import { EmulatedPrinter } from '../emulators/printer.js';
import { createPtyPair, type PtyPair } from '../emulators/pty.js';
import { expectedPrintedText, printedText } from './printed.js';
import { sampleReceipt } from './receipts.js';

const profile = printerProfile('epson-tm-t20');
if (!profile) throw new Error('profile missing');

const noSteps: PrintSteps = { writing: () => {}, drawerOpened: () => {}, sent: () => {}, fault: () => {}, status: () => {} };

interface Rig {
  readonly name: string;
  readonly printer: EmulatedPrinter;
  readonly config: PrinterConnectionConfig;
  close(): Promise<void>;
}

async function tcpRig(): Promise<Rig> {
  const printer = new EmulatedPrinter();
  const server = await printer.listenTcp(0);
  return { name: 'tcp', printer, config: { kind: 'tcp', host: '127.0.0.1', port: server.port }, close: server.close };
}

async function ptyRig(kind: 'serial' | 'usb'): Promise<Rig> {
  const printer = new EmulatedPrinter();
  const pair: PtyPair = await createPtyPair();
  const detach = await printer.attachPty(pair.devicePath);
  const config: PrinterConnectionConfig =
    kind === 'serial'
      ? { kind: 'serial', path: pair.tillPath, baudRate: 19200, dataBits: 8, parity: 'even', stopBits: 1, flowControl: 'none' }
      : { kind: 'usb', path: pair.tillPath };
  return {
    name: kind,
    printer,
    config,
    close: async () => {
      await detach();
      await pair.close();
    },
  };
}

const LANGUAGES: readonly ReceiptLanguage[] = ['ru', 'ro', 'en', 'uk'];

describe.each([['tcp'], ['serial'], ['usb']] as const)('receipt through the %s transport', (kind) => {
  let rig: Rig;
  beforeAll(async () => {
    rig = kind === 'tcp' ? await tcpRig() : await ptyRig(kind);
  });
  afterAll(async () => {
    await rig.close();
  });

  it.each(LANGUAGES.flatMap((language) => [
    [language, true],
    [language, false],
  ] as const))('%s receipt (cash %s) decodes to its plain text, QR, cut and drawer kick only for cash', async (language, cash) => {
    const receipt = sampleReceipt(language, { cash });
    const before = rig.printer.receipts.length;
    const transport = await openPrinterTransport(rig.config);
    try {
      await printOnDevice(
        transport,
        profile,
        { drawerPulse: isCashSale(receipt) ? encodeDrawerPulse(profile) : null, receipt: encodeReceipt(receipt, profile) },
        noSteps,
      );
    } finally {
      await transport.close();
    }
    await rig.printer.waitFor((p) => p.receipts.length > before);
    const printed = rig.printer.receipts[before];
    if (!printed) throw new Error('nothing printed');
    expect(rig.printer.decoder.problems).toEqual([]);
    expect(printed.qrCodes).toHaveLength(1);
    expect(printed.qrCodes[0]?.data).toBe(receipt.qr?.data);
    const text = printedText(printed, profile.columns);
    expect(text).toBe(expectedPrintedText(receiptPlainText(receipt, { columns: profile.columns })));
    expect(text).not.toContain('\ufffd');
    expect(text).not.toContain('?');
    expect(printed.cut).toBe(true);
    expect(printed.drawerPulses).toBe(cash ? 1 : 0);
  });
});
