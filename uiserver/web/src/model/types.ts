/**
 * The shapes the UI reads from the server, as Cylc names them. Every field
 * but `id` is optional and nullable: the server may send partial elements
 * (Cylc's own deltas are field diffs) and GraphQL answers null for a field
 * it has no value for.
 */

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type JsonObject = { readonly [key: string]: JsonValue };

export interface WorkflowNode {
  readonly id: string;
  readonly name?: string | null;
  readonly status?: string | null;
  readonly statusMsg?: string | null;
  readonly stateTotals?: Readonly<Record<string, number>> | null;
  readonly isHeldTotal?: number | null;
  readonly isQueuedTotal?: number | null;
  readonly isRunaheadTotal?: number | null;
  readonly newestActiveCyclePoint?: string | null;
  readonly oldestActiveCyclePoint?: string | null;
  readonly lastUpdated?: number | null;
  readonly cylcVersion?: string | null;
  readonly host?: string | null;
  readonly port?: number | null;
  readonly runMode?: string | null;
}

export interface TaskNode {
  readonly id: string;
  readonly name?: string | null;
  readonly cyclePoint?: string | null;
  readonly state?: string | null;
  readonly isHeld?: boolean | null;
  readonly isQueued?: boolean | null;
  readonly isRunahead?: boolean | null;
  readonly flowNums?: string | null;
  readonly firstParent?: { readonly id?: string | null; readonly name?: string | null } | null;
}

export interface JobNode {
  readonly id: string;
  readonly submitNum?: number | null;
  readonly state?: string | null;
  readonly submittedTime?: string | null;
  readonly startedTime?: string | null;
  readonly finishedTime?: string | null;
  readonly platform?: string | null;
  readonly jobRunnerName?: string | null;
  readonly jobId?: string | null;
}

/** `added` / `updated` of one deltas message. */
export interface DeltaSet {
  readonly workflow?: WorkflowNode | null;
  readonly taskProxies?: readonly TaskNode[] | null;
  readonly jobs?: readonly JobNode[] | null;
}

export interface PrunedSet {
  /** The workflow itself is gone (removed from ~/cylc-run). */
  readonly workflow?: string | null;
  readonly taskProxies?: readonly (string | null)[] | null;
  readonly jobs?: readonly (string | null)[] | null;
}

/** One `deltas` subscription payload: Cylc's Deltas plus `reset`. */
export interface DeltasMessage {
  readonly id: string;
  readonly reset?: boolean | null;
  readonly shutdown?: boolean | null;
  readonly added?: DeltaSet | null;
  readonly updated?: DeltaSet | null;
  readonly pruned?: PrunedSet | null;
}
