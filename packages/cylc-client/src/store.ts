/**
 * A workflow's data store kept from `pb_entire_workflow` plus published
 * deltas, with the semantics of Cylc's own `apply_delta`
 * (cylc/flow/data_store_mgr.py): `added` replaces an element, `updated` is a
 * protobuf MergeFrom (scalars overwrite, sub-messages merge, repeated fields
 * append, map entries replace by key) except for fields Cylc marks to be
 * overwritten (CLEAR_FIELD_MAP), `pruned` deletes, `reloaded` starts the
 * type afresh. An update for an element not held is ignored, as Cylc does;
 * the checksum check (a later step) catches the divergence.
 */
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

  /** Replaces everything with a `pb_entire_workflow` reply. */
  loadEntire(whole: EntireWorkflow): void {
    this.workflow = whole.workflow;
    this.workflowPruned = false;
    for (const type of ELEMENT_TYPES) {
      const map = this.elements[type];
      map.clear();
      for (const element of whole[type] ?? []) if (element.id !== undefined) map.set(element.id, element);
    }
  }

  /** Applies one published `all` message. */
  apply(deltas: AllDeltas): void {
    if (deltas.workflow !== undefined) this.applyWorkflow(deltas.workflow);
    for (const type of ELEMENT_TYPES) {
      const delta = deltas[type];
      if (delta !== undefined) this.applyElements(type, delta);
    }
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
