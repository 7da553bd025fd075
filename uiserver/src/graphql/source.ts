/**
 * What the GraphQL side reads from: the workflows held in memory (their
 * stores, kept by the workflow monitor) and a way to forward commands to a
 * scheduler. Declared here rather than imported so this side can be built
 * and tested on its own; cylc-client's WorkflowMonitor satisfies it as is.
 */
import type { ElementType, JsonObject, WorkflowStore } from '@isobar/cylc-client';

/** 'running' | 'paused' | 'stopping' | 'stopped' today; a string so a new scheduler status passes through. */
export type WorkflowStatus = string;

export interface SourceWorkflow {
  /** "~owner/clouds/run1" */
  readonly id: string;
  /** "clouds/run1" (the id without "~owner/") */
  readonly name: string;
  /** Connected to a running scheduler. */
  readonly live: boolean;
  readonly status: WorkflowStatus;
  /** Live data, or history from the run database when stopped. */
  readonly store: WorkflowStore;
}

export interface WorkflowChange {
  readonly workflowId: string;
  /** The whole store was replaced (first load, resync of everything, restart, stop): send everything again. */
  readonly reset: boolean;
  readonly workflowUpdated: boolean;
  /** ids added or updated, per element type, since the last change event. */
  readonly updated: Partial<Record<ElementType, readonly string[]>>;
  readonly pruned: Partial<Record<ElementType, readonly string[]>>;
  /** The workflow appeared (first seen) or disappeared from ~/cylc-run. */
  readonly removed?: boolean;
}

export type WorkflowChangeListener = (change: WorkflowChange) => void;

export interface WorkflowSource {
  list(): readonly SourceWorkflow[];
  get(id: string): SourceWorkflow | undefined;
  on(event: 'change', listener: WorkflowChangeListener): unknown;
  off(event: 'change', listener: WorkflowChangeListener): unknown;
  /**
   * Sends a GraphQL document to the workflow's scheduler with
   * `meta.auth_user = authUser`; resolves to the result's `data`, rejects
   * when the scheduler is not running or answers with errors.
   */
  graphql(id: string, query: string, variables: JsonObject, authUser: string): Promise<Record<string, unknown>>;
  /** Looks at ~/cylc-run again now (after `play`, so the started scheduler shows up without waiting for the next scan). */
  rescan?(): Promise<void>;
}

/**
 * Starts stopped workflows: `cylc play <name>` as the owner (src/control's
 * WorkflowControl). Resolves once Cylc has started it; rejects with an
 * error whose message says why not, shown to the person who asked.
 */
export interface WorkflowControl {
  play(name: string): Promise<unknown>;
}
