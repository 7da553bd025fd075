import type { AuditStore } from '@isobar/authz';
import type { Logger } from '@isobar/core';
import type { AttemptLimiter } from './attempt-limiter';
import type { AuditRecord, AuditSink } from './audit';
import type { CallerIdentities } from './callers';
import type { ServiceConfig } from './config';
import type { ElevationStore } from './elevations';
import type { GrantKeySource, GrantSigner } from './grant-signer';
import type { HubSide } from './hub-side';
import type { RoleCache } from './role-cache';
import type { SessionStore } from './sessions';

/** What the routes share. Built by createHubService; tests may build it themselves. */
export interface ServiceDeps {
  readonly config: ServiceConfig;
  readonly hub: HubSide;
  readonly sessions: SessionStore;
  readonly elevations: ElevationStore;
  /** Failed password attempts, keyed `person:NAME` and `client:ADDRESS`. */
  readonly limiter: AttemptLimiter;
  readonly signer: GrantSigner;
  readonly keys: GrantKeySource;
  readonly onAudit: AuditSink;
  /** The central audit log (UI servers' records and this service's own); undefined: none kept. */
  readonly auditStore: AuditStore | undefined;
  /** Roles from the site's role providers, for UI servers. */
  readonly roles: RoleCache;
  /** Whose hub token a UI server called with. */
  readonly callers: CallerIdentities;
  readonly log: Logger;
  readonly now: () => number;
}

/** Stamp one audit record with the time and send it. */
export function audit(deps: Pick<ServiceDeps, 'onAudit' | 'now'>, record: Omit<AuditRecord, 'time'>): void {
  deps.onAudit({ time: new Date(deps.now()).toISOString(), ...record });
}

/** A sink that cannot fail: a broken audit consumer must not turn an answered request (or a timer) into a crash. */
export function guardSink(sink: AuditSink, log: Logger): AuditSink {
  return (record) => {
    try {
      sink(record);
    } catch (err) {
      log.error('audit sink failed', {
        operation: record.operation,
        person: record.person,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  };
}
