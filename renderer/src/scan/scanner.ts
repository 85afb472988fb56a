/**
 * Telling a keyboard-wedge barcode scanner from a person at the keyboard.
 *
 * A scanner "types" the whole code as a burst — characters a few milliseconds apart — and
 * ends it with Enter. A person types a character every 80–300 ms. Real bursts are not
 * perfectly regular (USB polling, a busy machine, a remote-controlled test browser: single
 * gaps of 50–100 ms happen), so a burst is judged as a whole: its typical (median) gap must
 * be scanner-fast, and no single gap may be a human pause.
 *
 * This module is pure: it sees timestamped key events and says what they are; the DOM side
 * (scannerListener.ts) decides what to do with the page.
 */

/** The parts of a KeyboardEvent the classifier needs (plain data, so tests can feed it). */
export interface KeyInput {
  /** KeyboardEvent.key: "5", "A", "Enter", "Shift", "Unidentified", … */
  readonly key: string;
  /** Milliseconds (KeyboardEvent.timeStamp): only differences matter. */
  readonly time: number;
  readonly ctrlKey?: boolean;
  readonly altKey?: boolean;
  readonly metaKey?: boolean;
  readonly shiftKey?: boolean;
  /** KeyboardEvent.code: the physical key ("KeyQ", "Numpad2"), whatever the keyboard layout. */
  readonly code?: string;
}

export interface ScannerOptions {
  /** Largest median gap between the keys of a burst (Enter included), in ms. */
  readonly maxGapMs: number;
  /** Largest single gap inside a burst, in ms: a longer pause ends it (a person paused). */
  readonly maxPauseMs: number;
  /** Fewest characters before the Enter for a burst to count as a scan. */
  readonly minLength: number;
  /** Longest burst kept; longer input is garbage (a stuck key, line noise). */
  readonly maxLength: number;
}

/**
 * Scanners send a key every 1–15 ms. 40 ms of median gap leaves room for a loaded machine
 * (measured: 20–38 ms per key when a remote-controlled browser types into a React field)
 * while no person sustains 25 keys a second. A pause over 100 ms is a person.
 */
export const DEFAULT_SCANNER_OPTIONS: ScannerOptions = { maxGapMs: 40, maxPauseMs: 100, minLength: 4, maxLength: 4096 };

/**
 * What one key means:
 *  - `start`:    the first key of what may become a burst (the DOM side remembers the focused
 *                field's value now, to put it back if the burst turns out to be a scan);
 *  - `continue`: the key extends a possible burst;
 *  - `scan`:     the key is the Enter that ends a burst: `code` is what was scanned (it may hold
 *                control or non-ASCII characters: the backend rejects those as garbage with a
 *                clear message, rather than the renderer dropping the scan silently);
 *  - `ignore`:   the key is not part of a burst (a person typing, a modifier, a lone Enter).
 */
export type KeyVerdict =
  | { readonly kind: 'start' }
  | { readonly kind: 'continue' }
  | { readonly kind: 'scan'; readonly code: string }
  | { readonly kind: 'ignore' };

/** Stands for a key inside a burst that is not a character (a control key, an unreadable byte). */
export const GARBAGE_CHAR = '\u001a';

const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'ScrollLock', 'Fn', 'OS']);

/** GS1's FNC1 separator (ASCII 29, "GS"), as the scan resolver expects it. */
export const GS = '\u001d';

/** The US layout a wedge scanner types in: physical key → [plain, shifted]. */
const US_KEYS: Readonly<Record<string, readonly [string, string]>> = {
  ...Object.fromEntries([...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c) => [`Key${c}`, [c.toLowerCase(), c]])),
  ...Object.fromEntries([...'0123456789'].map((d, i) => [`Digit${d}`, [d, ')!@#$%^&*('[i] as string]])),
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  Comma: [',', '<'],
  Period: ['.', '>'],
  Slash: ['/', '?'],
  Backquote: ['`', '~'],
};

/**
 * The character one key adds to a burst, or null when it is not a character. Scanners type
 * as if the keyboard were US: on a Cyrillic layout their letters arrive as Cyrillic, so a
 * non-ASCII character on a key of the US table is read as that key's US character. GS
 * arrives as Ctrl+] (its ASCII control chord) or as the GS character itself.
 */
