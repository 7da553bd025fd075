/**
 * A workflow's data store kept from `pb_entire_workflow` plus published
 * deltas, with the semantics of Cylc's own `apply_delta`
 * (cylc/flow/data_store_mgr.py): `added` replaces an element, `updated` is a
 * protobuf MergeFrom (scalars overwrite, sub-messages merge, repeated fields
 * append, map entries replace by key) except for fields Cylc marks to be
 * overwritten (CLEAR_FIELD_MAP), `pruned` deletes, `reloaded` starts the
 * type afresh. An update for an element not held is ignored, as Cylc does.
 *
 * Like Cylc's own UI server (cylc-uiserver's `_apply_all_delta` and
 * `_reconcile_update`), a per-type delta older than the last one applied to
 * that type is skipped, and after applying one its `checksum` is compared
 * with the checksum of what is now held: a mismatch means this copy has
 * diverged (a lost message, a delta published before the snapshot), and
 * the caller should fetch the type with `pb_data_elements` and
 * `replaceType()` it.
 */
import { elementsChecksum } from './checksum';
import { ELEMENT_TYPES } from './data-messages';
import type { AllDeltas, DataElement, ElementDeltas, ElementType, EntireWorkflow, WorkflowDeltas, WorkflowElement } from './data-messages';

/** Fields an update replaces instead of merging (Cylc's CLEAR_FIELD_MAP). */
export const OVERWRITTEN_FIELDS: Readonly<Record<ElementType | 'workflow', readonly string[]>> = {
  edges: [],
  families: [],
  family_proxies: ['state_totals', 'states'],
  jobs: [],
  tasks: [],
  task_proxies: ['prerequisites'],
  workflow: ['latest_state_tasks', 'state_totals', 'states'],
};

type Fields = Record<string, unknown>;

function isFields(x: unknown): x is Fields {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/**
 * MergeFrom on decoded messages. Maps and sub-messages are both plain objects
 * here: map values are replaced by key, which is MergeFrom for map<_, scalar>
 * and, for map<_, message>, what Cylc sends (whole entries).
 */
function merge(target: Fields, update: Fields, overwrite: readonly string[]): Fields {
  const out: Fields = { ...target };
  for (const [name, value] of Object.entries(update)) {
    const old = out[name];
    if (overwrite.includes(name) || old === undefined) out[name] = value;
    else if (Array.isArray(old) && Array.isArray(value)) out[name] = [...(old as unknown[]), ...(value as unknown[])];
    else if (isFields(old) && isFields(value)) out[name] = { ...old, ...value };
    else out[name] = value;
  }
  return out;
}

/** What `apply()` found. */
export interface ApplyResult {
  /** Types whose held elements no longer match the scheduler's checksum: resync them. */
  readonly mismatched: readonly ElementType[];
  /** Types whose delta was older than one already applied, so left out. */
  readonly stale: readonly ElementType[];
}

export class WorkflowStore {
  workflow: WorkflowElement | undefined;
  /** Whether the scheduler said the workflow was pruned (it has stopped). */
  workflowPruned = false;
  readonly elements: Readonly<Record<ElementType, Map<string, DataElement>>> = {
    families: new Map(),
    family_proxies: new Map(),
    jobs: new Map(),
    tasks: new Map(),
    task_proxies: new Map(),
    edges: new Map(),
  };
  /** Per type, the `time` of the last delta applied (0: none since the snapshot). */
  private readonly deltaTimes: Record<ElementType, number> = {
    families: 0,
    family_proxies: 0,
    jobs: 0,
    tasks: 0,
    task_proxies: 0,
    edges: 0,
  };

  /** Replaces everything with a `pb_entire_workflow` reply. */
  loadEntire(whole: EntireWorkflow): void {
    this.workflow = whole.workflow;
    this.workflowPruned = false;
    for (const type of ELEMENT_TYPES) {
      const map = this.elements[type];
      map.clear();
      for (const element of whole[type] ?? []) if (element.id !== undefined) map.set(element.id, element);
      // The snapshot carries no times; as in Cylc's UI server, any delta after it applies.
      this.deltaTimes[type] = 0;
    }
  }

  /**
   * Replaces all elements of one type, as fetched with `pb_data_elements`
   * after a mismatch; `time` is that reply's `time`, so deltas older than
   * the fetched state are then skipped.
   */
  replaceType(type: ElementType, elements: readonly DataElement[], time = 0): void {
    const map = this.elements[type];
    map.clear();
    for (const element of elements) if (element.id !== undefined) map.set(element.id, element);
    this.deltaTimes[type] = time;
  }

  /** The checksum of the elements held of one type, as the scheduler computes it. */
  checksum(type: ElementType): number {
    return elementsChecksum(type, this.elements[type].values());
  }

  /** Applies one published `all` message and reports the types to resync. */
  apply(deltas: AllDeltas): ApplyResult {
    const mismatched: ElementType[] = [];
    const stale: ElementType[] = [];
    if (deltas.workflow !== undefined) this.applyWorkflow(deltas.workflow);
    for (const type of ELEMENT_TYPES) {
      const delta = deltas[type];
      if (delta === undefined) continue;
      // A reload starts the type afresh, so any time is newer than what was held.
      if (delta.reloaded === true) this.deltaTimes[type] = 0;
      const time = delta.time ?? 0;
      if (time < this.deltaTimes[type]) {
        stale.push(type);
        continue;
      }
      this.applyElements(type, delta);
      this.deltaTimes[type] = time;
      // Cylc's UI server does not verify reloaded deltas; a delta without a
      // checksum (not from a scheduler) has nothing to verify against.
      if (delta.reloaded !== true && delta.checksum !== undefined && this.checksum(type) !== delta.checksum) mismatched.push(type);
    }
    return { mismatched, stale };
  }

  private applyWorkflow(delta: WorkflowDeltas): void {
    if (delta.added !== undefined && Object.keys(delta.added).length > 0) this.workflow = delta.added;
    if (delta.updated !== undefined) {
      this.workflow = merge(this.workflow ?? {}, delta.updated, OVERWRITTEN_FIELDS.workflow) as WorkflowElement;
    }
    if (delta.pruned !== undefined) this.workflowPruned = true;
  }

  private applyElements(type: ElementType, delta: ElementDeltas): void {
    const map = this.elements[type];
    if (delta.reloaded === true) map.clear();
    for (const element of delta.added ?? []) if (element.id !== undefined) map.set(element.id, element);
    for (const element of delta.updated ?? []) {
      const held = element.id === undefined ? undefined : map.get(element.id);
      if (held === undefined || element.id === undefined) continue;
      map.set(element.id, merge(held, element, OVERWRITTEN_FIELDS[type]) as DataElement);
    }
    for (const id of delta.pruned ?? []) map.delete(id);
  }
}
