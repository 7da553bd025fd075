/**
 * Cylc's universal IDs (`~owner/workflow[:sel]//cycle[:sel]/task[:sel]/job[:sel]`)
 * as patterns for filters, matched the way the scheduler matches them
 * (cylc/flow/id.py and network/resolvers.py): every token given must
 * match (as a glob), tokens not given match anything, and a state selector
 * (`1/*:running`) must equal the element's state.
 */
import { globMatches } from './glob';

export interface IdTokens {
  readonly user?: string | undefined;
  readonly workflow?: string | undefined;
  readonly cycle?: string | undefined;
  readonly task?: string | undefined;
  readonly job?: string | undefined;
}

export interface IdPattern extends IdTokens {
  /** `~alice/clouds:running`: the workflow's status. */
  readonly workflowSelector?: string | undefined;
  /** The first of the cycle, task and job selectors: the element's state. */
  readonly stateSelector?: string | undefined;
}

export class InvalidIdError extends Error {
  override readonly name = 'InvalidIdError';
  constructor(id: string) {
    super(`Invalid Cylc identifier: ${id}`);
  }
}

const RELATIVE_MARK = '//';

/** The workflow part of any element's ID ("~u/w//1/a/01" → "~u/w"). */
export function workflowIdOf(id: string): string {
  const mark = id.indexOf(RELATIVE_MARK);
  return mark < 0 ? id : id.slice(0, mark);
}

/** "~owner/name" → "owner"; undefined without "~". */
export function ownerOf(workflowId: string): string | undefined {
  if (!workflowId.startsWith('~')) return undefined;
  const slash = workflowId.indexOf('/');
  return slash < 0 ? workflowId.slice(1) : workflowId.slice(1, slash);
}

function orUndefined(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/** "name:sel" → ["name", "sel"] */
function splitSelector(token: string | undefined): [string | undefined, string | undefined] {
  if (token === undefined) return [undefined, undefined];
  const colon = token.indexOf(':');
  if (colon < 0) return [orUndefined(token), undefined];
  return [orUndefined(token.slice(0, colon)), orUndefined(token.slice(colon + 1))];
}

interface WorkflowPart {
  readonly user?: string | undefined;
  readonly workflow?: string | undefined;
  readonly workflowSelector?: string | undefined;
}

function parseWorkflowPart(text: string): WorkflowPart {
  let rest = text.trim();
  let user: string | undefined;
  if (rest.startsWith('~')) {
    const slash = rest.indexOf('/');
    user = orUndefined(slash < 0 ? rest.slice(1) : rest.slice(1, slash));
    rest = slash < 0 ? '' : rest.slice(slash + 1);
  }
  const [workflow, workflowSelector] = splitSelector(rest);
  return { user, workflow, workflowSelector };
}

function parseRelativePart(text: string, original: string): Omit<IdPattern, 'user' | 'workflow' | 'workflowSelector'> {
  const parts = text.split('/');
  if (parts.length > 3) throw new InvalidIdError(original);
  const [cycle, cycleSelector] = splitSelector(parts[0]);
  const [task, taskSelector] = splitSelector(parts[1]);
  const [job, jobSelector] = splitSelector(parts[2]);
  return { cycle, task, job, stateSelector: cycleSelector ?? taskSelector ?? jobSelector };
}

/** A `workflows`/`exworkflows` filter: only the workflow part counts. */
export function parseWorkflowPattern(text: string): IdPattern {
  const mark = text.indexOf(RELATIVE_MARK);
  return parseWorkflowPart(mark < 0 ? text : text.slice(0, mark));
}

/**
 * An `ids`/`exids` filter of task proxies, family proxies or jobs. As in
 * Cylc, an ID without `~owner/` or `//` is relative (`1/climb`,
 * `1/clim*`, `2/climb/01`); a full one also names its workflow.
 */
export function parseNodePattern(text: string): IdPattern {
  const trimmed = text.trim();
  if (trimmed.startsWith(RELATIVE_MARK)) return parseRelativePart(trimmed.slice(RELATIVE_MARK.length), text);
  const mark = trimmed.indexOf(RELATIVE_MARK);
  if (!trimmed.startsWith('~') && mark < 0) return parseRelativePart(trimmed, text);
  const workflowPart = parseWorkflowPart(mark < 0 ? trimmed : trimmed.slice(0, mark));
  const relativePart = mark < 0 ? {} : parseRelativePart(trimmed.slice(mark + RELATIVE_MARK.length), text);
  return { ...workflowPart, ...relativePart };
}

/**
 * An `ids`/`exids` filter of task or family definitions: a name glob
 * (`clim*`), or with `//` also its workflow (`~alice/clouds/run1//clim*`).
 */
export function parseDefinitionPattern(text: string): IdPattern {
  const mark = text.indexOf(RELATIVE_MARK);
  if (mark < 0) return { task: orUndefined(text) };
  return { ...parseWorkflowPart(text.slice(0, mark)), task: orUndefined(text.slice(mark + RELATIVE_MARK.length)) };
}

/** The tokens of an element's own ID ("~u/w//1/a/01"). */
export function parseElementId(id: string): IdTokens {
  const mark = id.indexOf(RELATIVE_MARK);
  const workflowPart = parseWorkflowPart(mark < 0 ? id : id.slice(0, mark));
  if (mark < 0) return workflowPart;
  const [cycle, task, job] = id.slice(mark + RELATIVE_MARK.length).split('/');
  return { user: workflowPart.user, workflow: workflowPart.workflow, cycle, task, job };
}

/** A pattern with no token matches nothing: an empty filter must never mean "all". */
export function isNullPattern(pattern: IdPattern): boolean {
  return (
    pattern.user === undefined &&
    pattern.workflow === undefined &&
    pattern.cycle === undefined &&
    pattern.task === undefined &&
    pattern.job === undefined
  );
}

function tokenMatches(pattern: string | undefined, value: string | undefined): boolean {
  return pattern === undefined || (value !== undefined && globMatches(pattern, value));
}

export interface WorkflowIdentity {
  readonly id: string;
  readonly name: string;
  readonly status: string;
}

export function workflowMatches(pattern: IdPattern, workflow: WorkflowIdentity): boolean {
  if (isNullPattern(pattern)) return false;
  return (
    tokenMatches(pattern.user, ownerOf(workflow.id)) &&
    tokenMatches(pattern.workflow, workflow.name) &&
    (pattern.workflowSelector === undefined || pattern.workflowSelector === workflow.status)
  );
}

/** Whether an element with these ID tokens (and state, if it has one) matches. */
export function tokensMatch(pattern: IdPattern, tokens: IdTokens, state: string | undefined): boolean {
  if (isNullPattern(pattern)) return false;
  return (
    tokenMatches(pattern.user, tokens.user) &&
    tokenMatches(pattern.workflow, tokens.workflow) &&
    tokenMatches(pattern.cycle, tokens.cycle) &&
    tokenMatches(pattern.task, tokens.task) &&
    tokenMatches(pattern.job, tokens.job) &&
    (pattern.stateSelector === undefined || state === undefined || pattern.stateSelector === state)
  );
}