function characterOf(e: KeyInput): string | null {
  if (e.key === GS || (e.ctrlKey && !e.altKey && (e.key === ']' || e.code === 'BracketRight'))) return GS;
  if ([...e.key].length !== 1 || e.ctrlKey || e.altKey || e.metaKey) return null;
  const us = e.code ? US_KEYS[e.code] : undefined;
  if (us && e.key.charCodeAt(0) > 0x7f) return e.shiftKey ? us[1] : us[0];
  return e.key;
}

/** Alt + a digit on the numeric keypad: one digit of a Windows Alt code (Alt+0029 is GS). */
function altCodeDigit(e: KeyInput): string | null {
  return e.altKey && !e.ctrlKey && e.code && /^Numpad\d$/.test(e.code) ? e.code.slice(-1) : null;
}

export interface BurstDetector {
  push(event: KeyInput): KeyVerdict;
  reset(): void;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function createBurstDetector(options: Partial<ScannerOptions> = {}): BurstDetector {
  const { maxGapMs, maxPauseMs, minLength, maxLength } = { ...DEFAULT_SCANNER_OPTIONS, ...options };
  /** The current run: characters with no human pause between them. */
  let buffer = '';
  let gaps: number[] = [];
  let last = Number.NEGATIVE_INFINITY;
  let active = false;
  /** The digits of an Alt code typed so far; the character is complete at the next other key. */
  let altDigits = '';

  function reset(): void {
    buffer = '';
    gaps = [];
    last = Number.NEGATIVE_INFINITY;
    active = false;
    altDigits = '';
  }

  /** A finished Alt code becomes one character of the burst. */
  function flushAltCode(): void {
    if (!altDigits) return;
    const value = Number(altDigits);
    altDigits = '';
    buffer += value > 0 && value <= 0xffff ? String.fromCharCode(value) : GARBAGE_CHAR;
  }

  function append(char: string, gap: number, time: number): KeyVerdict {
    buffer += char;
    gaps.push(gap);
    last = time;
    if (buffer.length > maxLength * 4) reset(); // a stuck key: never grow without bound
    return { kind: 'continue' };
  }

  return {
    reset,
    push(e: KeyInput): KeyVerdict {
      if (MODIFIERS.has(e.key)) return { kind: 'ignore' }; // scanners press Shift for capitals
      const gap = e.time - last;
      const inRun = active && gap >= 0 && gap <= maxPauseMs;
      const digit = altCodeDigit(e);
      if (digit !== null && inRun) {
        altDigits += digit;
        gaps.push(gap);
        last = e.time;
        return { kind: 'continue' };
      }
      if (inRun) flushAltCode();

      if (e.key === 'Enter') {
        const isScan =
          inRun && buffer.length >= minLength && buffer.length <= maxLength && median([...gaps, gap]) <= maxGapMs;
        const code = buffer;
        reset();
        return isScan ? { kind: 'scan', code } : { kind: 'ignore' };
      }

      const char = characterOf(e);
      if (char !== null) {
        if (inRun) return append(char, gap, e.time);
        buffer = char;
        gaps = [];
        last = e.time;
        active = true;
        altDigits = '';
        return { kind: 'start' };
      }
      if (digit !== null) {
        // An Alt code opening a burst (a GS1 symbol starting with FNC1).
        buffer = '';
        gaps = [];
        last = e.time;
        active = true;
        altDigits = digit;
        return { kind: 'start' };
      }

      // Any other key (Tab, Backspace, an arrow, Ctrl+something, "Unidentified"): hard on the
      // heels of a character it is garbage the scanner sent, and the scan must be refused as a
      // whole (the backend says why); otherwise it is a person editing, and ends the run.
      if (inRun && gap <= maxGapMs && buffer.length > 0) return append(GARBAGE_CHAR, gap, e.time);
      reset();
      return { kind: 'ignore' };
    },
  };
}

/** Feeds a whole sequence and returns the codes it scanned: convenient for tests and tools. */
export function scansIn(events: readonly KeyInput[], options: Partial<ScannerOptions> = {}): string[] {
  const detector = createBurstDetector(options);
  const codes: string[] = [];
  for (const e of events) {
    const v = detector.push(e);
    if (v.kind === 'scan') codes.push(v.code);
  }
  return codes;
}
