/** The root queries, and `Workflow`/`Edges`, whose GraphQL source is the SourceWorkflow itself. */
import type { DataElement, ElementType } from '@isobar/cylc-client';
import { broadcastsFor } from './broadcasts';
import { ownerOf } from './cylc-id';
import { elementById, elementsOfWorkflows, listOf, matchingWorkflows } from './elements';
import { compileWorkflowFilter, presentStrings, type NodeFilterArgs, type NodeKind, type WorkflowFilterArgs } from './filters';
import { isRecord, stateTotals } from './json-fields';
import type { Resolve, ResolverMap } from './resolver-map';
import type { SourceWorkflow } from './source';

interface IdArgs {
  readonly id: string;
}

interface IdListArgs {
  readonly ids?: readonly (string | null)[] | null;
  readonly exids?: readonly (string | null)[] | null;
}

interface StatesArgs {
  readonly states?: readonly (string | null)[] | null;
}

function byId(type: ElementType): Resolve<unknown, IdArgs> {
  return (_root, args, context) => elementById(context, type, args.id) ?? null;
}

function acrossWorkflows(type: ElementType, kind: NodeKind): Resolve<unknown, WorkflowFilterArgs & NodeFilterArgs> {
  return (_root, args, context) => listOf(context, elementsOfWorkflows(matchingWorkflows(context, args), type), kind, args);
}

function ofWorkflow(type: ElementType, kind: NodeKind): Resolve<SourceWorkflow, NodeFilterArgs> {
  return (w, args, context) => listOf(context, w.store.elements[type].values(), kind, args);
}

const workflows: Resolve<unknown, IdListArgs> = (_root, args, context) => {
  const keep = compileWorkflowFilter(args.ids, args.exids);
  const all = context.source.list();
  const list = keep === undefined ? [...all] : all.filter(keep);
  context.budget.charge(list.length);
  return list;
};

/** By full ID, or by name alone (there is only one owner here). */
const workflow: Resolve<unknown, IdArgs> = (_root, args, context) =>
  context.source.get(args.id) ?? context.source.list().find((w) => w.name === args.id) ?? null;

export const QUERY_RESOLVERS: ResolverMap = {
  Queries: {
    workflows,
    workflow,
    job: byId('jobs'),
    task: byId('tasks'),
    taskProxy: byId('task_proxies'),
    family: byId('families'),
    familyProxy: byId('family_proxies'),
    jobs: acrossWorkflows('jobs', 'job'),
    tasks: acrossWorkflows('tasks', 'definition'),
    taskProxies: acrossWorkflows('task_proxies', 'proxy'),
    families: acrossWorkflows('families', 'definition'),
    familyProxies: acrossWorkflows('family_proxies', 'proxy'),
    edges: acrossWorkflows('edges', 'edge'),
  },
};

function latestStateTasks(held: unknown, states: readonly string[]): Record<string, unknown> {
  const tasks: Record<string, unknown> = {};
  if (!isRecord(held)) return tasks;
  for (const state of states) {
    const refs = held[state];
    if (isRecord(refs)) tasks[state] = Array.isArray(refs['task_proxies']) ? refs['task_proxies'] : [];
  }
  return tasks;
}

function edgeSummary(w: SourceWorkflow, name: string): unknown[] {
  const summary = w.store.workflow?.['edges'];
  const value = isRecord(summary) ? summary[name] : undefined;
  return Array.isArray(value) ? value : [];
}

export const WORKFLOW_RESOLVERS: ResolverMap = {
  Workflow: {
    id: (w: SourceWorkflow) => w.id,
    name: (w: SourceWorkflow) => w.name,
    // The monitor's status: the scheduler's while connected, "stopped" otherwise.
    status: (w: SourceWorkflow) => w.status,
    owner: (w: SourceWorkflow) => {
      const owner = w.store.workflow?.owner;
      return typeof owner === 'string' && owner !== '' ? owner : (ownerOf(w.id) ?? '');
    },
    tasks: ofWorkflow('tasks', 'definition'),
    families: ofWorkflow('families', 'definition'),
    taskProxies: ofWorkflow('task_proxies', 'proxy'),
    familyProxies: ofWorkflow('family_proxies', 'proxy'),
    jobs: ofWorkflow('jobs', 'job'),
    // `Edges` reads the same workflow: its edge elements and the workflow's edge summary.
    edges: (w: SourceWorkflow) => w,
    stateTotals: (w: SourceWorkflow) => stateTotals(w.store.workflow?.['state_totals']),
    latestStateTasks: (w: SourceWorkflow, args: StatesArgs) =>
      latestStateTasks(w.store.workflow?.['latest_state_tasks'], presentStrings(args.states)),
    broadcasts: (w: SourceWorkflow, args: IdListArgs) => broadcastsFor(w, presentStrings(args.ids)),
  },
  Edges: {
    edges: ofWorkflow('edges', 'edge'),
    workflowPollingTasks: (w: SourceWorkflow) => edgeSummary(w, 'workflow_polling_tasks'),
    leaves: (w: SourceWorkflow) => edgeSummary(w, 'leaves'),
    feet: (w: SourceWorkflow) => edgeSummary(w, 'feet'),
  },
};

/** Where the plain fields of a Workflow are: the store's workflow element. */
export function workflowFields(w: SourceWorkflow): DataElement | undefined {
  return w.store.workflow;
}
