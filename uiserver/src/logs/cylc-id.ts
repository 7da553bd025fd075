import { checkCyclePoint, checkSubmitNumber, checkTaskName, InvalidNameError, parseWorkflowName } from './names';

/**
 * The Cylc IDs the log API understands:
 * `~owner/name[/run]`, `~owner/name/run//cycle/task`,
 * `~owner/name/run//cycle/task/NN` (the `~owner/` part may be left out).
 */
export type CylcId = WorkflowId | TaskId | JobId;

export interface WorkflowId {
  readonly kind: 'workflow';
  readonly owner: string;
  /** `clouds/run1`, or `clouds` for the latest run. */
  readonly workflow: string;
  readonly workflowSegments: readonly string[];
}

export interface TaskId extends Omit<WorkflowId, 'kind'> {
  readonly kind: 'task';
  readonly cycle: string;
  readonly task: string;
}

export interface JobId extends Omit<TaskId, 'kind'> {
  readonly kind: 'job';
  /** `01`, `02`, … or `NN` (the latest submit). */
  readonly submit: string;
}

/** Longer IDs are typos or attacks; the longest legal parts add up to far less. */
const ID_MAX = 1024;

/** The ID is malformed (answered 400). */
export class InvalidCylcIdError extends InvalidNameError {
  override readonly name: string = 'InvalidCylcIdError';
}

/**
 * The ID names another owner's workflow: this server runs as its owner
 * only, so such a workflow does not exist here (answered 404).
 */
export class ForeignOwnerError extends Error {
  override readonly name = 'ForeignOwnerError';
  constructor(readonly id: string) {
    super(`No workflow ${id} on this server.`);
  }
}

/** Parse and check `text`; `serverOwner` is whose workflows this server holds. */
export function parseCylcId(text: string, serverOwner: string): CylcId {
  if (text.length === 0 || text.length > ID_MAX) throw new InvalidCylcIdError(`an ID has 1 to ${ID_MAX} characters`);
  const { owner, rest } = splitOwner(text, serverOwner);
  const halves = rest.split('//');
  if (halves.length > 2) throw new InvalidCylcIdError('an ID has at most one "//" (between the workflow and the cycle point)');
  const [workflow = '', relative] = halves;
  const workflowSegments = checked(() => parseWorkflowName(workflow));
  const base = { owner, workflow, workflowSegments };
  if (relative === undefined) return { kind: 'workflow', ...base };
  const parts = relative.split('/');
  if (parts.length < 2 || parts.length > 3) {
    throw new InvalidCylcIdError('after "//" an ID names a cycle point and a task, and optionally a submit number (//1/climb/01)');
  }
  const [cycle = '', task = '', submit] = parts;
  const taskId: TaskId = { kind: 'task', ...base, cycle: checked(() => checkCyclePoint(cycle)), task: checked(() => checkTaskName(task)) };
  if (submit === undefined) return taskId;
  return { ...taskId, kind: 'job', submit: checked(() => checkSubmitNumber(submit)) };
}

/** The canonical text of an ID, always with its owner. */
export function formatCylcId(id: CylcId): string {
  const workflow = `~${id.owner}/${id.workflow}`;
  if (id.kind === 'workflow') return workflow;
  const task = `${workflow}//${id.cycle}/${id.task}`;
  return id.kind === 'task' ? task : `${task}/${id.submit}`;
}

function splitOwner(text: string, serverOwner: string): { owner: string; rest: string } {
  if (!text.startsWith('~')) return { owner: serverOwner, rest: text };
  const slash = text.indexOf('/');
  const owner = slash < 0 ? text.slice(1) : text.slice(1, slash);
  if (owner === '') throw new InvalidCylcIdError('"~" starts an owner name, as in ~alice/clouds/run1');
  if (slash < 0) throw new InvalidCylcIdError('an ID names a workflow after its owner, as in ~alice/clouds/run1');
  // Checked before the rest: another owner's IDs get the same answer however they are spelt.
  if (owner !== serverOwner) throw new ForeignOwnerError(text);
  return { owner, rest: text.slice(slash + 1) };
}

/** Re-raise a part's complaint as a complaint about the ID. */
function checked<T>(check: () => T): T {
  try {
    return check();
  } catch (err) {
    if (err instanceof InvalidNameError && !(err instanceof InvalidCylcIdError)) throw new InvalidCylcIdError(err.message);
    throw err;
  }
}
