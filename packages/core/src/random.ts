/**
 * mulberry32: a tiny, well-mixed 32-bit generator of numbers in [0, 1).
 * Integer steps, so it neither loses precision nor falls into a short
 * cycle; seeded, so tests and benchmarks can pin their order. Not for
 * anything that must be unpredictable.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
