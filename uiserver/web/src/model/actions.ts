import { MUTATIONS, type MutationName } from './documents';
import { relativeTaskId, workflowName } from './ids';
import { taskNameOf, cyclePointOf } from './tree';
import type { JsonObject, JsonValue, TaskNode, WorkflowNode } from './types';

/**
 * What an operator can ask for, described before it is sent and checked
 * after: each request carries the sentence the confirm dialog shows and
 * the change in the live data that proves it worked.
 */

export type TaskActionName = 'hold' | 'release' | 'trigger' | 'kill' | 'poll' | 'setOutputs' | 'remove';
export type WorkflowActionName = 'hold' | 'release' | 'pause' | 'resume' | 'stop' | 'reload' | 'play' | 'broadcast';

export const TASK_ACTIONS: readonly TaskActionName[] = ['hold', 'release', 'trigger', 'kill', 'poll', 'setOutputs', 'remove'];

export type ActionTarget =
  | { readonly kind: 'workflow'; readonly workflowId: string }
  | { readonly kind: 'task'; readonly workflowId: string; readonly taskId: string };

/** What a task looked like when the action was sent, to notice it changing. */
export interface TaskSnapshot {
  readonly present: boolean;
  readonly state: string;
  readonly isHeld: boolean;
  readonly isQueued: boolean;
  readonly jobCount: number;
  readonly taskCount: number;
}

export type Expectation =
  | { readonly kind: 'task-held'; readonly held: boolean }
  | { readonly kind: 'task-changed'; readonly baseline: TaskSnapshot }
  | { readonly kind: 'task-gone' }
  | { readonly kind: 'workflow-status'; readonly statuses: readonly string[] }
  | { readonly kind: 'all-held'; readonly held: boolean }
  /** The scheduler's answer is the whole effect (broadcast). */
  | { readonly kind: 'response' }
  /** Nothing visible is bound to change (poll, reload). */
  | { readonly kind: 'none' };

export interface ActionRequest {
  readonly mutation: MutationName;
  /** Button-sized name: "Hold", "Set outputs". */
  readonly verb: string;
  /** Exactly what will happen, for the confirm dialog. */
  readonly summary: string;
  /** The arguments as sent, one line each. */
  readonly details: readonly string[];
  readonly query: string;
  readonly variables: JsonObject;
  readonly target: ActionTarget;
  readonly expect: Expectation;
}

/** What the live data says now about an action's target. */
export interface Observation {
  /** Is the target's workflow in the live data at all? Without it nothing can be judged. */
  readonly known: boolean;
  readonly workflow: WorkflowNode | undefined;
  readonly task: TaskNode | undefined;
  readonly tasks: readonly TaskNode[];
  readonly jobCount: number;
}

export const ACTION_VERBS: Record<MutationName, string> = {
  hold: 'Hold',
  release: 'Release',
  trigger: 'Trigger',
  kill: 'Kill',
  poll: 'Poll',
  setOutputs: 'Set outputs',
  remove: 'Remove',
  pause: 'Pause',
  resume: 'Resume',
  stop: 'Stop',
  reload: 'Reload',
  play: 'Play',
  broadcast: 'Broadcast',
};

export function snapshot(observation: Observation): TaskSnapshot {
  const task = observation.task;
  return {
    present: Boolean(task),
    state: task?.state ?? '',
    isHeld: Boolean(task?.isHeld),
    isQueued: Boolean(task?.isQueued),
    jobCount: observation.jobCount,
    taskCount: observation.tasks.length,
  };
}

