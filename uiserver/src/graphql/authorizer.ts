/**
 * Who may change what. Reads are open to everyone the server lets in;
 * mutations are checked per workflow and per operation, before anything is
 * forwarded to a scheduler.
 */
export interface Authorizer {
  /**
   * Whether `visitor` may run `operation` on the workflow `workflowId`.
   * `operation` is Cylc's permission name: the mutation's name in
   * snake_case ("hold", "set_outputs", "play"), as Cylc's own authorisation
   * configuration spells them.
   */
  mayAct(visitor: string, workflowId: string, operation: string): boolean;
}

/** Until authorisation lands: only the owner may change anything, on their own workflows. */
export function ownerOnlyAuthorizer(owner: string): Authorizer {
  const ownPrefix = `~${owner}/`;
  return {
    mayAct: (visitor, workflowId) => visitor === owner && workflowId.startsWith(ownPrefix),
  };
}
