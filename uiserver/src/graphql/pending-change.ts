/**
 * The changes of one workflow since its last message, gathered over a
 * burst: element IDs only, since what is sent is read from the store when
 * the burst ends (whole current elements, never stale copies).
 */
import type { ElementType } from '@isobar/cylc-client';
import { perElementType } from './element-types';
import type { WorkflowChange } from './source';

export class PendingChange {
  /** Everything is sent again, so nothing else needs remembering. */
  reset = false;
  workflowUpdated = false;
  private readonly updated = perElementType(() => new Set<string>());
  private readonly pruned = perElementType(() => new Set<string>());

  absorb(change: WorkflowChange): void {
    if (this.reset) return;
    if (change.reset) {
      this.reset = true;
      for (const set of Object.values(this.updated)) set.clear();
      for (const set of Object.values(this.pruned)) set.clear();
      return;
    }
    if (change.workflowUpdated) this.workflowUpdated = true;
    // In order: an element pruned and then added again within a burst is held, and the reverse is gone.
    for (const [type, ids] of entries(change.updated)) {
      for (const id of ids) {
        this.updated[type].add(id);
        this.pruned[type].delete(id);
      }
    }
    for (const [type, ids] of entries(change.pruned)) {
      for (const id of ids) {
        this.pruned[type].add(id);
        this.updated[type].delete(id);
      }
    }
  }

  updatedIds(type: ElementType): ReadonlySet<string> {
    return this.updated[type];
  }

  prunedIds(type: ElementType): ReadonlySet<string> {
    return this.pruned[type];
  }
}

function entries(byType: Partial<Record<ElementType, readonly string[]>>): [ElementType, readonly string[]][] {
  return Object.entries(byType).filter((entry): entry is [ElementType, readonly string[]] => Array.isArray(entry[1]));
}
