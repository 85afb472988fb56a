import type { hardwareContract } from '../../../core/hardware/contract.js';
import type { EventRing } from '../events.js';
import type { Handlers } from '../rpc.js';
import type { Devices } from './devices.js';

export interface HardwareHandlerDeps {
  readonly devices: Devices;
  readonly events: EventRing;
  /** Whether a sale is open: a display set up anew shows its welcome only when none is. */
  readonly saleOpen: () => boolean;
}

export function hardwareHandlers({ devices, events, saleOpen }: HardwareHandlerDeps): Pick<Handlers, keyof typeof hardwareContract> {
  const { hardware, scanner, display } = devices;
  return {
    'hardware.devices': () => hardware.devices(),
    'hardware.profiles': () => hardware.profiles(),
    'hardware.printer': () => hardware.printerSettings(),
    'hardware.setPrinter': (printer) => hardware.setPrinter(printer),
    'hardware.printerStatus': async () => {
      const status = await hardware.printerStatus();
      if (status) devices.reportStatus(status);
      return status;
    },
    'hardware.testPrint': () => ({ jobId: hardware.testPrint() }),
    'hardware.scanner': () => ({ settings: hardware.scannerSettings(), link: scanner.view() }),
    'hardware.setScanner': async ({ scanner: next }) => {
      const settings = hardware.setScanner(next);
      await scanner.configure(settings);
      return { settings, link: scanner.view() };
    },
    'hardware.camera': () => hardware.cameraSettings(),
    'hardware.setCamera': ({ camera }) => hardware.setCamera(camera),
    'hardware.display': () => ({ settings: hardware.displaySettings(), link: display.view() }),
    'hardware.setDisplay': async ({ display: next }) => {
      const settings = hardware.setDisplay(next);
      await display.configure(settings);
      if (!saleOpen()) display.idle();
      return { settings, link: display.view() };
    },
    'print.jobs': () => hardware.openJobs(),
    'print.reprint': ({ saleId }) => ({ jobId: hardware.reprint(saleId) }),
    'print.retry': ({ jobId }) => {
      const job = hardware.retry(jobId);
      events.push({ type: 'print.job', job: { ...job } });
      return job;
    },
  };
}
