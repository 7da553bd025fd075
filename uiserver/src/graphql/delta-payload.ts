/**
 * The source of one `deltas` message for one workflow: Cylc's `Deltas`
 * (added / updated / pruned) plus `reset`. Built once per workflow and
 * burst, then executed once per distinct subscription document.
 */
import type { DataElement, ElementType, WorkflowStore } from '@isobar/cylc-client';
import { ELEMENT_TYPE_LIST, perElementType } from './element-types';
import type { PendingChange } from './pending-change';
import type { SourceWorkflow } from './source';

export type ElementLists = Readonly<Record<ElementType, readonly DataElement[]>>;
export type IdLists = Readonly<Record<ElementType, readonly string[]>>;

export interface DeltaSet {
  readonly workflow: SourceWorkflow | null;
  readonly elements: ElementLists;
}

export interface PrunedSet {
  readonly workflow: string | null;
  readonly ids: IdLists;
}

export interface DeltaRoot {
  readonly id: string;
  readonly reset: boolean;
  readonly shutdown: boolean;
  readonly added: DeltaSet;
  readonly updated: DeltaSet;
  readonly pruned: PrunedSet;
}

/** The root value a subscription document is executed against. */
export interface SubscriptionRoot {
  readonly deltas: DeltaRoot;
}

const NO_ELEMENTS: ElementLists = perElementType(() => []);
const NO_IDS: IdLists = perElementType(() => []);
const NOTHING: DeltaSet = { workflow: null, elements: NO_ELEMENTS };
const NOTHING_PRUNED: PrunedSet = { workflow: null, ids: NO_IDS };

/**
 * The element IDs subscribers have been told about, per workflow: an ID
 * updated in a burst is "added" if it was not among them, else "updated".
 */
export class KnownIds {
  private readonly ids = perElementType(() => new Set<string>());

  static of(store: WorkflowStore): KnownIds {
    const known = new KnownIds();
    for (const type of ELEMENT_TYPE_LIST) for (const id of store.elements[type].keys()) known.ids[type].add(id);
    return known;
  }

  has(type: ElementType, id: string): boolean {
    return this.ids[type].has(id);
  }

  add(type: ElementType, id: string): void {
    this.ids[type].add(id);
  }

  /** True if it was known. */
  delete(type: ElementType, id: string): boolean {
    return this.ids[type].delete(id);
  }
}

/** Everything the store holds, as `added`, with `reset: true`. */
export function resetDeltas(workflow: SourceWorkflow): DeltaRoot {
  const elements = perElementType((type) => [...workflow.store.elements[type].values()]);
  return { id: workflow.id, reset: true, shutdown: false, added: { workflow, elements }, updated: NOTHING, pruned: NOTHING_PRUNED };
}

/** The workflow has gone: forget it. */
export function removalDeltas(workflowId: string): DeltaRoot {
  return {
    id: workflowId,
    reset: true,
    shutdown: true,
    added: NOTHING,
    updated: NOTHING,
    pruned: { workflow: workflowId, ids: NO_IDS },
  };
}

/** What changed in a burst, as whole current elements; updates `known` to what has now been told. */
export function changeDeltas(workflow: SourceWorkflow, pending: PendingChange, known: KnownIds): DeltaRoot {
  const added = perElementType((): DataElement[] => []);
  const updated = perElementType((): DataElement[] => []);
  const pruned = perElementType((): string[] => []);
  for (const type of ELEMENT_TYPE_LIST) {
    const held = workflow.store.elements[type];
    for (const id of pending.updatedIds(type)) {
      const element = held.get(id);
      if (element === undefined) continue;
      if (known.has(type, id)) updated[type].push(element);
      else {
        added[type].push(element);
        known.add(type, id);
      }
    }
    // An element added and pruned within the burst was never told, so is not pruned either.
    for (const id of pending.prunedIds(type)) if (known.delete(type, id)) pruned[type].push(id);
  }
  return {
    id: workflow.id,
    reset: false,
    shutdown: false,
    added: { workflow: null, elements: added },
    updated: { workflow: pending.workflowUpdated ? workflow : null, elements: updated },
    pruned: { workflow: null, ids: pruned },
  };
}