export function taskAction(
  name: TaskActionName,
  taskId: string,
  workflowId: string,
  observation: Observation,
  outputs: readonly string[] = [],
): ActionRequest {
  const relative = relativeTaskId(taskId) ?? taskId;
  const task = observation.task;
  const label = task ? `${cyclePointOf(task)}/${taskNameOf(task)}` : relative;
  const where = `task ${label} of workflow ${workflowName(workflowId)}`;
  const base = { workflows: [workflowId], tasks: [relative] };
  const details = [`workflow: ${workflowId}`, `task: ${relative}`];
  const held = Boolean(task?.isHeld);
  const common = {
    mutation: name,
    verb: ACTION_VERBS[name],
    query: MUTATIONS[name],
    target: { kind: 'task' as const, workflowId, taskId },
  };
  switch (name) {
    case 'hold':
      return {
        ...common,
        summary: `Hold ${where}: it will not submit a job until it is released. A job already submitted or running carries on.${held ? ' It is already held, so nothing will change.' : ''}`,
        details,
        variables: base,
        expect: { kind: 'task-held', held: true },
      };
    case 'release':
      return {
        ...common,
        summary: `Release ${where}: it will submit its job as soon as it is ready.${held ? '' : ' It is not held, so nothing will change.'}`,
        details,
        variables: base,
        expect: { kind: 'task-held', held: false },
      };
    case 'trigger':
      return {
        ...common,
        summary: `Trigger ${where}: submit a job now, whether or not its prerequisites are met. A waiting task limited by a queue is queued first (trigger it again to submit at once).`,
        details,
        variables: base,
        expect: { kind: 'task-changed', baseline: snapshot(observation) },
      };
    case 'kill':
      return {
        ...common,
        summary: `Kill the submitted or running job of ${where}. The task becomes failed (or submit-failed) and is held, so it does not retry on its own.`,
        details,
        variables: base,
        expect: { kind: 'task-changed', baseline: snapshot(observation) },
      };
    case 'poll':
      return {
        ...common,
        summary: `Poll the job of ${where}: ask the job platform for the job's real status and update the task if it differs. Nothing else changes.`,
        details,
        variables: base,
        expect: { kind: 'none' },
      };
    case 'setOutputs': {
      const list = outputs.length > 0 ? [...outputs] : ['succeeded'];
      return {
        ...common,
        summary: `Set outputs ${list.join(', ')} of ${where} as completed: tasks that depend on ${list.length > 1 ? 'them' : 'it'} are spawned as if the task had produced ${list.length > 1 ? 'them' : 'it'}. The task itself does not run.`,
        details: [...details, `outputs: ${list.join(', ')}`],
        variables: { ...base, outputs: list },
        expect: { kind: 'task-changed', baseline: snapshot(observation) },
      };
    }
    case 'remove':
      return {
        ...common,
        summary: `Remove ${where} from the scheduler's active tasks. It will not run (or re-run) unless something spawns it again. A job already running is not killed.`,
        details,
        variables: base,
        expect: { kind: 'task-gone' },
      };
  }
}

export interface BroadcastInput {
  readonly namespaces: readonly string[];
  readonly cyclePoints: readonly string[];
  readonly settings: readonly JsonObject[];
  /** The lines as typed, to show them back unchanged. */
  readonly lines: readonly string[];
}

