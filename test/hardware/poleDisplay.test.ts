import { afterEach, describe, expect, it } from 'vitest';
import { poleLines, type PoleScreen } from '../../core/hardware/poleDisplay.js';
import type { ReceiptLanguage } from '../../core/receipt/model.js';
import { displayCanPrint, openPoleDisplay, type DisplayCodepage, type DisplayCommandSet } from '../../native/display/poleDisplay.js';
import { EmulatedPoleDisplay } from '../emulators/poleDisplay.js';
import { createPtyPair, type PtyPair } from '../emulators/pty.js';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

async function rig(commandSet: DisplayCommandSet, codepage: DisplayCodepage) {
  const pair: PtyPair = await createPtyPair();
  const emulator = new EmulatedPoleDisplay(commandSet, codepage);
  const detach = await emulator.attachPty(pair.devicePath);
  const display = await openPoleDisplay({
    path: pair.tillPath,
    baudRate: 9600,
    dataBits: 8,
    parity: 'none',
    stopBits: 1,
    flowControl: 'none',
    commandSet,
    codepage,
  });
  cleanup.push(() => pair.close(), detach, () => display.close());
  return { emulator, display };
}

const ITEM: Record<'ru' | 'ro' | 'en', PoleScreen> = {
  ru: { kind: 'item', name: 'Сыр российский весовой', amount: 31825, total: 73745, currency: 'RUB' },
  ro: { kind: 'item', name: 'Șnițel „Țărănesc”', amount: 2399, total: 6927, currency: 'RON' },
  en: { kind: 'item', name: 'Oat milk 1 l', amount: 1100, total: 2108, currency: 'EUR' },
};

describe('pole display on a PTY', () => {
  it.each([
    ['epson', 'cp866', 'ru', ['Сыр российски 318.25', 'ИТОГО руб.    737.45']],
    ['cd5220', 'cp866', 'ru', ['Сыр российски 318.25', 'ИТОГО руб.    737.45']],
    ['epson', 'cp852', 'ro', ['Şniţel "Ţărăne 23.99', 'TOTAL lei      69.27']],
    ['cd5220', 'cp437', 'en', ['Oat milk 1 l   11.00', 'TOTAL EUR      21.08']],
  ] as const)('%s set, %s: the last item and the total, 2×20', async (commandSet, codepage, language, expected) => {
    const { emulator, display } = await rig(commandSet, codepage);
    const lines = poleLines(ITEM[language], language as ReceiptLanguage, displayCanPrint(codepage));
    await display.show(lines);
    await emulator.waitFor((s) => s[0] === expected[0] && s[1] === expected[1]);
    expect(emulator.screen).toEqual(expected);
    expect(emulator.problems).toEqual([]);
  });

  it('shows the welcome text when idle, replacing the previous sale completely', async () => {
    const { emulator, display } = await rig('epson', 'cp866');
    await display.show(poleLines({ kind: 'paid', total: 73745, change: 26255, saved: 0, currency: 'RUB' }, 'ru', displayCanPrint('cp866')));
    await emulator.waitFor((s) => s[1] === 'Сдача         262.55');
    await display.show(poleLines({ kind: 'idle', welcome: ['Добро пожаловать!', 'Омнитилл'] }, 'ru', displayCanPrint('cp866')));
    await emulator.waitFor((s) => s[0].trim() === 'Добро пожаловать!');
    expect(emulator.screen).toEqual([' Добро пожаловать!  ', '      Омнитилл      ']);
  });

  it.each([
    ['cp866', 'ru', { total: 73745, change: 26255, saved: 8194, currency: 'RUB' }, ['Сдача         262.55', 'Ваша экономия  81.94']],
    ['cp852', 'ro', { total: 6927, change: 0, saved: 1250, currency: 'RON' }, ['TOTAL lei      69.27', 'Aţi economisit 12.50']],
    ['cp437', 'en', { total: 2108, change: 392, saved: 234, currency: 'EUR' }, ['Change          3.92', 'You saved       2.34']],
  ] as const)('%s, %s: after payment with promotions, what she saved under the change (or the total when there is none)', async (codepage, language, paid, expected) => {
    const { emulator, display } = await rig('epson', codepage);
    await display.show(poleLines({ kind: 'paid', ...paid }, language as ReceiptLanguage, displayCanPrint(codepage)));
    await emulator.waitFor((s) => s[0] === expected[0] && s[1] === expected[1]);
    expect(emulator.screen).toEqual(expected);
    expect(emulator.problems).toEqual([]);
  });

  it('without a promotion the paid screen stays total and change', () => {
    expect(poleLines({ kind: 'paid', total: 2108, change: 392, saved: 0, currency: 'EUR' }, 'en')).toEqual(['TOTAL EUR      21.08', 'Change          3.92']);
  });
});
