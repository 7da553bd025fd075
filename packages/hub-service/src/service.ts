import type { Logger } from '@isobar/core';
import type { Express } from 'express';
import { createApp } from './app';
import { AttemptLimiter } from './attempt-limiter';
import type { AuditSink } from './audit';
import type { ServiceConfig } from './config';
import { ElevationStore } from './elevations';
import type { GrantKeySource, GrantSigner } from './grant-signer';
import type { HubSide } from './hub-side';
import { guardSink } from './service-deps';
import { SessionStore } from './sessions';

export interface HubServiceOptions {
  readonly config: ServiceConfig;
  readonly hub: HubSide;
  readonly signer: GrantSigner;
  readonly keys: GrantKeySource;
  /** Every elevation, drop, expiry, revocation, lockout and refusal, as it happens. */
  readonly onAudit: AuditSink;
  readonly log: Logger;
  readonly now?: () => number;
}

export interface HubService {
  readonly app: Express;
  readonly elevations: ElevationStore;
  readonly sessions: SessionStore;
  readonly limiter: AttemptLimiter;
  /** Stop the expiry timers (shutdown, tests). */
  close(): void;
}

/** Wires the stores and the routes. Listening is the caller's business (main.ts, or a test). */
export function createHubService(options: HubServiceOptions): HubService {
  const now = options.now ?? Date.now;
  const { config, log } = options;
  const onAudit = guardSink(options.onAudit, log);
  const elevations = new ElevationStore({ onAudit, now });
  const sessions = new SessionStore(now);
  const e = config.elevation;
  const limiter = new AttemptLimiter({ maxFailures: e.maxFailures, windowMs: e.failureWindow * 1000, lockoutMs: e.lockout * 1000, now });
  const app = createApp({
    config,
    hub: options.hub,
    sessions,
    elevations,
    limiter,
    signer: options.signer,
    keys: options.keys,
    onAudit,
    log,
    now,
  });
  return { app, elevations, sessions, limiter, close: () => elevations.clear() };
}
