import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverDevices } from '../../native/discovery.js';
import { tempDir } from '../helpers/tmp.js';

describe('device discovery without udev', () => {
  it('lists by-id serial links first, then bare ttyUSB/ttyACM not already linked, then usblp printers', async () => {
    const dev = tempDir('omnitill-dev-');
    for (const name of ['ttyUSB0', 'ttyUSB1', 'ttyACM0', 'ttyS0', 'tty1', 'null']) writeFileSync(join(dev, name), '');
    mkdirSync(join(dev, 'serial', 'by-id'), { recursive: true });
    symlinkSync('../../ttyUSB1', join(dev, 'serial', 'by-id', 'usb-Honeywell_Xenon_1900-if00-port0'));
    mkdirSync(join(dev, 'usb'));
    for (const name of ['lp0', 'hiddev0']) writeFileSync(join(dev, 'usb', name), '');

    expect(await discoverDevices(dev)).toEqual([
      { path: join(dev, 'serial/by-id/usb-Honeywell_Xenon_1900-if00-port0'), device: join(dev, 'ttyUSB1'), kind: 'serial', label: 'usb-Honeywell_Xenon_1900-if00-port0' },
      { path: join(dev, 'ttyACM0'), device: join(dev, 'ttyACM0'), kind: 'serial', label: null },
      { path: join(dev, 'ttyUSB0'), device: join(dev, 'ttyUSB0'), kind: 'serial', label: null },
      { path: join(dev, 'usb/lp0'), device: join(dev, 'usb/lp0'), kind: 'usb-printer', label: null },
    ]);
  });

  it('an empty or missing /dev gives an empty list, not an error', async () => {
    expect(await discoverDevices(join(tempDir(), 'nothing-here'))).toEqual([]);
  });
});
