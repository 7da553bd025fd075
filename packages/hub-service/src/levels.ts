/**
 * The levels a person can raise themselves to. `read` is where everyone
 * starts and needs no elevation, so it is not one of them.
 */
export const ELEVATION_LEVELS = ['execute', 'write'] as const;
export type ElevationLevel = (typeof ELEVATION_LEVELS)[number];

export function isElevationLevel(name: unknown): name is ElevationLevel {
  return typeof name === 'string' && (ELEVATION_LEVELS as readonly string[]).includes(name);
}

/** Whoever holds `write` may also `execute`. */
export function covers(held: ElevationLevel, wanted: ElevationLevel): boolean {
  return ELEVATION_LEVELS.indexOf(held) >= ELEVATION_LEVELS.indexOf(wanted);
}
