import { z } from 'zod';
import { text } from '../text.js';
import {
  DeviceLinkView,
  DeviceView,
  DisplaySettings,
  PrinterProfileView,
  PrinterSettings,
  PrinterStatusView,
  PrintJobView,
  ScannerSettings,
} from './hardware.js';
import { CameraSettings } from '../scan/camera.js';

/** The hardware settings screen's RPC methods, and the print queue's. */

const Empty = z.object({}).strict();

export const ScannerState = z.object({ settings: ScannerSettings.nullable(), link: DeviceLinkView });
export type ScannerState = z.infer<typeof ScannerState>;
export const DisplayState = z.object({ settings: DisplaySettings.nullable(), link: DeviceLinkView });
export type DisplayState = z.infer<typeof DisplayState>;
const JobId = z.object({ jobId: z.string() });

export const hardwareContract = {
  'hardware.devices': { input: Empty, output: z.array(DeviceView) },
  'hardware.profiles': { input: Empty, output: z.array(PrinterProfileView) },
  'hardware.printer': { input: Empty, output: PrinterSettings.nullable() },
  'hardware.setPrinter': { input: PrinterSettings.strict(), output: PrinterSettings },
  /** Asks the printer now; null for a profile without ESC/POS status (StarPRNT). */
  'hardware.printerStatus': { input: Empty, output: PrinterStatusView.nullable() },
  'hardware.testPrint': { input: Empty, output: JobId },
  'hardware.scanner': { input: Empty, output: ScannerState },
  'hardware.setScanner': { input: z.object({ scanner: ScannerSettings.strict().nullable() }).strict(), output: ScannerState },
  'hardware.camera': { input: Empty, output: CameraSettings.nullable() },
  'hardware.setCamera': { input: z.object({ camera: CameraSettings.nullable() }).strict(), output: CameraSettings.nullable() },
  'hardware.display': { input: Empty, output: DisplayState },
  'hardware.setDisplay': { input: z.object({ display: DisplaySettings.strict().nullable() }).strict(), output: DisplayState },
  /** Jobs not printed yet or failed. */
  'print.jobs': { input: Empty, output: z.array(PrintJobView) },
  /** A copy of a sale's receipt (COPY / КОПИЯ / COPIE), never opening the drawer. */
  'print.reprint': { input: z.object({ saleId: text({ min: 1, max: 64 }) }).strict(), output: JobId },
  /** A failed job prints again now, as it was. */
  'print.retry': { input: z.object({ jobId: text({ min: 1, max: 64 }) }).strict(), output: PrintJobView },
} as const;
