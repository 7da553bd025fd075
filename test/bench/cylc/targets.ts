/**
 * What the Cylc benchmarks aim at: the bed's owner of `clouds` and `winds`,
 * its workflow IDs, and the read query the figures are quoted for.
 */
export const OWNER = 'atmosphere_stage';
export const CLOUDS = 'clouds';
export const WINDS = 'winds';
export const CLOUDS_ID = `~${OWNER}/${CLOUDS}/run1`;
export const WINDS_ID = `~${OWNER}/${WINDS}/run1`;

/** The same document as the peer's quoted figures, so the rows compare. */
export const READ_QUERY = '{ workflows { id status } taskProxies { id state } }';

/** The owner's server prefix: cookie path and every request path start with it. */
export const PREFIX = `/user/${OWNER}/`;
export const GRAPHQL_PATH = `${PREFIX}graphql`;

/** A mutation the scheduler accepts and that changes nothing (INFO is the level schedulers start with). */
export const HARMLESS_MUTATION = `mutation { setVerbosity(workflows: ["${CLOUDS_ID}"], level: INFO) { result } }`;

/**
 * The subscription every websocket viewer sends: one workflow, the fields
 * a task view needs, so a message per burst is what a browser would get.
 */
export const DELTAS_SUBSCRIPTION = `subscription { deltas(workflows: ["${CLOUDS_ID}"]) {
  id reset shutdown
  added { workflow { id status } taskProxies { id state isHeld } jobs { id state } }
  updated { workflow { id status } taskProxies { id state isHeld } jobs { id state } }
  pruned { workflow taskProxies jobs }
} }`;
