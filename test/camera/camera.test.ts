import { describe, expect, it } from 'vitest';
import { failureOf } from '../../renderer/src/camera/cameraFailure.js';
import { createRepeatFilter } from '../../renderer/src/camera/repeatFilter.js';

describe('camera repeat filter', () => {
  it('reports a code once while it stays in view, and again after two seconds out of view', () => {
    const filter = createRepeatFilter();
    const seen = (payload: string, at: number) => filter.accept(payload, at);
    expect(seen('A', 0)).toBe(true);
    // Read on frame after frame for five seconds: still the one read.
    for (let t = 100; t <= 5000; t += 100) expect(seen('A', t)).toBe(false);
    // Another code in between counts at once.
    expect(seen('B', 5050)).toBe(true);
    // Shown again 2 s after it was last seen: a second item.
    expect(seen('A', 7000)).toBe(true);
    expect(seen('A', 8999)).toBe(false);
  });
});

describe('camera failures', () => {
  it("turns getUserMedia's rejections into the reasons the panel translates", () => {
    const named = (name: string) => Object.assign(new Error(name), { name });
    expect(failureOf(named('NotAllowedError'))).toBe('denied');
    expect(failureOf(named('SecurityError'))).toBe('denied');
    expect(failureOf(named('NotReadableError'))).toBe('busy');
    expect(failureOf(named('AbortError'))).toBe('busy');
    expect(failureOf(named('NotFoundError'))).toBe('noCamera');
    expect(failureOf(named('OverconstrainedError'))).toBe('noCamera');
    expect(failureOf({ name: 'NotAllowedError' })).toBe('denied');
    expect(failureOf(named('TypeError'))).toBe('unsupported');
    expect(failureOf(undefined)).toBe('noCamera');
  });
});
