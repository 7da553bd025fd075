import { taskIdOfJob, workflowIdOf } from './ids';
import type { DeltaSet, DeltasMessage, JobNode, TaskNode, WorkflowNode } from './types';

/** What the UI holds for one workflow. */
export interface WorkflowData {
  readonly id: string;
  workflow: WorkflowNode | undefined;
  readonly tasks: Map<string, TaskNode>;
  readonly jobs: Map<string, JobNode>;
  /** task ID → job IDs, so a task's jobs are found without scanning every job. */
  readonly jobsByTask: Map<string, Set<string>>;
  /** The scheduler said it is shutting down; the server follows with a reset (history). */
  shutdown: boolean;
  /** Has a reset arrived since the last `beginResync`? */
  confirmed: boolean;
  /** Changes on every change (unique across the store, also across resets), so views can tell cheaply. */
  version: number;
}

export interface AppliedChange {
  readonly workflowId: string;
  readonly reset: boolean;
  readonly removed: boolean;
}

/**
 * Applies `deltas` messages, one subscription's worth. Pure data: no Vue, no
 * DOM, so it is unit-tested and the view layer decides how to react.
 *
 * Order inside one message: `reset` (forget the workflow), then `pruned`, then
 * `added` and `updated`. The server coalesces a burst of changes and resolves
 * `added`/`updated` against its current store, so an element listed there
 * exists now; an ID that was pruned and then re-added within the burst must
 * survive, which applying `pruned` last would break.
 */
export class DeltaStore {
  readonly workflows = new Map<string, WorkflowData>();
  private sequence = 0;

  apply(message: DeltasMessage): AppliedChange | undefined {
    const workflowId = message.id || message.added?.workflow?.id || message.updated?.workflow?.id;
    if (!workflowId) return undefined;
    if (message.pruned?.workflow === workflowId && !message.reset) {
      this.workflows.delete(workflowId);
      return { workflowId, reset: false, removed: true };
    }
    let data = this.workflows.get(workflowId);
    if (!data || message.reset) {
      data = emptyWorkflow(workflowId);
      this.workflows.set(workflowId, data);
    }
    if (message.reset) data.confirmed = true;
    if (message.shutdown) data.shutdown = true;
    if (message.pruned) {
      for (const id of message.pruned.taskProxies ?? []) if (id) removeTask(data, id);
      for (const id of message.pruned.jobs ?? []) if (id) removeJob(data, id);
    }
    if (message.added) merge(data, message.added);
    if (message.updated) merge(data, message.updated);
    this.sequence += 1;
    data.version = this.sequence;
    return { workflowId, reset: Boolean(message.reset), removed: false };
  }

  /**
   * After a reconnect the server sends a reset for every workflow it still
   * has; one that vanished meanwhile gets no message at all. Mark everything
   * unconfirmed now and `sweepUnconfirmed` a little later.
   */
  beginResync(): void {
    for (const data of this.workflows.values()) data.confirmed = false;
  }

  /** Drops workflows no reset confirmed since `beginResync`; returns their IDs. */
  sweepUnconfirmed(): string[] {
    const gone: string[] = [];
    for (const [id, data] of this.workflows) {
      if (!data.confirmed) {
        this.workflows.delete(id);
        gone.push(id);
      }
    }
    return gone;
  }

  clear(): void {
    this.workflows.clear();
  }

  /** A task's jobs, newest submit first. */
  jobsOf(taskId: string): JobNode[] {
    const data = this.workflows.get(workflowIdOf(taskId));
    const ids = data?.jobsByTask.get(taskId);
    if (!data || !ids) return [];
    const jobs: JobNode[] = [];
    for (const id of ids) {
      const job = data.jobs.get(id);
      if (job) jobs.push(job);
    }
    return jobs.sort((a, b) => (b.submitNum ?? 0) - (a.submitNum ?? 0));
  }

  task(taskId: string): TaskNode | undefined {
    return this.workflows.get(workflowIdOf(taskId))?.tasks.get(taskId);
  }
}

function emptyWorkflow(id: string): WorkflowData {
  return {
    id,
    workflow: undefined,
    tasks: new Map(),
    jobs: new Map(),
    jobsByTask: new Map(),
    shutdown: false,
    confirmed: true,
    version: 0,
  };
}

// Elements are replaced, not mutated, so a view holding the old object can
// tell by identity that it changed. Fields missing from the new element keep
// their old value: Cylc-style field diffs and whole elements both work.
function merge(data: WorkflowData, set: DeltaSet): void {
  if (set.workflow) data.workflow = { ...data.workflow, ...stripNulls(set.workflow), id: set.workflow.id };
  for (const task of set.taskProxies ?? []) {
    if (!task?.id) continue;
    data.tasks.set(task.id, { ...data.tasks.get(task.id), ...stripNulls(task), id: task.id });
  }
  for (const job of set.jobs ?? []) {
    if (!job?.id) continue;
    data.jobs.set(job.id, { ...data.jobs.get(job.id), ...stripNulls(job), id: job.id });
    const taskId = taskIdOfJob(job.id);
    if (!taskId) continue;
    let ids = data.jobsByTask.get(taskId);
    if (!ids) {
      ids = new Set();
      data.jobsByTask.set(taskId, ids);
    }
    ids.add(job.id);
  }
}

function removeTask(data: WorkflowData, taskId: string): void {
  data.tasks.delete(taskId);
  // A task leaving the window takes its jobs along, so nothing leaks over a
  // long-running page even if the server does not prune the jobs itself.
  for (const jobId of data.jobsByTask.get(taskId) ?? []) data.jobs.delete(jobId);
  data.jobsByTask.delete(taskId);
}

function removeJob(data: WorkflowData, jobId: string): void {
  data.jobs.delete(jobId);
  const taskId = taskIdOfJob(jobId);
  const ids = taskId ? data.jobsByTask.get(taskId) : undefined;
  if (!taskId || !ids) return;
  ids.delete(jobId);
  if (ids.size === 0) data.jobsByTask.delete(taskId);
}

/**
 * GraphQL answers null for a field the server has no value for; in a field
 * diff that must not wipe a value already known.
 */
function stripNulls<T extends object>(element: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(element) as (keyof T)[]) {
    const value = element[key];
    if (value !== null && value !== undefined) out[key] = value;
  }
  return out;
}
