import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HLL_REGISTERS, hllEstimate, mergedEstimates } from '../../core/analytics/rollup.js';

/** A sketch as SQL stores it: the sorted register * 64 + rank of its non-empty registers. */
const sketchText = (registers: ReadonlyMap<number, number>) =>
  [...registers.entries()].sort(([a], [b]) => a - b).map(([register, rank]) => register * 64 + rank).join(',');

describe('mergedEstimates', () => {
  it('keeps the highest rank of each register across the sketches of a key', () => {
    const estimates = mergedEstimates([
      { key: 'email', sketch: '1,130' }, // register 0 rank 1, register 2 rank 2
      { key: 'email', sketch: '66,129' }, // register 1 rank 2, register 2 rank 1
      { key: 'sms', sketch: '' }, // an empty sketch
    ]);
    expect(estimates.get('email')).toBe(hllEstimate(3, 2 ** -1 + 2 ** -2 + 2 ** -2));
    expect(estimates.get('sms')).toBe(0);
    expect(estimates.has('web')).toBe(false);
  });

  it('equals the estimate of the registers merged by hand, for any sketches', () => {
    const sketch = fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: HLL_REGISTERS - 1 }), fc.integer({ min: 1, max: 41 })), { selector: ([r]) => r, maxLength: 300 });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), sketch), { maxLength: 12 }), (rows) => {
        const model = new Map<string, Map<number, number>>();
        for (const [key, registers] of rows) {
          const merged = model.get(key) ?? new Map<number, number>();
          for (const [register, rank] of registers) merged.set(register, Math.max(rank, merged.get(register) ?? 0));
          model.set(key, merged);
        }
        const estimates = mergedEstimates(rows.map(([key, registers]) => ({ key, sketch: sketchText(new Map(registers)) })));
        expect([...estimates.keys()].sort()).toEqual([...model.keys()].sort());
        for (const [key, merged] of model) {
          const powers = [...merged.values()].reduce((sum, rank) => sum + 2 ** -rank, 0);
          expect(estimates.get(key)).toBe(hllEstimate(merged.size, powers));
        }
      }),
    );
  });
});
