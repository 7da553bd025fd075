/** The policy side of authorisation, loaded only when the launch document asks for it (see index.ts). */
import type { RequestHandler } from 'express';
import { homedir } from 'node:os';
import type { AuthzConfig } from '../config';
import type { Authorization, AuthorizationDeps, PermissionsOf } from './index';
import { policyAccess } from './access-policy';
import { accessRoute } from './access-route';
import { AuditTrail } from './audit-trail';
import { GrantChecker } from './grant-keys';
import { PolicyEngine, siteAuthzPath } from './lib';
import { ownerLocations, PolicyAuthorizer } from './policy-authorizer';
import { RolesClient } from './roles';

export function createPolicyAuthorization(
  deps: AuthorizationDeps,
  settings: AuthzConfig,
  route: (permissionsOf: PermissionsOf) => RequestHandler,
): Authorization {
  const { config, log } = deps;
  const home = deps.home ?? homedir();
  const siteFile = settings.siteFile ?? siteAuthzPath();
  const uid = process.getuid?.();
  const locations = ownerLocations(config.owner, home, config.cylcRun, siteFile);
  const engine = new PolicyEngine({
    locations,
    // The owner's and their workflows' files must be the owner's: this process runs as the owner.
    ownerUid: (owner) => (owner === config.owner ? uid : undefined),
  });
  let audit: AuditTrail | undefined;
  try {
    audit = AuditTrail.open({
      owner: config.owner,
      home,
      url: settings.auditUrl,
      token: config.apiToken,
      fetch: deps.fetch,
      log,
      fsync: deps.auditFsync,
    });
    audit.start();
  } catch (err) {
    log.error('cannot open the audit log: every action is refused', { error: err instanceof Error ? err.message : String(err) });
  }
  const policy = new PolicyAuthorizer({
    owner: config.owner,
    engine,
    roles: new RolesClient({ url: settings.rolesUrl, token: config.apiToken, fetch: deps.fetch }),
    grants: new GrantChecker({ url: settings.grantKeyUrl, fetch: deps.fetch }),
    audit,
    ownersExempt: settings.ownersExempt,
    workflowIds: deps.workflowIds,
    log,
  });
  log.info('authorisation by policy', { siteFile, ownersExempt: settings.ownersExempt, audit: audit?.file });
  return {
    authorizer: policy,
    policy,
    audit,
    mayActAtAll: (visitor) => policy.mayActAtAll(visitor),
    prepare: (visitor) => policy.prepare(visitor),
    permissionsHandler: () => route((visitor, grant, workflow) => policy.permissions(visitor, grant, workflow)),
    accessHandler: () =>
      accessRoute({
        owner: config.owner,
        workflowIds: deps.workflowIds,
        answer: (workflow) => policyAccess(engine, locations, config.owner, workflow),
      }),
    stop: async () => {
      await audit?.stop();
    },
  };
}
