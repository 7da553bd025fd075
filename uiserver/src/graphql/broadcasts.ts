/**
 * `Workflow.broadcasts(ids)`: the workflow's broadcasts (JSON kept in the
 * workflow element), or with `ids` (`1/foo`, `foo`) only those
 * that reach these tasks, through any of their namespaces, for their cycle
 * or all cycles (Cylc's resolve_broadcasts).
 */
import { parseNodePattern } from './cylc-id';
import { isRecord, parseJsonField } from './json-fields';
import type { SourceWorkflow } from './source';

/** The cycle point names Cylc broadcasts to "every cycle" under (ALL_CYCLE_POINTS_STRS). */
const ALL_CYCLES = ['*', 'all-cycle-points', 'all-cycles'];

type Broadcasts = Record<string, Record<string, unknown>>;

function namespacesOfTask(workflow: SourceWorkflow, name: string): Set<string> {
  const namespaces = new Set<string>();
  for (const task of workflow.store.elements.tasks.values()) {
    if (task['name'] !== name) continue;
    const namespace = task['namespace'];
    if (Array.isArray(namespace)) for (const ns of namespace) if (typeof ns === 'string') namespaces.add(ns);
  }
  return namespaces;
}

export function broadcastsFor(workflow: SourceWorkflow, ids: readonly string[]): unknown {
  const all = parseJsonField(workflow.store.workflow?.['broadcasts']);
  if (ids.length === 0 || !isRecord(all)) return all;
  const result: Broadcasts = {};
  for (const id of ids) {
    const pattern = parseNodePattern(id);
    // "foo" alone names a task in every cycle.
    const point = pattern.task === undefined ? '*' : (pattern.cycle ?? '*');
    const name = pattern.task ?? pattern.cycle;
    if (name === undefined) continue;
    const namespaces = namespacesOfTask(workflow, name);
    for (const cycle of new Set([...ALL_CYCLES, point])) {
      const forCycle = all[cycle];
      if (!isRecord(forCycle)) continue;
      for (const namespace of namespaces) {
        if (namespace in forCycle) (result[cycle] ??= {})[namespace] = forCycle[namespace];
      }
    }
  }
  return result;
}
