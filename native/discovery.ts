import { readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';

export type DeviceKind = 'serial' | 'usb-printer';

export interface DiscoveredDevice {
  /** The path to open: the stable /dev/serial/by-id name where there is one. */
  readonly path: string;
  /** The kernel device it points at, e.g. /dev/ttyUSB0. */
  readonly device: string;
  readonly kind: DeviceKind;
  /** The by-id name (vendor, model, serial), when udev made one. */
  readonly label: string | null;
}

async function list(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort();
  } catch {
    return [];
  }
}

/**
 * The serial ports and USB printers on this machine, read from /dev directly:
 * `SerialPort.list()` needs udev, which store tills in containers and minimal images lack.
 * By-id links come first, as their names survive a replug into another USB port.
 */
export async function discoverDevices(devRoot = '/dev'): Promise<DiscoveredDevice[]> {
  const found: DiscoveredDevice[] = [];
  const seen = new Set<string>();
  const byIdDir = join(devRoot, 'serial', 'by-id');
  for (const name of await list(byIdDir)) {
    const path = join(byIdDir, name);
    const device = await realpath(path).catch(() => null);
    if (!device) continue;
    seen.add(device);
    found.push({ path, device, kind: 'serial', label: name });
  }
  for (const name of await list(devRoot)) {
    if (!/^tty(USB|ACM)\d+$/.test(name)) continue;
    const device = join(devRoot, name);
    const resolved = await realpath(device).catch(() => device);
    if (seen.has(resolved)) continue;
    found.push({ path: device, device: resolved, kind: 'serial', label: null });
  }
  for (const name of await list(join(devRoot, 'usb'))) {
    if (!/^lp\d+$/.test(name)) continue;
    const device = join(devRoot, 'usb', name);
    found.push({ path: device, device, kind: 'usb-printer', label: null });
  }
  return found;
}
