import type { AuditStore } from '@isobar/authz';
import type { Logger, RoleProvider } from '@isobar/core';
import type { Express } from 'express';
import { createApp } from './app';
import { AttemptLimiter } from './attempt-limiter';
import type { AuditSink } from './audit';
import { allSinks, auditStoreSink } from './audit-store';
import { CallerIdentities } from './callers';
import type { ServiceConfig } from './config';
import { ElevationStore } from './elevations';
import type { GrantKeySource, GrantSigner } from './grant-signer';
import type { HubSide } from './hub-side';
import { RoleCache } from './role-cache';
import { guardSink } from './service-deps';
import { SessionStore } from './sessions';

export interface HubServiceOptions {
  readonly config: ServiceConfig;
  readonly hub: HubSide;
  readonly signer: GrantSigner;
  readonly keys: GrantKeySource;
  /** Every elevation, drop, expiry, revocation, lockout and refusal, as it happens. */
  readonly onAudit: AuditSink;
  /**
   * The central audit log: UI servers send their records to it, people read
   * it, and this service's own elevation records go there too.
   */
  readonly auditStore?: AuditStore;
  /** The site's role providers (loadSiteRoleProviders), asked for UI servers; none: nobody has roles. */
  readonly roleProviders?: readonly RoleProvider[];
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
  const store = options.auditStore;
  const onAudit = allSinks(guardSink(options.onAudit, log), ...(store ? [guardSink(auditStoreSink(store), log)] : []));
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
    auditStore: store,
    roles: new RoleCache({ providers: options.roleProviders ?? [], now }),
    callers: new CallerIdentities({ identify: (token) => options.hub.identify(token), now }),
    log,
    now,
  });
  return { app, elevations, sessions, limiter, close: () => elevations.clear() };
}
