import { TillError } from '../../core/errors.js';
import { POLE_COLUMNS } from '../../core/hardware/poleDisplay.js';
import type { CanPrint } from '../../core/receipt/printable.js';
import { canPrintIn, encodeInCodepage, type Codepage } from '../codepage.js';
import { openSerialLine, type SerialLineConfig } from '../printer/serialTransport.js';

/**
 * The two command sets VFD pole displays speak: Epson's ESC/POS display commands (DM-D
 * series and their clones) and the CD5220 set most unbranded displays use.
 */
export type DisplayCommandSet = 'epson' | 'cd5220';

/** Code pages a display may be set to; Epson selects them with ESC t, CD5220 clones by DIP switch. */
export const DISPLAY_CODEPAGES = { cp437: 0, cp866: 17, cp852: 18, cp858: 19 } as const satisfies Record<string, number>;
export type DisplayCodepage = keyof typeof DISPLAY_CODEPAGES;

export interface PoleDisplayConfig extends SerialLineConfig {
  readonly commandSet: DisplayCommandSet;
  readonly codepage: DisplayCodepage;
}

const ESC = 0x1b;
const US = 0x1f;
const CR = 0x0d;
const FF = 0x0c;

/** Reset, clear and pick the code page: sent once when the display is opened. */
export function displayInit(commandSet: DisplayCommandSet, codepage: DisplayCodepage): Uint8Array {
  return commandSet === 'epson'
    ? Uint8Array.of(ESC, 0x40, US, 0x01, US, 0x43, 0x00, ESC, 0x74, DISPLAY_CODEPAGES[codepage], FF)
    : Uint8Array.of(ESC, 0x40, FF);
}

/** What the display can show, for laying out its lines (core/hardware/poleDisplay.ts poleLines). */
export function displayCanPrint(codepage: DisplayCodepage): CanPrint {
  return canPrintIn(codepage as Codepage);
}

function fit(line: string): string {
  return [...line].slice(0, POLE_COLUMNS).join('').padEnd(POLE_COLUMNS, ' ');
}

/** Both lines, overwritten in place (no clear, so the display does not flicker between scans). */
export function displayScreen(lines: readonly [string, string], commandSet: DisplayCommandSet, codepage: DisplayCodepage): Uint8Array {
  const [upper, lower] = lines.map((l) => encodeInCodepage(fit(l), codepage as Codepage)) as [Uint8Array, Uint8Array];
  const parts: number[] =
    commandSet === 'epson'
      ? [US, 0x24, 1, 1, ...upper, US, 0x24, 1, 2, ...lower]
      : [ESC, 0x51, 0x41, ...upper, CR, ESC, 0x51, 0x42, ...lower, CR];
  return Uint8Array.from(parts);
}

export interface PoleDisplay {
  show(lines: readonly [string, string]): Promise<void>;
  close(): Promise<void>;
}

/** A customer pole display on a serial line. A lost line is DISPLAY_DISCONNECTED; selling goes on. */
export async function openPoleDisplay(config: PoleDisplayConfig): Promise<PoleDisplay> {
  let port;
  try {
    port = await openSerialLine(config);
  } catch (e) {
    throw new TillError('DEVICE_OPEN_FAILED', { path: config.path, reason: e instanceof Error ? e.message : String(e) });
  }
  const open = port;
  const write = (bytes: Uint8Array): Promise<void> =>
    new Promise((resolve, reject) => {
      if (!open.isOpen) return reject(new TillError('DISPLAY_DISCONNECTED', { path: config.path }));
      open.write(Buffer.from(bytes), (e) => {
        if (e) return reject(new TillError('DISPLAY_DISCONNECTED', { path: config.path }, e.message));
        open.drain(() => resolve());
      });
    });
  open.on('error', () => {});
  await write(displayInit(config.commandSet, config.codepage));
  return {
    show: (lines) => write(displayScreen(lines, config.commandSet, config.codepage)),
    close: () => new Promise<void>((resolve) => (open.isOpen ? open.close(() => resolve()) : resolve())),
  };
}
