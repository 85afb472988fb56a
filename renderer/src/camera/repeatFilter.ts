/**
 * A code held in front of the camera is read on frame after frame; the sale must see it once.
 * A payload is reported when it was not seen in the last `windowMs`: while it stays in view
 * it stays quiet, and shown again after a pause of two seconds it counts again (a second item).
 */
export const REPEAT_WINDOW_MS = 2000;

export function createRepeatFilter(windowMs = REPEAT_WINDOW_MS) {
  const lastSeen = new Map<string, number>();
  return {
    /** True when `payload`, seen at `now` (ms), is to be reported. */
    accept(payload: string, now: number): boolean {
      for (const [seen, at] of lastSeen) if (now - at >= windowMs) lastSeen.delete(seen);
      const fresh = !lastSeen.has(payload);
      lastSeen.set(payload, now);
      return fresh;
    },
  };
}
