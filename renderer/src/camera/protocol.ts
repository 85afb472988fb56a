/** Messages between the camera controller and the decoding worker. */

/** One video frame, transferred (never copied) to the worker. */
export interface FrameRequest {
  readonly id: number;
  readonly frame: ImageBitmap;
}

export interface FrameRead {
  /**
   * What the symbol says, as a hardware scanner with AIM identifiers would send it: the
   * symbology identifier (`]Q1`, `]d2`, …) then the text, GS1 separators as GS. The scan
   * resolver strips the identifier and reads GS1 from it.
   */
  readonly payload: string;
  readonly format: string;
}

export type FrameReply =
  | { readonly id: number; readonly ok: true; readonly reads: readonly FrameRead[]; readonly decodeMs: number; readonly frameMs: number }
  | { readonly id: number; readonly ok: false };

/** Sent once when the decoder cannot start (the .wasm could not be fetched or compiled). */
export interface DecoderFailed {
  readonly failed: true;
}
