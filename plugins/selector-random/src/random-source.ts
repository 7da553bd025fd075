/**
 * Sources of random numbers in [0, 1). Unseeded uses Math.random: host
 * choice needs spread, not unpredictability. Seeded uses mulberry32, a tiny
 * well-mixed 32-bit generator, so tests can pin the order.
 */
import { seededRandom } from '@isobar/core';

export type RandomSource = () => number;

export { seededRandom };

/** Fisher–Yates: every order equally likely. Returns a new array. */
export function shuffled<T>(items: readonly T[], random: RandomSource): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = result[i] as T;
    result[i] = result[j] as T;
    result[j] = a;
  }
  return result;
}
