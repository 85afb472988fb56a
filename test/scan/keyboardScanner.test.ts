import { describe, expect, it } from 'vitest';
import { createBurstDetector, GARBAGE_CHAR, GS, scansIn, type KeyInput } from '../../renderer/src/scan/scanner.js';

/** Key events for `text` typed from `start`, one key every `gap` ms (a number, or one per key). */
function typed(text: string, start: number, gap: number | readonly number[]): KeyInput[] {
  let t = start;
  return [...text].map((key, i) => {
    if (i > 0) t += typeof gap === 'number' ? gap : (gap[i - 1] ?? 0);
    return { key, time: t };
  });
}

function enterAfter(events: readonly KeyInput[], gap: number): KeyInput {
  return { key: 'Enter', time: (events[events.length - 1]?.time ?? 0) + gap };
}

function scan(code: string, start: number, gap = 8, enterGap = gap): KeyInput[] {
  const keys = typed(code, start, gap);
  return [...keys, enterAfter(keys, enterGap)];
}

describe('scanner burst classification', () => {
  it('a fast burst ending in Enter is a scan', () => {
    expect(scansIn(scan('4820001234567', 1000))).toEqual(['4820001234567']);
  });

  it('two scans in a row are two scans', () => {
    expect(scansIn([...scan('5940000000011', 0), ...scan('4600000000022', 400, 5)])).toEqual(['5940000000011', '4600000000022']);
  });

  it('tolerates a few slow gaps inside a burst (a busy machine), as long as the burst is fast overall', () => {
    // Measured from a real browser driven over CDP: most gaps ~10 ms, a few 50–110 ms.
    const gaps = [70, 61, 52, 48, 28, 94, 10, 9, 12, 15, 11, 10];
    const keys = typed('5940000000011', 0, gaps);
    expect(scansIn([...keys, enterAfter(keys, 25)])).toEqual(['5940000000011']);
  });

  it('slow typing followed by Enter is not a scan', () => {
    expect(scansIn(scan('4820001234567', 0, 180))).toEqual([]);
    // A quick typist: 60–100 ms per key is still a person.
    const keys = typed('4820001234567', 0, [60, 90, 70, 100, 65, 80, 95, 60, 70, 85, 75, 90]);
    expect(scansIn([...keys, enterAfter(keys, 70)])).toEqual([]);
  });

  it('a person pressing Enter a while after a fast burst is not a scan', () => {
    const keys = typed('4820001234567', 0, 5);
    expect(scansIn([...keys, enterAfter(keys, 400)])).toEqual([]);
  });

  it('a burst shorter than the minimum is not a scan', () => {
    expect(scansIn(scan('123', 0, 5))).toEqual([]);
    expect(scansIn(scan('1234', 0, 5))).toEqual(['1234']);
  });

  it('a lone Enter, or Enter right after a pause, is not a scan', () => {
    expect(scansIn([{ key: 'Enter', time: 10 }])).toEqual([]);
    const keys = [...typed('12', 0, 200), ...typed('345', 1000, 5)];
    // "345" is a new run after the pause, but three characters are too few.
    expect(scansIn([...keys, enterAfter(keys, 5)])).toEqual([]);
  });

  it('a scan that follows slow typing contains only the burst', () => {
    const person = typed('mil', 0, 250);
    const burst = scan('4820001234567', 1200, 6);
    expect(scansIn([...person, ...burst])).toEqual(['4820001234567']);
  });

  it('Shift and other modifiers inside a burst are ignored (scanners shift for capitals)', () => {
    const events: KeyInput[] = [];
    let t = 0;
    for (const ch of 'AB-12x') {
      if (ch >= 'A' && ch <= 'Z') events.push({ key: 'Shift', time: (t += 2) });
      events.push({ key: ch, time: (t += 4) });
    }
    events.push({ key: 'Enter', time: t + 4 });
    expect(scansIn(events)).toEqual(['AB-12x']);
  });

  it('control keys inside a burst make it garbage the backend refuses, never a silently different code', () => {
    const events: KeyInput[] = [
      ...typed('48200', 0, 5),
      { key: 'Tab', time: 30 },
      { key: 'Unidentified', time: 35 },
      ...typed('01234', 40, 5),
      { key: 'Enter', time: 65 },
    ];
    expect(scansIn(events)).toEqual([`48200${GARBAGE_CHAR}${GARBAGE_CHAR}01234`]);
    // Ctrl+J (a line feed sent as a key combination) is not a character either.
    const ctrl: KeyInput[] = [...typed('1234', 0, 5), { key: 'j', time: 20, ctrlKey: true }, { key: '5', time: 25 }, { key: 'Enter', time: 30 }];
    expect(scansIn(ctrl)).toEqual([`1234${GARBAGE_CHAR}5`]);
  });

  it('non-ASCII characters without a physical key pass through as typed: the resolver decides', () => {
    expect(scansIn(scan('ЫЫ12345', 0, 5))).toEqual(['ЫЫ12345']);
  });

  it('a scanner typing through a Cyrillic layout is read by its physical keys, as the US layout it types in', () => {
    // "SPRING7Q" typed on the Russian layout: Shift+S gives "Ы", Shift+P "З", and so on.
    const russian: [string, string][] = [['Ы', 'KeyS'], ['З', 'KeyP'], ['К', 'KeyR'], ['Ш', 'KeyI'], ['Т', 'KeyN'], ['П', 'KeyG'], ['7', 'Digit7'], ['Й', 'KeyQ']];
    const events: KeyInput[] = russian.map(([key, code], i) => ({ key, code, shiftKey: true, time: i * 5 }));
    events.push({ key: 'Enter', code: 'Enter', time: 45 });
    expect(scansIn(events)).toEqual(['SPRING7Q']);
    const lower: KeyInput[] = [{ key: 'ф', code: 'KeyA', time: 0 }, { key: 'ю', code: 'Period', time: 5 }, { key: '1', code: 'Digit1', time: 10 }, { key: '2', code: 'Digit2', time: 15 }, { key: 'Enter', time: 20 }];
    expect(scansIn(lower)).toEqual(['a.12']);
  });

  it('reads GS (GS1 FNC1) sent as Ctrl+], as the GS character, or as the Alt code Alt+0029', () => {
    const pieces = (separator: KeyInput[]): KeyInput[] => {
      const head = typed('0104600000000017', 0, 4);
      const tail = typed('10LOT7', 84, 4);
      return [...head, ...separator, ...tail, enterAfter(tail, 4)];
    };
    const expected = [`0104600000000017${GS}10LOT7`];
    expect(scansIn(pieces([{ key: ']', code: 'BracketRight', ctrlKey: true, time: 64 }]))).toEqual(expected);
    expect(scansIn(pieces([{ key: GS, time: 64 }]))).toEqual(expected);
    const altCode: KeyInput[] = ['0', '0', '2', '9'].map((d, i) => ({ key: d, code: `Numpad${d}`, altKey: true, time: 64 + i * 4 }));
    expect(scansIn(pieces(altCode))).toEqual(expected);
    // A GS1 symbol may start with FNC1: an Alt code can open the burst.
    const opening = [...altCode.map((k) => ({ ...k, time: k.time - 64 })), ...typed('01046000000000', 20, 4)];
    expect(scansIn([...opening, enterAfter(opening, 4)])).toEqual([`${GS}01046000000000`]);
  });

  it('a 4 KB 2D payload is one scan', () => {
    const payload = 'OT1.O.' + 'A'.repeat(4090);
    expect(scansIn(scan(payload, 0, 2))).toEqual([payload]);
  });

  it('a control key typed by a person (after a pause) is editing, not garbage', () => {
    const detector = createBurstDetector();
    expect(detector.push({ key: '1', time: 0 }).kind).toBe('start');
    expect(detector.push({ key: 'Backspace', time: 300 }).kind).toBe('ignore');
    expect(detector.push({ key: '2', time: 600 }).kind).toBe('start');
  });

  it('reports the first key of a possible burst, so the page can remember the focused field', () => {
    const detector = createBurstDetector();
    const verdicts = scan('12345', 0, 5).map((e) => detector.push(e).kind);
    expect(verdicts).toEqual(['start', 'continue', 'continue', 'continue', 'continue', 'scan']);
  });

  it('a burst typed while a text field has focus is still a scan (the listener restores the field)', () => {
    // The classifier does not care where focus is: the same burst scans in an input or on the body.
    const person = typed('Lap', 0, 200); // the cashier was typing a search
    const burst = scan('5940000000011', 1000, 7);
    const detector = createBurstDetector();
    const verdicts = [...person, ...burst].map((e) => detector.push(e));
    expect(verdicts.map((v) => v.kind)).toEqual(['start', 'start', 'start', 'start', ...Array(12).fill('continue'), 'scan']);
    expect(verdicts.at(-1)).toEqual({ kind: 'scan', code: '5940000000011' });
  });

  it('holding a key down (auto-repeat), then Enter after letting go, is not a scan', () => {
    // Auto-repeat runs at ~33 ms; a person needs well over 100 ms to let go and press Enter.
    expect(scansIn(scan('0000000000', 0, 33, 180))).toEqual([]);
  });

  it('a burst typed into a busy page (20–40 ms per key) is still a scan', () => {
    const gaps = [36, 25, 22, 27, 23, 25, 52, 38, 31, 26, 29, 27];
    const keys = typed('4609000000032', 0, gaps);
    expect(scansIn([...keys, enterAfter(keys, 25)])).toEqual(['4609000000032']);
  });

  it('a person typing right before a scan (130–150 ms per key) does not leak into the code', () => {
    const person = typed('bre', 0, [130, 141]);
    const burst = scan('4609000000032', 271 + 150, 9);
    expect(scansIn([...person, ...burst])).toEqual(['4609000000032']);
  });

  it('an endless stream without Enter never scans and never grows without bound', () => {
    const detector = createBurstDetector({ maxLength: 16 });
    for (let i = 0; i < 10_000; i++) detector.push({ key: '7', time: i * 3 });
    expect(detector.push({ key: 'Enter', time: 30_003 }).kind).toBe('ignore');
  });
});
