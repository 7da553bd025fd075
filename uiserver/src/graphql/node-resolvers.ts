/**
 * Task proxies, jobs, definitions, family proxies and edges: the fields that
 * refer to other elements by ID (a task proxy's `jobs`, a job's
 * `taskProxy`…) are looked up in the same workflow's store.
 */
import type { DataElement, ElementType } from '@isobar/cylc-client';
import type { GraphQLContext } from './context';
import { elementById, elementsByIds, listOf, storeOf } from './elements';
import { presentStrings, type NodeFilterArgs, type NodeKind } from './filters';
import { isRecord, parseJsonField, stateTotals } from './json-fields';
import type { Resolve, ResolverMap } from './resolver-map';
import { sortElements, type SortArgs } from './sorting';

/** A field holding one element's ID → that element. */
function referenced(type: ElementType, field: string): Resolve<DataElement> {
  return (element, _args, context) => elementById(context, type, element[field]) ?? null;
}

/** A field holding element IDs → those elements, filtered by the field's arguments. */
function referencedList(type: ElementType, field: string, kind: NodeKind): Resolve<DataElement, NodeFilterArgs> {
  return (element, args, context) => listOf(context, elementsByIds(context, element, type, element[field]), kind, args);
}

function jsonField(field: string): Resolve<DataElement> {
  return (element) => parseJsonField(element[field]);
}

interface MappingArgs {
  readonly sort?: SortArgs | null;
  readonly sortOrder?: readonly (string | null)[] | null;
  readonly limit?: number | null;
  readonly satisfied?: boolean | null;
}

/** Outputs and triggers are maps; Cylc lists them, `sortOrder` keys first (resolve_mapping_to_list). */
function mappingAsList(field: string): Resolve<DataElement, MappingArgs> {
  return (element, args) => {
    const mapping = element[field];
    if (!isRecord(mapping)) return [];
    const ordered = new Map<string, unknown>();
    for (const key of presentStrings(args.sortOrder)) if (key in mapping) ordered.set(key, mapping[key]);
    for (const [key, value] of Object.entries(mapping)) if (!ordered.has(key)) ordered.set(key, value);
    const wanted = args.satisfied;
    const values = [...ordered.values()]
      .filter(isRecord)
      .filter((value) => typeof wanted !== 'boolean' || (value['satisfied'] === true) === wanted);
    const sorted = sortElements(values, args.sort);
    return args.limit ? sorted.slice(0, args.limit) : sorted;
  };
}

/** An edge's ends are task proxies or family proxies. */
function proxyNode(field: string): Resolve<DataElement> {
  return (edge, _args, context) => {
    const id = edge[field];
    if (typeof id !== 'string') return null;
    const store = storeOf(context, id);
    return store?.elements.task_proxies.get(id) ?? store?.elements.family_proxies.get(id) ?? null;
  };
}

export const NODE_RESOLVERS: ResolverMap = {
  TaskProxy: {
    task: referenced('tasks', 'task'),
    jobs: referencedList('jobs', 'jobs', 'job'),
    firstParent: referenced('family_proxies', 'first_parent'),
    ancestors: referencedList('family_proxies', 'ancestors', 'proxy'),
    outputs: mappingAsList('outputs'),
    externalTriggers: mappingAsList('external_triggers'),
    xtriggers: mappingAsList('xtriggers'),
  },
  Job: {
    taskProxy: referenced('task_proxies', 'task_proxy'),
    environment: jsonField('environment'),
    directives: jsonField('directives'),
    paramVar: jsonField('param_var'),
  },
  Task: {
    proxies: referencedList('task_proxies', 'proxies', 'proxy'),
    parents: referencedList('families', 'parents', 'definition'),
    firstParent: referenced('families', 'first_parent'),
  },
  Family: {
    proxies: referencedList('family_proxies', 'proxies', 'proxy'),
    parents: referencedList('families', 'parents', 'definition'),
    childTasks: referencedList('tasks', 'child_tasks', 'definition'),
    childFamilies: referencedList('families', 'child_families', 'definition'),
    firstParent: referenced('families', 'first_parent'),
  },
  FamilyProxy: {
    family: referenced('families', 'family'),
    stateTotals: (proxy: DataElement) => stateTotals(proxy['state_totals']),
    childTasks: referencedList('task_proxies', 'child_tasks', 'proxy'),
    childFamilies: referencedList('family_proxies', 'child_families', 'proxy'),
    firstParent: referenced('family_proxies', 'first_parent'),
    ancestors: referencedList('family_proxies', 'ancestors', 'proxy'),
  },
  Edge: {
    sourceNode: proxyNode('source'),
    targetNode: proxyNode('target'),
  },
  NodeMeta: {
    userDefined: jsonField('user_defined'),
  },
  Condition: {
    taskId: (condition: DataElement) => condition['task_proxy'] ?? '',
  },
};

/** `Node` (an edge's end): which of the two maps holds it decides its type. */
export function resolveNodeType(value: DataElement, context: GraphQLContext): string {
  const id = value.id;
  return id !== undefined && storeOf(context, id)?.elements.task_proxies.has(id) === true ? 'TaskProxy' : 'FamilyProxy';
}
