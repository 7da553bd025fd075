/** A WorkflowSource holding real WorkflowStores, whose schedulers are played by the test. */
import { WorkflowStore, type EntireWorkflow, type JsonObject } from '@isobar/cylc-client';
import { parse, Kind } from 'graphql';
import { EventEmitter } from 'node:events';
import type { SourceWorkflow, WorkflowChange, WorkflowSource } from '../../src/graphql/source';

export class FakeWorkflow implements SourceWorkflow {
  readonly store = new WorkflowStore();
  readonly name: string;

  constructor(
    readonly id: string,
    public live: boolean,
    public status: string,
  ) {
    this.name = id.replace(/^~[^/]*\//, '');
  }
}

export interface ForwardedCall {
  readonly workflowId: string;
  readonly query: string;
  readonly variables: JsonObject;
  readonly authUser: string;
}

/** The one top-level field of a forwarded document. */
export function forwardedFieldName(query: string): string {
  const [operation] = parse(query).definitions;
  const [field] = operation?.kind === Kind.OPERATION_DEFINITION ? operation.selectionSet.selections : [];
  return field?.kind === Kind.FIELD ? field.name.value : '';
}

export class FakeSource extends EventEmitter<{ change: [WorkflowChange] }> implements WorkflowSource {
  private readonly workflows = new Map<string, FakeWorkflow>();
  readonly forwarded: ForwardedCall[] = [];
  rescans = 0;
  /** How the schedulers answer; by default as Cylc 8.0.2 does: "Command queued". */
  answer: (call: ForwardedCall) => Promise<Record<string, unknown>> = (call) =>
    Promise.resolve({ [forwardedFieldName(call.query)]: { result: [{ id: call.workflowId, response: [true, 'Command queued'] }] } });

  add(entire: EntireWorkflow, live = true): FakeWorkflow {
    const id = entire.workflow?.id;
    if (id === undefined) throw new Error('fixture without a workflow id');
    const workflow = new FakeWorkflow(id, live, live ? (entire.workflow?.status ?? 'running') : 'stopped');
    workflow.store.loadEntire(entire);
    this.workflows.set(id, workflow);
    return workflow;
  }

  workflow(id: string): FakeWorkflow {
    const workflow = this.workflows.get(id);
    if (workflow === undefined) throw new Error(`no workflow ${id}`);
    return workflow;
  }

  list(): readonly SourceWorkflow[] {
    return [...this.workflows.values()];
  }

  get(id: string): SourceWorkflow | undefined {
    return this.workflows.get(id);
  }

  graphql(id: string, query: string, variables: JsonObject, authUser: string): Promise<Record<string, unknown>> {
    const call = { workflowId: id, query, variables, authUser };
    this.forwarded.push(call);
    return this.answer(call);
  }

  rescan(): Promise<void> {
    this.rescans++;
    return Promise.resolve();
  }

  /** Tells listeners, as the monitor does after changing a store. */
  change(change: Partial<WorkflowChange> & { readonly workflowId: string }): void {
    this.emit('change', { reset: false, workflowUpdated: false, updated: {}, pruned: {}, ...change });
  }

  remove(id: string): void {
    this.workflows.delete(id);
    this.change({ workflowId: id, reset: true, removed: true });
  }
}
