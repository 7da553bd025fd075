/**
 * Authorisation, wired from the launch document. Without any authorisation
 * key the server behaves as before: the owner acts, everyone let in reads.
 * With one, the policy decides (see PolicyAuthorizer), grants come from
 * hub-service, and actions are audited.
 */
import type { HubFetch } from '@isobar/hub-client';
import type { RequestHandler } from 'express';
import type { UiServerConfig } from '../config';
import { ownerOnlyAuthorizer, type Authorizer } from '../graphql/authorizer';
import type { Logger } from '../log';
import { visitorGetRoute } from '../get-routes';
import { sendJsonError } from '../respond';
import { OPERATION_LEVELS } from '@isobar/authz/dist/src/levels';
import { ownerOnlyAccess } from './access-answer';
import { accessRoute } from './access-route';
import type { AuditTrail } from './audit-trail';
import type { PolicyAuthorizer, Permissions } from './policy-authorizer';
import type * as PolicySetup from './policy-setup';

export const PERMISSIONS_PATH = 'api/permissions';

export interface AuthorizationDeps {
  readonly config: UiServerConfig;
  readonly log: Logger;
  readonly fetch: HubFetch;
  /** The ids of the workflows held now. */
  readonly workflowIds: () => readonly string[];
  /** The owner's home (default: this process's). */
  readonly home?: string;
  readonly auditFsync?: 'always' | 'never';
}

export interface Authorization {
  readonly authorizer: Authorizer;
  /** Set when a policy applies. */
  readonly policy: PolicyAuthorizer | undefined;
  readonly audit: AuditTrail | undefined;
  /** Whether the page should offer actions to the visitor at all. */
  mayActAtAll(visitor: string): boolean;
  /** Before a live connection starts: what deciding for the visitor needs. */
  prepare(visitor: string): Promise<void>;
  /** `GET api/permissions?workflow=<id>`. */
  permissionsHandler(): RequestHandler;
  /** `GET api/access?workflow=<id>`: who can do what, for the owner only. */
  accessHandler(): RequestHandler;
  stop(): Promise<void>;
}

export function createAuthorization(deps: AuthorizationDeps): Authorization {
  if (deps.config.authz === undefined) return ownerOnly(deps.config.owner, deps.workflowIds);
  // Loaded only when a policy applies: the engine (Casbin, jose, yaml) costs a server without one start-up time and memory.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose, see above
  const setup = require('./policy-setup') as typeof PolicySetup;
  return setup.createPolicyAuthorization(deps, deps.config.authz, (check) => permissionsRoute(check));
}

function ownerOnly(owner: string, workflowIds: () => readonly string[]): Authorization {
  const ownPrefix = `~${owner}/`;
  const permissions = (visitor: string, _grant: string | undefined, workflow: string): Promise<Permissions> => {
    const own = visitor === owner && (workflow === '' || workflow.startsWith(ownPrefix) || !workflow.startsWith('~'));
    const operations: Record<string, boolean> = {};
    for (const [operation, level] of Object.entries(OPERATION_LEVELS)) operations[operation] = level === 'read' || own;
    return Promise.resolve({ visitor, level: visitor === owner ? 'write' : 'read', operations, roleErrors: [] });
  };
  return {
    authorizer: ownerOnlyAuthorizer(owner),
    policy: undefined,
    audit: undefined,
    mayActAtAll: (visitor) => visitor === owner,
    prepare: () => Promise.resolve(),
    permissionsHandler: () => permissionsRoute(permissions),
    accessHandler: () => accessRoute({ owner, workflowIds, answer: (workflow) => ownerOnlyAccess(owner, `~${owner}/${workflow}`) }),
    stop: () => Promise.resolve(),
  };
}

export type PermissionsOf = (visitor: string, grant: string | undefined, workflow: string) => Promise<Permissions>;

export function permissionsRoute(permissionsOf: PermissionsOf): RequestHandler {
  return visitorGetRoute(PERMISSIONS_PATH, (req, res, visitor, next) => {
    const workflow = req.query['workflow'];
    if (workflow !== undefined && typeof workflow !== 'string') {
      sendJsonError(res, 400, 'BAD_WORKFLOW', 'workflow must be one workflow id.');
      return;
    }
    const header = req.headers['x-isobar-grant'];
    const grant = typeof header === 'string' && header.trim() !== '' ? header.trim() : undefined;
    permissionsOf(visitor, grant, workflow ?? '').then(
      (answer) => {
        res.setHeader('Cache-Control', 'no-store');
        res.json(answer);
      },
      (err: unknown) => next(err),
    );
  });
}
