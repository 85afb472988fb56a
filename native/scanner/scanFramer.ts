import { TillError, isTillError } from '../../core/errors.js';
import { scanEvent, MAX_SCAN_PAYLOAD, type ScanEvent } from '../../core/scan/scan.js';

/** What the scanner is set to send after each code. */
export type ScanSuffix = 'CR' | 'LF' | 'CRLF' | 'none';

export interface ScanFramerOptions {
  readonly suffix: ScanSuffix;
  /**
   * A scanner sends a code as one burst. A pause longer than this ends the code when there is
   * no suffix, and throws away a half code (noise, a pulled cable) when there is one.
   */
  readonly interCharTimeoutMs: number;
  readonly onScan: (event: ScanEvent) => void;
  readonly onError: (error: TillError) => void;
}

const CR = 0x0d;
const LF = 0x0a;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns the bytes of a serial scanner into scan events, whatever way the reads split them.
 * Bad input becomes an error event; nothing a scanner sends can throw out of here.
 */
export function createScanFramer(options: ScanFramerOptions) {
  let frame: number[] = [];
  let timer: NodeJS.Timeout | null = null;
  /** With CRLF, a CR seen at the end of a read whose LF has not come yet. */
  let pendingCr = false;

  const emit = (bytes: number[]): void => {
    try {
      // 2D scanners send UTF-8; bytes that are not UTF-8 are line noise or a wrong baud rate.
      options.onScan(scanEvent(utf8.decode(Uint8Array.from(bytes)), 'serial'));
    } catch (e) {
      options.onError(isTillError(e) ? e : new TillError('SCAN_GARBAGE', { length: bytes.length }, 'not UTF-8'));
    }
  };

  const endFrame = (): void => {
    const bytes = frame;
    frame = [];
    pendingCr = false;
    if (bytes.length > 0) emit(bytes);
  };

  const onPause = (): void => {
    timer = null;
    if (options.suffix === 'none') {
      endFrame();
    } else if (frame.length > 0 || pendingCr) {
      const length = frame.length;
      frame = [];
      pendingCr = false;
      options.onError(new TillError('SCAN_GARBAGE', { length }, 'a code without its suffix (noise or a wrong baud rate)'));
    }
  };

  return {
    push(chunk: Uint8Array): void {
      for (const byte of chunk) {
        if (options.suffix === 'CRLF') {
          if (pendingCr) {
            pendingCr = false;
            if (byte === LF) {
              endFrame();
              continue;
            }
            frame.push(CR);
          }
          if (byte === CR) {
            pendingCr = true;
            continue;
          }
        } else if ((options.suffix === 'CR' && byte === CR) || (options.suffix === 'LF' && byte === LF)) {
          endFrame();
          continue;
        }
        frame.push(byte);
        if (frame.length > MAX_SCAN_PAYLOAD * 2) {
          const length = frame.length;
          frame = [];
          options.onError(new TillError('SCAN_GARBAGE', { length }, 'no suffix within a code length'));
        }
      }
      if (timer) clearTimeout(timer);
      timer = frame.length > 0 || pendingCr ? setTimeout(onPause, options.interCharTimeoutMs) : null;
    },
    /** The line closed: a half code is dropped, not guessed. */
    close(): void {
      if (timer) clearTimeout(timer);
      timer = null;
      if (options.suffix === 'none') endFrame();
      frame = [];
    },
  };
}
