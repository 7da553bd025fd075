import type { ElevationLevel } from './levels';

/**
 * What a site decides about elevation. All durations in seconds, as in the
 * rest of the site config. See README.md for the `hubService` keys.
 */
export interface ElevationSettings {
  /** How long a raise lasts, per level. */
  readonly duration: Readonly<Record<ElevationLevel, number>>;
  /** Lifetime of one grant; the page refreshes grants, so this bounds how late a drop or revocation is noticed. */
  readonly grantLifetime: number;
  /** Failed password attempts allowed per person and per client address within `failureWindow`... */
  readonly maxFailures: number;
  readonly failureWindow: number;
  /** ...after which that person or address may not try again for this long. */
  readonly lockout: number;
}

export const DEFAULT_ELEVATION_SETTINGS: ElevationSettings = {
  duration: { execute: 15 * 60, write: 15 * 60 },
  grantLifetime: 30,
  maxFailures: 5,
  failureWindow: 5 * 60,
  lockout: 15 * 60,
};

type Json = Record<string, unknown>;

function isObject(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function seconds(section: Json, key: string, where: string, fallback: number, min: number): number {
  const value = section[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw new Error(`${where}.${key}: expected a number of seconds >= ${min}, got ${JSON.stringify(value)}`);
  }
  return value;
}

const KNOWN = new Set(['elevation', 'grantLifetime', 'failedAttempts']);

/**
 * Reads the site config's `hubService` section (any JSON-like value; absent
 * means defaults). Unknown keys are errors, as everywhere in the site
 * config, so that a misspelt duration is not silently 15 minutes.
 */
export function readElevationSettings(raw: unknown, where = 'hubService'): ElevationSettings {
  if (raw === undefined || raw === null) return DEFAULT_ELEVATION_SETTINGS;
  if (!isObject(raw)) throw new Error(`${where}: expected a mapping`);
  for (const key of Object.keys(raw)) if (!KNOWN.has(key)) throw new Error(`${where}.${key}: unknown key`);
  const d = DEFAULT_ELEVATION_SETTINGS;
  const elevation = raw['elevation'] ?? {};
  const attempts = raw['failedAttempts'] ?? {};
  if (!isObject(elevation)) throw new Error(`${where}.elevation: expected a mapping`);
  if (!isObject(attempts)) throw new Error(`${where}.failedAttempts: expected a mapping`);
  for (const key of Object.keys(elevation)) {
    if (key !== 'execute' && key !== 'write') throw new Error(`${where}.elevation.${key}: unknown key (execute, write)`);
  }
  for (const key of Object.keys(attempts)) {
    if (!['max', 'window', 'lockout'].includes(key)) throw new Error(`${where}.failedAttempts.${key}: unknown key (max, window, lockout)`);
  }
  const settings: ElevationSettings = {
    duration: {
      execute: seconds(elevation, 'execute', `${where}.elevation`, d.duration.execute, 1),
      write: seconds(elevation, 'write', `${where}.elevation`, d.duration.write, 1),
    },
    grantLifetime: seconds(raw, 'grantLifetime', where, d.grantLifetime, 1),
    maxFailures: seconds(attempts, 'max', `${where}.failedAttempts`, d.maxFailures, 1),
    failureWindow: seconds(attempts, 'window', `${where}.failedAttempts`, d.failureWindow, 1),
    lockout: seconds(attempts, 'lockout', `${where}.failedAttempts`, d.lockout, 1),
  };
  if (!Number.isInteger(settings.maxFailures)) throw new Error(`${where}.failedAttempts.max: expected a whole number`);
  return settings;
}