export function workflowAction(name: WorkflowActionName, workflowId: string, broadcast?: BroadcastInput): ActionRequest {
  const label = `workflow ${workflowName(workflowId)}`;
  const common = { mutation: name, verb: ACTION_VERBS[name], query: MUTATIONS[name], target: { kind: 'workflow' as const, workflowId } };
  const details = [`workflow: ${workflowId}`];
  const workflows = [workflowId];
  switch (name) {
    case 'hold':
      return {
        ...common,
        summary: `Hold every active task of ${label} (tasks: *): none of them will submit a job until released. Jobs already submitted or running carry on; tasks spawned later are not held.`,
        details: [...details, 'tasks: *'],
        variables: { workflows, tasks: ['*'] },
        expect: { kind: 'all-held', held: true },
      };
    case 'release':
      return {
        ...common,
        summary: `Release every held task of ${label} (tasks: *): they submit their jobs as soon as they are ready.`,
        details: [...details, 'tasks: *'],
        variables: { workflows, tasks: ['*'] },
        expect: { kind: 'all-held', held: false },
      };
    case 'pause':
      return {
        ...common,
        summary: `Pause ${label}: the scheduler submits no new jobs until resumed. Jobs already submitted or running carry on.`,
        details,
        variables: { workflows },
        expect: { kind: 'workflow-status', statuses: ['paused'] },
      };
    case 'resume':
      return {
        ...common,
        summary: `Resume ${label}: the scheduler starts submitting jobs again.`,
        details,
        variables: { workflows },
        expect: { kind: 'workflow-status', statuses: ['running'] },
      };
    case 'stop':
      return {
        ...common,
        summary: `Stop ${label} (mode Clean): no new jobs are submitted, the scheduler waits for submitted and running jobs to finish, then shuts down. It can be started again with Play.`,
        details: [...details, 'mode: Clean'],
        variables: { workflows, mode: 'Clean' },
        expect: { kind: 'workflow-status', statuses: ['stopping', 'stopped'] },
      };
    case 'reload':
      return {
        ...common,
        summary: `Reload ${label}: the scheduler re-reads flow.cylc. Tasks already running keep their old definition; if the new one does not parse, the workflow carries on unchanged and says so in its log.`,
        details,
        variables: { workflows },
        expect: { kind: 'none' },
      };
    case 'play':
      return {
        ...common,
        summary: `Play ${label}: start its scheduler again (cylc play, as the owner). It carries on from where it stopped.`,
        details,
        variables: { workflows },
        expect: { kind: 'workflow-status', statuses: ['running', 'paused'] },
      };
    case 'broadcast': {
      const input = broadcast ?? { namespaces: ['root'], cyclePoints: ['*'], settings: [], lines: [] };
      const namespaces = input.namespaces.length > 0 ? [...input.namespaces] : ['root'];
      const cyclePoints = input.cyclePoints.length > 0 ? [...input.cyclePoints] : ['*'];
      const points = cyclePoints.includes('*')
        ? 'every cycle point'
        : `cycle point${cyclePoints.length > 1 ? 's' : ''} ${cyclePoints.join(', ')}`;
      return {
        ...common,
        summary: `Broadcast to ${namespaces.join(', ')} at ${points} of ${label}: ${input.lines.join('; ')}. Jobs submitted from now on get these settings instead of flow.cylc's, until the broadcast is cleared${cyclePoints.includes('*') ? '' : ' or its cycle points are done'}.`,
        details: [
          ...details,
          'mode: Set',
          `namespaces: ${namespaces.join(', ')}`,
          `cycle points: ${cyclePoints.join(', ')}`,
          ...input.lines.map((line) => `setting: ${line}`),
        ],
        variables: { workflows, cyclePoints, namespaces, settings: [...input.settings] },
        expect: { kind: 'response' },
      };
    }
  }
}

/** Which workflow actions make sense for a status (the buttons shown). */
export function workflowActionsFor(status: string | null | undefined): WorkflowActionName[] {
  switch (status) {
    case 'running':
      return ['hold', 'release', 'pause', 'stop', 'reload', 'broadcast'];
    case 'paused':
      return ['hold', 'release', 'resume', 'stop', 'reload', 'broadcast'];
    case 'stopped':
      return ['play'];
    default:
      // stopping: the scheduler is on its way out; unknown: wait for data.
      return [];
  }
}

/**
 * The live data shows the action took effect: returns the words for it,
 * or undefined while not (yet).
 */
export function effectSeen(request: ActionRequest, observation: Observation): string | undefined {
  if (!observation.known) return undefined;
  const expect = request.expect;
  const task = observation.task;
  const taskLabel = request.target.kind === 'task' ? (relativeTaskId(request.target.taskId) ?? request.target.taskId) : '';
  switch (expect.kind) {
    case 'task-held':
      if (task && Boolean(task.isHeld) === expect.held) return `${taskLabel} is ${expect.held ? 'held' : 'released'}`;
      return undefined;
    case 'task-gone':
      return task ? undefined : `${taskLabel} is removed`;
    case 'task-changed': {
      const now = snapshot(observation);
      const before = expect.baseline;
      if (!now.present) return before.present ? `${taskLabel} left the active tasks` : undefined;
      if (now.state !== before.state) return `${taskLabel} is ${now.state}${now.isHeld ? ' (held)' : ''}`;
      if (now.jobCount > before.jobCount) return `${taskLabel} submitted job ${now.jobCount}`;
      if (now.isHeld !== before.isHeld) return `${taskLabel} is ${now.isHeld ? 'held' : 'released'}`;
      if (now.isQueued !== before.isQueued) return `${taskLabel} is ${now.isQueued ? 'queued' : 'no longer queued'}`;
      if (now.taskCount > before.taskCount) return `${now.taskCount - before.taskCount} task(s) spawned`;
      return undefined;
    }
    case 'workflow-status': {
      const status = observation.workflow?.status;
      return status && expect.statuses.includes(status) ? `workflow is ${status}` : undefined;
    }
    case 'all-held': {
      const tasks = observation.tasks;
      const held = tasks.filter((t) => t.isHeld).length;
      if (expect.held && tasks.length > 0 && held === tasks.length) return `all ${held} active tasks are held`;
      if (!expect.held && held === 0) return 'no task is held';
      return undefined;
    }
    case 'response':
    case 'none':
      return undefined;
  }
}

