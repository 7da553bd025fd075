/**
 * Cylc 8 IDs: workflow `~owner/name[/run]`, task `<workflow>//cycle/task`,
 * job `<task>/NN`. The `//` separates the workflow from what is inside it.
 */

export interface TaskIdParts {
  readonly workflowId: string;
  readonly cycle: string;
  readonly task: string;
}

export function parseTaskId(id: string): TaskIdParts | undefined {
  const at = id.indexOf('//');
  if (at < 0) return undefined;
  const inside = id.slice(at + 2).split('/');
  const cycle = inside[0];
  const task = inside[1];
  if (!cycle || !task) return undefined;
  return { workflowId: id.slice(0, at), cycle, task };
}

/** The workflow an element ID belongs to (the part before `//`). */
export function workflowIdOf(id: string): string {
  const at = id.indexOf('//');
  return at < 0 ? id : id.slice(0, at);
}

/** `cycle/task`: what Cylc's task mutations take in `tasks`. */
export function relativeTaskId(taskId: string): string | undefined {
  const parts = parseTaskId(taskId);
  return parts ? `${parts.cycle}/${parts.task}` : undefined;
}

/** The task a job belongs to: the job ID without its submit number. */
export function taskIdOfJob(jobId: string): string | undefined {
  const parts = jobId.split('//');
  if (parts.length !== 2) return undefined;
  const inside = (parts[1] ?? '').split('/');
  if (inside.length !== 3) return undefined;
  return `${parts[0]}//${inside[0]}/${inside[1]}`;
}

/** The submit number in a job ID (`…/03` → 3). */
export function submitNumOfJob(jobId: string): number | undefined {
  const last = jobId.slice(jobId.lastIndexOf('/') + 1);
  return /^\d+$/.test(last) ? Number(last) : undefined;
}

/** `~alice/clouds/run1` → `clouds/run1` (the owner is the same for all of one server). */
export function workflowName(id: string): string {
  return id.startsWith('~') && id.includes('/') ? id.slice(id.indexOf('/') + 1) : id;
}

/**
 * A hand-written kiosk URL may name a workflow without its owner
 * (`#/workflow/clouds%2Frun1`); on this server every workflow is the owner's.
 */
export function normaliseWorkflowId(id: string, owner: string): string {
  const trimmed = id.trim();
  return trimmed.startsWith('~') ? trimmed : `~${owner}/${trimmed}`;
}
