/**
 * What a WorkflowMonitor knows of one run in `~/cylc-run`: a live
 * connection to its scheduler, or its history from the run database. The
 * monitor changes these fields; readers see them through the read-only
 * MonitoredWorkflow view, whose getters always give the current values.
 */
import type { WorkflowConnection } from './connection';
import { WorkflowStore } from './store';

export type WorkflowStatus = 'running' | 'paused' | 'stopping' | 'stopped';

export interface MonitoredWorkflow {
  /** `~owner/clouds/run1`. */
  readonly id: string;
  /** `clouds/run1` (the id without `~owner/`). */
  readonly name: string;
  readonly runDir: string;
  /** Connected to a running scheduler. */
  readonly live: boolean;
  /** The store's workflow status when live, else 'stopped'. */
  readonly status: WorkflowStatus;
  /** Live data, or history from `log/db` when stopped. */
  readonly store: WorkflowStore;
}

const LIVE_STATUSES: ReadonlySet<string> = new Set(['running', 'paused', 'stopping', 'stopped']);

/** Cylc 8's workflow statuses; anything else (or none yet) from a connected scheduler counts as running. */
export function liveStatus(status: string | undefined): WorkflowStatus {
  return status !== undefined && LIVE_STATUSES.has(status) ? (status as WorkflowStatus) : 'running';
}

export class MonitoredRun implements MonitoredWorkflow {
  /** The connection whose data is shown; set on its first reset change, cleared when it ends. */
  connection: WorkflowConnection | undefined;
  /** A connection attempt or history read in progress: a run's updates run one at a time. */
  updating: Promise<void> | undefined;
  /** History from the run database, shown while not live. */
  readonly history = new WorkflowStore();
  /** Size and time of the run database when `history` was read; undefined: not read (or the read failed). */
  historyVersion: string | undefined;
  /** Listeners have been told of this run (its first change event was sent). */
  announced = false;
  /** A scheduler (schedulerInstance) that published `shutdown`: its contact file is about to go, so do not reconnect to it. */
  shutDownScheduler: string | undefined;
  /** The last problem logged per kind, so a run that keeps failing the same way is logged once. */
  readonly lastProblem: Record<'connect' | 'history', string | undefined> = { connect: undefined, history: undefined };

  constructor(
    readonly id: string,
    readonly name: string,
    readonly runDir: string,
  ) {}

  get live(): boolean {
    return this.connection !== undefined;
  }

  get status(): WorkflowStatus {
    return this.connection === undefined ? 'stopped' : liveStatus(this.connection.store.workflow?.status);
  }

  get store(): WorkflowStore {
    return this.connection?.store ?? this.history;
  }
}
