/** `deltas` and its `Added`/`Updated`/`Pruned`, read from a DeltaRoot built for the burst. */
import type { ElementType } from '@isobar/cylc-client';
import type { DeltaRoot, DeltaSet, PrunedSet, SubscriptionRoot } from './delta-payload';
import { listOf } from './elements';
import type { NodeFilterArgs, NodeKind } from './filters';
import type { Resolve, ResolverMap } from './resolver-map';

function deltaList(type: ElementType, kind: NodeKind): Resolve<DeltaSet, NodeFilterArgs> {
  return (set, args, context) => listOf(context, set.elements[type], kind, args);
}

function prunedIds(type: ElementType): Resolve<PrunedSet> {
  return (set) => set.ids[type];
}

const DELTA_SET_RESOLVERS = {
  workflow: (set: DeltaSet) => set.workflow,
  families: deltaList('families', 'definition'),
  familyProxies: deltaList('family_proxies', 'proxy'),
  jobs: deltaList('jobs', 'job'),
  tasks: deltaList('tasks', 'definition'),
  taskProxies: deltaList('task_proxies', 'proxy'),
  edges: deltaList('edges', 'edge'),
};

export const DELTA_RESOLVERS: ResolverMap = {
  Subscriptions: {
    deltas: (root: SubscriptionRoot) => root.deltas,
  },
  Deltas: {
    id: (root: DeltaRoot) => root.id,
    reset: (root: DeltaRoot) => root.reset,
    shutdown: (root: DeltaRoot) => root.shutdown,
    added: (root: DeltaRoot) => root.added,
    updated: (root: DeltaRoot) => root.updated,
    pruned: (root: DeltaRoot) => root.pruned,
  },
  Added: DELTA_SET_RESOLVERS,
  Updated: DELTA_SET_RESOLVERS,
  Pruned: {
    workflow: (set: PrunedSet) => set.workflow,
    families: prunedIds('families'),
    familyProxies: prunedIds('family_proxies'),
    jobs: prunedIds('jobs'),
    tasks: prunedIds('tasks'),
    taskProxies: prunedIds('task_proxies'),
    edges: prunedIds('edges'),
  },
};
