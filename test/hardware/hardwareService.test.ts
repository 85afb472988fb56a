import { afterEach, describe, expect, it } from 'vitest';
import type { TillError } from '../../core/errors.js';
import { createHardwareService, type HardwareService } from '../../electron/backend/hardware/hardware.js';
import { openQueueRig, type QueueRig } from './queueRig.js';

let rig: QueueRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

async function setUp(): Promise<{ rig: QueueRig; hardware: HardwareService }> {
  let hardware: HardwareService | null = null;
  rig = await openQueueRig({ printer: () => hardware?.printerSetup() ?? null });
  const r = rig;
  hardware = createHardwareService({
    db: r.till.db,
    store: { name: 'Omnitill Iași', tillId: 'T-02', cashier: 'Ioana', currency: 'RON' },
    language: 'ro',
    kickQueue: () => r.queue.kick(),
    statusTimeoutMs: 500,
  });
  r.queue.start();
  return { rig: r, hardware };
}

describe('hardware settings backend', () => {
  it('without a printer: status and test print say PRINTER_NOT_CONFIGURED', async () => {
    const { hardware } = await setUp();
    expect(hardware.printerSettings()).toBeNull();
    await expect(hardware.printerStatus()).rejects.toMatchObject({ code: 'PRINTER_NOT_CONFIGURED' });
    expect(() => hardware.testPrint()).toThrow(expect.objectContaining({ code: 'PRINTER_NOT_CONFIGURED' }) as TillError);
  });

  it('keeps the printer setting, validates it, reports live status and prints a test receipt', async () => {
    const { rig: r, hardware } = await setUp();
    expect(() => hardware.setPrinter({ profileId: 'nope', connection: { kind: 'tcp', host: '127.0.0.1', port: r.port } })).toThrow();
    expect(() => hardware.setPrinter({ profileId: 'epson-tm-t20', connection: { kind: 'usb', path: '/etc/passwd' } })).toThrow();
    hardware.setPrinter({ profileId: 'epson-tm-t20', connection: { kind: 'tcp', host: '127.0.0.1', port: r.port } });
    expect(hardware.printerSettings()?.profileId).toBe('epson-tm-t20');

    expect(await hardware.printerStatus()).toEqual({ online: true, coverOpen: false, paperOut: false, paperNearEnd: false, error: false });
    r.printer.paperNearEnd = true;
    r.printer.setFault('cover-open');
    expect(await hardware.printerStatus()).toEqual({ online: false, coverOpen: true, paperOut: false, paperNearEnd: true, error: false });
    r.printer.setFault('none');

    const id = hardware.testPrint();
    await r.printer.waitFor((p) => p.receipts.length === 1);
    const text = r.printer.receipts[0]!.lines.join('\n');
    expect(text).toContain('ĂÂÎŞŢ ăâîşţ');
    expect(text).toContain('АБВГДЕЁЖЗИЙ ЄІЇҐ');
    expect(text).not.toContain('?');
    expect(r.printer.receipts[0]!.drawerPulses).toBe(0);
    await r.queue.idle();
    expect(hardware.openJobs().find((j) => j.id === id)).toBeUndefined();
  });
});
