/**
 * What changed in a workflow's store, as reported to listeners: which
 * elements to send again and which to forget. Computed where the store is
 * changed (a published delta, a resync of one type, a reload), so readers
 * never have to diff whole stores themselves.
 */
import { ELEMENT_TYPES } from './data-messages';
import type { AllDeltas, DataElement, ElementType } from './data-messages';
import type { ApplyResult, WorkflowStore } from './store';

export type IdsByType = Partial<Record<ElementType, readonly string[]>>;

export interface WorkflowChange {
  readonly workflowId: string;
  /** The whole store was replaced (first load, resync of everything, restart, stop): send everything again. */
  readonly reset: boolean;
  readonly workflowUpdated: boolean;
  /** ids added or updated, per element type, since the last change event. */
  readonly updated: IdsByType;
  readonly pruned: IdsByType;
  /** false when the workflow first appears in ~/cylc-run, true when it disappears from it. */
  readonly removed?: boolean;
}

export function resetChange(workflowId: string, removed?: boolean): WorkflowChange {
  return { workflowId, reset: true, workflowUpdated: true, updated: {}, pruned: {}, ...(removed === undefined ? {} : { removed }) };
}

/** Nothing to tell anyone: no reset, no workflow update, no ids. */
export function isEmptyChange(change: WorkflowChange): boolean {
  const none = (ids: IdsByType): boolean => Object.values(ids).every((list) => list.length === 0);
  return !change.reset && !change.workflowUpdated && none(change.updated) && none(change.pruned) && change.removed === undefined;
}

/** The ids and stamps held of one type, to compare with after a wholesale replacement. */
export function stampsOf(elements: ReadonlyMap<string, DataElement>): Map<string, string | undefined> {
  const stamps = new Map<string, string | undefined>();
  for (const [id, element] of elements) stamps.set(id, element.stamp);
  return stamps;
}

/** Elements new or with a new stamp (stamps change with every update), and ids no longer held. */
export function diffStamps(
  before: ReadonlyMap<string, string | undefined>,
  after: ReadonlyMap<string, DataElement>,
): { updated: string[]; pruned: string[] } {
  const updated: string[] = [];
  for (const [id, element] of after) {
    // Edges have no stamp, so one held before cannot be told unchanged: it is reported again.
    if (!before.has(id) || before.get(id) !== element.stamp || element.stamp === undefined) updated.push(id);
  }
  const pruned = [...before.keys()].filter((id) => !after.has(id));
  return { updated, pruned };
}

/** Replaces one type (a resync) and reports exactly what differs from what was held. */
export function replaceTypeWithChange(
  store: WorkflowStore,
  workflowId: string,
  type: ElementType,
  elements: readonly DataElement[],
  time: number | undefined,
): WorkflowChange {
  const before = stampsOf(store.elements[type]);
  store.replaceType(type, elements, time);
  const { updated, pruned } = diffStamps(before, store.elements[type]);
  return {
    workflowId,
    reset: false,
    workflowUpdated: false,
    updated: withoutEmpty({ [type]: updated }),
    pruned: withoutEmpty({ [type]: pruned }),
  };
}

/** Applies one published `all` message and reports its change alongside the store's own result. */
export function applyDeltasWithChange(
  store: WorkflowStore,
  workflowId: string,
  deltas: AllDeltas,
): { result: ApplyResult; change: WorkflowChange } {
  // A reloaded type is replaced wholesale: only a before/after comparison tells what went.
  const reloadedBefore = new Map<ElementType, Map<string, string | undefined>>();
  for (const type of ELEMENT_TYPES) if (deltas[type]?.reloaded === true) reloadedBefore.set(type, stampsOf(store.elements[type]));

  const result = store.apply(deltas);

  const updated: Partial<Record<ElementType, string[]>> = {};
  const pruned: Partial<Record<ElementType, string[]>> = {};
  for (const type of ELEMENT_TYPES) {
    const delta = deltas[type];
    if (delta === undefined || result.stale.includes(type)) continue;
    const held = store.elements[type];
    const before = reloadedBefore.get(type);
    if (before !== undefined) {
      const diff = diffStamps(before, held);
      updated[type] = diff.updated;
      pruned[type] = diff.pruned;
      continue;
    }
    // Updates of elements not held are ignored by the store, so they are not news either.
    const touched = [...(delta.added ?? []), ...(delta.updated ?? [])].map((e) => e.id).filter((id) => id !== undefined && held.has(id));
    updated[type] = [...new Set(touched as string[])];
    pruned[type] = [...new Set(delta.pruned ?? [])];
  }
  const change: WorkflowChange = {
    workflowId,
    reset: false,
    workflowUpdated: deltas.workflow !== undefined,
    updated: withoutEmpty(updated),
    pruned: withoutEmpty(pruned),
  };
  return { result, change };
}

function withoutEmpty(ids: Partial<Record<ElementType, string[]>>): IdsByType {
  return Object.fromEntries(Object.entries(ids).filter(([, list]) => list.length > 0));
}
