/** What the crash workers (killed at random by the crash tests) share. */

/** A repeatable random sequence in [0, 1) from the seed the test gives the worker. */
export function seededRandom(seedText: string): () => number {
  let seed = Number(seedText) >>> 0;
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

/** An RPC result's value; an error stops the worker (the test then sees it never acknowledged more). */
export function must<T>(result: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!result.ok) throw new Error(result.error.code);
  return result.value;
}
