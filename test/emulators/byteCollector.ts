/**
 * A command's operand bytes, for the emulators' byte-at-a-time decoders: `expect(n, then)`
 * routes the next n bytes to `then` instead of the decoder.
 */
export class ByteCollector {
  private need: { count: number; then: (bytes: number[]) => void } | null = null;
  private collected: number[] = [];

  expect(count: number, then: (bytes: number[]) => void): void {
    if (count === 0) then([]);
    else this.need = { count, then };
  }

  /** Takes a byte if a command is waiting for operands; false means the decoder should read it. */
  take(byte: number): boolean {
    if (!this.need) return false;
    this.collected.push(byte);
    if (this.collected.length === this.need.count) {
      const { then } = this.need;
      const bytes = this.collected;
      this.need = null;
      this.collected = [];
      then(bytes);
    }
    return true;
  }
}