export type Outcome = 'sent' | 'done' | 'error';

export interface Verdict {
  readonly outcome: Outcome;
  readonly message: string;
}

function messagesOf(errors: unknown): string[] {
  if (!Array.isArray(errors)) return [];
  return errors.map((e: unknown) =>
    typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string'
      ? (e as { message: string }).message
      : JSON.stringify(e),
  );
}

/**
 * Reads the server's answer to a mutation. Cylc answers `{result: [{id,
 * response}]}` per field, where `response` is `[ok, message]` for queued
 * commands and `[modified, bad]` for broadcast. Anything unexpected is
 * reported as sent: the live data will tell.
 */
export function interpretResponse(request: ActionRequest, httpStatus: number, body: unknown): Verdict {
  const obj = typeof body === 'object' && body !== null ? (body as { data?: unknown; errors?: unknown; message?: unknown }) : {};
  // GraphQL errors, or the server's own `{status, code, message}` (e.g. 401 after the session ended).
  const errors = messagesOf(obj.errors);
  if (errors.length === 0 && typeof obj.message === 'string' && obj.message) errors.push(obj.message);
  if (httpStatus === 403) return { outcome: 'error', message: errors.join('; ') || 'Not allowed (403).' };
  if (httpStatus < 200 || httpStatus >= 300) {
    return {
      outcome: 'error',
      message: errors.join('; ') || (typeof body === 'string' && body ? body.slice(0, 300) : `The server answered ${httpStatus}.`),
    };
  }
  if (errors.length > 0) return { outcome: 'error', message: errors.join('; ') };
  const data = typeof obj.data === 'object' && obj.data !== null ? (obj.data as Record<string, unknown>) : undefined;
  // Not a GraphQL answer at all (say, a login page): nothing can be assumed to have been sent.
  if (!data || !(request.mutation in data)) return { outcome: 'error', message: 'The server gave an answer that is not a GraphQL result.' };
  const field = data[request.mutation];
  const result = typeof field === 'object' && field !== null ? (field as { result?: unknown }).result : undefined;
  const entries = Array.isArray(result) ? (result as unknown[]) : [];
  const problems: string[] = [];
  const notes: string[] = [];
  for (const entry of entries) {
    const response = typeof entry === 'object' && entry !== null ? (entry as { response?: unknown }).response : undefined;
    if (!Array.isArray(response)) continue;
    const [first, second] = response as JsonValue[];
    if (request.mutation === 'broadcast') {
      const bad = typeof second === 'object' && second !== null && !Array.isArray(second) ? Object.entries(second) : [];
      for (const [what, items] of bad)
        problems.push(`bad ${what.replace('_', ' ')}: ${Array.isArray(items) ? items.join(', ') : JSON.stringify(items)}`);
      if (Array.isArray(first)) notes.push(first.length > 0 ? `${first.length} setting(s) broadcast` : 'nothing was changed');
      if (first === false) problems.push(typeof second === 'string' ? second : 'refused');
      continue;
    }
    if (first === false) problems.push(typeof second === 'string' ? second : JSON.stringify(second));
    else if (typeof second === 'string' && second) notes.push(second);
  }
  if (problems.length > 0) return { outcome: 'error', message: problems.join('; ') };
  if (request.expect.kind === 'response') return { outcome: 'done', message: notes.join('; ') || 'done' };
  return { outcome: 'sent', message: `${request.verb}: sent${notes.length > 0 ? ` (${[...new Set(notes)].join('; ')})` : ''}` };
}
