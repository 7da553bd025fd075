/**
 * Authorisation by policy: the three layers of @isobar/authz (the site
 * file, the owner's `~/.isobar/authz.yaml`, the workflow's), decided for
 * the visitor and the roles hub-service knows them by, plus the grant an
 * action must come with. Reads need the policy only; an action needs the
 * policy AND a valid grant, for this owner and this visitor, at a level at
 * least the operation's (owners need none on their own workflows when the
 * site exempts them). Every action and refusal goes to the audit trail.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { ActionOutcome, ActionVerdict, Authorizer, RequestAccess } from '../graphql/authorizer';
import type { Logger } from '../log';
import type { AuditTrail } from './audit-trail';
import type { GrantChecker } from './grant-keys';
import {
  auditTime,
  GrantError,
  levelOf,
  levelRank,
  OPERATIONS,
  type PolicyEngine,
  type LayerLocations,
  type Level,
  type VerifiedGrant,
} from './lib';
import type { RolesClient, VisitorRoles } from './roles';

/** The operation a workflow's visibility is decided by. */
export const READ_OPERATION = 'workflows';

export interface PolicyAuthorizerOptions {
  readonly owner: string;
  readonly engine: PolicyEngine;
  readonly roles: RolesClient;
  readonly grants: GrantChecker;
  /** Undefined: nothing is recorded, and actions are refused (an action must leave a record). */
  readonly audit: AuditTrail | undefined;
  readonly ownersExempt: boolean;
  /** The ids of the workflows held now (for the visitor class of live updates). */
  readonly workflowIds: () => readonly string[];
  readonly log?: Logger;
  readonly clock?: () => number;
}

/** The grant that came with a request, as checked. */
export type GrantState =
  | { readonly kind: 'none' }
  | { readonly kind: 'valid'; readonly grant: VerifiedGrant }
  | { readonly kind: 'invalid'; readonly reason: string };

/** What `api/permissions` tells the page. */
export interface Permissions {
  readonly visitor: string;
  readonly level: Level;
  readonly elevationExpiresAt?: string;
  readonly operations: Record<string, boolean>;
  readonly roleErrors: readonly string[];
  /** Why the grant that came with the request was not accepted. */
  readonly grantError?: string;
}

/** The layers for one owner: the site file, `~/.isobar/authz.yaml`, and `.isobar/authz.yaml` nearest the run directory. */
export function ownerLocations(owner: string, home: string, cylcRun: string, siteFile: string): LayerLocations {
  return {
    site: siteFile,
    userFile: (who) => (who === owner ? join(home, '.isobar', 'authz.yaml') : undefined),
    workflowFiles: (who, workflow) => {
      const segments = workflow.split('/');
      if (who !== owner || segments.some((segment) => segment === '' || segment === '.' || segment === '..')) return [];
      const files: string[] = [];
      for (let depth = segments.length; depth > 0; depth--) files.push(join(cylcRun, ...segments.slice(0, depth), '.isobar', 'authz.yaml'));
      return files;
    },
  };
}

export class PolicyAuthorizer implements Authorizer {
  private readonly owner: string;
  private readonly clock: () => number;

  constructor(private readonly options: PolicyAuthorizerOptions) {
    this.owner = options.owner;
    this.clock = options.clock ?? Date.now;
  }

  async access(visitor: string, grant: string | undefined): Promise<RequestAccess> {
    const [roles, grantState] = await Promise.all([this.rolesOf(visitor), this.checkGrant(visitor, grant)]);
    return {
      visitor,
      mayRead: (workflowId) => this.readable(visitor, roles.roles, workflowId),
      mayAct: (workflowId, operation) => this.mayAct(visitor, roles.roles, grantState, workflowId, operation),
      recordAction: (outcome) => this.record(visitor, grantState, outcome),
    };
  }

  mayRead(visitor: string, workflowId: string): boolean {
    return this.readable(visitor, visitor === this.owner ? [] : this.options.roles.known(visitor).roles, workflowId);
  }

  /** Visitors who may read the same workflows share live executions; the owner reads everything. */
  visitorClass(visitor: string): string {
    if (visitor === this.owner) return 'owner';
    const readable = this.options
      .workflowIds()
      .filter((id) => this.mayRead(visitor, id))
      .sort();
    return `reads:${createHash('sha256').update(readable.join('\n')).digest('base64url')}`;
  }

  /** Fetches what deciding for the visitor needs (their roles) before a live connection starts. */
  async prepare(visitor: string): Promise<void> {
    await this.rolesOf(visitor);
  }

  /** Whether the page should offer any action at all (each action is checked again). */
  mayActAtAll(visitor: string): boolean {
    if (visitor === this.owner) return true;
    const level = this.options.engine.maxLevel(visitor, this.options.roles.known(visitor).roles, this.owner, '');
    return level !== undefined && level !== 'read';
  }

