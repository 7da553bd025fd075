/**
 * Who may see and change what. Each GraphQL request gets a `RequestAccess`
 * first (the visitor's roles looked up, the grant that came with it
 * checked), then every workflow it reads is filtered and every mutation
 * field is checked per workflow and per operation, before anything is
 * forwarded to a scheduler. Actions and refusals are reported back through
 * `recordAction`, for the audit trail.
 */

export type ActionVerdict = { readonly allowed: true } | { readonly allowed: false; readonly reason?: string };

export type ActionResult = 'ok' | 'denied' | 'failed';

/** One action (or refused attempt) on one workflow, as it is reported for the audit trail. */
export interface ActionOutcome {
  readonly workflowId: string;
  /** Cylc's permission name ("hold", "set_outputs", "play"). */
  readonly operation: string;
  readonly result: ActionResult;
  readonly detail?: string;
  /** The task and cycle acted on, when the action named exactly one. */
  readonly task?: string;
  readonly cycle?: string;
}

/** What one request may do. */
export interface RequestAccess {
  readonly visitor: string;
  /** Whether the workflow is visible to this visitor at all (an unreadable one does not exist for them). */
  mayRead(workflowId: string): boolean;
  /**
   * Whether the visitor may run `operation` on the workflow `workflowId`
   * now. `operation` is Cylc's permission name: the mutation's name in
   * snake_case ("hold", "set_outputs", "play").
   */
  mayAct(workflowId: string, operation: string): ActionVerdict;
  /** Every action performed or refused is reported here. */
  recordAction(outcome: ActionOutcome): void;
}

export interface Authorizer {
  /**
   * What `visitor` may do in one request that came with `grant` (undefined:
   * none). Asked for every request, so a grant is checked at the time of
   * each action, never once per connection.
   */
  access(visitor: string, grant: string | undefined): Promise<RequestAccess>;
  /** Whether `visitor` may read the workflow, from what is known now (live updates decide synchronously). */
  mayRead(visitor: string, workflowId: string): boolean;
  /**
   * Visitors of one class see exactly the same workflows, so live updates
   * may share executions between them.
   */
  visitorClass(visitor: string): string;
}

/** Without an authorisation configuration: only the owner may change anything, on their own workflows; everyone reads. */
export function ownerOnlyAuthorizer(owner: string): Authorizer {
  const ownPrefix = `~${owner}/`;
  const access = (visitor: string): RequestAccess => ({
    visitor,
    mayRead: () => true,
    mayAct: (workflowId) => ({ allowed: visitor === owner && workflowId.startsWith(ownPrefix) }),
    recordAction: () => undefined,
  });
  return {
    access: (visitor) => Promise.resolve(access(visitor)),
    mayRead: () => true,
    visitorClass: (visitor) => (visitor === owner ? 'owner' : 'visitor'),
  };
}

/** The same access with every action refused for `reason` (each refusal is still recorded through `recordAction`). */
export function refusingActions(access: RequestAccess, reason: string): RequestAccess {
  return { ...access, mayAct: () => ({ allowed: false, reason }) };
}
