/**
 * The filter arguments of Cylc's list fields (`workflows`, `ids`, `states`,
 * `isHeld`, `mindepth`…), compiled once per field resolution into a
 * predicate, with the scheduler's semantics (cylc/flow/network/resolvers.py):
 * an empty list filters nothing, `ex…` lists exclude.
 */
import type { DataElement } from '@isobar/cylc-client';
import {
  parseDefinitionPattern,
  parseElementId,
  parseNodePattern,
  parseWorkflowPattern,
  tokensMatch,
  workflowMatches,
  type IdPattern,
  type IdTokens,
  type WorkflowIdentity,
} from './cylc-id';
import type { SortArgs } from './sorting';

type StringList = readonly (string | null)[] | null | undefined;

export interface WorkflowFilterArgs {
  readonly workflows?: StringList;
  readonly exworkflows?: StringList;
}

export interface NodeFilterArgs {
  readonly ids?: StringList;
  readonly exids?: StringList;
  readonly states?: StringList;
  readonly exstates?: StringList;
  readonly isHeld?: boolean | null;
  readonly isQueued?: boolean | null;
  readonly isRunahead?: boolean | null;
  readonly mindepth?: number | null;
  readonly maxdepth?: number | null;
  readonly sort?: SortArgs | null;
}

/** Task and family proxies; jobs; task and family definitions; edges. */
export type NodeKind = 'proxy' | 'job' | 'definition' | 'edge';

export type ElementFilter = (element: DataElement) => boolean;

export function presentStrings(list: StringList): string[] {
  return (list ?? []).filter((item): item is string => typeof item === 'string');
}

export type WorkflowFilter = (workflow: WorkflowIdentity) => boolean;

/** `workflows`/`exworkflows` (or `ids`/`exids` of `workflows`); undefined when it lets everything through. */
export function compileWorkflowFilter(include: StringList, exclude: StringList): WorkflowFilter | undefined {
  const wanted = presentStrings(include).map(parseWorkflowPattern);
  const unwanted = presentStrings(exclude).map(parseWorkflowPattern);
  if (wanted.length === 0 && unwanted.length === 0) return undefined;
  return (workflow) =>
    (wanted.length === 0 || wanted.some((p) => workflowMatches(p, workflow))) && !unwanted.some((p) => workflowMatches(p, workflow));
}

function stateOf(element: DataElement): string {
  const state = element['state'];
  return typeof state === 'string' ? state : '';
}

function numberField(element: DataElement, name: string): number {
  const value = element[name];
  return typeof value === 'number' ? value : 0;
}

function flagField(element: DataElement, name: string): boolean {
  return element[name] === true;
}

function tokensOf(kind: NodeKind, element: DataElement): IdTokens {
  const own = parseElementId(element.id ?? '');
  if (kind !== 'definition') return own;
  // Definitions are matched by name, as Cylc does, within their workflow.
  const name = element['name'];
  return { user: own.user, workflow: own.workflow, task: typeof name === 'string' ? name : undefined };
}

function idChecks(kind: NodeKind, args: NodeFilterArgs): ElementFilter[] {
  const parse = kind === 'definition' ? parseDefinitionPattern : parseNodePattern;
  const wanted: IdPattern[] = presentStrings(args.ids).map(parse);
  const unwanted: IdPattern[] = presentStrings(args.exids).map(parse);
  const hasState = kind !== 'definition';
  const checks: ElementFilter[] = [];
  if (wanted.length > 0) {
    checks.push((element) => {
      const tokens = tokensOf(kind, element);
      const state = hasState ? stateOf(element) : undefined;
      return wanted.some((p) => tokensMatch(p, tokens, state));
    });
  }
  if (unwanted.length > 0) {
    checks.push((element) => {
      const tokens = tokensOf(kind, element);
      const state = hasState ? stateOf(element) : undefined;
      return !unwanted.some((p) => tokensMatch(p, tokens, state));
    });
  }
  return checks;
}

function stateChecks(args: NodeFilterArgs): ElementFilter[] {
  const states = presentStrings(args.states);
  const exstates = presentStrings(args.exstates);
  const checks: ElementFilter[] = [];
  if (states.length > 0) checks.push((element) => states.includes(stateOf(element)));
  if (exstates.length > 0) checks.push((element) => !exstates.includes(stateOf(element)));
  return checks;
}

function flagChecks(args: NodeFilterArgs): ElementFilter[] {
  const checks: ElementFilter[] = [];
  const flags: [boolean | null | undefined, string][] = [
    [args.isHeld, 'is_held'],
    [args.isQueued, 'is_queued'],
    [args.isRunahead, 'is_runahead'],
  ];
  for (const [wanted, field] of flags) {
    if (typeof wanted === 'boolean') checks.push((element) => flagField(element, field) === wanted);
  }
  return checks;
}

function depthChecks(args: NodeFilterArgs): ElementFilter[] {
  const checks: ElementFilter[] = [];
  const min = args.mindepth ?? -1;
  const max = args.maxdepth ?? -1;
  if (min >= 0) checks.push((element) => numberField(element, 'depth') >= min);
  if (max >= 0) checks.push((element) => numberField(element, 'depth') <= max);
  return checks;
}

/** The predicate for a list field's arguments; undefined when it lets everything through. */
export function compileNodeFilter(kind: NodeKind, args: NodeFilterArgs): ElementFilter | undefined {
  // Cylc filters edges by nothing but their workflow.
  if (kind === 'edge') return undefined;
  const checks = [...idChecks(kind, args)];
  if (kind !== 'definition') checks.push(...stateChecks(args));
  if (kind === 'proxy') checks.push(...flagChecks(args));
  if (kind !== 'job') checks.push(...depthChecks(args));
  if (checks.length === 0) return undefined;
  if (checks.length === 1) return checks[0];
  return (element) => checks.every((check) => check(element));
}
