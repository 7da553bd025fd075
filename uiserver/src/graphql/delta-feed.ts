/**
 * From store changes to subscription messages. Changes are gathered per
 * workflow for a short burst; when it ends, one DeltaRoot is built for the
 * workflow, executed once per distinct subscription key (document,
 * variables, visitor class) and the same serialised result goes to every
 * subscriber with that key. A subscriber not yet up to date with a workflow
 * (new, after a reset of the workflow, or after being skipped while slow)
 * gets a reset carrying everything instead of the burst's changes.
 */
import type { WorkflowIdentity } from './cylc-id';
import { KnownIds, changeDeltas, removalDeltas, resetDeltas, type DeltaRoot } from './delta-payload';
import { PendingChange } from './pending-change';
import type { WorkflowChange, WorkflowSource } from './source';

export interface FeedSubscriber {
  /** Subscribers with equal keys get the same messages, so share one execution. */
  readonly key: string;
  /** Workflows this subscriber is up to date with. */
  readonly synced: Set<string>;
  wants(workflow: WorkflowIdentity): boolean;
  /** Sends one message (the serialised execution result); false when it was skipped. */
  deliver(payloadJson: string): boolean;
}

/** Executes a subscriber's document against a DeltaRoot; the JSON result, or undefined when it failed (and was logged). */
export type DeltaExecutor<S extends FeedSubscriber> = (representative: S, root: DeltaRoot) => string | undefined;

export class DeltaFeed<S extends FeedSubscriber> {
  private readonly subscribers = new Set<S>();
  private readonly pending = new Map<string, PendingChange>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Per workflow, what up-to-date subscribers have been told (to tell `added` from `updated`). */
  private readonly known = new Map<string, KnownIds>();
  private executionCount = 0;
  private readonly listener = (change: WorkflowChange): void => this.onChange(change);

  constructor(
    private readonly source: WorkflowSource,
    private readonly execute: DeltaExecutor<S>,
    private readonly coalesceMs: number,
  ) {
    source.on('change', this.listener);
  }

  /** Executions of subscription documents so far. */
  get executions(): number {
    return this.executionCount;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  add(subscriber: S): void {
    this.subscribers.add(subscriber);
    this.scheduleWanted(subscriber);
  }

  remove(subscriber: S): void {
    this.subscribers.delete(subscriber);
  }

  /** The subscriber missed messages: everything again, for every workflow it wants. */
  resync(subscriber: S): void {
    subscriber.synced.clear();
    if (this.subscribers.has(subscriber)) this.scheduleWanted(subscriber);
  }

  close(): void {
    this.source.off('change', this.listener);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.subscribers.clear();
    this.pending.clear();
    this.known.clear();
  }

  private scheduleWanted(subscriber: S): void {
    for (const workflow of this.source.list()) if (subscriber.wants(workflow)) this.schedule(workflow.id, 0);
  }

  private onChange(change: WorkflowChange): void {
    if (this.subscribers.size === 0) {
      // Nobody to tell; whoever subscribes next starts with a reset.
      this.pending.clear();
      this.known.clear();
      return;
    }
    const id = change.workflowId;
    let pending = this.pending.get(id);
    if (pending === undefined) {
      pending = new PendingChange();
      this.pending.set(id, pending);
    }
    pending.absorb(change);
    this.schedule(id, this.coalesceMs);
  }

  /** A burst ends `delayMs` after its first change (not after its last), so a busy workflow is never starved. */
  private schedule(workflowId: string, delayMs: number): void {
    if (this.timers.has(workflowId)) return;
    const timer = setTimeout(() => {
      this.timers.delete(workflowId);
      this.flush(workflowId);
    }, delayMs);
    timer.unref();
    this.timers.set(workflowId, timer);
  }

  private flush(workflowId: string): void {
    const pending = this.pending.get(workflowId);
    this.pending.delete(workflowId);
    const workflow = this.source.get(workflowId);
    if (workflow === undefined) {
      this.flushRemoval(workflowId);
      return;
    }
    const interested = [...this.subscribers].filter((s) => s.wants(workflow));
    // Told of it before, and may no longer see it (its reading was taken away): it goes from their view.
    const lost = [...this.subscribers].filter((s) => s.synced.has(workflowId) && !interested.includes(s));
    if (lost.length > 0) {
      this.send(lost, removalDeltas(workflowId), workflowId);
      for (const s of lost) s.synced.delete(workflowId);
    }
    if (interested.length === 0) {
      this.known.delete(workflowId);
      return;
    }
    const known = this.known.get(workflowId);
    if (pending?.reset === true || known === undefined) for (const s of interested) s.synced.delete(workflowId);
    const current = interested.filter((s) => s.synced.has(workflowId));
    const fresh = interested.filter((s) => !s.synced.has(workflowId));
    if (pending !== undefined && known !== undefined && current.length > 0) {
      this.send(current, changeDeltas(workflow, pending, known), workflowId);
    }
    if (fresh.length > 0) {
      this.known.set(workflowId, KnownIds.of(workflow.store));
      this.send(fresh, resetDeltas(workflow), workflowId);
    }
  }

  private flushRemoval(workflowId: string): void {
    this.known.delete(workflowId);
    const told = [...this.subscribers].filter((s) => s.synced.has(workflowId));
    if (told.length === 0) return;
    this.send(told, removalDeltas(workflowId), workflowId);
    for (const s of told) s.synced.delete(workflowId);
  }

  private send(group: readonly S[], root: DeltaRoot, workflowId: string): void {
    const byKey = new Map<string, S[]>();
    for (const s of group) {
      const members = byKey.get(s.key);
      if (members === undefined) byKey.set(s.key, [s]);
      else members.push(s);
    }
    for (const members of byKey.values()) {
      const representative = members[0];
      if (representative === undefined) continue;
      this.executionCount++;
      const payload = this.execute(representative, root);
      for (const s of members) {
        // Up to date only if the message went out; a skipped one needs a reset later.
        if (payload !== undefined && s.deliver(payload)) s.synced.add(workflowId);
        else s.synced.delete(workflowId);
      }
    }
  }
}
