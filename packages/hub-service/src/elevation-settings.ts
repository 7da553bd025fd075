import type { HubServiceConfig } from '@isobar/core';
import type { ElevationLevel } from './levels';

/**
 * What a site decides about elevation. All durations in seconds, as in the
 * rest of the site config. The site config's `hubService` section holds them
 * (packages/core validates it; see README.md).
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
  grantLifetime: 10,
  maxFailures: 5,
  failureWindow: 5 * 60,
  lockout: 15 * 60,
};

/** The site config's `hubService` section (validated by @isobar/core) as the service uses it. */
export function elevationSettingsOf(section: HubServiceConfig): ElevationSettings {
  return {
    duration: { execute: section.elevation.execute, write: section.elevation.write },
    grantLifetime: section.grantLifetime,
    maxFailures: section.failedAttempts.max,
    failureWindow: section.failedAttempts.window,
    lockout: section.failedAttempts.lockout,
  };
}
