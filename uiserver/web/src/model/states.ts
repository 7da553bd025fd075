/** Cylc 8 task states, in the order a task usually passes through them (used for totals). */
export const TASK_STATES = ['waiting', 'preparing', 'submitted', 'running', 'succeeded', 'failed', 'submit-failed', 'expired'] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const WORKFLOW_STATUSES = ['running', 'paused', 'stopping', 'stopped'] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

export function isTaskState(value: unknown): value is TaskState {
  return typeof value === 'string' && (TASK_STATES as readonly string[]).includes(value);
}

/**
 * A state the UI does not know (a newer Cylc, a typo on the server) is shown
 * as itself rather than hidden: an operator should see that something is odd.
 */
export function taskStateOf(value: string | null | undefined): TaskState | 'unknown' {
  return isTaskState(value) ? value : 'unknown';
}

export function workflowStatusOf(value: string | null | undefined): WorkflowStatus | 'unknown' {
  return typeof value === 'string' && (WORKFLOW_STATUSES as readonly string[]).includes(value) ? (value as WorkflowStatus) : 'unknown';
}

/** States that need an operator's eye first. */
export function isProblemState(state: string | null | undefined): boolean {
  return state === 'failed' || state === 'submit-failed' || state === 'expired';
}

export interface StateCount {
  readonly state: TaskState;
  readonly count: number;
}

/**
 * Non-zero totals in the fixed state order. Cylc's `stateTotals` lists every
 * state, mostly with 0; showing only the non-zero ones keeps a list row short.
 */
export function nonZeroTotals(totals: Readonly<Record<string, number>> | null | undefined): StateCount[] {
  if (!totals) return [];
  const out: StateCount[] = [];
  for (const state of TASK_STATES) {
    const count = totals[state];
    if (typeof count === 'number' && count > 0) out.push({ state, count });
  }
  return out;
}