  /** `api/permissions`: the level the request's grant gives, and which operations the page may offer at it. */
  async permissions(visitor: string, grant: string | undefined, workflowId: string): Promise<Permissions> {
    const [roles, grantState] = await Promise.all([this.rolesOf(visitor), this.checkGrant(visitor, grant)]);
    const workflow = this.workflowName(workflowId);
    const operations: Record<string, boolean> = {};
    const visible = workflow === undefined || this.readable(visitor, roles.roles, workflowId);
    for (const operation of OPERATIONS) {
      operations[operation] = visible && this.verdict(visitor, roles.roles, grantState, workflow ?? '', operation).allowed;
    }
    const valid = grantState.kind === 'valid' ? grantState.grant : undefined;
    return {
      visitor,
      level: valid?.level ?? 'read',
      ...(valid?.sessionExpiresAt ? { elevationExpiresAt: valid.sessionExpiresAt.toISOString() } : {}),
      operations,
      roleErrors: roles.errors,
      ...(grantState.kind === 'invalid' ? { grantError: grantState.reason } : {}),
    };
  }

  private rolesOf(visitor: string): Promise<VisitorRoles> {
    // The owner may do everything on their own workflows: no roles needed.
    return visitor === this.owner ? Promise.resolve({ roles: [], errors: [] }) : this.options.roles.rolesOf(visitor);
  }

  private async checkGrant(visitor: string, grant: string | undefined): Promise<GrantState> {
    if (grant === undefined) return { kind: 'none' };
    try {
      const verified = await this.options.grants.verify(grant, this.owner);
      if (verified.person !== visitor) return { kind: 'invalid', reason: `the grant is for ${verified.person}, not ${visitor}` };
      return { kind: 'valid', grant: verified };
    } catch (err) {
      if (err instanceof GrantError) return { kind: 'invalid', reason: `grant refused: ${err.message}` };
      this.options.log?.warn('cannot check grants', { error: err instanceof Error ? err.message : String(err) });
      return { kind: 'invalid', reason: `grants cannot be checked now: ${err instanceof Error ? err.message : String(err)}` };
    }
  }

  /** `~owner/clouds/run1` → `clouds/run1`; undefined for '' (nothing about one workflow) and for another owner's id. */
  private workflowName(workflowId: string): string | undefined {
    if (workflowId === '') return undefined;
    const prefix = `~${this.owner}/`;
    if (workflowId.startsWith(prefix)) return workflowId.slice(prefix.length);
    return workflowId.startsWith('~') ? '\0' : workflowId;
  }

  private readable(visitor: string, roles: readonly string[], workflowId: string): boolean {
    if (visitor === this.owner) return true;
    const name = this.workflowName(workflowId);
    if (name === '\0') return false;
    return this.options.engine.decide(visitor, roles, this.owner, name ?? '', READ_OPERATION).allowed;
  }

  private mayAct(visitor: string, roles: readonly string[], grant: GrantState, workflowId: string, operation: string): ActionVerdict {
    const name = this.workflowName(workflowId);
    if (name === undefined || name === '\0') return { allowed: false, reason: 'not a workflow of this server' };
    if (this.options.audit === undefined) return { allowed: false, reason: 'the audit log cannot be written' };
    return this.verdict(visitor, roles, grant, name, operation);
  }

  private verdict(visitor: string, roles: readonly string[], grant: GrantState, workflow: string, operation: string): ActionVerdict {
    const decision = this.options.engine.decide(visitor, roles, this.owner, workflow, operation);
    if (!decision.allowed) return { allowed: false, reason: `not allowed by policy: ${decision.rule}` };
    const needed = decision.level ?? levelOf(operation);
    if (needed === undefined) return { allowed: false, reason: 'unknown operation' };
    if (needed === 'read') return { allowed: true };
    if (visitor === this.owner && this.options.ownersExempt) return { allowed: true };
    switch (grant.kind) {
      case 'none':
        return { allowed: false, reason: `no grant: raise your level to ${needed} first` };
      case 'invalid':
        return { allowed: false, reason: grant.reason };
      case 'valid':
        if (grant.grant.expiresAt.getTime() <= this.clock())
          return { allowed: false, reason: 'grant refused: expired: the grant has expired' };
        if (levelRank(grant.grant.level) < levelRank(needed)) {
          return { allowed: false, reason: `the grant is for ${grant.grant.level}; ${operation} needs ${needed}` };
        }
        return { allowed: true };
    }
  }

  private record(visitor: string, grant: GrantState, outcome: ActionOutcome): void {
    const audit = this.options.audit;
    if (audit === undefined) return;
    const valid = grant.kind === 'valid' ? grant.grant : undefined;
    const name = this.workflowName(outcome.workflowId);
    const exempt = valid === undefined && visitor === this.owner && this.options.ownersExempt && outcome.result !== 'denied';
    const level: Level = valid?.level ?? (exempt ? (levelOf(outcome.operation) ?? 'read') : 'read');
    try {
      audit.record({
        time: auditTime(new Date(this.clock())),
        person: visitor,
        operation: outcome.operation,
        target: {
          owner: this.owner,
          ...(name !== undefined && name !== '\0' ? { workflow: name } : {}),
          ...(outcome.task !== undefined ? { task: outcome.task } : {}),
          ...(outcome.cycle !== undefined ? { cycle: outcome.cycle } : {}),
        },
        level,
        ...(valid ? { session: valid.session, grant: valid.grantId } : {}),
        result: outcome.result,
        ...(outcome.detail !== undefined && outcome.detail !== '' ? { detail: outcome.detail } : {}),
      });
    } catch (err) {
      this.options.log?.error('cannot write the audit record', { error: err instanceof Error ? err.message : String(err) });
    }
  }
}
