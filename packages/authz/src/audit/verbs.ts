/**
 * How each operation reads in the audit trail, in the past tense. The table
 * covers every mutation and action of the level table; an operation missing
 * from it still renders, as "performed <operation> on".
 */

/** Elevation events: not operations on a workflow, recorded by hub-service (and seen by UI servers). */
export const ELEVATION_EVENTS = ['raise', 'drop', 'expire', 'revoke'] as const;
export type ElevationEvent = (typeof ELEVATION_EVENTS)[number];

export function isElevationEvent(operation: string): operation is ElevationEvent {
  return (ELEVATION_EVENTS as readonly string[]).includes(operation);
}

/**
 * Past tense of each operation, followed by the target. Operators' words,
 * as in the seed: killing a task's job stops the task, and triggering it
 * (again) starts it — "User jacintar stopped atmosphere_stage.clouds.climb.1234 task".
 */
export const AUDIT_VERBS: Readonly<Record<string, string>> = {
  play: 'started',
  pause: 'paused',
  resume: 'resumed',
  stop: 'stopped',
  hold: 'held',
  release: 'released',
  trigger: 'started',
  kill: 'stopped',
  poll: 'polled',
  remove: 'removed',
  set_outputs: 'set outputs of',
  set_hold_point: 'set a hold point on',
  release_hold_point: 'released the hold point of',
  ext_trigger: 'sent an external trigger to',
  message: 'sent a task message to',
  set_verbosity: 'set the log verbosity of',
  set_graph_window_extent: 'set the graph window extent of',
  broadcast: 'broadcast to',
  reload: 'reloaded',
  edit_trigger: 'edit-triggered',
  edit_file: 'edited a file of',
  clean: 'cleaned',
};

/** The verb phrase for an operation, falling back to a neutral one so nothing is unrenderable. */
export function verbOf(operation: string): string {
  // Own keys only: an operation named `constructor` must not find Object's.
  return Object.hasOwn(AUDIT_VERBS, operation) ? (AUDIT_VERBS[operation] ?? operation) : `performed ${operation} on`;
}
